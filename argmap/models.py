"""The argument map: sources, claims, evidence and the inferences between them.

These pydantic models are the data of argmap and the format of its map files.
They are strict: an unknown field is an error, and so is a reference to an id
that the map does not define.

Examples:
    >>> amap = ArgumentMap(
    ...     title="The Crisis",
    ...     thesis="insurrection_now",
    ...     claims=[
    ...         Claim(id="crisis_matured", text="A nation-wide crisis has matured."),
    ...         Claim(id="insurrection_now", text="The Bolsheviks must take power now."),
    ...     ],
    ...     inferences=[
    ...         Inference(id="crisis_demands_action", premises=["crisis_matured"],
    ...                   conclusion="insurrection_now", scheme="practical reasoning"),
    ...     ],
    ... )
    >>> amap
    <ArgumentMap 'The Crisis': 2 claims, 0 evidence, 1 inference, thesis insurrection_now>
"""

from __future__ import annotations

import contextlib
import math
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from enum import StrEnum
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Final, Literal, Protocol, Self, cast

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    PrivateAttr,
    StringConstraints,
    ValidationInfo,
    model_validator,
)

from argmap.conversion import ConversionReport
from argmap.errors import Location, MapFileError, Problem
from argmap.fastpath import sound
from argmap.files import SURROGATE, confining_folder, outside_problem, read_text
from argmap.ids import ID_PATTERN, MAX_ID_LENGTH
from argmap.suggest import did_you_mean

if TYPE_CHECKING:
    import networkx as nx

Id = Annotated[str, StringConstraints(pattern=ID_PATTERN, max_length=MAX_ID_LENGTH)]
"""A short identifier of a source, claim, evidence item or inference."""

Text = Annotated[str, StringConstraints(pattern=r"\S")]
"""Text that is not empty or blank."""


def _openable(path: str) -> str:
    """Refuse a path that no file system can open: a NUL, a lone surrogate, nothing at all."""
    if not path.strip():
        raise ValueError("the path is empty")
    if "\0" in path:
        raise ValueError("a path cannot hold a NUL character (\\0)")
    surrogate = SURROGATE.search(path)
    if surrogate is not None:
        raise ValueError(
            f"a path cannot hold a lone surrogate (U+{ord(surrogate.group()):04X}), "
            "which is no character"
        )
    return path


FilePath = Annotated[str, AfterValidator(_openable)]
"""The path of a file: text a file system can open (no NUL, no lone surrogate)."""

FORMAT_VERSION: Final = 1
"""The version of the map file format that this argmap reads and writes (``argmap: 1``)."""

DEFER_INTEGRITY = "argmap.defer_integrity"
"""Validation context key: skip the reference checks (a loader runs them itself, located)."""

Path_ = tuple[str | int, ...]

RuleIgnores = list[str] | dict[str, str]
"""Rules an item silences for itself: names or codes, or each mapped to the reason why."""

Level = Literal["error", "warning", "info"]
ProfileName = Literal["analysis", "coursework", "corpus"]
"""The profiles of rule severities (see ``argmap.checks.config.PROFILES``)."""


EXTRA_IS_JSON = "argmap.extra_is_json"
"""Validation context key: every ``extra`` holds only JSON, so it is not walked again.

A reader sets it when its data came from a strict JSON parser (``load_json`` refuses
``NaN``, infinities and huge numbers; JSON's keys are text) or when it built ``extra``
from text alone. Walking ``extra`` was half the time of reading AIF dialogue maps. Python
callers and YAML (dates, keys of other types) are checked as before."""


def _json_only(value: dict[str, Any], info: ValidationInfo) -> dict[str, Any]:
    """Refuse what a JSON file cannot hold, so that every format can write ``extra``."""
    if not value or (info.context and info.context.get(EXTRA_IS_JSON)):
        return value
    stack: list[Any] = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            for key, inner in item.items():
                if not isinstance(key, str):
                    raise ValueError(f"the keys of `extra` are text, not {type(key).__name__}")
                stack.append(inner)
        elif isinstance(item, list):
            stack.extend(item)
        elif isinstance(item, float) and not math.isfinite(item):
            raise ValueError(f"`extra` holds only numbers JSON has, not {item}")
        elif not (item is None or isinstance(item, str | bool | int | float)):
            raise ValueError(
                "`extra` holds only what JSON holds (text, numbers, true/false, null, lists, "
                f"mappings), not a {type(item).__name__}"
            )
    return value


Extra = Annotated[dict[str, Any], AfterValidator(_json_only)]
"""Data from another format that argmap has no field for, by format, e.g. ``{"aif": {...}}``.

A reader keeps it so that writing back to that format restores it; argmap itself ignores it.
"""


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", use_attribute_docstrings=True)

    def __eq__(self, other: object) -> bool:
        # Compare the data only, not private caches such as a loaded text or a file origin.
        return type(self) is type(other) and self.__dict__ == other.__dict__

    __hash__ = None  # type: ignore[assignment]


class Source(_Model):
    """A text that the map analyses: inline ``text`` or a file at ``path``.

    A relative ``path`` is read from the folder of the map file.

    Examples:
        >>> Source(id="crisis", title="The Crisis Has Matured", text="...").load_text()
        '...'
    """

    id: Id
    """The source's id, which claims and evidence name in `source`."""
    title: Text
    """The title of the text."""
    author: str | None = None
    """Who wrote it."""
    date: str | None = None
    """When it was written, e.g. "1917-09-29"."""
    url: str | None = None
    """Where it can be found."""
    text: str | None = None
    """The text itself (or give `path`)."""
    path: FilePath | None = None
    """A UTF-8 file with the text, relative to the map file (or give `text`). A map read
    from a file reads it only from the map's folder or below it, or from anywhere in the
    project: the folder of the nearest `pyproject.toml` with a `[tool.argmap]` table."""
    note: str | None = None
    """The analyst's note."""
    ignore: RuleIgnores = Field(default_factory=list)
    """Rules silenced for this item: a list of rule names or codes, or a mapping of each to
    the reason, e.g. `{unwarranted-step: Lenin takes this as self-evident}`."""
    extra: Extra = Field(default_factory=dict)
    """Data from another format that argmap has no field for, kept by format name
    (e.g. `{aif: {nodeID: "119"}}`) so that writing back to that format restores it."""

    _loaded_text: str | None = PrivateAttr(default=None)

    @model_validator(mode="after")
    def _text_or_path(self) -> Self:
        if self.text is not None and self.path is not None:
            raise ValueError("a source has either `text` or `path`, not both")
        return self

    def load_text(self, base_dir: Path | None = None, *, within: Path | None = None) -> str | None:
        """Return the source's text, reading ``path`` (once) if it has no inline text.

        A relative ``path`` is read from ``base_dir``; with ``within`` (a resolved folder,
        see :meth:`Origin.sources_folder`) the file must lie in that folder or below it.

        Raises:
            MapFileError: the file at ``path`` is missing, outside ``within``, binary, too
                large or not UTF-8.
        """
        if self.text is not None:
            return self.text
        if self.path is None:
            return None
        if self._loaded_text is None:
            file = Path(self.path)
            if not file.is_absolute() and base_dir is not None:
                file = base_dir / file
            if within is not None:
                problem = outside_problem(file, within, base_dir or Path.cwd())
                if problem is not None:
                    raise MapFileError(problem)
            self._loaded_text = read_text(file)
        return self._loaded_text


class Locution(_Model):
    """Who said a claim, when and how: the provenance of a claim made in a dialogue.

    Examples:
        >>> Locution(speaker="CLINTON", text="We need to build an economy that works")
        Locution(text='We need to build an economy that works', speaker='CLINTON', \
illocution=None, time=None)
    """

    text: Text
    """The words as they were said or written."""
    speaker: str | None = None
    """Who said them."""
    illocution: str | None = None
    """What the speaker did in saying them, e.g. "Asserting", "Questioning"."""
    time: str | None = None
    """When, as the original gives it (e.g. an ISO 8601 timestamp)."""


class _Item(_Model):
    """The first field of a claim, an evidence item and an inference: its id.

    An item's fields come in three parts, so that pydantic, which orders the fields of a
    class from its most basic class on, keeps them in the order of the map files, the
    schema and ``model_dump``: ``_Item`` (the id), the item's own fields (``_ClaimFields``,
    say) and ``_ItemNotes`` (tags to extra); ``class Claim(_ItemNotes, _ClaimFields)``
    inherits them so. A field an item documents in its own words (a claim's ``tags``) is
    declared again in it, and keeps its place.
    """

    id: Id
    """A short identifier: letters, digits, `_` and `-`."""


class _ItemNotes(_Model):
    """The last fields of a claim, an evidence item and an inference (see :class:`_Item`)."""

    tags: list[str] = Field(default_factory=list)
    """Free labels."""
    note: str | None = None
    """The analyst's note."""
    ignore: RuleIgnores = Field(default_factory=list)
    """Rules silenced for this item: a list of rule names or codes, or a mapping of each to
    the reason, e.g. `{unwarranted-step: Lenin takes this as self-evident}`."""
    extra: Extra = Field(default_factory=dict)
    """Data from another format that argmap has no field for, kept by format name
    (e.g. `{aif: {nodeID: "119"}}`) so that writing back to that format restores it."""


class _ClaimFields(_Item):
    text: Text
    """The claim in the analyst's words."""
    source: Id | None = None
    """The id of the source that states it."""
    quote: Text | None = None
    """The exact words of the source that state it. An ellipsis (`...` or `…`, bare or in
    brackets: `[...]`, `(…)`) leaves words out: `"we should ... cooperate"` matches when its
    parts stand in the source in that order."""
    assumed: bool = False
    """Accepted without support: common ground or a stated assumption."""
    implicit: bool = False
    """A premise the analyst reconstructed; the text does not state it."""
    locutions: list[Locution] = Field(default_factory=list)
    """Where a dialogue states the claim: who said what, when (e.g. from AIF's L-nodes)."""


class Claim(_ItemNotes, _ClaimFields):
    """A statement the argument makes, relies on or attacks."""

    tags: list[str] = Field(default_factory=list)
    """Free labels, e.g. a section of the text."""
    note: str | None = None
    """The analyst's note, e.g. why a step is weak."""


class EvidenceKind(StrEnum):
    """What kind of evidence a text cites."""

    STATISTIC = "statistic"
    TESTIMONY = "testimony"
    QUOTATION = "quotation"
    REPORT = "report"
    EXAMPLE = "example"
    OBSERVATION = "observation"
    DOCUMENT = "document"


class _EvidenceFields(_Item):
    kind: EvidenceKind
    """What kind of evidence the text cites."""
    text: Text
    """What the evidence shows, in the analyst's words."""
    source: Id | None = None
    """The id of the source that gives it."""
    quote: Text | None = None
    """The exact words of the source that give it (an ellipsis leaves words out, as in a
    claim's quote)."""
    cites: str | None = None
    """The original outlet the text itself cites, e.g. "Dyelo Naroda, 29 September"."""


class Evidence(_ItemNotes, _EvidenceFields):
    """Something the text cites in support of a claim: a figure, a witness, a document."""


class InferenceKind(StrEnum):
    """What an inference does to its conclusion."""

    SUPPORT = "support"
    ATTACK = "attack"
    UNDERCUT = "undercut"
    REPHRASE = "rephrase"
    """The conclusion restates its one premise in other words (AIF's MA node, Argdown's
    equivalence class): the conclusion that repeats the thesis, say."""

    @property
    def attacks(self) -> bool:
        """Whether the inference is an objection: an attack or an undercut.

        Examples:
            >>> InferenceKind.UNDERCUT.attacks, InferenceKind.REPHRASE.attacks
            (True, False)
        """
        return self is InferenceKind.ATTACK or self is InferenceKind.UNDERCUT


class _InferenceFields(_Item):
    premises: Annotated[list[Id], Field(min_length=1)]
    """The ids of the claims or evidence that together (linked) lead to the conclusion."""
    conclusion: Id
    """The id of the claim concluded; for an undercut, of the inference attacked."""
    kind: InferenceKind = InferenceKind.SUPPORT
    """support, attack (rebut the conclusion), undercut (attack the step) or rephrase
    (the conclusion restates the one premise)."""
    scheme: str | None = None
    """The argument scheme, e.g. "argument from sign", "practical reasoning"."""
    warrant: str | None = None
    """Why the premises lead to the conclusion."""
    answers: list[str] = Field(default_factory=list)
    """The critical questions (`CQ1`, `CQ2`, ...) of the attacked step's scheme that this
    attack, undercut or support raises or answers: of the step it undercuts, or of the
    steps with a scheme that use or conclude the claim it concludes (`argmap schemes`)."""


class Inference(_ItemNotes, _InferenceFields):
    """A step from premises to a conclusion.

    The premises are *linked*: they support (or attack) together. Two separate
    inferences to one conclusion are *convergent*. An ``undercut`` concludes an
    inference: it attacks the step, not its conclusion. A ``rephrase`` has one premise,
    which its conclusion restates: no step of reasoning, so it needs no warrant, and
    what grounds the one grounds the other.
    """

    note: str | None = None
    """The analyst's note, e.g. why the step is weak."""


class ChecksConfig(_Model):
    """How ``argmap check`` checks this map (the ``checks:`` section of a map file)."""

    model_config = ConfigDict(
        extra="forbid",
        use_attribute_docstrings=True,
        validate_by_name=True,
        validate_by_alias=True,
        serialize_by_alias=True,
    )

    profile: ProfileName | None = None
    """The severities to start from: `analysis` (the default, for maps of real texts),
    `coursework` (warrants required, unquoted claims warned) or `corpus` (gold annotations,
    whose leaf premises are their ground); `argmap rules` shows them."""
    select: list[str] | None = None
    """Check only these rules (names, codes or code prefixes such as `AM1`)."""
    ignore: list[str] = Field(default_factory=list)
    """Do not check these rules (names, codes or code prefixes)."""
    fail_on: Level | None = Field(default=None, alias="fail-on")
    """The lowest severity that makes `argmap check` fail (exit code 1)."""
    severity: dict[str, Level] = Field(default_factory=dict)
    """A severity of your own for some rules, e.g. `{unwarranted-step: error}`."""
    schemes: dict[str, list[str]] = Field(default_factory=dict)
    """Schemes of your own, each with its critical questions, e.g. `{argument from
    tradition: [Is the practice really old?, Has the situation changed since?]}`; for a
    scheme the catalogue holds, questions given replace its own (`argmap schemes`)."""


Node = Claim | Evidence | Inference
"""Anything with an id in the map's one namespace."""


class PositionIndex(Protocol):
    """Finds where a piece of a map's data stands in its file."""

    def locate(self, path: Sequence[str | int]) -> tuple[int, int] | None:
        """Return the 1-based (line, column) of ``path``, or of its nearest ancestor."""


@dataclass(frozen=True)
class Origin:
    """The file a map was read from, and where each of its items stands in it."""

    file: Path
    positions: PositionIndex | None = None
    allow_outside_sources: bool = False
    """Read source files from anywhere, not only from the map's folder or project."""

    @cached_property
    def sources_folder(self) -> Path | None:
        """The folder the map's source files must lie in, or None where any may be read."""
        if self.allow_outside_sources:
            return None
        return confining_folder(self.file.parent)

    def location(self, path: Sequence[str | int] = ()) -> Location:
        """Return the location of ``path`` (e.g. ``("claims", 3)``) in the file."""
        found = self.positions.locate(path) if self.positions is not None else None
        if found is None:
            return Location(str(self.file))
        return Location(str(self.file), found[0], found[1])


class ArgumentMap(_Model):
    """A whole argument map: what a text claims, cites and infers.

    ``thesis`` names the main conclusion. Ids are unique across claims, evidence
    and inferences; source ids are unique among sources.
    """

    argmap: Literal[1] = FORMAT_VERSION  # (mypy fails here if the two differ)
    """The version of the file format: 1."""
    title: Text
    """The map's title."""
    description: str | None = None
    """What the map covers."""
    thesis: Id | None = None
    """The id of the main conclusion."""
    checks: ChecksConfig | None = None
    """How `argmap check` checks this map."""
    sources: list[Source] = Field(default_factory=list)
    """The texts analysed."""
    claims: list[Claim] = Field(default_factory=list)
    """What the text claims, relies on or attacks."""
    evidence: list[Evidence] = Field(default_factory=list)
    """What the text cites."""
    inferences: list[Inference] = Field(default_factory=list)
    """The steps from premises to conclusions."""
    extra: Extra = Field(default_factory=dict)
    """Data from another format that argmap has no field for, kept by format name
    (e.g. the dialogue nodes of an AIF file) so that writing back to that format restores it."""

    _origin: Origin | None = PrivateAttr(default=None)
    _conversion: ConversionReport | None = PrivateAttr(default=None)

    @model_validator(mode="after")
    def _references_resolve(self, info: ValidationInfo) -> Self:
        if info.context and info.context.get(DEFER_INTEGRITY):
            return self
        problems = integrity_problems(self)
        if problems:
            lines = "\n".join(_describe(p) for p in problems)
            raise ValueError(f"the map's ids and references are wrong:\n{lines}")
        return self

    def __repr__(self) -> str:
        def count(n: int, word: str, plural: str) -> str:
            return f"{n} {word if n == 1 else plural}"

        parts = [
            count(len(self.claims), "claim", "claims"),
            f"{len(self.evidence)} evidence",
            count(len(self.inferences), "inference", "inferences"),
        ]
        if self.thesis:
            parts.append(f"thesis {self.thesis}")
        return f"<ArgumentMap {self.title!r}: {', '.join(parts)}>"

    __str__ = __repr__

    def _private(self, name: str) -> Any:
        # ``self._origin`` costs microseconds (pydantic's private attributes are found after
        # an AttributeError: 2.9 µs against 0.5 µs here, pydantic 2.14); findings ask for the
        # origin once each, so read it directly (tests/test_fastpath.py checks they agree).
        private = self.__pydantic_private__
        return private.get(name) if private else None

    def _attach(
        self, origin: Origin | None = None, conversion: ConversionReport | None = None
    ) -> Self:
        """Record the file this map was read from and what reading it changed; return the map.

        The one place that writes the map's private attributes: readers call it instead of
        assigning ``_origin`` or ``_conversion``. An argument left as None changes nothing.
        """
        if origin is not None:
            self._origin = origin
        if conversion is not None:
            self._conversion = conversion
        return self

    @property
    def origin(self) -> Origin | None:
        """The file this map was read from, or None for a map built in Python."""
        return cast(Origin | None, self._private("_origin"))

    @property
    def conversion(self) -> ConversionReport | None:
        """What reading this map from another tool's format kept, changed or dropped.

        None for a map built in Python; an empty report for a map read from argmap's own
        YAML or JSON.
        """
        return cast(ConversionReport | None, self._private("_conversion"))

    @property
    def base_dir(self) -> Path | None:
        """The folder that relative source paths are read from."""
        origin = self.origin
        return origin.file.parent if origin is not None else None

    def nodes(self) -> Iterator[Node]:
        """Yield every claim, evidence item and inference, in that order."""
        yield from self.claims
        yield from self.evidence
        yield from self.inferences

    def index(self) -> dict[str, Node]:
        """Return a dict from id to claim, evidence item or inference.

        Build it once and keep it: it is not updated when the map changes.
        """
        return {node.id: node for node in self.nodes()}

    def source_text(self, source: str | Source) -> str | None:
        """Return the text of a source, given or named by id (read from its file if need be).

        A map read from a file reads its sources only from its folder or its project (see
        :attr:`Source.path`), unless it was read with ``allow_outside_sources=True``.

        Raises:
            KeyError: no source has that id.
            MapFileError: the source's file cannot be read, or may not be.
        """
        if isinstance(source, str):
            found = next((s for s in self.sources if s.id == source), None)
            if found is None:
                raise KeyError(source)
            source = found
        origin = self.origin
        if origin is None:
            return source.load_text()
        return source.load_text(origin.file.parent, within=origin.sources_folder)

    def _repr_mimebundle_(self, include: Any = None, exclude: Any = None) -> dict[str, str]:
        """Show the map as its diagram in Jupyter, its weak steps marked (text without Graphviz)."""
        from argmap.errors import ArgmapError
        from argmap.render import render_bytes  # rendering sits above the models

        bundle = {"text/plain": repr(self)}
        # Without Graphviz, or for a map Graphviz cannot draw, the text will do.
        with contextlib.suppress(ArgmapError):
            bundle["image/svg+xml"] = render_bytes(self, "svg").decode("utf-8")
        return bundle

    def to_networkx(self) -> nx.DiGraph[str]:
        """Return the map as a networkx graph; see :func:`argmap.to_networkx`."""
        from argmap.graph import to_networkx  # the graph layer sits above the models

        return to_networkx(self)


def _describe(problem: Problem) -> str:
    where = path_to_str(problem.path)
    text = problem.message if problem.hint is None else f"{problem.message} ({problem.hint})"
    return f"{where}: {text}" if where else text


def path_to_str(path: Sequence[str | int]) -> str:
    """Write a data path the way a reader of the file thinks of it.

    Examples:
        >>> path_to_str(("inferences", 2, "conclusion"))
        'inferences[2].conclusion'
    """
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else part)
    return out


_KIND_NAMES: dict[type[Node], str] = {
    Claim: "a claim",
    Evidence: "evidence",
    Inference: "an inference",
}


def integrity_problems(
    amap: ArgumentMap,
    *,
    where: Callable[[Path_], str] = path_to_str,
    known_ids: frozenset[str] = frozenset(),
) -> list[Problem]:
    """Return the problems with the map's ids and references, grouped by kind.

    Duplicate ids, references to ids that do not exist or are of the wrong kind,
    a ``quote`` without a ``source``, a premise listed twice. ``where`` writes the
    place of another item in a message (e.g. "line 12"); ``known_ids`` are ids that
    exist but could not be validated, so referring to them is not a problem; such
    items stand as None in the map's lists (built with ``model_construct``).

    Examples:
        >>> amap = ArgumentMap.model_construct(title="t", thesis="x", claims=[], sources=[],
        ...                                    evidence=[], inferences=[])
        >>> [p.message for p in integrity_problems(amap)]
        ['thesis `x` is not defined']
    """
    if not known_ids and sound(amap):
        return []
    problems: list[Problem] = []
    defined: dict[str, tuple[Node, Path_]] = {}
    inference_ids: set[str] = set()  # those of `defined` that are inferences
    source_paths: dict[str, Path_] = {}

    for i, source in enumerate(amap.sources):
        if source is None:  # an item that failed validation (see ``known_ids``)
            continue
        path: Path_ = ("sources", i, "id")
        if source.id in source_paths:
            problems.append(
                Problem(
                    "duplicate-id",
                    f"source `{source.id}` is defined twice "
                    f"(first at {where(source_paths[source.id])})",
                    path=path,
                )
            )
        else:
            source_paths[source.id] = path

    for collection in ("claims", "evidence", "inferences"):
        for i, node in enumerate(getattr(amap, collection)):
            if node is None:
                continue
            path = (collection, i, "id")
            if node.id in defined:
                first, first_path = defined[node.id]
                problems.append(
                    Problem(
                        "duplicate-id",
                        f"`{node.id}` is defined twice: as {_KIND_NAMES[type(node)]} here and as "
                        f"{_KIND_NAMES[type(first)]} at {where(first_path)}",
                        hint="ids are unique across claims, evidence and inferences",
                        path=path,
                    )
                )
            else:
                defined[node.id] = (node, path)
                if collection == "inferences":
                    inference_ids.add(node.id)

    all_ids = defined.keys() | known_ids if known_ids else defined
    # A did-you-mean hint compares the miss with every id of a similar length: give hints
    # while that has cost fewer than 100,000 comparisons, so that loading stays linear.
    budget = [100_000]
    by_length: dict[int, list[str]] = {}

    def undefined(ref: str, what: str, path: Path_, candidates: Any = None) -> Problem:
        hint = None
        if candidates is None:
            if not by_length:
                for ident in defined:
                    by_length.setdefault(len(ident), []).append(ident)
            candidates = [
                i for n in range(len(ref) - 2, len(ref) + 3) for i in by_length.get(n, ())
            ]
        if budget[0] > 0:
            budget[0] -= len(candidates)
            hint = did_you_mean(ref, candidates)
        return Problem("unknown-reference", f"{what} `{ref}` is not defined", hint=hint, path=path)

    if amap.thesis is not None and amap.thesis not in all_ids:
        problems.append(undefined(amap.thesis, "thesis", ("thesis",)))
    elif amap.thesis is not None and amap.thesis in defined:
        node = defined[amap.thesis][0]
        if not isinstance(node, Claim):
            problems.append(
                Problem(
                    "wrong-reference",
                    f"the thesis must be a claim, but `{amap.thesis}` is {_KIND_NAMES[type(node)]}",
                    path=("thesis",),
                )
            )

    for collection in ("claims", "evidence"):
        for i, item in enumerate(getattr(amap, collection)):
            if item is None:
                continue
            if item.source is not None and item.source not in source_paths:
                problems.append(
                    undefined(item.source, "source", (collection, i, "source"), source_paths.keys())
                )
            if item.quote is not None and item.source is None:
                choices = list(source_paths)
                hint = (
                    f"add `source: {choices[0]}`"
                    if len(choices) == 1
                    else "add `source:` with the id of the text it quotes"
                )
                problems.append(
                    Problem(
                        "quote-without-source",
                        f"`{item.id}` has a `quote` but no `source` to find it in",
                        hint=hint,
                        path=(collection, i, "quote"),
                    )
                )

    for i, inference in enumerate(amap.inferences):
        if inference is None:
            continue
        premises = inference.premises
        if inference.kind is InferenceKind.REPHRASE and len(premises) != 1:
            problems.append(
                Problem(
                    "wrong-reference",
                    f"the rephrase `{inference.id}` has {len(premises)} premises, but a "
                    "rephrase restates one claim",
                    hint="give it the one claim its conclusion restates; for claims that "
                    "together lead to it, use `kind: support`",
                    path=("inferences", i, "premises"),
                )
            )
        repeated = len(premises) > 1 and len(set(premises)) < len(premises)
        seen: set[str] = set()
        for j, premise in enumerate(premises):
            if repeated:
                if premise in seen:
                    problems.append(
                        Problem(
                            "duplicate-premise",
                            f"`{premise}` is listed twice among the premises of `{inference.id}`",
                            path=("inferences", i, "premises", j),
                        )
                    )
                seen.add(premise)
            if premise not in all_ids:
                problems.append(undefined(premise, "premise", ("inferences", i, "premises", j)))
            elif premise in inference_ids:
                problems.append(
                    Problem(
                        "wrong-reference",
                        f"premise `{premise}` is an inference; premises are claims or evidence",
                        hint=f"to attack the step `{premise}` itself, use `kind: undercut` "
                        f"with `conclusion: {premise}`",
                        path=("inferences", i, "premises", j),
                    )
                )
        conclusion = inference.conclusion
        if conclusion not in all_ids:
            problems.append(undefined(conclusion, "conclusion", ("inferences", i, "conclusion")))
        elif conclusion in defined:
            to_step = conclusion in inference_ids
            undercut = inference.kind is InferenceKind.UNDERCUT
            if undercut and not to_step:
                target = defined[conclusion][0]
                problems.append(
                    Problem(
                        "wrong-reference",
                        f"an undercut concludes an inference, but `{conclusion}` is "
                        f"{_KIND_NAMES[type(target)]}",
                        hint="to attack a claim, use `kind: attack`",
                        path=("inferences", i, "conclusion"),
                    )
                )
            elif not undercut and to_step:
                problems.append(
                    Problem(
                        "wrong-reference",
                        f"`kind: {inference.kind.value}` concludes a claim, but `{conclusion}` is "
                        "an inference",
                        hint="to attack the step itself, use `kind: undercut`",
                        path=("inferences", i, "conclusion"),
                    )
                )
    return problems
