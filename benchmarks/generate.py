"""Generate realistic synthetic argument maps of any size, for benchmarks.

Each map has a generated source text, claims quoting it, evidence, linked and
convergent inferences, attacks, undercuts and some unsupported steps. :func:`write_files`
writes one map in every format the benchmark reads: argmap YAML and JSON, plain AIF
(as AIFdb exports it, without argmap's own section) and Argdown.

Run ``python -m benchmarks.generate 10000 -o build/maps`` to get the files.

Examples:
    >>> amap = generate_map(100, seed=1)
    >>> len(amap.claims), len(amap.evidence) > 0, len(amap.inferences) > 90
    (100, True, True)
"""

from __future__ import annotations

import argparse
import json
import random
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import argmap
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
    # Now and then an objection to the step itself rather than to its conclusion.
    for i in range(0, claims - 2, 97):
        inferences.append(
            Inference(
                id=f"u{i}",
                premises=[f"c{i + 2}"],
                conclusion=f"s{i}",
                kind=InferenceKind.UNDERCUT,
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


@dataclass(frozen=True)
class MapFiles:
    """One map written in every format the benchmark reads."""

    claims: int
    yaml: Path
    json: Path
    aif: Path
    """Plain AIF, as AIFdb exports it: what argmap alone keeps (its ``argmap`` section) is
    left out, so that argmap and other tools read exactly the same document."""
    argdown: Path


def write_files(amap: ArgumentMap, folder: str | Path) -> MapFiles:
    """Write ``amap`` to ``folder`` as argmap YAML and JSON, plain AIF and Argdown.

    Examples:
        >>> import tempfile
        >>> with tempfile.TemporaryDirectory() as folder:
        ...     files = write_files(generate_map(20), folder)
        ...     "argmap" in json.loads(files.aif.read_text(encoding="utf-8"))
        False
    """
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    stem = folder / f"map{len(amap.claims)}"
    files = MapFiles(
        claims=len(amap.claims),
        yaml=stem.with_suffix(".yaml"),
        json=stem.with_suffix(".json"),
        aif=stem.with_suffix(".aif.json"),
        argdown=stem.with_suffix(".argdown"),
    )
    argmap.write(amap, files.yaml)
    argmap.write(amap, files.json)
    argmap.write(amap, files.aif, format="aif")
    document = json.loads(files.aif.read_text(encoding="utf-8"))
    document.pop("argmap", None)
    files.aif.write_text(json.dumps(document, ensure_ascii=False, indent=1) + "\n", "utf-8")
    argmap.write(amap, files.argdown, format="argdown")
    return files


def main(argv: Sequence[str] | None = None) -> None:
    """Write maps of the sizes asked for, in every format, and print where."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("claims", type=int, nargs="+", help="how many claims in each map")
    parser.add_argument("-o", "--output", default="build/maps", help="folder (build/maps)")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    for claims in args.claims:
        files = write_files(generate_map(claims, seed=args.seed), args.output)
        for path in (files.yaml, files.json, files.aif, files.argdown):
            print(f"{path}  {path.stat().st_size / 2**20:,.1f} MiB")


if __name__ == "__main__":
    main()
