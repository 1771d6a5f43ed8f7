"""How a drawing looks: the directions a map is drawn in, and the colour themes.

They live apart from :mod:`argmap.render` so that the command line can offer them as
choices without importing the drawing code (and networkx with it).

Examples:
    >>> DIRECTIONS[0], sorted(THEMES)
    ('BT', ['colorblind', 'default', 'print'])
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Direction = Literal["BT", "TB", "LR", "RL"]
DIRECTIONS: tuple[Direction, ...] = ("BT", "TB", "LR", "RL")


@dataclass(frozen=True)
class Theme:
    """The colours and line styles of a drawing."""

    name: str
    claim_fill: str
    thesis_fill: str
    evidence_fill: str
    step_fill: str
    border: str
    support: str
    attack: str
    undercut: str
    flag: str
    faint: str
    font: str = "Helvetica"
    rephrase: str = "#6b7b8c"


THEMES: dict[str, Theme] = {
    "default": Theme(
        "default",
        claim_fill="#eef4fb",
        thesis_fill="#dbe9f7",
        evidence_fill="#fdf6dd",
        step_fill="#ffffff",
        border="#34495e",
        support="#2e7d32",
        attack="#c62828",
        undercut="#8e44ad",
        flag="#d35400",
        faint="#7f8c8d",
    ),
    "print": Theme(
        "print",
        claim_fill="#ffffff",
        thesis_fill="#ffffff",
        evidence_fill="#f2f2f2",
        step_fill="#ffffff",
        border="#000000",
        support="#000000",
        attack="#000000",
        undercut="#000000",
        flag="#000000",
        faint="#555555",
    ),
    # Okabe and Ito's palette, told apart by readers with any kind of colour blindness.
    "colorblind": Theme(
        "colorblind",
        claim_fill="#e8f1f8",
        thesis_fill="#cfe3f3",
        evidence_fill="#fbf6cf",
        step_fill="#ffffff",
        border="#000000",
        support="#0072b2",
        attack="#d55e00",
        undercut="#cc79a7",
        flag="#e69f00",
        faint="#555555",
    ),
}
"""The themes by name: ``default`` (colour), ``print`` (black and white, for handouts)
and ``colorblind`` (safe for readers with colour blindness)."""
