"""Reading a SADFace document into an argument map."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from argmap.conversion import ConversionReport
from argmap.errors import InvalidMapError, Location, Problem, short
from argmap.formats.json_loader import JsonItemPositions
from argmap.formats.positions import ItemPlaces
from argmap.formats.sadface.common import (
    _ARGMAP_KEYS,
    _DEFAULT_METADATA,
    EMPTY_TEXT,
    FORMAT,
    VERSION,
    Path_,
    _default_core_id,
    _default_name,
    _default_sid,
    _derived_kind,
    _derived_scheme,
    _edge_id,
    _Ids,
    _is_rephrase,
    _make_id,
    _namespace,
    _position,
)
from argmap.formats.sadface.schema import (
    _TOP_LEVEL,
    _Document,
    _Node,
    _parse,
    _SourceEntry,
    _validate,
)
from argmap.ids import is_id
from argmap.models import (
    ArgumentMap,
    ChecksConfig,
    Claim,
    Evidence,
    EvidenceKind,
    Inference,
    InferenceKind,
    Origin,
    Source,
)
from argmap.quotes import SourceText

_M = TypeVar("_M", bound=BaseModel)


# Reading


def from_text(text: str, file: str | Path | None = None) -> tuple[ArgumentMap, ConversionReport]:
    """Read a map from SADFace JSON text (version 0.2, or the 0.1 layout).

    ``file`` names the file in error messages and gives the title of a document without one.

    Raises:
        InvalidMapError: the text is not JSON, or not a SADFace document (wrong types,
            missing nodes or edges, duplicate ids); every problem is located.

    Examples:
        >>> amap, report = from_text('{"nodes": [], "edges": []}', "empty.sadface.json")
        >>> amap.title
        'empty'
        >>> print(report.format_text())
        reading sadface: 1 changed
          changed: the document has no title: the file name is used: 1 (empty.sadface.json:1:1)
    """
    name = str(file) if file is not None else "<sadface>"
    positions = JsonItemPositions(text)

    def at(path: Sequence[str | int] = ()) -> Location:
        found = positions.locate(path)
        return Location(name) if found is None else Location(name, found[0], found[1])

    data = _parse(text, name, positions)
    doc, core, layout = _validate(data, at)
    stem = _stem(file) if file is not None else None
    report = ConversionReport(FORMAT, "read")
    reader = _Reader(doc, data, core, layout, at, report, stem)
    amap = reader.build()
    # findings of `argmap check` then point at each atom's or scheme's node
    nodes = data.get("nodes") if isinstance(data, dict) else None
    at_node = {
        node["id"]: j
        for j, node in enumerate(nodes if isinstance(nodes, list) else ())
        if isinstance(node, dict) and isinstance(node.get("id"), str)
    }
    index = {
        ident: at_node[node_id] for ident, node_id in reader.node_of.items() if node_id in at_node
    }

    def place_of(ident: str, _: Sequence[str | int]) -> tuple[int, int] | None:
        return positions.locate(("nodes", index[ident])) if ident in index else None

    amap._attach(Origin(Path(file) if file is not None else Path(name), ItemPlaces(amap, place_of)))
    return amap, report


def _stem(file: str | Path) -> str:
    base = Path(file).name
    for suffix in (".sadface.json", ".sadface", ".json"):
        if base.lower().endswith(suffix) and len(base) > len(suffix):
            return base[: -len(suffix)]
    return base


# The reader


@dataclass
class _Scheme:
    index: int
    node: _Node
    premises: list[tuple[str, int]] = field(default_factory=list)  # (atom id, edge index)
    conclusion: tuple[str, int] | None = None
    kind: InferenceKind | None = None
    problem: str | None = None


class _Reader:
    def __init__(
        self,
        doc: _Document,
        data: dict[str, Any],
        core: dict[str, Any],
        layout: str,
        at: Callable[[Sequence[str | int]], Location],
        report: ConversionReport,
        stem: str | None,
    ) -> None:
        self.doc = doc
        self.data = data
        self.core = core
        self.layout = layout
        self.at = at
        self.report = report
        self.stem = stem
        doc_argmap = doc.metadata.get("argmap")
        self.doc_argmap: dict[str, Any] = doc_argmap if isinstance(doc_argmap, dict) else {}
        self.extra_nodes: list[Any] = []
        self.extra_edges: list[tuple[int, Any]] = []  # (place in the document, edge)
        self.texts: dict[str, SourceText] = {}

    def raw(self, *path: str | int) -> Any:
        value: Any = self.data
        for part in path:
            value = value[part]
        return value  # the data was parsed for this read alone: no copy needed

    def build(self) -> ArgumentMap:
        sx: dict[str, Any] = {}
        title = self.core.get("title")
        consumed = {"version"} if self.core.get("version") == VERSION else set()
        if isinstance(title, str) and title.strip():
            consumed.add("title")
        else:
            title = self.stem or "SADFace document"
            sx["derived_title"] = title
            self.report.changed(
                "the document has no title: the file name is used"
                if self.stem
                else "the document has no title: one is made up",
                location=self.at(("metadata", "core") if self.layout == "0.2" else ()),
            )
        description = self.core.get("description")
        if isinstance(description, str):
            consumed.add("description")
        core_id = self.core.get("id")
        self.ns = _namespace(core_id if isinstance(core_id, str) else _default_core_id(title))
        if self.layout == "0.1":
            self.report.kept(
                "the SADFace 0.1 layout (document metadata at the top level) was read; "
                "argmap writes 0.2",
            )

        sources, self.resource_ids = self.read_resources()
        self.classify_nodes()
        self.read_edges()
        self.settle_schemes()
        self.assign_node_ids()
        claims, evidence = self.read_atoms()
        inferences = self.read_schemes()

        thesis = None
        claim_ref = self.core.get("claim")
        if isinstance(claim_ref, str):
            target = self.atom_ids.get(claim_ref)
            if target is not None and target not in self.evidence_ids:
                thesis = target
                consumed.add("claim")
            else:
                self.report.kept(
                    "the document's `claim` is not one of its atoms: kept in `extra`",
                    short(claim_ref),
                    self.at((*self.core_path, "claim")),
                )

        generated = self.doc_argmap.get("generated")
        generated = generated if isinstance(generated, dict) else {}
        kept_core = {
            k: v
            for k, v in self.core.items()
            if k not in consumed and not (k in generated and generated[k] == v)
        }
        if kept_core:
            sx["core"] = kept_core
            self.report.kept(
                "document metadata argmap has no field for kept in `extra`",
                ", ".join(sorted(kept_core)),
            )
        doc_fields: dict[str, Any] = {}
        checks = None
        map_extra: dict[str, Any] = {}
        leftover = {k: v for k, v in self.doc_argmap.items() if k not in ("version", "generated")}
        if "checks" in leftover:
            try:
                checks = ChecksConfig.model_validate(leftover["checks"])
                del leftover["checks"]
            except ValidationError:
                self.report.kept("argmap `checks` in the metadata that are not valid: kept")
        if isinstance(leftover.get("extra"), dict):
            map_extra = {k: v for k, v in leftover.pop("extra").items() if k != FORMAT}
        metadata = {k: v for k, v in self.doc.metadata.items() if k not in ("core", "argmap")}
        if leftover:
            metadata["argmap"] = leftover
        if metadata:
            sx["metadata"] = metadata
            self.report.kept(
                "document metadata namespaces kept in `extra`", ", ".join(sorted(metadata))
            )
        if self.layout == "0.2":
            doc_fields = {k: v for k, v in self.data.items() if k not in _TOP_LEVEL}
        if doc_fields:
            sx["fields"] = doc_fields
            self.report.kept("document fields SADFace does not define kept in `extra`")
        if self.extra_nodes:
            sx["nodes"] = self.extra_nodes
        if self.extra_edges:
            sx["edges"] = [edge for _, edge in sorted(self.extra_edges, key=lambda e: e[0])]
        if sx:
            map_extra[FORMAT] = sx
        values = {
            "title": title,
            "description": description if isinstance(description, str) else None,
            "thesis": thesis,
            "sources": sources,
            "claims": claims,
            "evidence": evidence,
            "inferences": inferences,
            "extra": map_extra,
        }
        try:
            return ArgumentMap.model_validate({**values, "checks": checks})
        except ValidationError as err:  # a defect of this reader, not of the file
            raise InvalidMapError(
                Problem(
                    "unreadable-sadface",
                    f"argmap could not make a valid map of this document: {err}",
                    self.at(()),
                    hint="please report this with the file",
                )
            ) from err

    @property
    def core_path(self) -> Path_:
        return ("metadata", "core") if self.layout == "0.2" else ()

    # Resources

    def read_resources(self) -> tuple[list[Source], dict[str, str]]:
        sources: list[Source] = []
        ids = _Ids()
        mapped: dict[str, str] = {}
        for i, resource in enumerate(self.doc.resources):
            am, metadata = _split_metadata(resource.metadata)
            wanted = am.get("id") if isinstance(am.get("id"), str) else None
            if wanted is None or not is_id(wanted):
                wanted = _make_id(resource.id, "source")
            ident = ids.take(wanted)
            mapped[resource.id] = ident
            sx: dict[str, Any] = {}
            if resource.id != _default_sid(self.ns, "resource", ident):
                sx["id"] = resource.id
            if ident != resource.id and am.get("id") != ident:
                self.report.changed(
                    "ids made valid (the original is kept in `extra`)",
                    f"{short(resource.id)} → {ident}",
                    self.at(("resources", i, "id")),
                )
            core = metadata.get("core")
            core = dict(core) if isinstance(core, dict) else None
            title = core.get("title") if core is not None else None
            url = core.get("url") if core is not None else None
            base: dict[str, Any] = {"id": ident}
            if isinstance(title, str) and title.strip():
                base["title"] = title
                assert core is not None
                del core["title"]
            else:
                base["title"] = _title_of(resource.content, i)
                sx["derived_title"] = base["title"]
                self.report.changed(
                    "sources titled from the first words of their text (SADFace has no titles)",
                    ident,
                )
            if isinstance(url, str):
                base["url"] = url
                assert core is not None
                del core["url"]
            if core is not None:
                metadata["core"] = core
            if resource.content is not None:
                base["text"] = resource.content
            if resource.type not in (None, "text"):
                sx["type"] = resource.type
                self.report.kept(f"resources of type `{resource.type}` read as text", ident)
            self.add_fields(sx, resource, ("resources", i))
            source = self.with_argmap(Source, base, am, metadata, sx, "source", ("resources", i))
            sources.append(source)
            if source.text is not None:
                self.texts[ident] = SourceText(source.text)
        return sources, mapped

    def add_fields(
        self, sx: dict[str, Any], item: BaseModel, path: Path_, misplaced: Sequence[str] = ()
    ) -> None:
        """Keep the item's fields that SADFace does not define (or not for its type)."""
        raw = self.raw(*path) if misplaced else {}
        fields = {k: raw[k] for k in misplaced if k in raw}
        fields.update(item.model_extra or {})
        if fields:
            sx["fields"] = fields
            self.report.kept(
                "fields SADFace does not define kept in `extra`",
                ", ".join(sorted(fields)),
                self.at(path),
            )

    def with_argmap(
        self,
        model: type[_M],
        base: dict[str, Any],
        am: dict[str, Any],
        metadata: dict[str, Any],
        sx: dict[str, Any],
        what: str,
        path: Path_,
    ) -> _M:
        """Build the item from its SADFace fields and argmap's metadata (if it is valid)."""
        allowed = _ARGMAP_KEYS[what]
        fields = {k: v for k, v in am.items() if k in allowed and k not in ("id", "extra")}
        if "evidence" in fields:
            fields["kind"] = fields.pop("evidence")
        leftover = {k: v for k, v in am.items() if k not in allowed}
        other_formats: dict[str, Any] = {}
        extra = am.get("extra")
        if isinstance(extra, dict):
            other_formats = {k: v for k, v in extra.items() if k != FORMAT}
            if FORMAT in extra:
                leftover["extra"] = {FORMAT: extra[FORMAT]}
        elif "extra" in am:
            leftover["extra"] = am["extra"]
        if "id" in am and am["id"] != base["id"]:
            leftover["id"] = am["id"]
        try:
            item = model.model_validate({**base, **fields})
        except ValidationError:
            self.report.kept(
                "argmap metadata that is not valid kept in `extra`",
                base["id"],
                self.at(path),
            )
            item = model.model_validate(base)
            leftover = dict(am)
            other_formats = {}
        if leftover:
            metadata = {**metadata, "argmap": leftover}
        if metadata != _DEFAULT_METADATA:
            sx["metadata"] = metadata
            if any(v not in ({}, None, []) for v in metadata.values()):
                self.report.kept("node metadata kept in `extra`", base["id"], self.at(path))
        if sx:
            other_formats[FORMAT] = sx
        if other_formats:
            item = item.model_copy(update={"extra": other_formats})
        return item

    # Nodes and edges

    def classify_nodes(self) -> None:
        self.atoms: dict[str, int] = {}
        self.schemes: dict[str, _Scheme] = {}
        self.kinds: dict[str, str] = {}
        for i, node in enumerate(self.doc.nodes):
            if node.type == "atom":
                if node.text is None:
                    self.report.changed(
                        "atoms without text given one", node.id, self.at(("nodes", i))
                    )
                self.atoms[node.id] = i
                self.kinds[node.id] = "atom"
            elif node.type in ("scheme", "conflict"):
                self.schemes[node.id] = _Scheme(i, node)
                self.kinds[node.id] = "scheme"
            else:
                self.extra_nodes.append(self.raw("nodes", i))
                self.kinds[node.id] = "other"
                self.report.kept(
                    f"nodes of type `{short(node.type, 30)}` kept in `extra`",
                    short(node.id),
                    self.at(("nodes", i)),
                )

    def read_edges(self) -> None:
        seen: set[tuple[str, str]] = set()
        for j, edge in enumerate(self.doc.edges):
            source = self.kinds.get(edge.source_id)
            target = self.kinds.get(edge.target_id)
            reason = None
            if source is None or target is None:
                reason = "edges to or from nodes that do not exist kept in `extra`"
            elif "other" in (source, target):
                reason = "edges of nodes kept in `extra` kept there too"
            elif source == target == "atom":
                reason = "edges from one atom to another (not through a scheme) kept in `extra`"
            elif (edge.source_id, edge.target_id) in seen:
                reason = "edges given twice kept in `extra`"
            elif source == "atom":
                self.schemes[edge.target_id].premises.append((edge.source_id, j))
            elif self.schemes[edge.source_id].conclusion is not None:
                reason = "further conclusions of a scheme kept in `extra`"
            elif edge.source_id == edge.target_id:
                reason = "edges from a scheme to itself kept in `extra`"
            else:
                self.schemes[edge.source_id].conclusion = (edge.target_id, j)
            seen.add((edge.source_id, edge.target_id))
            if reason is not None:
                self.extra_edges.append((j, self.raw("edges", j)))
                self.report.kept(reason, short(edge.id), self.at(("edges", j)))

    def settle_schemes(self) -> None:
        """Decide each scheme's kind; keep in `extra` those argmap cannot hold, and those
        that undercut them."""
        dependents: dict[str, list[str]] = {}
        bad: list[str] = []
        for sid, scheme in self.schemes.items():
            if not scheme.premises:
                scheme.problem = "schemes without premises kept in `extra`"
            elif scheme.conclusion is None:
                scheme.problem = "schemes without a conclusion kept in `extra`"
            else:
                target, _ = scheme.conclusion
                to_scheme = target in self.schemes
                am, _ = _split_metadata(scheme.node.metadata)
                kind = _known_kind(am.get("kind"))
                derived = _derived_kind(scheme.node.name, scheme.node.type, to_scheme)
                if kind is None or (kind is InferenceKind.UNDERCUT) != to_scheme:
                    kind = derived
                scheme.kind = kind
                if kind is None and _is_rephrase(scheme.node.name):
                    scheme.problem = (
                        "rephrase schemes that point to a scheme (argmap restates statements "
                        "only) kept in `extra`"
                    )
                elif kind is None:
                    scheme.problem = (
                        "schemes that support another scheme (argmap supports claims only) "
                        "kept in `extra`"
                    )
                elif kind is InferenceKind.REPHRASE and len(scheme.premises) != 1:
                    scheme.problem = (
                        "rephrase schemes with several premises kept in `extra` (a rephrase "
                        "restates one statement)"
                    )
                elif to_scheme:
                    dependents.setdefault(target, []).append(sid)
            if scheme.problem is not None:
                bad.append(sid)
        while bad:
            sid = bad.pop()
            for dependent in dependents.pop(sid, ()):
                scheme = self.schemes[dependent]
                if scheme.problem is None:
                    scheme.problem = "schemes that undercut a scheme kept in `extra` kept there too"
                    bad.append(dependent)
        for sid, scheme in self.schemes.items():
            if scheme.problem is None:
                continue
            self.extra_nodes.append(self.raw("nodes", scheme.index))
            edges = [j for _, j in scheme.premises]
            if scheme.conclusion is not None:
                edges.append(scheme.conclusion[1])
            self.extra_edges.extend((j, self.raw("edges", j)) for j in edges)
            self.report.kept(scheme.problem, short(sid), self.at(("nodes", scheme.index)))

    def assign_node_ids(self) -> None:
        ids = _Ids()
        self.atom_ids: dict[str, str] = {}
        self.scheme_ids: dict[str, str] = {}
        self.evidence_ids: set[str] = set()
        self.node_of: dict[str, str] = {}  # argmap id -> the SADFace node's id
        for i, node in enumerate(self.doc.nodes):
            if node.id in self.atoms:
                table = self.atom_ids
            elif node.id in self.schemes and self.schemes[node.id].problem is None:
                table = self.scheme_ids
            else:
                continue
            am, _ = _split_metadata(node.metadata)
            wanted = am.get("id") if isinstance(am.get("id"), str) else None
            if wanted is None or not is_id(wanted):
                wanted = _make_id(node.id, "node")
            ident = table[node.id] = ids.take(wanted)
            self.node_of[ident] = node.id
            if ident != node.id and am.get("id") != ident:
                self.report.changed(
                    "ids made valid (the original is kept in `extra`)",
                    f"{short(node.id)} → {ident}",
                    self.at(("nodes", i, "id")),
                )
            if node.id in self.atoms and _known_evidence(am.get("evidence")) is not None:
                self.evidence_ids.add(ident)

    def read_atoms(self) -> tuple[list[Claim], list[Evidence]]:
        claims: list[Claim] = []
        evidence: list[Evidence] = []
        for sid, i in self.atoms.items():
            node = self.doc.nodes[i]
            ident = self.atom_ids[sid]
            am, metadata = _split_metadata(node.metadata)
            sx: dict[str, Any] = {}
            if sid != _default_sid(self.ns, "node", ident):
                sx["id"] = sid
            text = node.text or ""
            if not text.strip():
                if node.text is not None:
                    self.report.changed("blank atom texts filled in", sid, self.at(("nodes", i)))
                sx["text"] = node.text
                text = EMPTY_TEXT
            base: dict[str, Any] = {"id": ident, "text": text}
            base.update(self.read_sources(node, i, sx, am))
            self.add_fields(sx, node, ("nodes", i), ("name",))
            if ident in self.evidence_ids:
                evidence.append(
                    self.with_argmap(Evidence, base, am, metadata, sx, "evidence", ("nodes", i))
                )
            else:
                claims.append(
                    self.with_argmap(Claim, base, am, metadata, sx, "claim", ("nodes", i))
                )
        return claims, evidence

    def read_sources(
        self, node: _Node, i: int, sx: dict[str, Any], am: dict[str, Any]
    ) -> dict[str, Any]:
        """The atom's `source` and `quote` from its first source entry, if argmap can hold it.

        A quote its resource's text does not hold is kept in `extra`, unless argmap wrote
        it so (``metadata.argmap.unverified_quote``): argmap's own maps may hold misquotes.
        """
        if not node.sources:
            return {}
        entry = node.sources[0]
        source = self.resource_ids.get(entry.resource_id)
        quote = entry.text if entry.text.strip() else None
        found: dict[str, Any] = {}
        reason = None
        if source is None:
            reason = "source entries naming a resource that does not exist kept in `extra`"
        elif entry.text and quote is None:
            reason = "blank quotes kept in `extra`"
        elif (
            quote is not None
            and am.get("unverified_quote") is not True
            and not self.findable(source, entry)
        ):
            reason = "quotes their resource's text does not hold kept in `extra`"
        else:
            am.pop("unverified_quote", None)
            found = {"source": source} if quote is None else {"source": source, "quote": quote}
            text = self.texts.get(source)
            expected = _position(text, quote)
            if (entry.offset, entry.length) != expected:
                sx["position"] = [entry.offset, entry.length]
            if entry.model_extra:
                sx["source_fields"] = entry.model_extra
        first = 0 if reason is not None else 1
        if reason is not None:
            self.report.kept(reason, node.id, self.at(("nodes", i, "sources", 0)))
        if len(node.sources) > first:
            sx["sources"] = self.raw("nodes", i, "sources")[first:]
            if first:
                self.report.kept(
                    "further source entries of atoms kept in `extra`",
                    node.id,
                    self.at(("nodes", i, "sources", 1)),
                )
        return found

    def findable(self, source: str, entry: _SourceEntry) -> bool:
        text = self.texts.get(source)
        if text is None:
            return False
        start, length = entry.offset, entry.length
        if (
            start is not None
            and length is not None
            and start >= 0
            and text.text[start : start + length] == entry.text
        ):
            return True
        return text.find(entry.text) is not None

    def read_schemes(self) -> list[Inference]:
        inferences: list[Inference] = []
        for sid, scheme in self.schemes.items():
            if scheme.problem is not None:
                continue
            node = scheme.node
            assert scheme.conclusion is not None
            assert scheme.kind is not None
            ident = self.scheme_ids[sid]
            am, metadata = _split_metadata(node.metadata)
            sx: dict[str, Any] = {}
            if sid != _default_sid(self.ns, "node", ident):
                sx["id"] = sid
            if node.type != "scheme":
                sx["type"] = node.type
            target, target_edge = scheme.conclusion
            conclusion = self.atom_ids.get(target) or self.scheme_ids[target]
            premises = [self.atom_ids[atom] for atom, _ in scheme.premises]
            name = node.name
            scheme_name = name if am.get("scheme") == name else _derived_scheme(name)
            if scheme_name is None and name != _default_name(scheme.kind):
                sx["name"] = name
            base: dict[str, Any] = {
                "id": ident,
                "premises": premises,
                "conclusion": conclusion,
                "kind": scheme.kind,
                "scheme": scheme_name,
            }
            edges: dict[str, Any] = {}
            for j in [j for _, j in scheme.premises] + [target_edge]:
                edge = self.doc.edges[j]
                raw = self.raw("edges", j)
                if raw != {
                    "id": _edge_id(self.ns, edge.source_id, edge.target_id),
                    "source_id": edge.source_id,
                    "target_id": edge.target_id,
                }:
                    edges[f"{edge.source_id}->{edge.target_id}"] = raw
                if edge.model_extra:
                    self.report.kept(
                        "edge fields SADFace does not define kept in `extra`",
                        edge.id,
                        self.at(("edges", j)),
                    )
            if edges:
                sx["edges"] = edges
            self.add_fields(sx, node, ("nodes", scheme.index), ("text", "sources"))
            if am.get("kind") == scheme.kind.value:
                del am["kind"]  # told by the kind; otherwise kept
            if scheme_name is not None and am.get("scheme") == scheme_name:
                del am["scheme"]
            inferences.append(
                self.with_argmap(
                    Inference, base, am, metadata, sx, "inference", ("nodes", scheme.index)
                )
            )
        return inferences


def _split_metadata(metadata: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """Return the `argmap` namespace of the metadata (or {}) and the rest, both copies."""
    am = metadata.get("argmap")
    if isinstance(am, dict):
        rest = {k: v for k, v in metadata.items() if k != "argmap"}
        return dict(am), rest
    return {}, dict(metadata)


def _known_kind(value: Any) -> InferenceKind | None:
    try:
        return InferenceKind(value) if isinstance(value, str) else None
    except ValueError:
        return None


def _known_evidence(value: Any) -> EvidenceKind | None:
    try:
        return EvidenceKind(value) if isinstance(value, str) else None
    except ValueError:
        return None


def _title_of(content: str | None, index: int) -> str:
    words = (content or "").split()
    if not words:
        return f"Resource {index + 1}"
    title = ""
    for word in words:
        if len(title) + len(word) > 60:
            return (title or word[:60]) + " …"
        title = f"{title} {word}" if title else word
    return title
