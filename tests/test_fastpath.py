"""The fast paths past pydantic's work stay equal to pydantic's own (``argmap/fastpath.py``).

``construct_valid`` writes the instance attributes pydantic documents on ``BaseModel``, and
``ArgumentMap.origin`` reads ``__pydantic_private__``: both are faster than the public way
(see the module's docstring). These tests fail loudly if a pydantic release stores a
model otherwise; pyproject.toml's pydantic range holds the releases they passed with.
"""

from __future__ import annotations

import copy
import pickle
from pathlib import Path
from typing import Any

import pydantic
import pytest
from pydantic import BaseModel

from argmap.conversion import ConversionReport
from argmap.fastpath import construct_valid
from argmap.models import (
    ArgumentMap,
    Claim,
    Evidence,
    EvidenceKind,
    Inference,
    InferenceKind,
    Locution,
    Origin,
    Source,
)

CASES: list[tuple[type[BaseModel], dict[str, Any]]] = [
    (Claim, {"id": "a", "text": "A."}),
    (
        Claim,
        {
            "id": "b",
            "text": "B.",
            "source": "s",
            "quote": "b",
            "assumed": True,
            "locutions": [Locution(text="B!", speaker="X")],
            "tags": ["t"],
            "ignore": {"unwarranted-step": "why"},
            "extra": {"aif": {"nodeID": "1"}},
        },
    ),
    (Evidence, {"id": "e", "kind": EvidenceKind.STATISTIC, "text": "E.", "cites": "a paper"}),
    (Inference, {"id": "i", "premises": ["a"], "conclusion": "b"}),
    (Inference, {"id": "u", "premises": ["a"], "conclusion": "i", "kind": InferenceKind.UNDERCUT}),
    (Locution, {"text": "Said."}),
    (Source, {"id": "s", "title": "T", "text": "b"}),
    (
        ArgumentMap,
        {
            "title": "M",
            "thesis": "b",
            "claims": [Claim(id="a", text="A."), Claim(id="b", text="B.")],
            "inferences": [Inference(id="i", premises=["a"], conclusion="b")],
        },
    ),
]


def test_base_model_keeps_what_construct_valid_writes() -> None:
    """A pydantic that keeps more (or other) state per instance fails here first."""
    assert set(BaseModel.__slots__) == {
        "__dict__",
        "__pydantic_fields_set__",
        "__pydantic_extra__",
        "__pydantic_private__",
    }, pydantic.VERSION


@pytest.mark.parametrize(
    ("model", "fields"), CASES, ids=[f"{m.__name__}-{i}" for i, (m, _) in enumerate(CASES)]
)
def test_construct_valid_builds_what_validation_builds(
    model: type[BaseModel], fields: dict[str, Any]
) -> None:
    fast = construct_valid(model, dict(fields))
    validated = model.model_validate(fields)
    # field by field, in the model's order
    assert list(fast.__dict__) == list(model.model_fields) == list(validated.__dict__)
    for name in model.model_fields:
        assert getattr(fast, name) == getattr(validated, name), name
        assert type(getattr(fast, name)) is type(getattr(validated, name)), name
    assert fast.model_fields_set == validated.model_fields_set
    assert fast.model_extra is None
    assert validated.model_extra is None
    assert fast.__pydantic_private__ == validated.__pydantic_private__
    # what pydantic does with it
    assert fast == validated
    assert validated == fast
    assert fast.model_dump() == validated.model_dump()
    assert list(fast.model_dump()) == list(validated.model_dump())
    assert fast.model_dump_json() == validated.model_dump_json()
    assert fast.model_dump(exclude_unset=True) == validated.model_dump(exclude_unset=True)
    assert repr(fast) == repr(validated)
    assert model.model_validate(fast.model_dump()) == fast
    assert fast.model_copy(deep=True) == validated
    assert copy.copy(fast) == fast
    assert copy.deepcopy(fast) == fast
    assert pickle.loads(pickle.dumps(fast)) == fast


def test_defaults_made_by_a_factory_are_not_shared() -> None:
    one, two = construct_valid(Claim, {"id": "a", "text": "A."}), Claim(id="b", text="B.")
    one.tags.append("x")
    assert construct_valid(Claim, {"id": "c", "text": "C."}).tags == [] == two.tags


def test_private_attributes_of_a_fast_model_behave() -> None:
    source = construct_valid(Source, {"id": "s", "title": "T", "path": "nowhere.txt"})
    assert source._loaded_text is None
    source._loaded_text = "cached"
    assert source.load_text() == "cached"
    assert construct_valid(Source, {"id": "t", "title": "T"})._loaded_text is None  # not shared


@pytest.mark.parametrize(
    "build",
    [
        lambda: ArgumentMap(title="M"),
        lambda: ArgumentMap.model_construct(title="M"),
        lambda: construct_valid(ArgumentMap, {"title": "M"}),
    ],
    ids=["validated", "model_construct", "construct_valid"],
)
def test_origin_and_conversion_read_what_attach_wrote(build: Any) -> None:
    amap = build()
    assert amap.origin is None
    assert amap.conversion is None
    origin, report = Origin(Path("map.yaml")), ConversionReport("aif", "read")
    assert amap._attach(origin, report) is amap
    # the quick reading of __pydantic_private__ agrees with pydantic's own attributes
    assert amap.origin is origin is amap._origin
    assert amap.conversion is report is amap._conversion
    assert amap == ArgumentMap(title="M")  # (private attributes are not the map's data)
    assert copy.deepcopy(amap).origin == origin
