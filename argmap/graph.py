"""The map as a networkx graph, and the questions people ask of an argument's structure.

:func:`to_networkx` makes a ``networkx.DiGraph`` with one node for each claim,
evidence item and inference. Edges run premise → inference → conclusion, so
linked premises stay linked: they meet in one inference node, as premises meet
in a scheme node in AIF.

Node attributes: ``type`` (``"claim"``, ``"evidence"`` or ``"inference"``) and the
item's fields except ``id`` and those that are unset (None): a claim has ``text``,
``assumed``, ``implicit``, ``tags`` and perhaps ``source``, ``quote``, ``note``;
evidence has ``kind``, ``text``, ``tags`` and perhaps ``source``, ``quote``,
``cites``, ``note``; an inference has ``kind`` (support, attack, undercut or
rephrase), ``tags`` and perhaps ``scheme``, ``warrant``, ``answers``, ``note``.
Enumerations are plain strings.

Edge attributes: ``role`` is ``"premise"`` (premise → inference, with ``index``,
the premise's place in the list) or ``"conclusion"`` (inference → conclusion,
with ``kind``, the inference's kind).

Graph attributes: ``title``, ``thesis``, ``description``, ``argmap`` (the format
version), ``sources`` (a list of dicts) and, when the map has them, ``checks`` and
``extra`` (dicts), and ``file`` (a string) when the map was read from a file: the map
that :func:`from_networkx` returns reads its sources' relative paths from that file's
folder, so its quotes are checked against the same texts (its findings name the file but
no line, as the graph may have changed).

The questions (:func:`supporters`, :func:`premises`, :func:`chains`, ...) raise
:class:`~argmap.errors.InvalidMapError` for an id that is not in the graph, with the
nearest id as a hint. Only ``support`` inferences support: a ``rephrase`` (its
conclusion restates its premise) is neither support nor attack, and
:func:`restatements` lists it.

Examples:
    >>> from argmap.models import ArgumentMap, Claim, Inference
    >>> amap = ArgumentMap(title="T", thesis="c", claims=[
    ...     Claim(id="a", text="A."), Claim(id="b", text="B."), Claim(id="c", text="C.")],
    ...     inferences=[Inference(id="i", premises=["a", "b"], conclusion="c")])
    >>> g = to_networkx(amap)
    >>> sorted(g.edges("i", data=True))
    [('i', 'c', {'role': 'conclusion', 'kind': 'support'})]
    >>> premises(g, "c"), leaves(g), depth(g)
    (['a', 'b'], ['a', 'b'], 1)
    >>> from_networkx(g) == amap
    True
    >>> supporters(g, "cc")
    Traceback (most recent call last):
    ...
    argmap.errors.InvalidMapError: `cc` is not in the map (did you mean `c`?)
"""

from __future__ import annotations

from collections.abc import Iterator
from enum import Enum
from os import PathLike
from pathlib import Path
from typing import Any

import networkx as nx
from pydantic import ValidationError

from argmap.errors import InvalidMapError, Problem
from argmap.gcpause import gc_paused
from argmap.models import (
    DEFER_INTEGRITY,
    ArgumentMap,
    InferenceKind,
    Node,
    Origin,
    integrity_problems,
)
from argmap.suggest import did_you_mean

CLAIM = "claim"
EVIDENCE = "evidence"
INFERENCE = "inference"
STATEMENTS = frozenset({CLAIM, EVIDENCE})
_SUPPORT = InferenceKind.SUPPORT.value
_REPHRASE = InferenceKind.REPHRASE.value
_ATTACKS = frozenset(kind.value for kind in InferenceKind if kind.attacks)


def to_networkx(amap: ArgumentMap) -> nx.DiGraph[str]:
    """Return the map as a ``networkx.DiGraph`` (see the module's docs for its attributes)."""
    graph: nx.DiGraph[str] = nx.DiGraph(
        title=amap.title,
        thesis=amap.thesis,
        description=amap.description,
        argmap=amap.argmap,
        sources=[s.model_dump(mode="json", exclude_none=True) for s in amap.sources],
    )
    if amap.checks is not None:
        graph.graph["checks"] = amap.checks.model_dump(mode="json", exclude_defaults=True)
    if amap.extra:
        graph.graph["extra"] = amap.extra
    if amap.origin is not None:
        graph.graph["file"] = str(amap.origin.file)
    with gc_paused():
        nodes = [
            *((claim.id, _attributes(claim, CLAIM)) for claim in amap.claims),
            *((item.id, _attributes(item, EVIDENCE)) for item in amap.evidence),
            *((inf.id, _attributes(inf, INFERENCE)) for inf in amap.inferences),
        ]
        edges = [
            (premise, inference.id, {"role": "premise", "index": index})
            for inference in amap.inferences
            for index, premise in enumerate(inference.premises)
        ]
        edges += [
            (inf.id, inf.conclusion, {"role": "conclusion", "kind": inf.kind.value})
            for inf in amap.inferences
        ]
        if not _fill(graph, nodes, edges):  # an edge to an unknown node: networkx adds it
            graph.add_nodes_from(nodes)
            graph.add_edges_from(edges)
    return graph


def _fill(
    graph: nx.DiGraph[str],
    nodes: list[tuple[str, dict[str, Any]]],
    edges: list[tuple[str, str, dict[str, Any]]],
) -> bool:
    """Fill a new, empty graph with nodes and the edges between them, as networkx would.

    ``add_nodes_from`` and ``add_edges_from`` look up and update every node and edge one
    by one, for graphs that already hold some; a new graph can be filled with whole
    dicts: its data structure, dicts of dicts keyed by node, is networkx's documented one
    (see "Subclasses" in its reference). Returns False, with the graph left empty, if an
    edge names a node that is not among ``nodes``, or if a node is named twice.
    """
    known = dict(nodes)
    if len(known) != len(nodes) or not all(u in known and v in known for u, v, _ in edges):
        return False
    successors: dict[str, dict[str, dict[str, Any]]] = {ident: {} for ident in known}
    predecessors: dict[str, dict[str, dict[str, Any]]] = {ident: {} for ident in known}
    for u, v, data in edges:
        successors[u][v] = predecessors[v][u] = data
    inside: Any = graph  # (the type stubs leave networkx's data structure out)
    inside._node.update(known)
    inside._succ.update(successors)  # (the same dict as graph._adj)
    inside._pred.update(predecessors)
    return True


_NOT_ATTRIBUTES = ("id", "premises", "conclusion")
_SKIPPED_WHEN_EMPTY = frozenset({"extra", "locutions", "answers"})
_Plan = tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...], tuple[str, ...]]
_PLANS: dict[type, _Plan] = {}


def _attributes(node: Node, node_type: str) -> dict[str, Any]:
    """The node's fields as plain data (what ``model_dump(mode="json")`` gives, faster).

    Enumerations become strings, lists are copied (the graph shares nothing mutable with
    the map), unset fields and empty ``extra`` and ``locutions`` are left out. Which
    fields need which is worked out once for each model (see :func:`_plan_of`).
    """
    attributes: dict[str, Any] = {"type": node_type, **node.__dict__}
    optional, dropped, enums, lists = _PLANS.get(type(node)) or _plan_of(type(node))
    for key in optional:
        if not attributes[key] and (attributes[key] is None or key in _SKIPPED_WHEN_EMPTY):
            del attributes[key]
    for key in dropped:
        del attributes[key]
    for key in enums:
        attributes[key] = attributes[key].value
    for key in lists:
        value = attributes.get(key)
        if type(value) is list:
            attributes[key] = list(value)
    locutions = attributes.get("locutions")
    if locutions:
        attributes["locutions"] = [
            loc.model_dump(mode="json", exclude_none=True) for loc in locutions
        ]
    return attributes


def _plan_of(model: type[Node]) -> _Plan:
    """Which fields of a model may be left out (unset, or empty where that is their
    default), are not attributes, are enumerations, or hold lists."""
    fields = model.model_fields
    optional = tuple(
        name
        for name, info in fields.items()
        if name not in _NOT_ATTRIBUTES
        and ((not info.is_required() and info.default is None) or name in _SKIPPED_WHEN_EMPTY)
    )
    dropped = tuple(name for name in _NOT_ATTRIBUTES if name in fields)
    enums = tuple(
        name
        for name, info in fields.items()
        if isinstance(info.annotation, type) and issubclass(info.annotation, Enum)
    )
    lists = tuple(
        name
        for name, info in fields.items()
        if name not in _NOT_ATTRIBUTES and "list" in str(info.annotation) and name != "locutions"
    )
    _PLANS[model] = (optional, dropped, enums, lists)
    return _PLANS[model]


def from_networkx(graph: nx.DiGraph[str]) -> ArgumentMap:
    """Return the map that a graph made by :func:`to_networkx` (or built alike) describes.

    Inferences take their premises from their incoming edges (in the order of
    ``index``), except the ``conclusion`` edges of undercuts, and their conclusion
    from their one outgoing edge. A ``file`` graph attribute becomes the map's
    :attr:`~argmap.models.ArgumentMap.origin`, so that relative source paths are read
    from that file's folder as they were for the map the graph was made from.

    Raises:
        InvalidMapError: a node has no ``type``, an inference has no or several
            conclusions, or the map it describes is not valid.
    """
    problems: list[Problem] = []
    lists: dict[str, list[dict[str, Any]]] = {"claims": [], "evidence": [], "inferences": []}
    for node, attrs in graph.nodes(data=True):
        kind = attrs.get("type")
        fields = {k: v for k, v in attrs.items() if k != "type"}
        if kind == CLAIM:
            lists["claims"].append({"id": node, **fields})
        elif kind == EVIDENCE:
            lists["evidence"].append({"id": node, **fields})
        elif kind == INFERENCE:
            incoming = sorted(
                (d.get("index", n), src)
                for n, (src, _, d) in enumerate(graph.in_edges(node, data=True))
                if d.get("role") != "conclusion"  # an undercut's edge into this step
            )
            conclusions = list(graph.successors(node))
            if len(conclusions) != 1:
                problems.append(
                    Problem(
                        "invalid-graph",
                        f"inference node `{node}` has {len(conclusions)} "
                        "conclusions; it needs exactly one outgoing edge",
                    )
                )
                continue
            lists["inferences"].append(
                {
                    "id": node,
                    **fields,
                    "premises": [src for _, src in incoming],
                    "conclusion": conclusions[0],
                }
            )
        else:
            problems.append(
                Problem(
                    "invalid-graph", f"node `{node}` has no `type` (claim, evidence or inference)"
                )
            )
    if problems:
        raise InvalidMapError(problems)
    data = {
        key: graph.graph[key]
        for key in ("title", "thesis", "description", "sources", "checks", "extra")
        if graph.graph.get(key) is not None
    }
    try:
        amap = ArgumentMap.model_validate({**data, **lists}, context={DEFER_INTEGRITY: True})
    except ValidationError as err:
        raise InvalidMapError(
            [
                Problem("invalid-graph", f"{'.'.join(map(str, e['loc']))}: {e['msg']}")
                for e in err.errors(include_url=False)
            ]
        ) from err
    reference_problems = integrity_problems(amap)
    if reference_problems:
        raise InvalidMapError(reference_problems)
    file = graph.graph.get("file")
    if isinstance(file, str | PathLike):
        amap._attach(Origin(Path(file)))  # no positions: the graph may have been changed
    return amap


# Questions about the structure


def _known(
    graph: nx.DiGraph[str], node: str, *, inference: bool = False, hint: str | None = None
) -> None:
    """Raise unless ``node`` is in the graph (and, with ``inference``, is no statement,
    else the error has ``hint``).

    A node without a ``type`` (a graph built by hand) may stand for anything.
    """
    if node not in graph:
        candidates = (
            [n for n, attrs in graph.nodes(data=True) if attrs.get("type", INFERENCE) == INFERENCE]
            if inference
            else graph.nodes
        )
        raise InvalidMapError(
            Problem(
                "unknown-id", f"`{node}` is not in the map", hint=did_you_mean(node, candidates)
            )
        )
    node_type = graph.nodes[node].get("type")
    if inference and node_type not in (INFERENCE, None):
        what = {CLAIM: "a claim", EVIDENCE: "evidence"}.get(node_type, f"a `{node_type}` node")
        raise InvalidMapError(
            Problem(
                "wrong-type",
                f"`{node}` is {what}, not an inference",
                hint=hint,
            )
        )


def _conclusion_edges(graph: nx.DiGraph[str], node: str) -> Iterator[tuple[str, str]]:
    """Yield (inference, kind) for the inferences that conclude ``node``."""
    _known(graph, node)
    for inference, _, data in graph.in_edges(node, data=True):
        if data.get("role") == "conclusion":
            yield inference, data.get("kind", _SUPPORT)


def _kind_of(graph: nx.DiGraph[str], inference: str) -> str:
    """The kind of an inference: its node's ``kind``, else its conclusion edge's."""
    kind = graph.nodes[inference].get("kind")
    if kind is None:
        kind = next(iter(graph.succ[inference].values()), {}).get("kind", _SUPPORT)
    return str(kind)


def supporters(graph: nx.DiGraph[str], node: str) -> list[str]:
    """Return the ids of the inferences that support ``node``.

    Only ``support`` inferences count: not attacks or undercuts, nor the rephrases by
    which ``node`` restates another statement (see :func:`restatements`).

    Raises:
        InvalidMapError: ``node`` is not in the graph.

    Examples:
        >>> g = nx.DiGraph()
        >>> g.add_edge("e", "i", role="premise"); g.add_edge("i", "matured", role="conclusion")
        >>> supporters(g, "matured")
        ['i']
        >>> supporters(g, "matureed")
        Traceback (most recent call last):
        ...
        argmap.errors.InvalidMapError: `matureed` is not in the map (did you mean `matured`?)
    """
    return [inf for inf, kind in _conclusion_edges(graph, node) if kind == _SUPPORT]


def attackers(graph: nx.DiGraph[str], node: str) -> list[str]:
    """Return the ids of the inferences that attack ``node`` (a claim) or undercut it (a step).

    A rephrase is no attack (see :func:`restatements`).

    Raises:
        InvalidMapError: ``node`` is not in the graph.

    Examples:
        >>> g = nx.DiGraph()
        >>> g.add_edge("r", "i", role="premise")
        >>> g.add_edge("i", "c", role="conclusion", kind="attack")
        >>> attackers(g, "c")
        ['i']
    """
    return [inf for inf, kind in _conclusion_edges(graph, node) if kind in _ATTACKS]


def restatements(graph: nx.DiGraph[str], node: str) -> list[str]:
    """Return the ids of the rephrases that link ``node`` to another statement.

    A rephrase concludes a restatement from the one statement it restates; both ends
    count: the rephrases that conclude ``node`` first, then those it is the premise of.

    Raises:
        InvalidMapError: ``node`` is not in the graph.

    Examples:
        >>> g = nx.DiGraph()
        >>> g.add_edge("thesis", "r", role="premise", index=0)
        >>> g.add_edge("r", "again", role="conclusion", kind="rephrase")
        >>> restatements(g, "again"), restatements(g, "thesis"), supporters(g, "again")
        (['r'], ['r'], [])
    """
    concluded = [inf for inf, kind in _conclusion_edges(graph, node) if kind == _REPHRASE]
    restated = [
        inference
        for _, inference, data in graph.out_edges(node, data=True)
        if data.get("role") == "premise" and _kind_of(graph, inference) == _REPHRASE
    ]
    return concluded + restated


def premises_of(graph: nx.DiGraph[str], inference: str) -> list[str]:
    """Return the premises of one inference, in their order.

    Raises:
        InvalidMapError: ``inference`` is not in the graph, or is a claim or evidence.

    Examples:
        >>> g = nx.DiGraph()
        >>> g.add_node("c", type="claim")
        >>> g.add_edge("b", "i", role="premise", index=1)
        >>> g.add_edge("a", "i", role="premise", index=0)
        >>> premises_of(g, "i")
        ['a', 'b']
        >>> try:
        ...     premises_of(g, "c")
        ... except InvalidMapError as err:
        ...     print(err)
        `c` is a claim, not an inference (for what supports it, ask `premises(graph, id)`)
    """
    _known(graph, inference, inference=True, hint="for what supports it, ask `premises(graph, id)`")
    edges = [
        (d.get("index", 0), src)
        for src, _, d in graph.in_edges(inference, data=True)
        if d.get("role") == "premise"
    ]
    return [src for _, src in sorted(edges)]


def premises(graph: nx.DiGraph[str], node: str) -> list[str]:
    """Return every premise that supports ``node``, through any of its supporting inferences.

    What ``node`` restates is not among them (see :func:`restatements`).

    Raises:
        InvalidMapError: ``node`` is not in the graph.
    """
    seen: dict[str, None] = {}
    for inference in supporters(graph, node):
        for premise in premises_of(graph, inference):
            seen.setdefault(premise)
    return list(seen)


def conclusion_of(graph: nx.DiGraph[str], inference: str) -> str:
    """Return what an inference concludes.

    Raises:
        InvalidMapError: ``inference`` is not in the graph, is a claim or evidence, or
            concludes nothing.

    Examples:
        >>> g = nx.DiGraph()
        >>> g.add_edge("a", "i", role="premise"); g.add_edge("i", "c", role="conclusion")
        >>> conclusion_of(g, "i")
        'c'
    """
    _known(graph, inference, inference=True)
    for conclusion in graph.successors(inference):
        return conclusion
    raise InvalidMapError(
        Problem("invalid-graph", f"inference `{inference}` has no conclusion (no outgoing edge)")
    )


def statements(graph: nx.DiGraph[str]) -> list[str]:
    """Return the ids of the claims and evidence items."""
    return [n for n, attrs in graph.nodes(data=True) if attrs.get("type") in STATEMENTS]


def roots(graph: nx.DiGraph[str]) -> list[str]:
    """Return the statements that are no inference's premise: the tops of the map."""
    return [n for n in statements(graph) if graph.out_degree(n) == 0]


def leaves(graph: nx.DiGraph[str]) -> list[str]:
    """Return the statements that no inference concludes: the ground the map stands on."""
    return [n for n in statements(graph) if graph.in_degree(n) == 0]


def support_graph(graph: nx.DiGraph[str]) -> nx.DiGraph[str]:
    """Return the statements with an edge premise → conclusion for each supporting inference.

    An edge carries ``inference``, the id of (one of) the inferences it stands for. Only
    ``support`` inferences are edges: not attacks, undercuts or rephrases.
    """
    support: nx.DiGraph[str] = nx.DiGraph()
    support.add_nodes_from(statements(graph))
    for inference, attrs in graph.nodes(data=True):
        if attrs.get("type") != INFERENCE or attrs.get("kind") != _SUPPORT:
            continue
        conclusion = conclusion_of(graph, inference)
        for premise in premises_of(graph, inference):
            support.add_edge(premise, conclusion, inference=inference)
    return support


def chains(graph: nx.DiGraph[str], start: str, end: str | None = None) -> Iterator[list[str]]:
    """Yield each chain of support from ``start`` up to ``end`` (by default the thesis).

    A chain lists statement ids from ``start`` to ``end``, each supported by the one
    before (see :func:`support_graph`: a rephrase is no link). There can be very many
    chains in a large, tangled map: take what you need from the iterator. With no
    ``end`` and no thesis there are none.

    Raises:
        InvalidMapError: ``start`` or ``end`` (or the graph's thesis) is not in the
            graph; raised at once, not when the chains are first asked for.

    Examples:
        >>> g = nx.DiGraph(thesis="c")
        >>> for a, b in [("e", "i"), ("i", "b"), ("b", "j"), ("j", "c")]:
        ...     g.add_edge(a, b, role="premise" if a in "eb" else "conclusion", kind="support")
        >>> for n, t in [("e", "evidence"), ("b", "claim"), ("c", "claim"),
        ...              ("i", "inference"), ("j", "inference")]:
        ...     g.nodes[n].update(type=t, kind="support")
        >>> list(chains(g, "e"))
        [['e', 'b', 'c']]
    """
    target = end if end is not None else graph.graph.get("thesis")
    _known(graph, start)
    if target is None:
        return iter(())
    _known(graph, target)
    if start == target:
        return iter(([start],))
    return nx.all_simple_paths(support_graph(graph), start, target)


def depth(graph: nx.DiGraph[str]) -> int:
    """Return the number of inference steps in the longest chain of support.

    Circular support counts once around: the length is taken on the graph with
    each cycle drawn together into one node. Rephrases are no steps.
    """
    support = support_graph(graph)
    if support.number_of_edges() == 0:
        return 0
    if nx.is_directed_acyclic_graph(support):
        return int(nx.dag_longest_path_length(support))
    return int(nx.dag_longest_path_length(nx.condensation(support)))
