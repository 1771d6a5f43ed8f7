"""A student's map compared with a reference map: alignment, scores, differences, grade.

Examples:
    >>> import argmap
    >>> result = compare("examples/crisis_core.yaml", "examples/crisis_core.yaml")
    >>> result.items.f1, result.relations.f1, result.grade.score, result.differences
    (1.0, 1.0, 100.0, ())
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from argmap.comparison.alignment import Alignment, Pair, align
from argmap.comparison.differences import KINDS, Difference, differences, relations
from argmap.comparison.rubric import DEFAULT_RUBRIC, Grade, Rubric
from argmap.errors import Location
from argmap.formats import read
from argmap.models import ArgumentMap


@dataclass(frozen=True, slots=True)
class Scores:
    """Precision, recall and F1 of the student's items (or relations) against the reference.

    With nothing on either side, all three are 1; with nothing on one side only, the
    empty side's measure is 0.
    """

    precision: float
    recall: float
    f1: float
    matched: int
    student: int
    reference: int

    @classmethod
    def of(cls, matched: int, student: int, reference: int) -> Scores:
        """Examples: ``Scores.of(3, 4, 6)`` has precision 0.75, recall 0.5, F1 0.6."""
        precision = matched / student if student else float(not reference)
        recall = matched / reference if reference else float(not student)
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return cls(round(precision, 4), round(recall, 4), round(f1, 4), matched, student, reference)


@dataclass(frozen=True)
class Comparison:
    """What :func:`compare` finds. ``student`` and ``reference`` name the two maps."""

    student: str
    reference: str
    alignment: Alignment
    items: Scores
    relations: Scores
    differences: tuple[Difference, ...]
    grade: Grade

    def __repr__(self) -> str:
        student, reference = _short_name(self.student), _short_name(self.reference)
        return (
            f"<Comparison {student!r} with {reference!r}: items F1 {self.items.f1:.2f}, "
            f"relations F1 {self.relations.f1:.2f}, {len(self.differences)} differences, "
            f"grade {self.grade.score:g}/{self.grade.max:g}>"
        )

    @property
    def perfect(self) -> bool:
        """Whether the student's map is the reference's, but for ids and wording."""
        return not self.differences and self.items.f1 == 1 and self.relations.f1 == 1

    def counts(self) -> dict[str, int]:
        """How many differences of each kind (every kind, in the order of ``KINDS``)."""
        found = Counter(d.kind for d in self.differences)
        return {kind: found[kind] for kind in KINDS}

    def to_dict(self) -> dict[str, Any]:
        """The comparison as JSON data (the shape of ``argmap compare --format json``)."""
        return {
            "student": self.student,
            "reference": self.reference,
            "alignment": [_pair(p) for p in self.alignment.pairs],
            "unaligned": {
                "student": list(self.alignment.unaligned_student),
                "reference": list(self.alignment.unaligned_reference),
            },
            "items": _scores(self.items),
            "relations": _scores(self.relations),
            "differences": [_difference(d) for d in self.differences],
            "counts": {k: n for k, n in self.counts().items() if n},
            "grade": {
                "score": self.grade.score,
                "max": self.grade.max,
                "deductions": self.grade.deductions,
            },
        }


def _pair(pair: Pair) -> dict[str, Any]:
    return {
        "student": pair.student,
        "reference": pair.reference,
        "by": pair.by,
        "score": pair.score,
    }


def _scores(scores: Scores) -> dict[str, Any]:
    return {
        "precision": scores.precision,
        "recall": scores.recall,
        "f1": scores.f1,
        "matched": scores.matched,
        "student": scores.student,
        "reference": scores.reference,
    }


def location_dict(location: Location | None) -> dict[str, Any] | None:
    """A location as JSON data: ``{"file", "line", "column"}``, or None."""
    if location is None:
        return None
    return {"file": location.file, "line": location.line, "column": location.column}


def _difference(difference: Difference) -> dict[str, Any]:
    return {
        "kind": difference.kind,
        "student": difference.student,
        "reference": difference.reference,
        "message": difference.message,
        "hint": difference.hint,
        "location": location_dict(difference.location),
    }


def _name(amap: ArgumentMap, given: ArgumentMap | str | Path) -> str:
    if not isinstance(given, ArgumentMap):
        return str(given)
    return str(amap.origin.file) if amap.origin is not None else amap.title


def compare(
    student: ArgumentMap | str | Path,
    reference: ArgumentMap | str | Path,
    *,
    rubric: Rubric | None = None,
) -> Comparison:
    """Compare a student's map with a reference map, as a teacher would mark it.

    Either map may be given as a map or as a file of any format argmap reads (a student's
    Argdown against a YAML reference). Statements are aligned by id, quote or wording
    (:mod:`argmap.comparison.alignment`); a *relation* is an aligned premise leading to an aligned
    conclusion with its kind (linked premises count one by one). The grade follows
    ``rubric`` (:data:`DEFAULT_RUBRIC` by default).

    Raises:
        MapFileError, InvalidMapError: a file given cannot be read.
    """
    mine = student if isinstance(student, ArgumentMap) else read(student)
    ref = reference if isinstance(reference, ArgumentMap) else read(reference)
    alignment = align(mine, ref)
    to_ref = alignment.to_reference()
    ref_relations = relations(ref)
    mine_relations = relations(mine)
    mapped = {(to_ref.get(p), to_ref.get(c), kind) for p, c, kind in mine_relations}
    matched = len(mapped & ref_relations)
    found = tuple(differences(mine, ref, alignment))
    counts = Counter(d.kind for d in found)
    return Comparison(
        student=_name(mine, student),
        reference=_name(ref, reference),
        alignment=alignment,
        items=Scores.of(
            len(alignment.pairs),
            len(mine.claims) + len(mine.evidence),
            len(ref.claims) + len(ref.evidence),
        ),
        relations=Scores.of(matched, len(mine_relations), len(ref_relations)),
        differences=found,
        grade=(rubric or DEFAULT_RUBRIC).grade(counts),
    )


def _short_name(name: str) -> str:
    """The last part of a path, so a repr does not grow with the folder it sits in.

    Example: ``_short_name("/home/t/class/ana.yaml")`` is ``"ana.yaml"``.
    """
    return name.replace("\\", "/").rsplit("/", 1)[-1] or name
