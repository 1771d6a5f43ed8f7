"""Generate realistic synthetic argument maps of any size, for benchmarks.

Each map has a generated source text, claims quoting it, evidence, linked and
convergent inferences, attacks and some unsupported steps.

Examples:
    >>> amap = generate_map(100, seed=1)
    >>> len(amap.claims), len(amap.evidence) > 0, len(amap.inferences) > 90
    (100, True, True)
"""

from __future__ import annotations

import random

from argmap import ArgumentMap, Claim, Evidence, EvidenceKind, Inference, InferenceKind, Source

WORDS = (
    "the crisis has matured peasant revolt insurrection soviets congress workers army fleet "
    "railway postal elections moscow petrograd government kerensky bolsheviks power now wait "
    "majority revolution germany mutiny bondage land republic democracy party treachery"
).split()


SYLLABLES = "ba ko ri ve su la mo ne ti da go pe ru si fa no".split()


def vocabulary(size: int, rng: random.Random) -> list[str]:
    """Return ``size`` distinct words: the letter's own words first, then made-up ones."""
    words = list(WORDS)
    seen = set(words)
    while len(words) < size:
        word = "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4)))
        if word not in seen:
            seen.add(word)
            words.append(word)
    return words


def generate_map(claims: int, *, seed: int = 0) -> ArgumentMap:
    """Return a map with ``claims`` claims (and about a fifth as many evidence items).

    The source text draws its words as natural language does (Zipf's law: the n-th
    most common word is n times rarer than the first), from a vocabulary that grows
    with the text (Heaps' law).
    """
    rng = random.Random(seed)
    words = vocabulary(max(200, int(40 * claims**0.5)), rng)
    weights = [1 / rank for rank in range(1, len(words) + 1)]
    sentences = [
        " ".join(rng.choices(words, weights, k=rng.randint(6, 14))) + f" ({i})."
        for i in range(claims)
    ]
    text = "\n".join(" ".join(sentences[i : i + 5]) for i in range(0, len(sentences), 5))
    claim_items = []
    for i, sentence in enumerate(sentences):
        quoted = i % 3 != 0
        claim_items.append(
            Claim(
                id=f"c{i}",
                text=sentence.capitalize(),
                source="text" if quoted else None,
                quote=sentence if quoted else None,
                assumed=i % 17 == 0,
                implicit=i % 23 == 0,
            )
        )
    evidence = [
        Evidence(
            id=f"e{i}",
            kind=rng.choice(list(EvidenceKind)),
            text=f"Figures {i} show it.",
            source="text",
            quote=sentences[(i * 5) % claims],
            cites=f"Pravda, {i % 28 + 1} September" if i % 2 else None,
        )
        for i in range(max(1, claims // 5))
    ]
    inferences = []
    # A tree of support: claim i concludes from one or two claims further down.
    for i in range(claims - 1):
        premises = [
            f"c{j}" for j in sorted({i + 1 + rng.randrange(3) for _ in range(2)}) if j < claims
        ]
        if not premises:
            continue
        inferences.append(
            Inference(
                id=f"s{i}",
                premises=premises,
                conclusion=f"c{i}",
                scheme=rng.choice(["argument from sign", "practical reasoning", None]),
                warrant="It follows." if i % 4 == 0 else None,
            )
        )
    for i, item in enumerate(evidence):
        inferences.append(
            Inference(id=f"v{i}", premises=[item.id], conclusion=f"c{(i * 5) % claims}")
        )
    for i in range(0, claims - 1, 50):
        inferences.append(
            Inference(
                id=f"a{i}", premises=[f"c{i + 1}"], conclusion=f"c{i}", kind=InferenceKind.ATTACK
            )
        )
    return ArgumentMap(
        title=f"Synthetic map of {claims} claims",
        thesis="c0",
        sources=[Source(id="text", title="Generated text", text=text)],
        claims=claim_items,
        evidence=evidence,
        inferences=inferences,
    )
