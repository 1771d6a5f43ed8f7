"""Build the central chain of "The Crisis Has Matured" in Python, check it, print the findings.

Run it from the repository root: ``python examples/build_with_api.py``.
"""

from pathlib import Path

import argmap
from argmap.graph import chains

TEXT = Path(__file__).parent / "texts" / "crisis_has_matured.txt"

b = argmap.MapBuilder("The Crisis Has Matured", thesis="insurrection_now")
b.source(
    "crisis",
    "The Crisis Has Matured",
    author="V. I. Lenin",
    date="1917-09-29",
    text=TEXT.read_text(encoding="utf-8"),
)
b.evidence(
    "dyelo_naroda",
    "quotation",
    "The SR organ admits nothing has been done to end peasant bondage.",
    source="crisis",
    quote="So far practically nothing has been done to put an end to the relations of bondage",
    cites="Dyelo Naroda, 29 September 1917",
)
b.claim(
    "peasant_revolt",
    "A peasant revolt is developing in Russia.",
    source="crisis",
    quote="a peasant revolt is developing",
)
b.claim(
    "crisis_matured",
    "A nation-wide crisis has matured.",
    source="crisis",
    quote="all the symptoms do indicate that a nation-wide crisis has matured",
)
b.claim(
    "insurrection_now",
    "The Bolsheviks must take power now instead of waiting for the Congress of Soviets.",
)
b.support("revolt_shown", "dyelo_naroda", "peasant_revolt", scheme="argument from sign")
b.support(
    "revolt_means_crisis",
    "peasant_revolt",
    "crisis_matured",
    warrant="A peasant revolt in a peasant country under a republic proves nation-wide collapse.",
)
b.support(
    "crisis_demands_action", "crisis_matured", "insurrection_now", scheme="practical reasoning"
)
amap = b.build()

print(amap)
for chain in chains(argmap.to_networkx(amap), "dyelo_naroda"):
    print("chain:", " → ".join(chain))
for inference in amap.inferences:
    print(f"step {inference.id}: {', '.join(inference.premises)} ⇒ {inference.conclusion}")
report = argmap.check(amap)
for finding in report:
    print(finding)
print(f"{len(report)} finding(s); failed: {report.failed}")
