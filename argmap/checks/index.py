"""The map indexed for checking: who supports, attacks and uses what, what is grounded.

Every index is built in one pass over the map (or lazily, on first use), so that
every rule is linear in the size of the map.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from functools import cached_property
from itertools import chain, count, repeat
from operator import attrgetter

from argmap.errors import ArgmapError, Location
from argmap.models import ArgumentMap, Claim, Evidence, Inference, InferenceKind, Node
from argmap.quotes import SourceText
from argmap.schemes import Catalogue, catalogue

_id_of = attrgetter("id")


class MapIndex:
    """Look-ups over one map that the rules share.

    Examples:
        >>> from argmap.models import ArgumentMap, Claim, Inference
        >>> amap = ArgumentMap(title="T", claims=[Claim(id="a", text="A", assumed=True),
        ...     Claim(id="b", text="B")], inferences=[Inference(id="i", premises=["a"],
        ...     conclusion="b")])
        >>> index = MapIndex(amap)
        >>> [i.id for i in index.supports["b"]], sorted(index.grounded)
        (['i'], ['a', 'b'])
    """

    def __init__(
        self, amap: ArgumentMap, *, schemes: Mapping[str, Sequence[str]] | None = None
    ) -> None:
        self.amap = amap
        self.own_schemes = schemes or {}
        """The user's own schemes (name → critical questions), from the settings."""
        self.origin = amap.origin
        self.nodes: dict[str, Node] = {}
        self.paths: dict[str, tuple[str, int]] = {}
        for collection in ("claims", "evidence", "inferences"):  # (zipped in C: maps are large)
            items = getattr(amap, collection)
            ids = list(map(_id_of, items))
            self.nodes.update(zip(ids, items, strict=True))
            self.paths.update(
                zip(ids, zip(repeat(collection), count(), strict=False), strict=False)
            )
        self.source_paths = {s.id: ("sources", i) for i, s in enumerate(amap.sources)}
        self.supports: dict[str, list[Inference]] = defaultdict(list)
        """For each claim, the inferences that support it."""
        self.attacks: dict[str, list[Inference]] = defaultdict(list)
        """For each claim or inference, the inferences that attack or undercut it."""
        self.uses: dict[str, list[Inference]] = defaultdict(list)
        """For each claim or evidence item, the inferences it is a premise of."""
        self.restatements: dict[str, list[Inference]] = defaultdict(list)
        """For each claim (or evidence item), the rephrases that link it to another, at
        either end: it restates, or is restated."""
        supports, attacks, uses = self.supports, self.attacks, self.uses
        support, rephrase = InferenceKind.SUPPORT, InferenceKind.REPHRASE
        for inference in amap.inferences:
            kind = inference.kind
            if kind is support:
                supports[inference.conclusion].append(inference)
            elif kind is rephrase:
                self.restatements[inference.conclusion].append(inference)
                self.restatements[inference.premises[0]].append(inference)
            else:
                attacks[inference.conclusion].append(inference)
            for premise in inference.premises:
                uses[premise].append(inference)

    @cached_property
    def schemes(self) -> Catalogue:
        """The catalogue of schemes with the user's own: read when a rule first asks."""
        return catalogue().extended(self.own_schemes)

    def statements(self) -> Iterator[Claim | Evidence]:
        """Yield every claim, then every evidence item."""
        yield from self.amap.claims
        yield from self.amap.evidence

    def location(self, ident: str, field: tuple[str | int, ...] = ()) -> Location | None:
        """Return where the item ``ident`` (or one of its fields) stands in the map file."""
        origin = self.origin
        path = self.paths.get(ident) or self.source_paths.get(ident)
        if origin is None:
            return None
        if path is None:
            return origin.location(())
        return origin.location((*path, *field))

    @cached_property
    def leads_into(self) -> dict[str, list[str]]:
        """What leads straight into each item: the inferences that conclude it (support,
        attack or undercut), or an inference's premises."""
        into: dict[str, list[str]] = defaultdict(list)
        rephrase = InferenceKind.REPHRASE
        for inference in self.amap.inferences:
            into[inference.conclusion].append(inference.id)
            into[inference.id] += inference.premises
            if inference.kind is rephrase:  # a restatement leads where what it restates does
                into[inference.premises[0]].append(inference.id)
                into[inference.id].append(inference.conclusion)
        return into

    @cached_property
    def restatement_classes(self) -> dict[str, tuple[str, ...]]:
        """For each statement that rephrases link to others, all those linked, in map order."""
        order = {ident: n for n, ident in enumerate(self.paths)}
        classes: dict[str, tuple[str, ...]] = {}
        for start in self.restatements:
            if start in classes:
                continue
            members = {start}
            queue = [start]
            while queue:
                for inference in self.restatements.get(queue.pop(), ()):
                    for ident in (inference.premises[0], inference.conclusion):
                        if ident not in members:
                            members.add(ident)
                            queue.append(ident)
            ordered = tuple(sorted(members, key=lambda i: order.get(i, len(order))))
            classes.update(dict.fromkeys(ordered, ordered))
        return classes

    def class_key(self, ident: str) -> str:
        """The id that stands for a statement's restatement class (its first member), or the
        statement's own id if nothing restates it."""
        members = self.restatement_classes.get(ident)
        return members[0] if members else ident

    def restated_supports(self, claim: str) -> tuple[str, list[Inference]] | None:
        """A statement of ``claim``'s restatement class with real supports, and those, if
        one has any: the support ``claim`` gets through its restatements when it has none
        of its own. Worked out once per class."""
        members = self.restatement_classes.get(claim)
        if not members:
            return None
        key = members[0]
        if key not in self._class_supports:
            found = None
            for member in members:
                if real := self.real_supports(member):
                    found = (member, real)
                    break
            self._class_supports[key] = found
        found = self._class_supports[key]
        return found if found is None or found[0] != claim else None

    @cached_property
    def _class_supports(self) -> dict[str, tuple[str, list[Inference]] | None]:
        return {}

    def representative(self, claim: str) -> str:
        """The member of a restatement class that stands for it in findings: the first, in
        map order, that is the thesis or a premise (``claim`` itself if it has no class)."""
        members = self.restatement_classes.get(claim)
        if not members:
            return claim
        return self._representatives[members[0]]

    @cached_property
    def _representatives(self) -> dict[str, str]:
        thesis, relied = self.amap.thesis, self.relied_on
        return {
            members[0]: next((m for m in members if m == thesis or m in relied), members[0])
            for members in {id(m): m for m in self.restatement_classes.values()}.values()
        }

    @cached_property
    def supported_classes(self) -> set[str]:
        """The keys (see :meth:`class_key`) of the restatement classes that some support
        step concludes a member of, circular or not."""
        return {self.class_key(c) for c in self.supports if c in self.restatement_classes}

    @cached_property
    def relied_on(self) -> dict[str, list[Inference]]:
        """For each statement that is a premise of a step of reasoning (not only of a
        rephrase), those steps."""
        if not self.restatements:
            return self.uses
        rephrase = InferenceKind.REPHRASE
        relied = {
            ident: [i for i in steps if i.kind is not rephrase]
            for ident, steps in self.uses.items()
        }
        return {ident: steps for ident, steps in relied.items() if steps}

    @cached_property
    def support_edges(self) -> dict[str, dict[str, str]]:
        """The support relation: for each premise, its conclusions, each with (the first)
        inference that makes the step."""
        edges: dict[str, dict[str, str]] = defaultdict(dict)
        key = self.class_key if self.restatements else None
        for inference in self.amap.inferences:
            if inference.kind is InferenceKind.SUPPORT:
                conclusion = key(inference.conclusion) if key else inference.conclusion
                for premise in inference.premises:
                    start = key(premise) if key else premise
                    if start != conclusion or not key:
                        edges[start].setdefault(conclusion, inference.id)
        return edges

    @cached_property
    def circles(self) -> list[list[str]]:
        """The circles of support: strongly connected sets of more than one statement.

        A restatement class counts as one statement (named by its first member): support
        that goes round through a restatement goes round all the same.
        """
        if self.restatements or not self._support_is_acyclic:
            return circles_of(self.support_edges)
        return []

    @cached_property
    def _support_is_acyclic(self) -> bool:
        """Whether support never leads back to where it started, tested without
        :attr:`support_edges`: peel off the statements no support step leads into, again
        and again (Kahn's algorithm), counting the steps from the indexes already built."""
        support = InferenceKind.SUPPORT
        steps_into = {c: sum(len(i.premises) for i in steps) for c, steps in self.supports.items()}
        free = [ident for ident in self.uses if not steps_into.get(ident)]
        uses = self.uses
        while free:
            for inference in uses.get(free.pop(), ()):
                if inference.kind is support:
                    left = steps_into[inference.conclusion] - 1
                    steps_into[inference.conclusion] = left
                    if not left:
                        free.append(inference.conclusion)
        return not any(steps_into.values())

    @cached_property
    def components(self) -> dict[str, int]:
        """For each claim whose support may lead back to itself, the number of its circle.

        Support into an assumed claim or into evidence is left out: they need no support,
        so nothing that rests on them rests on a circle through them.
        """
        if not self.circles:  # no circle at all, so none through claims that need support
            return {}
        nodes = self.nodes
        edges = {
            premise: [c for c in conclusions if _needs_support(nodes.get(c))]
            for premise, conclusions in self.support_edges.items()
        }
        return {node: number for number, circle in enumerate(circles_of(edges)) for node in circle}

    def is_circular(self, inference: Inference) -> bool:
        """Whether a supporting inference leads back to its conclusion (or is its own premise,
        or rests on a restatement of it)."""
        key = self.class_key if self.restatements else None
        conclusion = key(inference.conclusion) if key else inference.conclusion
        circle = self.components.get(conclusion)
        for premise in inference.premises:
            start = key(premise) if key else premise
            if start == conclusion or (circle is not None and self.components.get(start) == circle):
                return True
        return False

    def real_supports(self, claim: str) -> list[Inference]:
        """The inferences that support ``claim`` without leading back to it."""
        return [i for i in self.supports.get(claim, ()) if not self.is_circular(i)]

    @cached_property
    def grounded(self) -> set[str]:
        """The statements that rest, all the way down, on evidence or accepted assumptions.

        Evidence and ``assumed`` claims are grounded; a claim is grounded when all the
        premises of one of its supporting inferences are. Circular support grounds nothing.
        """
        # A valid map lists no premise twice, and its supports conclude claims or evidence.
        # A rephrase grounds what it links both ways: it is a support with one premise, and
        # its conclusion grounds its premise (below).
        grounding = (InferenceKind.SUPPORT, InferenceKind.REPHRASE)
        missing = {i.id: len(i.premises) for i in self.amap.inferences if i.kind in grounding}
        restatements = self.restatements
        grounded: set[str] = set(map(_id_of, self.amap.evidence))
        grounded.update(c.id for c in self.amap.claims if c.assumed)
        queue = list(grounded)
        uses = self.uses
        while queue:
            ident = queue.pop()
            for inference in uses.get(ident, ()):
                left = missing.get(inference.id)
                if left is None:  # an attack or undercut: it grounds nothing
                    continue
                missing[inference.id] = left - 1
                if left == 1 and inference.conclusion not in grounded:
                    grounded.add(inference.conclusion)
                    queue.append(inference.conclusion)
            for inference in restatements.get(ident, ()) if restatements else ():
                restated = inference.premises[0]
                if inference.conclusion == ident and restated not in grounded:
                    grounded.add(restated)
                    queue.append(restated)
        return grounded

    def chain_down(self, claim: str, *, shown: int = 4) -> tuple[list[str], str, str]:
        """Follow an ungrounded claim down to the ground that fails it.

        Returns the chain to show (at most ``shown`` claims from the top, then "…" and
        the bottom if the chain is longer), the claim at its bottom, and why the bottom
        fails: "unsupported" or "circular". Each claim's step down is worked out once,
        so following every chain of a map stays linear.
        """
        path: list[str] = []
        walked: set[str] = set()
        below = ""
        current = claim
        while current not in self._down:
            walked.add(current)
            real = self.real_supports(current)
            restated = self.restated_supports(current) if not real else None
            if restated is not None:  # supported through a restatement: go down through it
                below = restated[0]
            if restated is None and real:
                # An ungrounded claim's every real support has an ungrounded premise, lower down.
                below = next(p for p in real[0].premises if p not in self.grounded)
            unsupported = not real and restated is None
            if unsupported or below in walked:
                # no support, or support that comes back round through a restatement
                circular = not unsupported or bool(
                    self.supports.get(current) or self.class_key(current) in self.supported_classes
                )
                self._down[current] = None
                self._bottom[current] = self.representative(current)
                self._reason[self._bottom[current]] = "circular" if circular else "unsupported"
                break
            self._down[current] = below
            path.append(current)
            current = below
        bottom = self._bottom[current]
        for node in path:
            self._bottom[node] = bottom
        chain: list[str] = []
        step: str | None = claim
        while step is not None and len(chain) < shown:
            chain.append(step)
            step = self._down[step]
        if step is not None:  # the chain goes on: skip to its bottom
            chain += [bottom] if step == bottom else ["…", bottom]
        elif chain[-1] != bottom:  # it ends at a restatement of the claim that stands for it
            chain.append(bottom)
        return chain, bottom, self._reason[bottom]

    @cached_property
    def _down(self) -> dict[str, str | None]:
        return {}

    @cached_property
    def _bottom(self) -> dict[str, str]:
        return {}

    @cached_property
    def _reason(self) -> dict[str, str]:
        return {}

    @cached_property
    def source_texts(self) -> dict[str, SourceText | str]:
        """Each source's prepared text, or why it has none (a message)."""
        texts: dict[str, SourceText | str] = {}
        for source in self.amap.sources:
            try:
                raw = self.amap.source_text(source)
            except ArgmapError as err:
                texts[source.id] = f"cannot be read ({err})"
                continue
            texts[source.id] = SourceText(raw) if raw is not None else "has no text"
        return texts


def _needs_support(node: Node | None) -> bool:
    return isinstance(node, Claim) and not node.assumed


def circles_of(edges: Mapping[str, Iterable[str]]) -> list[list[str]]:
    """Return the strongly connected components of more than one node: the circles.

    What no edge leads into stands on no circle: such nodes are peeled off first, again
    and again (Kahn's algorithm), so that a map without circles, the usual case, costs one
    count per edge, and only what is left is searched for its components.

    Examples:
        >>> [sorted(c) for c in circles_of({"a": ["b"], "b": ["c"], "c": ["b", "d"], "d": []})]
        [['b', 'c']]
    """
    waiting = Counter(chain.from_iterable(edges.values()))  # edges into each node
    free = [node for node in edges if node not in waiting]
    while free:
        for after in edges.get(free.pop(), ()):
            waiting[after] -= 1
            if not waiting[after]:
                free.append(after)
    left = {node for node, count in waiting.items() if count}
    if not left:
        return []
    rest = {node: [n for n in after if n in left] for node, after in edges.items() if node in left}
    return [c for c in strongly_connected(rest) if len(c) > 1]


def strongly_connected(edges: Mapping[str, Iterable[str]]) -> list[list[str]]:
    """Return the strongly connected components of a graph given as adjacency lists.

    Tarjan's algorithm without recursion: linear in nodes and edges, and cheaper than
    building a networkx graph for a relation that is only walked once.

    Examples:
        >>> sorted(sorted(c) for c in strongly_connected({"a": ["b"], "b": ["a", "c"]}))
        [['a', 'b'], ['c']]
    """
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    components: list[list[str]] = []
    counter = 0
    for root in list(edges):
        if root in index:
            continue
        work = [(root, iter(edges.get(root, ())))]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack.add(root)
        while work:
            node, successors = work[-1]
            for nxt in successors:
                if nxt not in index:
                    index[nxt] = low[nxt] = counter
                    counter += 1
                    stack.append(nxt)
                    on_stack.add(nxt)
                    work.append((nxt, iter(edges.get(nxt, ()))))
                    break
                if nxt in on_stack:
                    low[node] = min(low[node], index[nxt])
            else:
                work.pop()
                if work:
                    parent = work[-1][0]
                    low[parent] = min(low[parent], low[node])
                if low[node] == index[node]:
                    component = []
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        component.append(member)
                        if member == node:
                            break
                    components.append(component)
    return components
