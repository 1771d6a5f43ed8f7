"""Which rules run, how severe they are and what fails a check: settings from every layer.

Settings come, each overriding the one before, from the defaults, the ``[tool.argmap]``
table of the nearest ``pyproject.toml``, the map file's ``checks:`` section, and the
caller (the command line). In each layer, ``select`` (if given) chooses the rules anew
and ``ignore`` then drops some; ``fail-on`` replaces and ``severity`` adds.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from argmap.checks.findings import Severity
from argmap.checks.registry import RULES, match_rules, suggest_rule
from argmap.checks.rule import Rule
from argmap.errors import ConfigError, Location, Problem
from argmap.files import find_pyproject
from argmap.models import ArgumentMap, ChecksConfig
from argmap.suggest import did_you_mean


@dataclass(frozen=True)
class Profile:
    """Severities that fit one use of maps, laid under every other setting."""

    name: str
    purpose: str
    severity: Mapping[str, Severity]
    """Rule name → severity, for the rules whose severity differs from their default."""
    fail_on: Severity = Severity.ERROR
    off: frozenset[str] = frozenset()
    """The rules this profile does not run unless a setting selects them."""


PROFILES: dict[str, Profile] = {
    "analysis": Profile(
        "analysis",
        "analysing real texts: each rule at its default severity (a missing warrant is "
        "info), unasked critical questions not listed",
        {},
        off=frozenset({"unasked-critical-question"}),
    ),
    "coursework": Profile(
        "coursework",
        "students' reconstructions: warrants required, unquoted claims, assumptions "
        "also supported and schemes not in the catalogue are warned, unasked critical "
        "questions listed",
        {
            "unwarranted-step": Severity.ERROR,
            "unquoted-claim": Severity.WARNING,
            "redundant-assumption": Severity.WARNING,
            "unknown-scheme": Severity.WARNING,
        },
    ),
    "corpus": Profile(
        "corpus",
        "gold annotations converted from corpora (AIF, microtexts, essays): their leaf "
        "premises are the annotation's ground, so unsupported claims are info",
        {
            "unsupported-claim": Severity.INFO,
            "ungrounded-step": Severity.INFO,
        },
        off=frozenset({"unasked-critical-question"}),
    ),
}
"""The profiles by name; ``analysis`` is the default."""

DEFAULT_PROFILE = "analysis"


@dataclass(frozen=True)
class CheckSettings:
    """The settings of one check.

    Examples:
        >>> settings = CheckSettings(severity={"unwarranted-step": Severity.ERROR})
        >>> [r.name for r in settings.rules()][:3]
        ['unsupported-claim', 'ungrounded-step', 'unwarranted-step']
        >>> settings.severity_of(settings.rules()[2])
        <Severity.ERROR: 'error'>
    """

    enabled: frozenset[str] = frozenset(
        r.name for r in RULES if r.name not in PROFILES[DEFAULT_PROFILE].off
    )
    """The names of the rules that run."""
    profile: str = DEFAULT_PROFILE
    """The name of the profile the severities start from."""
    fail_on: Severity = Severity.ERROR
    severity: Mapping[str, Severity] = field(default_factory=dict)
    """Rule name → severity."""
    schemes: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    """The user's own schemes: name → critical questions (see ``argmap.schemes``)."""

    def rules(self) -> list[Rule]:
        """The rules these settings run, in the order of their codes."""
        return [r for r in RULES if r.name in self.enabled]

    def level_of(self, rule: Rule) -> str:
        """The severity of a rule's findings as `argmap rules` shows it, or ``off``.

        Examples:
            >>> from argmap.checks.registry import find_rule
            >>> rule = find_rule("unasked-critical-question")
            >>> coursework = CheckSettings.of_profile("coursework")
            >>> CheckSettings().level_of(rule), coursework.level_of(rule)
            ('off', 'info')
        """
        return str(self.severity_of(rule)) if rule.name in self.enabled else "off"

    def severity_of(self, rule: Rule) -> Severity:
        """The severity of a rule's findings under these settings."""
        found = self.severity.get(rule.name)
        if found is None:
            found = PROFILES[self.profile].severity.get(rule.name, rule.severity)
        return found

    @classmethod
    def of_profile(cls, name: str) -> CheckSettings:
        """The settings of a profile, before any other setting.

        Examples:
            >>> settings = CheckSettings.of_profile("coursework")
            >>> str(settings.severity_of(RULES[2]))
            'error'
        """
        profile = PROFILES[name]
        enabled = frozenset(r.name for r in RULES if r.name not in profile.off)
        return cls(enabled=enabled, profile=name, fail_on=profile.fail_on)

    def updated(self, config: ChecksConfig, where: Location | None = None) -> CheckSettings:
        """Return these settings with ``config`` laid over them (but for its ``profile``,
        which :func:`settings_for` chooses first, from every layer).

        Raises:
            ConfigError: ``config`` names a rule that does not exist.
        """
        problems = [
            unknown_rule(selector, where)
            for selector in [*(config.select or ()), *config.ignore, *config.severity]
            if not match_rules(selector)
        ]
        if problems:
            raise ConfigError(problems)
        severity = dict(self.severity)
        for selector, level in config.severity.items():
            for matched in match_rules(selector):
                severity[matched.name] = Severity(level)
        enabled = set(self.enabled)
        if config.select is not None:
            enabled = {r.name for s in config.select for r in match_rules(s)}
        enabled -= {r.name for s in config.ignore for r in match_rules(s)}
        schemes = {**self.schemes, **{k: tuple(v) for k, v in config.schemes.items()}}
        return replace(
            self,
            enabled=frozenset(enabled),
            fail_on=Severity(config.fail_on) if config.fail_on else self.fail_on,
            severity=severity,
            schemes=schemes,
        )


def unknown_rule(selector: str, where: Location | None) -> Problem:
    """The problem of a setting that names no rule."""
    return Problem(
        "unknown-rule",
        f"no rule is named `{selector}`",
        where,
        hint=suggest_rule(selector) or "`argmap rules` lists them",
    )


def read_pyproject(path: Path) -> ChecksConfig:
    """Read the ``[tool.argmap]`` table of a ``pyproject.toml``.

    Raises:
        ConfigError: the table is not valid settings.
    """
    where = Location(str(path))
    try:
        table: Any = tomllib.loads(path.read_text(encoding="utf-8"))["tool"]["argmap"]
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError, KeyError) as err:
        raise ConfigError(
            Problem("invalid-config", f"cannot read [tool.argmap]: {err}", where)
        ) from err
    if not isinstance(table, dict):
        raise ConfigError(Problem("invalid-config", "[tool.argmap] must be a table", where))
    try:
        return ChecksConfig.model_validate(table)
    except ValidationError as err:
        levels = [s.value for s in Severity]
        raise ConfigError(
            [
                Problem(
                    "invalid-config",
                    f"[tool.argmap] {'.'.join(map(str, e['loc']))}: {e['msg']}",
                    where,
                    hint=did_you_mean(
                        str(e.get("input")),
                        list(PROFILES) if e["loc"][:1] == ("profile",) else levels,
                    )
                    if e["type"] == "literal_error"
                    else None,
                )
                for e in err.errors(include_url=False)
            ]
        ) from err


def settings_for(
    amap: ArgumentMap,
    *,
    select: Iterable[str] | None = None,
    ignore: Iterable[str] = (),
    fail_on: Severity | str | None = None,
    severity: Mapping[str, Severity | str] | None = None,
    use_files: bool = True,
    profile: str | None = None,
) -> CheckSettings:
    """Work out the settings for checking ``amap``: files first, then the arguments.

    The profile named last (the caller's, else the map's, else ``pyproject.toml``'s,
    else ``analysis``) gives the severities that every layer's settings then change.
    ``use_files=False`` leaves out ``pyproject.toml`` and the map's ``checks:`` section.

    Raises:
        ConfigError: a setting names a rule or a profile that does not exist.
    """
    layers: list[tuple[ChecksConfig, Location | None]] = []
    if use_files:
        pyproject = find_pyproject(amap.base_dir or Path.cwd())
        if pyproject is not None:
            layers.append((read_pyproject(pyproject), Location(str(pyproject))))
        if amap.checks is not None:
            origin = amap.origin
            layers.append((amap.checks, origin.location(("checks",)) if origin else None))
    if profile is not None and profile not in PROFILES:
        raise ConfigError(
            Problem(
                "invalid-config",
                f"no profile is named `{profile}`",
                hint=did_you_mean(profile, list(PROFILES)) or f"profiles are {', '.join(PROFILES)}",
            )
        )
    chosen = profile or next(
        (c.profile for c, _ in reversed(layers) if c.profile is not None), DEFAULT_PROFILE
    )
    settings = CheckSettings.of_profile(chosen)
    for config, where in layers:
        settings = settings.updated(config, where)
    if isinstance(select, str):  # one selector, not its characters
        select = [select]
    if isinstance(ignore, str):
        ignore = [ignore]
    try:
        caller = ChecksConfig.model_validate(
            {
                "select": list(select) if select is not None else None,
                "ignore": list(ignore),
                "fail-on": Severity(fail_on).value if fail_on is not None else None,
                "severity": {k: Severity(v).value for k, v in (severity or {}).items()},
            }
        )
    except ValueError as err:  # a severity that is not error, warning or info
        levels = ", ".join(s.value for s in Severity)
        problem = Problem("invalid-config", f"{err}", hint=f"severities are {levels}")
        raise ConfigError(problem) from err
    return settings.updated(caller)
