"""Maps with restatements (inferences of kind ``rephrase``), for the formats' round trips."""

from __future__ import annotations

from hypothesis import strategies as st

from argmap import ArgumentMap, Claim, Inference, InferenceKind
from tests.strategies import maps

RESTATED = ArgumentMap(
    title="A restated thesis",
    thesis="thesis",
    claims=[
        Claim(id="thesis", text="Cities should ban cars."),
        Claim(id="why", text="Cars pollute the air that everyone breathes."),
        Claim(id="again", text="In short, cars have no place in our cities."),
    ],
    inferences=[
        Inference(id="s", premises=["why"], conclusion="thesis"),
        Inference(id="r", premises=["thesis"], conclusion="again", kind=InferenceKind.REPHRASE),
    ],
)
"""An essay's shape: a thesis, its support, and the conclusion that restates it."""


@st.composite
def maps_with_rephrases(draw: st.DrawFn) -> ArgumentMap:
    """A map of ``maps()`` with rephrases put anywhere among its inferences.

    Each rephrase restates a claim or evidence item in a claim: one that nothing else
    mentions, one that other inferences use too, a restatement of a restatement.
    """
    amap = draw(maps())
    claims = [c.id for c in amap.claims]
    items = claims + [e.id for e in amap.evidence]
    if len(items) < 2:
        return amap
    inferences = list(amap.inferences)
    for n in range(draw(st.integers(1, 4))):
        conclusion = draw(st.sampled_from(claims))
        premise = draw(st.sampled_from([i for i in items if i != conclusion]))
        rephrase = Inference(
            id=f"rephrase-step-{n}",
            premises=[premise],
            conclusion=conclusion,
            kind=InferenceKind.REPHRASE,
            scheme=draw(st.none() | st.sampled_from(["Evaluation", "restating"])),
            note=draw(st.none() | st.just("said again at the end")),
        )
        inferences.insert(draw(st.integers(0, len(inferences))), rephrase)
    if draw(st.booleans()):  # a claim made only to restate another
        premise = draw(st.sampled_from(items))
        amap = amap.model_copy(
            update={"claims": [*amap.claims, Claim(id="restated-only-1", text="Once more.")]}
        )
        inferences.append(
            Inference(
                id="rephrase-only-1",
                premises=[premise],
                conclusion="restated-only-1",
                kind=InferenceKind.REPHRASE,
            )
        )
    return amap.model_copy(update={"inferences": inferences})
