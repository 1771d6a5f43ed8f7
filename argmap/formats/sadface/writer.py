"""Writing an argument map as a SADFace document."""

from __future__ import annotations

import datetime
import json
import uuid
from typing import Any

from argmap.conversion import ConversionReport
from argmap.formats.sadface.common import (
    EMPTY_TEXT,
    FORMAT,
    VERSION,
    _default_core_id,
    _default_name,
    _default_sid,
    _derived_kind,
    _derived_scheme,
    _edge_id,
    _make_id,
    _namespace,
    _position,
)
from argmap.models import (
    ArgumentMap,
    Claim,
    Evidence,
    Inference,
    InferenceKind,
    Source,
)
from argmap.quotes import SourceText

# Writing


def to_text(amap: ArgumentMap) -> tuple[str, ConversionReport]:
    """Write a map as a SADFace 0.2 document; return the JSON text and what writing changed.

    The document's timestamps, id and analyst are those the map was read with; a map that
    did not come from SADFace gets a stable id (from its title) and the time of writing.

    Examples:
        >>> amap = ArgumentMap(title="T", claims=[Claim(id="a", text="A."),
        ...     Claim(id="b", text="B.")], inferences=[Inference(id="i", premises=["a"],
        ...     conclusion="b")])
        >>> doc = json.loads(to_text(amap)[0])
        >>> [node.get("name", node.get("text")) for node in doc["nodes"]]
        ['A.', 'B.', 'support']
        >>> from argmap.formats.sadface import from_text
        >>> from_text(to_text(amap)[0])[0] == amap
        True
    """
    report = ConversionReport(FORMAT, "write")
    doc = _Writer(amap, report).document()
    text = json.dumps(doc, indent=4, sort_keys=True, ensure_ascii=False) + "\n"
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:  # lone surrogates: escape them, JSON allows it
        text = json.dumps(doc, indent=4, sort_keys=True) + "\n"
    return text, report


def _sadface_extra(extra: dict[str, Any]) -> dict[str, Any]:
    value = extra.get(FORMAT)
    return value if isinstance(value, dict) else {}


def _other_formats(extra: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in extra.items() if k != FORMAT}


class _Writer:
    def __init__(self, amap: ArgumentMap, report: ConversionReport) -> None:
        self.amap = amap
        self.report = report
        self.sx = _sadface_extra(amap.extra)
        self.node_ids: dict[str, str] = {}
        self.resource_ids: dict[str, str] = {}
        self.used_nodes: set[str] = set()
        self.used_edges: set[str] = set()
        self.texts: dict[str, SourceText | None] = {}

    def sid(self, kind: str, item_id: str, sx: dict[str, Any], used: set[str]) -> str:
        original = sx.get("id")
        candidates = [original] if isinstance(original, str) else []
        candidates.append(_default_sid(self.ns, kind, item_id))
        for candidate in candidates:
            if candidate not in used:
                used.add(candidate)
                return candidate
        n = 2
        while (candidate := str(uuid.uuid5(self.ns, f"{kind}:{item_id}:{n}"))) in used:
            n += 1
        used.add(candidate)
        return candidate

    def document(self) -> dict[str, Any]:
        amap, sx = self.amap, self.sx
        core: dict[str, Any] = dict(sx["core"]) if isinstance(sx.get("core"), dict) else {}
        generated: dict[str, Any] = {}
        if not isinstance(core.get("id"), str):
            core["id"] = generated["id"] = _default_core_id(amap.title)
        now = datetime.datetime.now().replace(microsecond=0).isoformat()
        for key, value in (
            ("created", now),
            ("edited", now),
            ("analyst_name", ""),
            ("analyst_email", ""),
        ):
            if key not in core:
                core[key] = generated[key] = value
        if core.get("version", VERSION) != VERSION:
            self.report.changed(
                f"a SADFace {core['version']} document written as version {VERSION}"
            )
        core["version"] = VERSION
        if amap.title != sx.get("derived_title"):
            core["title"] = amap.title
        if amap.description is not None:
            core["description"] = amap.description
        self.ns = _namespace(core["id"])

        # Ids first: edges and the thesis name nodes written later.
        used_resources: set[str] = set()
        for source in amap.sources:
            self.resource_ids[source.id] = self.sid(
                "resource", source.id, _sadface_extra(source.extra), used_resources
            )
        for kept_node in sx.get("nodes") or ():
            if isinstance(kept_node, dict) and isinstance(kept_node.get("id"), str):
                self.used_nodes.add(kept_node["id"])
        for node in amap.nodes():
            self.node_ids[node.id] = self.sid(
                "node", node.id, _sadface_extra(node.extra), self.used_nodes
            )
        if amap.thesis is not None:
            core["claim"] = self.node_ids.get(amap.thesis, amap.thesis)

        metadata: dict[str, Any] = (
            dict(sx["metadata"]) if isinstance(sx.get("metadata"), dict) else {}
        )
        am: Any = metadata.pop("argmap", None)
        am = dict(am) if isinstance(am, dict) else {}
        am["version"] = 1
        if amap.checks is not None:
            am["checks"] = amap.checks.model_dump(mode="json", by_alias=True, exclude_none=True)
        if _other_formats(amap.extra):
            am["extra"] = _other_formats(amap.extra)
        if generated:
            am["generated"] = generated
        metadata = {"core": core, **metadata, "argmap": am}

        resources = [self.resource(source) for source in amap.sources]
        nodes: list[Any] = [self.atom(claim, "claim") for claim in amap.claims]
        nodes += [self.atom(item, "evidence") for item in amap.evidence]
        edges: list[Any] = []
        for inference in amap.inferences:
            scheme, its_edges = self.scheme(inference)
            nodes.append(scheme)
            edges += its_edges
        nodes += list(sx.get("nodes") or ())
        for kept_edge in sx.get("edges") or ():
            edges.append(kept_edge)
        doc: dict[str, Any] = {}
        if isinstance(sx.get("fields"), dict):
            doc.update(sx["fields"])
        doc.update({"metadata": metadata, "resources": resources, "nodes": nodes, "edges": edges})
        return doc

    def metadata(self, sx: dict[str, Any], am: dict[str, Any]) -> dict[str, Any]:
        metadata = sx.get("metadata")
        metadata = dict(metadata) if isinstance(metadata, dict) else {"core": {}}
        if am:
            kept = metadata.get("argmap")
            metadata["argmap"] = {**(kept if isinstance(kept, dict) else {}), **am}
        return metadata

    def resource(self, source: Source) -> dict[str, Any]:
        sx = _sadface_extra(source.extra)
        rid = self.resource_ids[source.id]
        am: dict[str, Any] = {}
        if _make_id(rid, "source") != source.id:
            am["id"] = source.id
        for key in ("author", "date", "note", "path"):
            if getattr(source, key) is not None:
                am[key] = getattr(source, key)
        if source.ignore:
            am["ignore"] = source.ignore
        if _other_formats(source.extra):
            am["extra"] = _other_formats(source.extra)
        metadata = self.metadata(sx, am)
        told = {"title": source.title, "url": source.url}
        if source.title == sx.get("derived_title"):
            del told["title"]
        if source.url is None:
            del told["url"]
        if told:
            core = metadata.get("core")
            metadata["core"] = {**(core if isinstance(core, dict) else {}), **told}
        if source.path is not None:
            self.report.kept(
                "source files not embedded: their path is kept in the resource's metadata",
                source.id,
            )
        self.texts[source.id] = None if source.text is None else SourceText(source.text)
        resource: dict[str, Any] = {
            "id": rid,
            "content": source.text,
            "type": sx.get("type") if isinstance(sx.get("type"), str) else "text",
            "metadata": metadata,
        }
        return _with_fields(resource, sx)

    def atom(self, item: Claim | Evidence, what: str) -> dict[str, Any]:
        sx = _sadface_extra(item.extra)
        sid = self.node_ids[item.id]
        am: dict[str, Any] = {}
        if _make_id(sid, "node") != item.id:
            am["id"] = item.id
        if isinstance(item, Evidence):
            am["evidence"] = item.kind.value
            if item.cites is not None:
                am["cites"] = item.cites
        else:
            if item.assumed:
                am["assumed"] = True
            if item.implicit:
                am["implicit"] = True
            if item.locutions:
                am["locutions"] = [
                    loc.model_dump(mode="json", exclude_none=True) for loc in item.locutions
                ]
        self.add_common(am, item)
        sources = self.source_entries(item, sx)
        if item.source is not None and item.quote is not None:
            found = self.texts.get(item.source)
            if found is None or found.find(item.quote) is None:
                am["unverified_quote"] = True
        self.note_argmap_fields(am, item.id, what)
        text = item.text
        if text == EMPTY_TEXT and "text" in sx:
            text = sx["text"]
        node: dict[str, Any] = {
            "id": sid,
            "type": "atom",
            "text": text,
            "sources": sources,
            "metadata": self.metadata(sx, am),
        }
        if text is None:
            del node["text"]
        return _with_fields(node, sx)

    def add_common(self, am: dict[str, Any], item: Claim | Evidence | Inference) -> None:
        if item.tags:
            am["tags"] = list(item.tags)
        if item.note is not None:
            am["note"] = item.note
        if item.ignore:
            am["ignore"] = item.ignore
        if _other_formats(item.extra):
            am["extra"] = _other_formats(item.extra)

    def note_argmap_fields(self, am: dict[str, Any], ident: str, what: str) -> None:
        fields = sorted(k for k in am if k not in ("id", "extra"))
        if fields:
            self.report.kept(
                f"{what} fields SADFace has no place for written to metadata `argmap` "
                f"({', '.join(fields)})",
                ident,
            )

    def source_entries(self, item: Claim | Evidence, sx: dict[str, Any]) -> list[Any]:
        entries: list[Any] = []
        if item.source is not None:
            position = sx.get("position")
            if (
                isinstance(position, list)
                and len(position) == 2
                and all(
                    p is None or (isinstance(p, int) and not isinstance(p, bool)) for p in position
                )
            ):
                offset, length = position
            else:
                text = self.texts.get(item.source)
                offset, length = _position(text, item.quote)
                if item.quote is not None and offset is None and text is not None:
                    self.report.changed(
                        "quotes not found in their source's text written without offset",
                        item.id,
                    )
            entry: dict[str, Any] = {
                "resource_id": self.resource_ids.get(item.source, item.source),
                "text": item.quote or "",
                "offset": offset,
                "length": length,
            }
            fields = sx.get("source_fields")
            if isinstance(fields, dict):
                entry = {**fields, **entry}
            entries.append(entry)
        kept = sx.get("sources")
        if isinstance(kept, list):
            entries += kept
        return entries

    def scheme(self, inference: Inference) -> tuple[dict[str, Any], list[Any]]:
        sx = _sadface_extra(inference.extra)
        sid = self.node_ids[inference.id]
        node_type = "conflict" if sx.get("type") == "conflict" else "scheme"
        kept_name = sx.get("name")
        if inference.scheme is not None:
            name: str | None = inference.scheme
        elif kept_name is None or isinstance(kept_name, str):
            name = kept_name if "name" in sx else _default_name(inference.kind)
        else:
            name = _default_name(inference.kind)
        am: dict[str, Any] = {}
        if _make_id(sid, "node") != inference.id:
            am["id"] = inference.id
        to_scheme = inference.kind is InferenceKind.UNDERCUT
        if _derived_kind(name, node_type, to_scheme) is not inference.kind:
            am["kind"] = inference.kind.value
        if inference.scheme is not None and _derived_scheme(name) != inference.scheme:
            am["scheme"] = inference.scheme
        if inference.warrant is not None:
            am["warrant"] = inference.warrant
        self.add_common(am, inference)
        self.note_argmap_fields(am, inference.id, "inference")
        node: dict[str, Any] = {"id": sid, "type": node_type, "name": name}
        if name is None:
            del node["name"]
        node["metadata"] = self.metadata(sx, am)
        kept_edges = sx.get("edges") if isinstance(sx.get("edges"), dict) else {}
        assert isinstance(kept_edges, dict)
        pairs = [(self.node_ids.get(p, p), sid) for p in inference.premises]
        pairs.append((sid, self.node_ids.get(inference.conclusion, inference.conclusion)))
        edges = [self.edge(source, target, kept_edges) for source, target in pairs]
        return _with_fields(node, sx), edges

    def edge(self, source: str, target: str, kept: dict[str, Any]) -> dict[str, Any]:
        raw = kept.get(f"{source}->{target}")
        edge: dict[str, Any] = dict(raw) if isinstance(raw, dict) else {}
        ident = edge.get("id")
        if not isinstance(ident, str) or ident in self.used_edges:
            ident = _edge_id(self.ns, source, target)
            n = 2
            while ident in self.used_edges:
                ident = str(uuid.uuid5(self.ns, f"edge:{source}->{target}:{n}"))
                n += 1
        self.used_edges.add(ident)
        edge.update({"id": ident, "source_id": source, "target_id": target})
        return edge


def _with_fields(item: dict[str, Any], sx: dict[str, Any]) -> dict[str, Any]:
    fields = sx.get("fields")
    if isinstance(fields, dict):
        return {**{k: v for k, v in fields.items() if k not in item}, **item}
    return item
