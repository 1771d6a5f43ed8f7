"""Argumentation schemes and their critical questions: the catalogue `argmap schemes` shows.

The catalogue is data (``argmap/data/schemes.json``), read the first time it is needed,
never at import. A scheme is found by its name or an alias, in any case, with or without
"argument from", with spaces, underscores, hyphens or AIFdb's CamelCase:

Examples:
    >>> expert = catalogue().find("ExpertOpinion")
    >>> expert.name, catalogue().find("argument_from-expert opinion") is expert
    ('Argument From Expert Opinion', True)
    >>> print(expert.questions[1])
    CQ2: Is {D}, the field of {E}'s expertise, the field that {A} belongs to?
    >>> catalogue().suggest("argument from sing")
    'did you mean `Argument From Sign`?'
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from argmap.suggest import closest

_DATA = Path(__file__).parent / "data" / "schemes.json"
"""The catalogue's data, installed with the package (read directly: importlib.resources
costs milliseconds at start-up)."""

KINDS = ("support", "attack", "deductive", "fallacy")
"""What a scheme does: supports its conclusion, attacks an argument or arguer, is a rule
of deductive logic, or names a fallacy."""


@dataclass(frozen=True, slots=True)
class Question:
    """A critical question of a scheme, with its label (``CQ1``, ``CQ2``, ...)."""

    label: str
    text: str

    def __str__(self) -> str:
        return f"{self.label}: {self.text}"


@dataclass(frozen=True)
class Scheme:
    """An argumentation scheme: the form of its premises and conclusion, and the questions
    that test an argument of that form. Placeholders such as ``{E}`` stand in braces."""

    name: str
    questions: tuple[Question, ...] = ()
    premises: tuple[str, ...] = ()
    conclusion: str | None = None
    aliases: tuple[str, ...] = ()
    kind: str = "support"
    note: str | None = None
    custom: bool = False
    """Defined by the settings (``schemes:`` in ``checks:`` or ``[tool.argmap]``)."""

    def question(self, label: str) -> Question | None:
        """Return the question with this label (any case: ``cq2``), or None.

        Examples:
            >>> catalogue().find("sign").question("cq3").label
            'CQ3'
        """
        wanted = label.strip().upper()
        return next((q for q in self.questions if q.label == wanted), None)


def _questions(texts: Iterable[str]) -> tuple[Question, ...]:
    return tuple(Question(f"CQ{n}", text) for n, text in enumerate(texts, 1))


_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])")
_BRACKETS = re.compile(r"\([^)]*\)|\[[^\]]*\]")
_NOT_WORD = re.compile(r"[\W_]+")
_LEAD = re.compile(
    r"^(?:(?:the |an? )?(?:arguments?|appeals?|inferences?|reasoning|argumentation) "
    r"(?:from|by|to|of|in) )?(?:the |an? )?"
)
_TRAIL = re.compile(r" (?:arguments?|schemes?|argumentation)$")


def scheme_key(name: str) -> str:
    """Reduce a scheme's name to the key it is looked up by.

    Case, CamelCase, underscores, hyphens, apostrophes, remarks in brackets, a leading
    "argument from" (by, to; "appeal to") or article and a trailing "argument" or
    "scheme" make no difference; nor does British or American spelling of "-isation".

    Examples:
        >>> scheme_key("Argument_From-Expert Opinion"), scheme_key("ExpertOpinion")
        ('expert opinion', 'expert opinion')
        >>> scheme_key("Modus ponens (twice)"), scheme_key("ethotic argument")
        ('modus ponens', 'ethotic')
        >>> scheme_key("argument from a fortiori") == scheme_key("A fortiori")
        True
    """
    text = _BRACKETS.sub(" ", name)
    text = _CAMEL.sub(" ", text).replace("'", "").replace("\u2019", "")
    text = " ".join(_NOT_WORD.sub(" ", text.casefold()).split())
    text = _TRAIL.sub("", _LEAD.sub("", text, count=1))
    return text.replace("isation", "ization") or " ".join(name.casefold().split())


@dataclass(frozen=True)
class Catalogue:
    """Schemes by name and alias.

    ``Catalogue.extended`` adds a user's own schemes (from the settings) to it.
    """

    schemes: tuple[Scheme, ...]
    _keys: dict[str, Scheme] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        keys: dict[str, Scheme] = {}
        for scheme in self.schemes:
            for name in (scheme.name, *scheme.aliases):
                keys.setdefault(scheme_key(name), scheme)
        object.__setattr__(self, "_keys", keys)

    def __iter__(self) -> Iterator[Scheme]:
        return iter(self.schemes)

    def __len__(self) -> int:
        return len(self.schemes)

    def find(self, name: str) -> Scheme | None:
        """Return the scheme this name or alias names, or None.

        Examples:
            >>> catalogue().find("means to end").name
            'Practical Reasoning'
            >>> catalogue().find("argument from nowhere") is None
            True
        """
        return self._keys.get(scheme_key(name))

    def suggest(self, name: str) -> str | None:
        """Return a hint ``did you mean `X`?`` for a name the catalogue does not hold."""
        match = closest(scheme_key(name), self._keys)
        return None if match is None else f"did you mean `{self._keys[match].name}`?"

    def extended(self, extra: Mapping[str, Sequence[str]]) -> Catalogue:
        """Return this catalogue with the user's own schemes: name → critical questions.

        A name the catalogue already holds (by any alias) keeps its premises and aliases
        and takes the questions given, when some are; new names come first.

        Examples:
            >>> mine = catalogue().extended({"argument from tradition": ["Is it old?"],
            ...                              "sign": ["Is the sign reliable?"]})
            >>> [str(q) for q in mine.find("tradition").questions]
            ['CQ1: Is it old?']
            >>> len(mine.find("argument from sign").questions)
            1
        """
        if not extra:
            return self
        replaced: dict[str, Scheme] = {}
        added: list[Scheme] = []
        for name, texts in extra.items():
            known = self.find(name)
            if known is None:
                added.append(Scheme(name, _questions(texts), custom=True))
            elif texts:
                replaced[known.name] = Scheme(
                    known.name,
                    _questions(texts),
                    known.premises,
                    known.conclusion,
                    known.aliases,
                    known.kind,
                    known.note,
                    custom=True,
                )
        return Catalogue((*added, *(replaced.get(s.name, s) for s in self.schemes)))


def _scheme(entry: Mapping[str, object]) -> Scheme:
    def strings(key: str) -> tuple[str, ...]:
        value = entry.get(key, ())
        assert isinstance(value, list | tuple)
        return tuple(str(item) for item in value)

    conclusion = entry.get("conclusion")
    note = entry.get("note")
    return Scheme(
        name=str(entry["name"]),
        questions=_questions(strings("questions")),
        premises=strings("premises"),
        conclusion=str(conclusion) if conclusion is not None else None,
        aliases=strings("aliases"),
        kind=str(entry.get("kind", "support")),
        note=str(note) if note is not None else None,
    )


@cache
def catalogue() -> Catalogue:
    """Return argmap's catalogue of schemes (read from the package data on first call).

    Examples:
        >>> len(catalogue()) >= 40
        True
    """
    data = json.loads(_DATA.read_bytes())
    return Catalogue(tuple(_scheme(entry) for entry in data["schemes"]))
