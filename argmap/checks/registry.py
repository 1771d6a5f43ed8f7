"""Every rule, in one list: the only place a rule is registered."""

from __future__ import annotations

from argmap.checks import cycles, dialectic, schemes, structure, support, text
from argmap.checks.rule import Rule
from argmap.suggest import did_you_mean

RULES: tuple[Rule, ...] = (
    support.unsupported_claim,
    support.ungrounded_step,
    support.unwarranted_step,
    support.evidence_as_conclusion,
    support.redundant_assumption,
    cycles.circular_support,
    cycles.self_support,
    structure.orphan_node,
    structure.missing_thesis,
    structure.duplicate_claim,
    text.quote_not_found,
    text.uncited_evidence,
    text.unused_source,
    text.implicit_with_quote,
    text.unquoted_claim,
    dialectic.unanswered_attack,
    schemes.unknown_scheme,
    schemes.unasked_critical_question,
    schemes.unknown_question,
)
"""All rules, in the order of their codes."""

BY_NAME = {r.name: r for r in RULES}
BY_CODE = {r.code: r for r in RULES}


def find_rule(name_or_code: str) -> Rule | None:
    """Return the rule with this name or code (any case), or None.

    Examples:
        >>> find_rule("AM101").name, find_rule("unsupported-claim").code
        ('unsupported-claim', 'AM101')
    """
    return BY_NAME.get(name_or_code.lower()) or BY_CODE.get(name_or_code.upper())


def match_rules(selector: str) -> list[Rule]:
    """Return the rules a selector names: a rule name, a code, or a code prefix like `AM1`.

    Examples:
        >>> [r.name for r in match_rules("AM20")][:2]
        ['circular-support', 'self-support']
        >>> match_rules("ALL") == list(RULES)
        True
    """
    found = find_rule(selector)
    if found is not None:
        return [found]
    prefix = selector.upper()
    if prefix == "ALL":
        return list(RULES)
    return [r for r in RULES if r.code.startswith(prefix)] if prefix.startswith("AM") else []


def suggest_rule(selector: str) -> str | None:
    """Return a hint for a selector that names no rule."""
    return did_you_mean(selector, [*BY_NAME, *BY_CODE])
