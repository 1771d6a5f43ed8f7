"""Build a map step by step, in a notebook or a script, with each reference checked at once.

Examples:
    >>> b = MapBuilder("The Crisis", thesis="insurrection_now")
    >>> _ = b.claim("crisis_matured", "A nation-wide crisis has matured.")
    >>> _ = b.claim("insurrection_now", "The Bolsheviks must take power now.")
    >>> _ = b.support("crisis_demands_action", "crisis_matured", "insurrection_now",
    ...               scheme="practical reasoning")
    >>> b.build()
    <ArgumentMap 'The Crisis': 2 claims, 0 evidence, 1 inference, thesis insurrection_now>
    >>> b.support("leap", "crisis_maturd", "insurrection_now")
    Traceback (most recent call last):
    ...
    argmap.errors.InvalidMapError: premise `crisis_maturd` is not defined (did you mean ...?)
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from argmap.errors import InvalidMapError, Problem
from argmap.models import (
    DEFER_INTEGRITY,
    ArgumentMap,
    Claim,
    Evidence,
    EvidenceKind,
    Inference,
    InferenceKind,
    Node,
    Source,
    integrity_problems,
)
from argmap.suggest import did_you_mean
from argmap.validation import translate_error

M = TypeVar("M", bound=BaseModel)


class MapBuilder:
    """Collects sources, claims, evidence and inferences, checking ids as they come.

    Premises and conclusions must be added before the inferences that use them.
    Each method returns the item it added.
    """

    def __init__(
        self, title: str, *, thesis: str | None = None, description: str | None = None
    ) -> None:
        self.title = title
        self.thesis = thesis
        self.description = description
        self._sources: dict[str, Source] = {}
        self._nodes: dict[str, Node] = {}

    def source(self, id: str, title: str, **fields: Any) -> Source:
        """Add a source: ``text=`` (inline) or ``path=``, and ``author``, ``date``, ``url``."""
        if id in self._sources:
            raise InvalidMapError(Problem("duplicate-id", f"source `{id}` is already defined"))
        source = _make(Source, id=id, title=title, **fields)
        self._sources[id] = source
        return source

    def claim(self, id: str, text: str, **fields: Any) -> Claim:
        """Add a claim; ``source``, ``quote``, ``assumed``, ``implicit``, ``tags``, ``note``."""
        self._check_source(fields.get("source"))
        return self._add(_make(Claim, id=id, text=text, **fields))

    def evidence(self, id: str, kind: EvidenceKind | str, text: str, **fields: Any) -> Evidence:
        """Add evidence of a ``kind`` (statistic, testimony, ...) with ``source``, ``quote``."""
        self._check_source(fields.get("source"))
        return self._add(_make(Evidence, id=id, kind=kind, text=text, **fields))

    def infer(
        self,
        id: str,
        premises: str | Sequence[str],
        conclusion: str,
        *,
        kind: InferenceKind | str = InferenceKind.SUPPORT,
        **fields: Any,
    ) -> Inference:
        """Add an inference from ``premises`` (one id or several, linked) to ``conclusion``."""
        listed = [premises] if isinstance(premises, str) else list(premises)
        inference = _make(
            Inference, id=id, premises=listed, conclusion=conclusion, kind=kind, **fields
        )
        for premise in listed:
            self._check_node(premise, "premise")
        self._check_node(conclusion, "conclusion")
        return self._add(inference)

    def support(
        self, id: str, premises: str | Sequence[str], conclusion: str, **fields: Any
    ) -> Inference:
        """Add an inference by which ``premises`` support ``conclusion``."""
        return self.infer(id, premises, conclusion, kind=InferenceKind.SUPPORT, **fields)

    def attack(
        self, id: str, premises: str | Sequence[str], conclusion: str, **fields: Any
    ) -> Inference:
        """Add an inference by which ``premises`` attack (rebut) the claim ``conclusion``."""
        return self.infer(id, premises, conclusion, kind=InferenceKind.ATTACK, **fields)

    def undercut(
        self, id: str, premises: str | Sequence[str], inference: str, **fields: Any
    ) -> Inference:
        """Add an inference by which ``premises`` undercut the step ``inference``."""
        return self.infer(id, premises, inference, kind=InferenceKind.UNDERCUT, **fields)

    def rephrase(self, id: str, restated: str, restatement: str, **fields: Any) -> Inference:
        """Add a rephrase: the claim ``restatement`` says ``restated`` again in other words."""
        return self.infer(id, restated, restatement, kind=InferenceKind.REPHRASE, **fields)

    def build(self) -> ArgumentMap:
        """Return the map; every remaining reference (the thesis, kinds of targets) is checked.

        Raises:
            InvalidMapError: with every problem at once (a blank title, an undefined thesis, ...).
        """
        nodes = list(self._nodes.values())
        fields: dict[str, Any] = {
            "title": self.title,
            "thesis": self.thesis,
            "description": self.description,
            "sources": list(self._sources.values()),
            "claims": [n for n in nodes if isinstance(n, Claim)],
            "evidence": [n for n in nodes if isinstance(n, Evidence)],
            "inferences": [n for n in nodes if isinstance(n, Inference)],
        }
        # The items are valid already: what is left are the map's own fields and the
        # references between items, checked apart so that one never hides the other.
        problems = integrity_problems(ArgumentMap.model_construct(**fields))
        try:
            amap = ArgumentMap.model_validate(fields, context={DEFER_INTEGRITY: True})
        except ValidationError as err:
            problems = [*_invalid(err, {"title": self.title}).problems, *problems]
        if problems:
            raise InvalidMapError(problems)
        return amap

    def _add(self, node: M) -> M:
        ident = node.id  # type: ignore[attr-defined]
        if ident in self._nodes:
            raise InvalidMapError(
                Problem(
                    "duplicate-id",
                    f"`{ident}` is already defined",
                    hint="ids are unique across claims, evidence and inferences",
                )
            )
        self._nodes[ident] = node  # type: ignore[assignment]
        return node

    def _check_node(self, ident: str, what: str) -> None:
        if ident not in self._nodes:
            raise InvalidMapError(
                Problem(
                    "unknown-reference",
                    f"{what} `{ident}` is not defined",
                    hint=did_you_mean(ident, self._nodes),
                )
            )

    def _check_source(self, ident: str | None) -> None:
        if ident is not None and ident not in self._sources:
            raise InvalidMapError(
                Problem(
                    "unknown-reference",
                    f"source `{ident}` is not defined",
                    hint=did_you_mean(ident, self._sources),
                )
            )


_COLLECTIONS: dict[type[BaseModel], str] = {
    Source: "sources",
    Claim: "claims",
    Evidence: "evidence",
    Inference: "inferences",
}


def _make(model: type[M], **fields: Any) -> M:
    try:
        return model(**fields)
    except ValidationError as err:
        # Said as a map file's loader says it: the item as the first of its list.
        collection = _COLLECTIONS[model]
        raise InvalidMapError(
            [
                replace(
                    translate_error(
                        {**e, "loc": (collection, 0, *e["loc"])},
                        {collection: [fields]},
                        lambda _: None,
                    ),
                    path=tuple(e["loc"]),
                )
                for e in err.errors(include_url=False)
            ]
        ) from err


def _invalid(err: ValidationError, data: dict[str, Any]) -> InvalidMapError:
    return InvalidMapError(
        [translate_error(e, data, lambda _: None) for e in err.errors(include_url=False)]
    )
