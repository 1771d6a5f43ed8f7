"""Compare a student's map with a reference map: align, score, explain, grade.

Examples:
    >>> import argmap
    >>> result = argmap.compare("examples/crisis_core.yaml", "examples/crisis_core.yaml")
    >>> result.perfect
    True
"""

from argmap.comparison.alignment import Alignment, Pair, align
from argmap.comparison.differences import KINDS, Difference
from argmap.comparison.result import Comparison, Scores, compare
from argmap.comparison.rubric import DEFAULT_RUBRIC, Grade, Rubric, load_rubric

__all__ = [
    "DEFAULT_RUBRIC",
    "KINDS",
    "Alignment",
    "Comparison",
    "Difference",
    "Grade",
    "Pair",
    "Rubric",
    "Scores",
    "align",
    "compare",
    "load_rubric",
]
