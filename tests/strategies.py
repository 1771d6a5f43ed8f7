"""Hypothesis strategies for argument maps, shared by the round-trip tests of every format."""

from __future__ import annotations

from hypothesis import strategies as st

from argmap import ArgumentMap, Claim, Evidence, EvidenceKind, Inference, InferenceKind, Source

# Text as people write it, in any script, with quotes, colons, hashes and line breaks;
# not the control characters that YAML forbids.
pieces = st.characters(blacklist_categories=("Cc", "Cs")).map(str) | st.sampled_from(
    ["\n", "\t", ": ", " #", '"', "'", "—", "🙂", "{", "}", "&", "*", "!", "|", "> ", "- ", " "]
)
texts = st.lists(pieces, max_size=20).map("".join).filter(lambda t: t.strip() != "")
optional_texts = st.none() | texts
ids = st.from_regex(r"\A[a-zA-Z0-9_][a-zA-Z0-9_\-]{0,12}\Z")


@st.composite
def maps(draw: st.DrawFn) -> ArgumentMap:
    names = draw(st.lists(ids, min_size=1, max_size=12, unique=True))
    n_claims = draw(st.integers(1, len(names)))
    claim_ids, evidence_ids = names[:n_claims], names[n_claims:]
    sources = [Source(id="s", title=draw(texts), text=draw(texts), author=draw(optional_texts))]
    claims = [
        Claim(
            id=i,
            text=draw(texts),
            assumed=draw(st.booleans()),
            implicit=draw(st.booleans()),
            tags=draw(st.lists(texts, max_size=3)),
            note=draw(optional_texts),
            source=draw(st.none() | st.just("s")),
        )
        for i in claim_ids
    ]
    for claim in claims:
        if claim.source is not None:
            claim.quote = draw(optional_texts)
    evidence = [
        Evidence(
            id=i,
            kind=draw(st.sampled_from(list(EvidenceKind))),
            text=draw(texts),
            cites=draw(optional_texts),
        )
        for i in evidence_ids
    ]
    inferences: list[Inference] = []
    for n in range(draw(st.integers(0, 6))):
        premises = draw(st.lists(st.sampled_from(names), min_size=1, max_size=3, unique=True))
        kind = draw(st.sampled_from([InferenceKind.SUPPORT, InferenceKind.ATTACK]))
        inferences.append(
            Inference(
                id=f"inference-{n}",
                premises=premises,
                conclusion=draw(st.sampled_from(claim_ids)),
                kind=kind,
                scheme=draw(optional_texts),
                warrant=draw(optional_texts),
            )
        )
    add_undercut = draw(st.booleans())
    if inferences and add_undercut:
        inferences.append(
            Inference(
                id="undercut",
                premises=[claim_ids[0]],
                conclusion=inferences[0].id,
                kind=InferenceKind.UNDERCUT,
            )
        )
    return ArgumentMap(
        title=draw(texts),
        description=draw(optional_texts),
        thesis=draw(st.none() | st.sampled_from(claim_ids)),
        sources=sources,
        claims=claims,
        evidence=evidence,
        inferences=inferences,
    )
