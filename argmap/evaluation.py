"""Which claims stand: the map read as an argumentation framework, and evaluated.

:func:`evaluate` labels every claim, evidence item and inference **accepted**,
**rejected** or **undecided**, each with an explanation a student can follow. It reads
the map the way ASPIC+ and Carneades are taught:

*Arguments* are built from the inferences. Evidence and ``assumed`` claims are *given*
premises, and so, by default, is a claim that no inference supports: the text states it,
and a statement stands until something defeats it ("taken as stated"; ``argmap check``
flags such claims as unsupported, and ``stated=False`` gives them no argument at all).
A claim that an inference supports is not given: it stands or falls with its support.
An argument for a claim is a given premise, or a ``support`` inference whose premises
each have an argument (linked premises need all of them; convergent inferences are
separate arguments). An ``attack`` or ``undercut`` inference whose premises have
arguments is an argument too: an objection.

*Attacks* go where the map draws them, one way:

- an ``attack`` on a claim **rebuts** every argument that concludes it, and
  **undermines** every argument that uses it as a premise (an attack on a sub-argument
  is an attack on the whole);
- an ``undercut`` of an inference attacks every argument that uses that step;
- a ``rephrase`` restates: the two statements are one, with one label, and what
  supports or attacks either supports or attacks both. An undercut of a rephrase
  attacks no argument (a restatement is no step of reasoning).

Rebuttal is not symmetric: an arrow drawn from an objection to a claim is a defeat, as
the analyst judged it (ASPIC+ with the objection preferred). The arguments for the
attacked claim do not strike back unless the map draws an attack the other way; two
claims that attack each other make an even cycle.

*Semantics*: ``grounded`` (the default) accepts only what must be accepted: the least
fixed point of "accept what has an argument all of whose attackers are rejected; reject
what every argument of which has an accepted attacker". It is computed on the map itself,
without listing arguments: a propagation linear in the map's size, then (if support goes
round in circles) a check that rejects what only circular support would hold up. The
check takes one strongly connected component of the map's dependencies at a time, those
depended on first, so the whole is linear in the map's size; only inside one component
(a support circle caught in a cycle of attacks) may the check repeat, once per circle
the component's attacks uncover in turn. ``preferred`` builds the arguments and finds
every preferred extension (maximal admissible set); an item is accepted if it is
accepted in all of them (sceptical), rejected if rejected in all, and undecided
otherwise; :attr:`Verdict.credulous` says whether it is accepted in at least one.
Preferred semantics is hard in general: past :data:`ARGUMENT_LIMIT` arguments or
:data:`SEARCH_LIMIT` visits in its search (labels looked at) it gives up, keeps
grounded's labels (which preferred semantics never contradicts) and says so in
:attr:`Evaluation.note`.

A statement is accepted when one of its arguments is in, rejected when all of them are
out (a statement with no argument is rejected), and undecided otherwise; an objection
likewise by the arguments whose last step it is. A support inference is accepted when it
applies: its premises are accepted, nothing undercuts it and no attack on its conclusion
succeeds (a step that only restates its conclusion's own ground in a circle still
"applies", though it adds nothing).

Examples:
    >>> import argmap
    >>> result = evaluate(argmap.read("examples/crisis_core.yaml"))
    >>> result["insurrection_now"].label
    <Label.ACCEPTED: 'accepted'>
    >>> print(result["peasant_revolt"].explanation)  # doctest: +NORMALIZE_WHITESPACE
    `peasant_revolt` is accepted: step `revolt_shown` supports it, and its premise
    `dyelo_naroda` is accepted.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, Literal

from argmap.checks.index import strongly_connected
from argmap.models import ArgumentMap, Claim, Evidence, Inference, InferenceKind

Semantics = Literal["grounded", "preferred"]
SEMANTICS: tuple[Semantics, ...] = ("grounded", "preferred")

ARGUMENT_LIMIT = 5_000
"""The most arguments that preferred semantics builds before it gives up."""
SEARCH_LIMIT = 20_000_000
"""The most visits that the search for preferred extensions makes before it gives up: a
visit is one argument's label set, looked at or copied (the search keeps, for each
argument, how many of its attackers are labelled, accepted and rejected, and labelling
an argument visits each argument it attacks), so the limit bounds the search's work,
however densely the arguments attack each other."""


class Label(StrEnum):
    """Whether an item stands."""

    ACCEPTED = "accepted"
    REJECTED = "rejected"
    UNDECIDED = "undecided"


@dataclass(frozen=True)
class Verdict:
    """The label of one claim, evidence item or inference, and why it has it."""

    id: str
    type: Literal["claim", "evidence", "inference"]
    label: Label
    explanation: str
    credulous: bool | None = None
    """Preferred semantics: whether it is accepted in at least one preferred extension."""

    def as_dict(self) -> dict[str, Any]:
        """Return the verdict as JSON data."""
        data: dict[str, Any] = {
            "id": self.id,
            "type": self.type,
            "label": self.label.value,
            "explanation": self.explanation,
        }
        if self.credulous is not None:
            data["credulous"] = self.credulous
        return data


@dataclass(frozen=True)
class Evaluation:
    """The verdicts on a map's items under one semantics, in the map's order."""

    semantics: Semantics
    verdicts: dict[str, Verdict]
    thesis: str | None = None
    extensions: list[frozenset[str]] | None = None
    """Preferred semantics: the items accepted in each preferred extension."""
    note: str | None = None
    """What the reader should know about the result as a whole (e.g. a search given up)."""

    def __getitem__(self, ident: str) -> Verdict:
        return self.verdicts[ident]

    def __iter__(self) -> Iterator[Verdict]:
        return iter(self.verdicts.values())

    def __len__(self) -> int:
        return len(self.verdicts)

    def with_label(self, label: Label) -> list[str]:
        """Return the ids of the items with ``label``, in the map's order."""
        return [v.id for v in self.verdicts.values() if v.label is label]

    def counts(self) -> dict[str, int]:
        """Return how many items have each label."""
        return {label.value: len(self.with_label(label)) for label in Label}

    def as_dict(self) -> dict[str, Any]:
        """Return the evaluation as JSON data."""
        data: dict[str, Any] = {"semantics": self.semantics, "thesis": None}
        if self.thesis is not None:
            data["thesis"] = self.verdicts[self.thesis].as_dict()
        data["counts"] = self.counts()
        if self.extensions is not None:
            data["extensions"] = [sorted(e) for e in self.extensions]
        if self.note is not None:
            data["note"] = self.note
        data["items"] = [v.as_dict() for v in self.verdicts.values()]
        return data


# The map as the solvers see it ------------------------------------------------------------

_GIVEN_WORDS = {
    "evidence": "it is evidence, a given premise",
    "assumed": "it is assumed, a given premise",
    "stated": "nothing supports it, so it is taken as stated",
}


@dataclass
class _Framework:
    """The map with restatements drawn together: statement classes and the steps between."""

    amap: ArgumentMap
    stated: bool
    rep: dict[str, str] = field(default_factory=dict)
    """Each statement's class, named by its first member in the map's order."""
    given: dict[str, str] = field(default_factory=dict)
    """The given classes, each with why ("evidence", "assumed" or "stated")."""
    steps: dict[str, Inference] = field(default_factory=dict)
    """The support, attack and undercut inferences (rephrases are no steps)."""
    premises: dict[str, list[str]] = field(default_factory=dict)
    """Each step's premise classes, without repeats."""
    supports: dict[str, list[str]] = field(default_factory=dict)
    attacks: dict[str, list[str]] = field(default_factory=dict)
    undercuts: dict[str, list[str]] = field(default_factory=dict)
    used_by: dict[str, list[str]] = field(default_factory=dict)
    """The steps each class is a premise of."""

    @classmethod
    def of(cls, amap: ArgumentMap, stated: bool) -> _Framework:
        fw = cls(amap, stated)
        parent: dict[str, str] = {}

        def find(x: str) -> str:
            root = x
            while parent[root] != root:
                root = parent[root]
            while parent[x] != root:
                parent[x], x = root, parent[x]
            return root

        order: dict[str, int] = {}
        statements: list[Claim | Evidence] = [*amap.claims, *amap.evidence]
        for item in statements:
            parent[item.id] = item.id
            order[item.id] = len(order)
        for inference in amap.inferences:
            if inference.kind is InferenceKind.REPHRASE:
                a, b = find(inference.premises[0]), find(inference.conclusion)
                if a != b:  # the class is named by its member that comes first
                    first, second = (a, b) if order[a] < order[b] else (b, a)
                    parent[second] = first
        for ident in order:
            rep = fw.rep[ident] = find(ident)
            fw.supports.setdefault(rep, [])
            fw.attacks.setdefault(rep, [])
            fw.used_by.setdefault(rep, [])
        for inference in amap.inferences:
            kind = inference.kind
            if kind is InferenceKind.REPHRASE:
                continue
            fw.steps[inference.id] = inference
            fw.undercuts.setdefault(inference.id, [])
            classes = list(dict.fromkeys(fw.rep[p] for p in inference.premises))
            fw.premises[inference.id] = classes
            for premise in classes:
                fw.used_by[premise].append(inference.id)
            if kind is InferenceKind.SUPPORT:
                fw.supports[fw.rep[inference.conclusion]].append(inference.id)
            elif kind is InferenceKind.ATTACK:
                fw.attacks[fw.rep[inference.conclusion]].append(inference.id)
        for inference in amap.inferences:
            if inference.kind is InferenceKind.UNDERCUT and inference.conclusion in fw.steps:
                fw.undercuts[inference.conclusion].append(inference.id)
        for item in amap.evidence:
            fw.given.setdefault(fw.rep[item.id], "evidence")
        for claim in amap.claims:
            if claim.assumed:
                fw.given.setdefault(fw.rep[claim.id], "assumed")
        if stated:
            for rep, supporting in fw.supports.items():
                if not supporting:
                    fw.given.setdefault(rep, "stated")
        return fw

    def classes(self) -> list[str]:
        return list(self.supports)

    def with_arguments(self) -> set[str]:
        """The classes and steps that have at least one argument (forward chaining)."""
        missing = {step: len(classes) for step, classes in self.premises.items()}
        found: set[str] = set()
        queue = list(self.given)
        found.update(queue)
        while queue:
            rep = queue.pop()
            for step in self.used_by[rep]:
                missing[step] -= 1
                if missing[step] == 0:
                    found.add(step)
                    inference = self.steps[step]
                    if inference.kind is InferenceKind.SUPPORT:
                        conclusion = self.rep[inference.conclusion]
                        if conclusion not in found:
                            found.add(conclusion)
                            queue.append(conclusion)
        return found


# Grounded semantics, on the map itself -------------------------------------------------

_IN, _OUT = Label.ACCEPTED, Label.REJECTED
_CIRCULAR = "circular support"
"""The mark on a reason for what the check for unfounded sets rejected (no id has a space)."""


def _grounded(fw: _Framework) -> tuple[dict[str, Label], dict[str, tuple[str, ...]]]:
    """Label the classes and steps by the least fixed point, with the reason for each.

    Each node changes its label once (from undecided), and each change visits the
    node's neighbours once: linear in the size of the map. The check for unfounded sets
    looks at one strongly connected component at a time (see the module's documentation).
    """
    label: dict[str, Label] = {}
    why: dict[str, tuple[str, ...]] = {}
    pending_attacks = {rep: len(a) for rep, a in fw.attacks.items()}
    live_supports = {rep: len(s) for rep, s in fw.supports.items()}
    ready_supports: dict[str, list[str]] = {rep: [] for rep in fw.supports}
    pending_premises = {step: len(p) for step, p in fw.premises.items()}
    pending_undercuts = {step: len(u) for step, u in fw.undercuts.items()}
    ready: set[str] = set()
    queue: list[str] = []

    def decide(node: str, value: Label, *reason: str) -> None:
        if node not in label:
            label[node] = value
            why[node] = reason
            queue.append(node)

    def try_accept(rep: str) -> None:
        if rep in label or pending_attacks[rep]:
            return
        if ready_supports[rep]:
            decide(rep, _IN, "supported", ready_supports[rep][0])
        elif rep in fw.given:
            decide(rep, _IN, "given")

    def try_ready(step: str) -> None:
        if step in ready or pending_premises[step] or pending_undercuts[step]:
            return
        ready.add(step)
        inference = fw.steps[step]
        if inference.kind is InferenceKind.SUPPORT:
            conclusion = fw.rep[inference.conclusion]
            ready_supports[conclusion].append(step)
            if not pending_attacks[conclusion]:
                decide(step, _IN, "holds")
            try_accept(conclusion)
        else:
            decide(step, _IN, "holds")

    has_argument = fw.with_arguments()
    for node in itertools.chain(fw.classes(), fw.steps):
        if node not in has_argument:
            decide(node, _OUT, "no-argument")
    for rep in fw.classes():
        try_accept(rep)

    drain = (
        fw,
        queue,
        label,
        decide,
        try_ready,
        try_accept,
        pending_attacks,
        pending_undercuts,
        pending_premises,
        live_supports,
        ready_supports,
    )
    _drain(*drain)
    if len(label) == len(fw.supports) + len(fw.steps):
        return label, why
    # What is left undecided but has no argument free of an accepted attack or undercut is
    # rejected: its support only goes round in a circle (an unfounded set). The check runs
    # one strongly connected component of the dependencies at a time, those depended on
    # first, so that each pass looks only at the component and what leads into it.
    for members in _components(fw):
        while any(node not in label for node in members):
            unfounded = _unfounded(fw, label, members)
            if not unfounded:
                break
            for node in unfounded:
                if fw.steps.get(node) is None:
                    decide(node, _OUT, "unsupported", _CIRCULAR)
                else:
                    bad = [p for p in fw.premises[node] if label.get(p) is not _IN]
                    decide(node, _OUT, "premise", bad[0], _CIRCULAR)
            _drain(*drain)
    return label, why


def _dependencies(fw: _Framework, node: str) -> list[str]:
    """What a node's label depends on (an attacked class stands for its attacks)."""
    inference = fw.steps.get(node)
    if inference is None:
        if node.startswith("\0"):  # the attacks on a class, as one node
            return fw.attacks[node[1:]]
        return [*fw.supports[node], "\0" + node]
    out = [*fw.premises[node], *fw.undercuts[node]]
    if inference.kind is InferenceKind.SUPPORT:
        out.append("\0" + fw.rep[inference.conclusion])
    return out


class _Dependencies(Mapping[str, list[str]]):
    """The dependencies of every node, worked out when asked: what
    :func:`~argmap.checks.index.strongly_connected` walks."""

    def __init__(self, fw: _Framework) -> None:
        self.fw = fw

    def __getitem__(self, node: str) -> list[str]:
        return _dependencies(self.fw, node)

    def __iter__(self) -> Iterator[str]:
        return itertools.chain(self.fw.classes(), self.fw.steps)

    def __len__(self) -> int:
        return sum(1 for _ in self)


def _components(fw: _Framework) -> list[list[str]]:
    """The strongly connected components of the dependencies, those depended on first
    (as Tarjan's algorithm gives them: linear in the size of the map)."""
    found = (
        [node for node in component if not node.startswith("\0")]
        for component in strongly_connected(_Dependencies(fw))
    )
    return [component for component in found if component]


def _unfounded(fw: _Framework, label: dict[str, Label], members: list[str]) -> list[str]:
    """The undecided nodes of a component that no argument free of accepted objections
    reaches, given final labels for what the component depends on (there, an argument
    reaches exactly what is not rejected)."""
    inside = set(members)
    defeated = set()
    for node in members:
        inference = fw.steps.get(node)
        against = fw.attacks[node] if inference is None else fw.undercuts[node]
        if any(label.get(a) is _IN for a in against):
            defeated.add(node)
    missing: dict[str, int] = {}
    found: set[str] = set()
    queue: list[str] = []

    def reach(step: str) -> None:
        """A step whose premises are all reached."""
        if step in defeated:
            return
        inference = fw.steps[step]
        if inference.kind is not InferenceKind.SUPPORT:
            found.add(step)
            return
        conclusion = fw.rep[inference.conclusion]
        if any(label.get(a) is _IN for a in fw.attacks[conclusion]):
            return
        found.add(step)
        if conclusion in inside and conclusion not in found:
            found.add(conclusion)
            queue.append(conclusion)

    for node in members:
        if node not in fw.steps:
            if node in fw.given and node not in defeated and node not in found:
                found.add(node)
                queue.append(node)
            for step in fw.supports[node]:
                if step not in inside and label.get(step) is not _OUT:
                    reach(step)  # a step outside that leads in (its label is final)
            continue
        premises = fw.premises[node]
        if any(p not in inside and label.get(p) is _OUT for p in premises):
            missing[node] = -1  # never reached
            continue
        missing[node] = sum(p in inside for p in premises)
        if not missing[node]:
            reach(node)
    while queue:
        rep = queue.pop()
        for step in fw.used_by[rep]:
            if step not in inside or missing[step] < 0:
                continue
            missing[step] -= 1
            if not missing[step]:
                reach(step)
    return [node for node in members if node not in label and node not in found]


def _drain(
    fw: _Framework,
    queue: list[str],
    label: dict[str, Label],
    decide: Any,
    try_ready: Any,
    try_accept: Any,
    pending_attacks: dict[str, int],
    pending_undercuts: dict[str, int],
    pending_premises: dict[str, int],
    live_supports: dict[str, int],
    ready_supports: dict[str, list[str]],
) -> None:
    """Propagate each decided node to its neighbours until nothing more follows."""
    while queue:
        node = queue.pop()
        value = label[node]
        inference = fw.steps.get(node)
        if inference is None:  # a statement class
            for step in fw.used_by[node]:
                if value is _IN:
                    pending_premises[step] -= 1
                    try_ready(step)
                else:
                    decide(step, _OUT, "premise", node)
        elif inference.kind is InferenceKind.ATTACK:
            target = fw.rep[inference.conclusion]
            if value is _IN:
                decide(target, _OUT, "attacked", node)
                for step in fw.supports[target]:
                    decide(step, _OUT, "conclusion-attacked", node)
            else:
                pending_attacks[target] -= 1
                if not pending_attacks[target]:
                    for step in ready_supports[target]:
                        decide(step, _IN, "holds")
                    try_accept(target)
        elif inference.kind is InferenceKind.UNDERCUT:
            target = inference.conclusion
            if target in fw.steps:
                if value is _IN:
                    decide(target, _OUT, "undercut", node)
                else:
                    pending_undercuts[target] -= 1
                    try_ready(target)
        elif value is _OUT:  # a support that fails
            conclusion = fw.rep[inference.conclusion]
            live_supports[conclusion] -= 1
            if not live_supports[conclusion] and conclusion not in fw.given:
                decide(conclusion, _OUT, "unsupported")


# Preferred semantics, on the arguments ------------------------------------------------


class _LimitError(Exception):
    """The arguments or the search grew past their limit."""


class SearchLimitError(RuntimeError):
    """The search for preferred extensions made more visits than its limit allows."""

    def __init__(self, limit: int, visits: int) -> None:
        super().__init__(f"the search looked at more than {limit:,} labels")
        self.limit = limit
        self.visits = visits
        """The visits made when it gave up: past the limit by less than five for each
        argument (one step's worth)."""


@dataclass(frozen=True)
class _Argument:
    top: str
    """The last step, or the class of a given premise."""
    conclusion: str | None
    """The class concluded; None for an objection (an attack or an undercut)."""
    statements: frozenset[str]
    steps: frozenset[str]


def _arguments(fw: _Framework, limit: int) -> list[_Argument]:
    """Build every argument that uses no statement to argue for itself."""
    arguments = [_Argument(rep, rep, frozenset({rep}), frozenset()) for rep in fw.given]
    by_class: dict[str, list[int]] = {rep: [] for rep in fw.classes()}
    for n, argument in enumerate(arguments):
        by_class[argument.top].append(n)
    seen: set[tuple[str, tuple[int, ...]]] = set()
    grew = True
    while grew:
        grew = False
        for step, inference in fw.steps.items():
            conclusion = (
                fw.rep[inference.conclusion] if inference.kind is InferenceKind.SUPPORT else None
            )
            pools = [list(by_class[p]) for p in fw.premises[step]]
            for combination in itertools.product(*pools):
                key = (step, combination)
                if key in seen:
                    continue
                seen.add(key)
                statements = frozenset().union(*(arguments[n].statements for n in combination))
                if conclusion is not None and conclusion in statements:
                    continue  # circular: it would use its own conclusion
                steps = frozenset({step}).union(*(arguments[n].steps for n in combination))
                if conclusion is not None:
                    statements |= {conclusion}
                    by_class[conclusion].append(len(arguments))
                arguments.append(_Argument(step, conclusion, statements, steps))
                grew = True
                if len(arguments) > limit:
                    raise _LimitError(f"more than {limit} arguments")
    return arguments


def _attackers(fw: _Framework, arguments: Sequence[_Argument]) -> list[set[int]]:
    """For each argument, the arguments that attack it."""
    containing: dict[str, list[int]] = {}
    for n, argument in enumerate(arguments):
        for part in itertools.chain(argument.statements, argument.steps):
            containing.setdefault(part, []).append(n)
    attackers: list[set[int]] = [set() for _ in arguments]
    for n, argument in enumerate(arguments):
        if argument.conclusion is not None:
            continue
        inference = fw.steps[argument.top]
        if inference.kind is InferenceKind.ATTACK:
            target = fw.rep[inference.conclusion]
        elif inference.conclusion in fw.steps:
            target = inference.conclusion
        else:
            continue  # an undercut of a rephrase
        for attacked in containing.get(target, ()):
            attackers[attacked].add(n)
    return attackers


@dataclass
class _Search:
    """A partial labelling in the search, with how many of each node's attackers it has
    labelled, accepted and rejected."""

    labels: dict[int, Label]
    labelled: list[int]
    accepted: list[int]
    rejected: list[int]

    def copy(self) -> _Search:
        return _Search(
            dict(self.labels), list(self.labelled), list(self.accepted), list(self.rejected)
        )


def preferred_extensions(
    attackers: Sequence[set[int]],
    *,
    limit: int = SEARCH_LIMIT,
    stats: dict[str, int] | None = None,
) -> list[frozenset[int]]:
    """Return the preferred extensions of an abstract framework, in a fixed order.

    ``attackers[a]`` holds the arguments that attack argument ``a`` (numbered from 0).
    The search labels the arguments that grounded semantics leaves undecided in, out or
    undecided, one at a time, propagating what each choice forces, and keeps the
    complete labellings whose set of accepted arguments is maximal. Its work is counted
    in visits (see :data:`SEARCH_LIMIT`); ``stats["visits"]``, when given, receives the
    count, whether the search ends or gives up.

    Raises:
        SearchLimitError: the search made more than ``limit`` visits.

    Examples:
        >>> sorted(sorted(e) for e in preferred_extensions([{1}, {0}, {1}]))
        [[0, 2], [1]]
        >>> preferred_extensions([{0}])
        [frozenset()]
    """
    size = len(attackers)
    attacks: list[list[int]] = [[] for _ in range(size)]
    for target, sources in enumerate(attackers):
        for source in sources:
            attacks[source].append(target)
    start = grounded_labelling(attackers)
    found: list[frozenset[int]] = []
    visits = 0

    def visit(count: int) -> None:
        nonlocal visits
        visits += count
        if stats is not None:
            stats["visits"] = visits
        if visits > limit:
            raise SearchLimitError(limit, visits)

    def assign(state: _Search, node: int, value: Label, todo: list[int]) -> None:
        """Label a node and count it among the labelled attackers of what it attacks."""
        state.labels[node] = value
        todo.append(node)
        visit(len(attacks[node]))
        for target in attacks[node]:
            state.labelled[target] += 1
        if value is not Label.UNDECIDED:
            counter = state.accepted if value is _IN else state.rejected
            for target in attacks[node]:
                counter[target] += 1

    def propagate(state: _Search, todo: list[int]) -> bool:
        """Force what the labels imply; False if they contradict each other."""
        labels = state.labels
        while todo:
            node = todo.pop()
            visit(1)
            for other in itertools.chain((node,), attacks[node]):
                visit(1)
                value = labels.get(other)
                total = len(attackers[other])
                accepted, rejected = state.accepted[other], state.rejected[other]
                forced = _OUT if accepted else _IN if rejected == total else None
                if value is None:
                    if forced is not None:
                        assign(state, other, forced, todo)
                    continue
                if forced is not None and forced is not value:
                    return False
                if value is _IN and rejected < total:
                    for a in attackers[other]:
                        visit(1)
                        if labels.get(a) is None:
                            assign(state, a, _OUT, todo)
                        elif labels[a] is not _OUT:
                            return False
                open_ = total - state.labelled[other]
                if value is _OUT and not open_ and not accepted:
                    return False
                if value is Label.UNDECIDED and not open_ and forced is not None:
                    return False
                if value is _OUT and open_ == 1 and not accepted:
                    for a in attackers[other]:
                        visit(1)
                        if labels.get(a) is None:
                            assign(state, a, _IN, todo)
                            break
        return True

    def search(state: _Search, first: int) -> None:
        """Label the open nodes from ``first`` on (those before it are labelled)."""
        while first < size and first in state.labels:
            visit(1)
            first += 1
        if first == size:
            accepted = frozenset(a for a, v in state.labels.items() if v is _IN)
            if not any(accepted <= other for other in found):
                found[:] = [other for other in found if not other < accepted]
                found.append(accepted)
            return
        for value in (_IN, _OUT, Label.UNDECIDED):
            visit(4 * size)
            trial = state.copy()
            todo: list[int] = []
            assign(trial, first, value, todo)
            if propagate(trial, todo):
                search(trial, first + 1)

    state = _Search({}, [0] * size, [0] * size, [0] * size)
    for a, v in start.items():
        if v is not Label.UNDECIDED:
            assign(state, a, v, [])
    search(state, 0)
    return sorted(found, key=lambda e: sorted(e))


def grounded_labelling(attackers: Sequence[set[int]]) -> dict[int, Label]:
    """Return the grounded labelling of an abstract framework (see :func:`preferred_extensions`).

    Examples:
        >>> labels = grounded_labelling([set(), {0}, {1}])  # 0 attacks 1, which attacks 2
        >>> [label.value for label in labels.values()]
        ['accepted', 'rejected', 'accepted']
    """
    attacks: list[list[int]] = [[] for _ in attackers]
    for target, sources in enumerate(attackers):
        for source in sources:
            attacks[source].append(target)
    pending = [len(a) for a in attackers]
    labels: dict[int, Label] = {}
    queue = [a for a in range(len(attackers)) if not pending[a]]
    for a in queue:
        labels[a] = _IN
    while queue:
        node = queue.pop()
        for target in attacks[node]:
            if labels[node] is _IN:
                if target not in labels:
                    labels[target] = _OUT
                    queue.append(target)
            else:
                pending[target] -= 1
                if not pending[target] and target not in labels:
                    labels[target] = _IN
                    queue.append(target)
    return {a: labels.get(a, Label.UNDECIDED) for a in range(len(attackers))}


# Explanations ---------------------------------------------------------------------------


def _ids(ids: Sequence[str]) -> str:
    """`a`, `b` and `c`."""
    quoted = [f"`{i}`" for i in ids]
    return quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " and " + quoted[-1]


def _are(ids: Sequence[str]) -> str:
    return "is" if len(ids) == 1 else "are"


def _s(ids: Sequence[str]) -> str:
    return "" if len(ids) == 1 else "s"


class _Explainer:
    """Turns the grounded labels and their reasons into sentences."""

    def __init__(
        self, fw: _Framework, label: dict[str, Label], why: dict[str, tuple[str, ...]]
    ) -> None:
        self.fw, self.label, self.why = fw, label, why

    def of(self, node: str) -> Label:
        return self.label.get(node, Label.UNDECIDED)

    def _what(self, step: str) -> str:
        inference = self.fw.steps[step]
        if inference.kind is InferenceKind.ATTACK:
            return f"the attack `{step}` on `{inference.conclusion}`"
        if inference.kind is InferenceKind.UNDERCUT:
            return f"the undercut `{step}` of `{inference.conclusion}`"
        return f"step `{step}`"

    def _premises_and_undercuts(self, step: str) -> str:
        """'its premise `p` is accepted and nothing undercuts it' (for a step that holds)."""
        premises = self.fw.premises[step]
        undercuts = self.fw.undercuts[step]
        text = f"its premise{_s(premises)} {_ids(premises)} {_are(premises)} accepted"
        if undercuts:
            text += f", and {_ids(undercuts)}, which would undercut it, {_are(undercuts)} rejected"
        return text

    def _holds(self, step: str) -> str:
        """'whose premise `p` is accepted and which nothing undercuts'."""
        premises = self.fw.premises[step]
        undercuts = self.fw.undercuts[step]
        text = f"whose premise{_s(premises)} {_ids(premises)} {_are(premises)} accepted"
        if undercuts:
            text += f" and whose undercutter{_s(undercuts)} {_ids(undercuts)} {_are(undercuts)}"
            text += " rejected"
        else:
            text += " and which nothing undercuts"
        return text

    def _fails_briefly(self, step: str) -> str:
        """Why a rejected step fails, in a few words."""
        reason = self.why.get(step, ("no-argument",))
        if reason[0] == "premise":
            return f"its premise `{reason[1]}` is rejected"
        if reason[0] == "undercut":
            return f"undercut by `{reason[1]}`"
        if reason[0] == "conclusion-attacked":
            return f"its conclusion is defeated by `{reason[1]}`"
        return "no argument reaches it"

    def _attacks_fail(self, rep: str) -> str:
        attacks = self.fw.attacks[rep]
        if not attacks:
            return ""
        parts = [f"`{a}` ({self._fails_briefly(a)})" for a in attacks]
        return f"; {'the attack' if len(attacks) == 1 else 'every attack'} on it fails: " + (
            ", ".join(parts)
        )

    def statement(self, rep: str) -> str:
        value = self.of(rep)
        reason = self.why.get(rep, ())
        head = f"`{rep}` is {value.value}: "
        if value is _IN and reason[0] == "given":
            return head + _GIVEN_WORDS[self.fw.given[rep]] + self._attacks_fail(rep) + "."
        if value is _IN:
            step = reason[1]
            return (
                head
                + f"step `{step}` supports it, and "
                + self._premises_and_undercuts(step)
                + self._attacks_fail(rep)
                + "."
            )
        if value is _OUT and reason[0] == "attacked":
            others = [a for a in self.fw.attacks[rep] if a != reason[1] and self.of(a) is _IN]
            also = (
                f"; {_ids(others)} also succeed{'s' if len(others) == 1 else ''}" if others else ""
            )
            return head + f"attacked by `{reason[1]}`, {self._holds(reason[1])}{also}."
        if value is _OUT and reason[0] == "unsupported":
            steps = self.fw.supports[rep]
            parts = [f"`{s}` ({self._fails_briefly(s)})" for s in steps]
            every = "the one step" if len(steps) == 1 else "every step"
            return (
                head
                + f"it is no given premise, and {every} that supports it fails: "
                + ", ".join(parts)
                + self._circle_of_support(rep, _CIRCULAR)
                + "."
            )
        if value is _OUT:
            if not self.fw.supports[rep]:
                return head + (
                    "nothing supports it, and it is neither evidence nor assumed "
                    "(claims are not taken as stated here)."
                )
            circle = self._circle_of_support(rep, "no-argument")
            if circle:
                return head + "no argument reaches it" + circle + "."
            return head + (
                "no argument reaches it: every chain of support below it goes round in a "
                "circle or ends in a claim that is not given."
            )
        return head + self._undecided(rep)

    def _circle_of_support(self, rep: str, kind: str) -> str:
        """'; its support goes round in a circle (`a` → `s` → `b` → `t` → `a`, ...)', for a
        class rejected because only circular support would hold it up: found by following
        a step so rejected and its premise so rejected until they come round ('' if the
        chain ends elsewhere)."""

        def rejected_so(node: str) -> bool:
            reason = self.why.get(node, ())
            return bool(reason) and (reason[0] == kind or reason[-1:] == (kind,))

        path = [rep]
        seen = {rep: 0}
        while len(path) < 120:
            steps = [s for s in self.fw.supports[path[-1]] if rejected_so(s)]
            premises = [p for s in steps[:1] for p in self.fw.premises[s] if rejected_so(p)]
            if not premises:
                return ""
            path += [steps[0], premises[0]]
            if premises[0] in seen:
                circle = path[seen[premises[0]] :]
                shown = " → ".join(f"`{n}`" for n in circle[:10]) + (
                    " → …" if len(circle) > 10 else ""
                )
                where = "goes round in" if circle[0] == rep else "rests on"
                return (
                    f"; its support {where} a circle ({shown}, each resting on the next) "
                    "that no argument from given premises reaches"
                )
            seen[premises[0]] = len(path) - 1
        return ""

    def step(self, step: str) -> str:
        value = self.of(step)
        reason = self.why.get(step, ())
        inference = self.fw.steps[step]
        what = self._what(step)
        if value is _IN:
            verb = "holds" if inference.kind is InferenceKind.SUPPORT else "succeeds"
            text = f"{what} {verb} (accepted): {self._premises_and_undercuts(step)}"
            attacks = self.fw.attacks.get(self.fw.rep.get(inference.conclusion, ""), [])
            if inference.kind is InferenceKind.SUPPORT and attacks:
                text += f", and no attack on `{inference.conclusion}` succeeds"
            return text + "."
        if value is _OUT:
            head = f"{what} fails (rejected): "
            if reason[0] == "premise":
                return head + f"its premise `{reason[1]}` is rejected."
            if reason[0] == "undercut":
                return head + f"undercut by `{reason[1]}`, {self._holds(reason[1])}."
            if reason[0] == "conclusion-attacked":
                return head + (
                    f"its conclusion `{inference.conclusion}` is defeated by `{reason[1]}`, "
                    f"{self._holds(reason[1])}."
                )
            return head + "no argument reaches one of its premises."
        return f"{what} is undecided: " + self._undecided(step)

    def _blockers(self, node: str) -> tuple[str, list[str]]:
        """What holds an undecided node open: (how, the undecided nodes)."""
        undecided = [n for n in self._neighbours(node) if self.of(n) is Label.UNDECIDED]
        inference = self.fw.steps.get(node)
        if inference is None:
            attacks = [a for a in self.fw.attacks[node] if a in undecided]
            if attacks:
                return "attacked", attacks
            return "support", [s for s in self.fw.supports[node] if s in undecided]
        undercuts = [u for u in self.fw.undercuts[node] if u in undecided]
        if undercuts:
            return "undercut", undercuts
        premises = [p for p in self.fw.premises[node] if p in undecided]
        if premises:
            return "premise", premises
        attacks = self.fw.attacks.get(self.fw.rep[inference.conclusion], [])
        return "conclusion", [a for a in attacks if a in undecided]

    def _neighbours(self, node: str) -> list[str]:
        inference = self.fw.steps.get(node)
        if inference is None:
            return [*self.fw.attacks[node], *self.fw.supports[node]]
        out = [*self.fw.undercuts[node], *self.fw.premises[node]]
        if inference.kind is InferenceKind.SUPPORT:
            out += self.fw.attacks[self.fw.rep[inference.conclusion]]
        return out

    def _undecided(self, node: str) -> str:
        how, blockers = self._blockers(node)
        if how == "attacked":
            text = f"attacked by {_ids(blockers)}, which {_are(blockers)} itself undecided"
        elif how == "support":
            text = (
                f"its support{_s(blockers)} {_ids(blockers)} {_are(blockers)} undecided, "
                "and no other holds"
            )
        elif how == "undercut":
            text = f"undercut by {_ids(blockers)}, which {_are(blockers)} itself undecided"
        elif how == "premise":
            text = f"its premise{_s(blockers)} {_ids(blockers)} {_are(blockers)} undecided"
        else:
            inference = self.fw.steps[node]
            text = (
                f"its conclusion `{inference.conclusion}` is attacked by {_ids(blockers)}, "
                f"which {_are(blockers)} undecided"
            )
        return text + self._circle(node) + "."

    def _circle(self, node: str) -> str:
        """Where following what holds each node open comes round again."""
        path = [node]
        seen = {node: 0}
        while len(path) < 60:
            _, blockers = self._blockers(path[-1])
            if not blockers:
                return ""
            following = blockers[0]
            if following in seen:
                circle = [*path[seen[following] :], following]
                shown = " → ".join(f"`{n}`" for n in circle[:10]) + (
                    " → …" if len(circle) > 10 else ""
                )
                where = "it stands in" if following == node else "it depends on"
                return (
                    f"; {where} a circle that grounded semantics leaves open ({shown}, "
                    "each held open by the next)"
                )
            seen[following] = len(path)
            path.append(following)
        return ""


# The public function ---------------------------------------------------------------------


def evaluate(
    amap: ArgumentMap, semantics: Semantics = "grounded", *, stated: bool = True
) -> Evaluation:
    """Label every claim, evidence item and inference accepted, rejected or undecided.

    See the module's documentation for how the map becomes arguments and attacks.

    Args:
        amap: the map.
        semantics: ``grounded`` (what must be accepted; linear time, see above) or ``preferred``
            (accepted in every preferred extension; see :attr:`Verdict.credulous`).
        stated: take a claim that nothing supports as a given premise (the default);
            with False only evidence and ``assumed`` claims are given.

    Raises:
        ValueError: an unknown semantics.

    Examples:
        >>> from argmap import ArgumentMap, Claim, Inference
        >>> amap = ArgumentMap(title="t", claims=[
        ...     Claim(id="a", text="A."), Claim(id="b", text="B."), Claim(id="c", text="C.")],
        ...     inferences=[Inference(id="b_on_a", premises=["b"], conclusion="a", kind="attack"),
        ...                 Inference(id="c_on_b", premises=["c"], conclusion="b", kind="attack")])
        >>> result = evaluate(amap)
        >>> [result[x].label.value for x in "abc"]
        ['accepted', 'rejected', 'accepted']
        >>> print(result["b"].explanation)  # doctest: +NORMALIZE_WHITESPACE
        `b` is rejected: attacked by `c_on_b`, whose premise `c` is accepted and which
        nothing undercuts.
    """
    if semantics not in SEMANTICS:
        raise ValueError(f"unknown semantics `{semantics}`: choose one of {', '.join(SEMANTICS)}")
    fw = _Framework.of(amap, stated)
    label, why = _grounded(fw)
    explainer = _Explainer(fw, label, why)
    grounded = _verdicts(fw, explainer)
    if semantics == "grounded":
        return Evaluation("grounded", grounded, thesis=amap.thesis)
    try:
        arguments = _arguments(fw, ARGUMENT_LIMIT)
        extensions = preferred_extensions(_attackers(fw, arguments), limit=SEARCH_LIMIT)
    except (_LimitError, SearchLimitError) as err:
        note = (
            f"preferred semantics gave up ({err}); these are grounded semantics' labels, "
            "which preferred semantics never contradicts: what is accepted or rejected here "
            "is so in every preferred extension, but an undecided item might be decided"
        )
        return Evaluation("preferred", grounded, thesis=amap.thesis, note=note)
    return _preferred(fw, amap, grounded, arguments, extensions)


def _verdicts(fw: _Framework, explainer: _Explainer) -> dict[str, Verdict]:
    verdicts: dict[str, Verdict] = {}
    amap = fw.amap
    statements: list[Claim | Evidence] = [*amap.claims, *amap.evidence]
    for item in statements:
        rep = fw.rep[item.id]
        text = explainer.statement(rep)
        if rep != item.id:
            text = f"`{item.id}` restates `{rep}` and stands or falls with it. " + text
        kind: Literal["claim", "evidence"] = "claim" if isinstance(item, Claim) else "evidence"
        verdicts[item.id] = Verdict(item.id, kind, explainer.of(rep), text)
    for inference in amap.inferences:
        if inference.kind is InferenceKind.REPHRASE:
            premise = fw.rep[inference.premises[0]]
            value = explainer.of(premise)
            text = (
                f"`{inference.id}` restates `{inference.premises[0]}` as "
                f"`{inference.conclusion}`: no step of reasoning, it is {value.value} as they are."
            )
        else:
            value = explainer.of(inference.id)
            text = explainer.step(inference.id)
            target = inference.conclusion
            if inference.kind is InferenceKind.UNDERCUT and target not in fw.steps:
                text += f" (`{target}` is a restatement, no step: the undercut defeats nothing.)"
        verdicts[inference.id] = Verdict(inference.id, "inference", value, text)
    return verdicts


def _preferred(
    fw: _Framework,
    amap: ArgumentMap,
    grounded: dict[str, Verdict],
    arguments: Sequence[_Argument],
    extensions: Sequence[frozenset[int]],
) -> Evaluation:
    """Sceptical labels over the preferred extensions, explained."""
    attackers = _attackers(fw, arguments)
    per_extension: list[dict[str, Label]] = []
    routes: list[dict[str, str]] = []  # per extension, the last step of an accepted argument
    for extension in extensions:
        out = {n for n, sources in enumerate(attackers) if sources & extension}
        labels: dict[str, Label] = {}
        route: dict[str, str] = {}
        for n, argument in enumerate(arguments):
            node = argument.top if argument.conclusion is None else argument.conclusion
            value = _IN if n in extension else _OUT if n in out else Label.UNDECIDED
            before = labels.get(node, _OUT)
            if value is _IN or (value is Label.UNDECIDED and before is _OUT):
                labels[node] = value
            else:
                labels.setdefault(node, before)
            if value is _IN and argument.conclusion is not None:
                route.setdefault(argument.conclusion, argument.top)
        for step, inference in fw.steps.items():  # whether each support step applies
            if inference.kind is InferenceKind.SUPPORT:
                labels[step] = _applies(fw, step, labels)
        per_extension.append(labels)
        routes.append(route)

    def over(node: str) -> tuple[Label, int, int]:
        values = [labels.get(node, _OUT) for labels in per_extension]
        accepted = sum(v is _IN for v in values)
        rejected = sum(v is _OUT for v in values)
        if accepted == len(values):
            return _IN, accepted, rejected
        if rejected == len(values):
            return _OUT, accepted, rejected
        return Label.UNDECIDED, accepted, rejected

    count = len(extensions)
    every = "the one preferred extension" if count == 1 else f"all {count} preferred extensions"
    rephrases = {i.id: i.premises[0] for i in amap.inferences if i.kind is InferenceKind.REPHRASE}
    verdicts: dict[str, Verdict] = {}
    accepted_items: list[set[str]] = [set() for _ in extensions]
    for ident, verdict in grounded.items():
        if verdict.type != "inference":
            node = fw.rep[ident]
        elif ident in fw.steps:
            node = ident
        else:  # a rephrase: as what it restates
            node = fw.rep[rephrases[ident]]
        value, accepted, rejected = over(node)
        for n, labels in enumerate(per_extension):
            if labels.get(node, _OUT) is _IN:
                accepted_items[n].add(ident)
        if value is verdict.label and value is not Label.UNDECIDED:
            text = verdict.explanation  # grounded's reasons hold in every preferred extension
        elif value is _IN:
            ways = sorted({r.get(node, node) for r in routes})
            how = (
                ", ".join("as a given premise" if w == node else f"through `{w}`" for w in ways)
                if node not in fw.steps
                else ""
            )
            text = (
                f"`{ident}` is accepted in {every}, though grounded semantics "
                "leaves it undecided"
                + (f": it has an accepted argument in each ({how})" if how else "")
                + "."
            )
        elif value is _OUT:
            text = (
                f"`{ident}` is rejected in {every}, though grounded semantics leaves it undecided."
            )
        elif not accepted and not rejected and verdict.label is Label.UNDECIDED:
            text = f"{verdict.explanation} It is undecided in {every} too."
        else:
            text = (
                f"`{ident}` is undecided: accepted in {accepted} of the {count} preferred "
                f"extensions, rejected in {rejected}"
                + (", so it is accepted credulously, not sceptically." if accepted else ".")
            )
        verdicts[ident] = Verdict(ident, verdict.type, value, text, credulous=accepted > 0)
    return Evaluation(
        "preferred",
        verdicts,
        thesis=amap.thesis,
        extensions=[frozenset(items) for items in accepted_items],
    )


def _applies(fw: _Framework, step: str, labels: dict[str, Label]) -> Label:
    """Whether a support step applies, given the labels of its premises and objections."""
    inference = fw.steps[step]
    against = [*fw.undercuts[step], *fw.attacks[fw.rep[inference.conclusion]]]
    premises = [labels.get(p, _OUT) for p in fw.premises[step]]
    objections = [labels.get(a, _OUT) for a in against]
    if _OUT in premises or _IN in objections:
        return _OUT
    if all(v is _IN for v in premises) and all(v is _OUT for v in objections):
        return _IN
    return Label.UNDECIDED


__all__ = [
    "ARGUMENT_LIMIT",
    "SEARCH_LIMIT",
    "Evaluation",
    "Label",
    "SearchLimitError",
    "Verdict",
    "evaluate",
    "grounded_labelling",
    "preferred_extensions",
]
