"""The report page's style and script, inlined into every page (no file, no network).

The script reads the map's data from the page's JSON block and builds the detail panel
with ``textContent`` only: no text of the map ever reaches ``innerHTML``.
"""

from __future__ import annotations

STYLE = """
*, *::before, *::after { box-sizing: border-box; }
html, body { margin: 0; height: 100%; }
body {
  display: grid; grid-template-rows: auto minmax(0, 1fr); overflow: hidden;
  font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, Helvetica, Arial, sans-serif;
  color: #1f2933; background: #fff;
}
header {
  display: flex; align-items: center; gap: 16px; padding: 8px 14px;
  border-bottom: 1px solid #d5dbe1; background: #f5f7fa;
}
header h1 { font-size: 17px; margin: 0; white-space: nowrap; overflow: hidden;
  text-overflow: ellipsis; }
header .counts { margin: 0; color: #52606d; font-size: 13px; white-space: nowrap; }
.search { position: relative; margin-left: auto; }
#search { width: 280px; padding: 5px 9px; font: inherit; border: 1px solid #b8c2cc;
  border-radius: 4px; }
#results {
  position: absolute; right: 0; top: 100%; z-index: 10; width: 420px; max-height: 60vh;
  overflow: auto; margin: 4px 0 0; padding: 0; list-style: none; background: #fff;
  border: 1px solid #b8c2cc; border-radius: 4px; box-shadow: 0 4px 14px rgba(0,0,0,.15);
}
#results li { padding: 5px 9px; cursor: pointer; border-bottom: 1px solid #eef1f4; }
#results li:hover, #results li.active { background: #e8f1fb; }
#results .rid { font: 12px ui-monospace, Menlo, Consolas, monospace; color: #52606d;
  display: block; }
#results .none { color: #7b8794; cursor: default; }
main { display: grid; grid-template-columns: minmax(0, 3fr) minmax(340px, 2fr); min-height: 0; }
#map {
  position: relative; overflow: hidden; background: #fff; touch-action: none;
  cursor: grab; outline: none; min-height: 0;
}
#map:focus-visible { box-shadow: inset 0 0 0 2px #2680c2; }
#map.dragging { cursor: grabbing; }
#drawing { position: absolute; left: 0; top: 0; transform-origin: 0 0; user-select: none; }
#map .item { cursor: pointer; }
#map .item:hover path, #map .item:hover polygon { stroke-width: 2.4px; }
#map .item.selected path, #map .item.selected polygon {
  stroke: #e8590c; stroke-width: 4px;
}
#map .item.selected text { font-weight: bold; }
#map .item.dim { opacity: .2; }
#map .item.match path, #map .item.match polygon { stroke: #2680c2; stroke-width: 3px; }
.controls { position: absolute; right: 12px; bottom: 12px; display: flex; gap: 4px; }
.controls button {
  min-width: 34px; height: 32px; font: 600 15px system-ui, sans-serif; cursor: pointer;
  background: #fff; border: 1px solid #9aa5b1; border-radius: 4px; color: #1f2933;
}
.controls button:hover { background: #e8f1fb; }
aside {
  display: grid; grid-template-rows: auto minmax(0, 1fr) minmax(0, 32%); min-height: 0;
  border-left: 1px solid #d5dbe1;
}
#detail { max-height: 38vh; overflow: auto; padding: 10px 14px; border-bottom: 1px solid #d5dbe1;
  background: #fffdf7; }
#detail h2 { font-size: 15px; margin: 0 0 4px; }
#detail .kind { font-size: 12px; color: #52606d; text-transform: uppercase; letter-spacing: .04em; }
#detail .flag { display: inline-block; margin-left: 6px; padding: 0 6px; font-size: 11px;
  border-radius: 8px; background: #dbe9f7; color: #1f4e79; text-transform: none; }
#detail .rid { font: 12px ui-monospace, Menlo, Consolas, monospace; color: #52606d; }
#detail p { margin: 4px 0; }
#detail dl { display: grid; grid-template-columns: max-content 1fr; gap: 2px 10px;
  margin: 6px 0 0; }
#detail dt { color: #52606d; font-size: 12px; padding-top: 2px; }
#detail dd { margin: 0; }
#detail .links button {
  font: 12px ui-monospace, Menlo, Consolas, monospace; margin: 0 4px 2px 0; padding: 0 5px;
  background: #eef4fb; border: 1px solid #b8c9dc; border-radius: 3px; cursor: pointer;
}
#detail .problem { color: #a84300; }
#detail .quote { font-style: italic; }
#texts { overflow: auto; padding: 4px 16px 16px; scroll-padding: 30%; }
.source h3 { font-size: 15px; margin: 12px 0 0; }
.source .about { margin: 0 0 8px; color: #52606d; font-size: 12px; }
.source .text { white-space: pre-wrap; font: 14px/1.6 Georgia, "Times New Roman", serif;
  overflow-wrap: anywhere; }
mark.q { background: #fff1b8; color: inherit; cursor: pointer; border-radius: 2px;
  box-shadow: 0 1px 0 #e5c100; }
mark.q:hover { background: #ffe27a; }
mark.q.current { background: #ffb26b; box-shadow: 0 0 0 2px #e8590c; }
#findings { display: flex; flex-direction: column; min-height: 0; overflow: hidden;
  border-top: 1px solid #d5dbe1; background: #f9fafb; }
#findings h2 { flex: none; margin: 0; padding: 6px 14px; font-size: 14px;
  background: #eef1f4; border-bottom: 1px solid #d5dbe1; }
#findings .count { color: #52606d; font-weight: normal; }
#notes { list-style: none; margin: 0; padding: 0; overflow: auto; flex: 1 1 auto; }
.note { padding: 6px 14px; border-bottom: 1px solid #e4e7eb; cursor: pointer;
  border-left: 4px solid #9aa5b1; }
.note:hover { background: #eef4fb; }
.note.related { background: #fff4e6; }
.note.active { background: #ffe8cc; }
.note.hidden { display: none; }
.note p { margin: 0; }
.note .head { font-size: 12px; color: #52606d; }
.note .sev { font-weight: 600; text-transform: uppercase; }
.note .code { font-family: ui-monospace, Menlo, Consolas, monospace; }
.note .rule { font-weight: 600; color: #1f2933; }
.note .line { float: right; }
.note .hint { color: #52606d; font-size: 13px; }
.sev-error { border-left-color: #c62828; }
.sev-error .sev { color: #c62828; }
.sev-warning { border-left-color: #d35400; }
.sev-warning .sev { color: #b54300; }
.sev-info { border-left-color: #2680c2; }
.sev-info .sev { color: #1f6fa8; }
.sev-difference { border-left-color: #8e44ad; }
.sev-difference .sev { color: #7d3c98; }
.missing { color: #7b8794; font-style: italic; padding: 0 14px; }
@media (max-width: 800px) {
  main { grid-template-columns: 1fr; grid-template-rows: 50vh minmax(0, 1fr); }
  body { overflow: auto; }
  header { flex-wrap: wrap; }
}
"""

SCRIPT = r"""
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("argmap-data").textContent);
  var items = new Map();
  data.items.forEach(function (item) { items.set(item.id, item); });
  var pane = document.getElementById("map");
  var svg = document.getElementById("drawing");
  var texts = document.getElementById("texts");
  var detail = document.getElementById("detail");
  var search = document.getElementById("search");
  var results = document.getElementById("results");
  var notes = Array.prototype.slice.call(document.querySelectorAll("#notes .note"));

  // The drawing's boxes and one-premise steps, by item id.
  var shapes = new Map();
  svg.querySelectorAll("g.node, g.edge").forEach(function (g) {
    var id = null;
    if (g.classList.contains("node")) {
      var title = g.querySelector("title");
      id = title ? title.textContent : null;
    } else if (g.id.indexOf("step-") === 0) {
      id = g.id.slice(5);
    }
    if (id !== null && items.has(id)) {
      shapes.set(id, g);
      g.classList.add("item");
      g.setAttribute("data-id", id);
    }
  });

  // The highlighted passages, by item id.
  var marks = new Map();
  texts.querySelectorAll("mark.q").forEach(function (mark) {
    mark.getAttribute("data-items").split(" ").forEach(function (id) {
      if (!marks.has(id)) { marks.set(id, []); }
      marks.get(id).push(mark);
    });
  });

  // ---- pan and zoom: a CSS transform of the drawing (the browser need not lay it out again) ----
  var base = svg.viewBox.baseVal;
  var full = { w: base.width || 1, h: base.height || 1 };
  svg.style.width = full.w + "px";  // one unit of the drawing is one pixel at scale 1
  svg.style.height = full.h + "px";
  var view = { k: 1, x: 0, y: 0 };  // a point u of the drawing shows at x + k * u
  var MAX_SCALE = 8;
  function size() { return { w: pane.clientWidth || 1, h: pane.clientHeight || 1 }; }
  function fitScale() { var s = size(); return Math.min(s.w / full.w, s.h / full.h); }
  function show() {
    svg.style.transform = "translate(" + view.x + "px, " + view.y + "px) scale(" + view.k + ")";
  }
  function setScale(k, px, py) {
    k = Math.max(Math.min(k, MAX_SCALE), Math.min(fitScale() / 2, 1));
    var ux = (px - view.x) / view.k, uy = (py - view.y) / view.k;
    view.k = k;
    view.x = px - ux * k;
    view.y = py - uy * k;
    show();
  }
  function zoomBy(factor, px, py) {
    var s = size();
    setScale(view.k * factor, px === undefined ? s.w / 2 : px, py === undefined ? s.h / 2 : py);
  }
  function fit() {
    var s = size(), k = fitScale();
    view.k = k;
    view.x = (s.w - full.w * k) / 2;
    view.y = (s.h - full.h * k) / 2;
    show();
  }
  function panBy(dx, dy) {
    view.x += dx; view.y += dy;
    show();
  }
  function centerOn(g) {
    var box = g.getBoundingClientRect(), area = pane.getBoundingClientRect();
    var ux = (box.left + box.width / 2 - area.left - view.x) / view.k;
    var uy = (box.top + box.height / 2 - area.top - view.y) / view.k;
    if (view.k < 0.7) { view.k = 1; }  // too small to read: zoom in to the drawing's own size
    var s = size();
    view.x = s.w / 2 - ux * view.k;
    view.y = s.h / 2 - uy * view.k;
    show();
  }
  pane.addEventListener("wheel", function (event) {
    event.preventDefault();
    var area = pane.getBoundingClientRect();
    var step = event.deltaMode === 1 ? event.deltaY * 16 : event.deltaY;
    zoomBy(Math.exp(-step * 0.0015), event.clientX - area.left, event.clientY - area.top);
  }, { passive: false });

  var pointers = new Map(), moved = false, pinch = null;
  pane.addEventListener("pointerdown", function (event) {
    if (event.target.closest(".controls")) { return; }
    pointers.set(event.pointerId, { x: event.clientX, y: event.clientY });
    moved = false;
    if (pointers.size === 2) {
      var p = Array.from(pointers.values());
      pinch = Math.hypot(p[0].x - p[1].x, p[0].y - p[1].y);
    }
  });
  pane.addEventListener("pointermove", function (event) {
    var last = pointers.get(event.pointerId);
    if (!last) { return; }
    var dx = event.clientX - last.x, dy = event.clientY - last.y;
    if (!moved && Math.hypot(dx, dy) < 4) { return; }
    if (!moved) {
      moved = true;
      pane.classList.add("dragging");
      try { pane.setPointerCapture(event.pointerId); } catch (lost) { /* the pointer is gone */ }
    }
    pointers.set(event.pointerId, { x: event.clientX, y: event.clientY });
    if (pointers.size === 2 && pinch) {
      var p = Array.from(pointers.values());
      var distance = Math.hypot(p[0].x - p[1].x, p[0].y - p[1].y);
      var area = pane.getBoundingClientRect();
      zoomBy(distance / pinch, (p[0].x + p[1].x) / 2 - area.left,
        (p[0].y + p[1].y) / 2 - area.top);
      pinch = distance;
    } else if (pointers.size === 1) {
      panBy(dx, dy);
    }
  });
  function release(event) {
    pointers.delete(event.pointerId);
    if (pointers.size < 2) { pinch = null; }
    if (!pointers.size) { pane.classList.remove("dragging"); }
  }
  pane.addEventListener("pointerup", release);
  pane.addEventListener("pointercancel", release);
  document.getElementById("zoom-in").addEventListener("click", function () { zoomBy(1.25); });
  document.getElementById("zoom-out").addEventListener("click", function () { zoomBy(0.8); });
  document.getElementById("fit").addEventListener("click", fit);
  document.addEventListener("keydown", function (event) {
    var target = event.target;
    if (target === search || event.ctrlKey || event.metaKey || event.altKey) { return; }
    var keys = {
      "+": function () { zoomBy(1.25); }, "=": function () { zoomBy(1.25); },
      "-": function () { zoomBy(0.8); }, "_": function () { zoomBy(0.8); },
      "0": fit, "f": fit,
      "ArrowLeft": function () { panBy(60, 0); }, "ArrowRight": function () { panBy(-60, 0); },
      "ArrowUp": function () { panBy(0, 60); }, "ArrowDown": function () { panBy(0, -60); },
      "/": function () { search.focus(); search.select(); },
      "Escape": function () { select(null); }
    };
    var action = keys[event.key];
    if (!action) { return; }
    if (event.key.indexOf("Arrow") === 0 && target !== pane && target !== document.body) {
      return;  // arrows scroll the text and the lists where they have the focus
    }
    event.preventDefault();
    action();
  });

  // ---- selection ----
  var current = null;
  function clearClass(name) {
    document.querySelectorAll("." + name).forEach(function (el) { el.classList.remove(name); });
  }
  function select(id, from) {
    clearClass("selected"); clearClass("current"); clearClass("related"); clearClass("active");
    current = id !== null && items.has(id) ? id : null;
    if (current === null) {
      renderDetail(null);
      document.body.removeAttribute("data-selected");
      return;
    }
    document.body.setAttribute("data-selected", current);
    renderDetail(items.get(current));  // first: the panel's height moves the text below it
    var g = shapes.get(current);
    if (g) {
      g.classList.add("selected");
      if (from !== "map") { centerOn(g); }
    }
    var passages = marks.get(current) || [];
    passages.forEach(function (mark) { mark.classList.add("current"); });
    if (passages.length && from !== "text") {
      passages[0].scrollIntoView({ block: "center", inline: "nearest" });
    }
    items.get(current).findings.forEach(function (n) {
      var note = notes[n];
      if (note) { note.classList.add("related"); }
    });
  }

  svg.addEventListener("click", function (event) {
    if (moved) { moved = false; return; }
    var g = event.target.closest(".item");
    if (g) { select(g.getAttribute("data-id"), "map"); }
  });
  texts.addEventListener("click", function (event) {
    var mark = event.target.closest("mark.q");
    if (!mark) { return; }
    var ids = mark.getAttribute("data-items").split(" ").filter(function (id) {
      return items.has(id);
    });
    if (!ids.length) { return; }
    var next = ids[(ids.indexOf(current) + 1) % ids.length];  // again: the next item here
    select(next, "text");
  });
  notes.forEach(function (note) {
    function choose() {
      var ids = note.getAttribute("data-ids").split(" ").filter(function (id) {
        return items.has(id);
      });
      select(ids.length ? ids[0] : null, "notes");
      note.classList.add("active");
    }
    note.addEventListener("click", choose);
    note.addEventListener("keydown", function (event) {
      if (event.key === "Enter" || event.key === " ") { event.preventDefault(); choose(); }
    });
  });

  // ---- the detail panel: built from text nodes only ----
  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text !== undefined && text !== null) { node.textContent = String(text); }
    return node;
  }
  function links(ids) {
    var span = el("span", "links");
    ids.forEach(function (id) {
      var button = el("button", null, id);
      button.type = "button";
      button.addEventListener("click", function () { select(id, "detail"); });
      span.appendChild(button);
    });
    return span;
  }
  function renderDetail(item) {
    detail.textContent = "";
    if (!item) {
      detail.appendChild(el("p", "missing", "Click a box, a passage or a finding."));
      return;
    }
    var kind = el("div", "kind", item.type + (item.kind ? " · " + item.kind : ""));
    if (item.thesis) { kind.appendChild(el("span", "flag", "thesis")); }
    if (item.assumed) { kind.appendChild(el("span", "flag", "assumed")); }
    if (item.implicit) { kind.appendChild(el("span", "flag", "implicit")); }
    detail.appendChild(kind);
    var heading = el("h2", null, item.type === "inference" ? item.id : item.text);
    detail.appendChild(heading);
    detail.appendChild(el("div", "rid", item.id));
    var list = el("dl");
    function row(label, value, className) {
      if (value === undefined || value === null || value === "" ||
          (Array.isArray(value) && !value.length)) { return; }
      list.appendChild(el("dt", null, label));
      var dd = el("dd", className);
      if (value instanceof Node) { dd.appendChild(value); } else { dd.textContent = String(value); }
      list.appendChild(dd);
    }
    if (item.type === "inference") {
      row("premises", links(item.premises));
      row("conclusion", links([item.conclusion]));
      row("warrant", item.warrant);
      row("scheme", item.scheme);
    } else {
      if (item.quote) {
        row("quote", "“" + item.quote + "”", "quote");
        if (item.quoteMissing) {
          row("not found", item.quoteMissing, "problem");
        } else if (item.quoteLine) {
          row("found", "line " + item.quoteLine + " of " + item.source);
        }
      } else if (item.source) {
        row("source", item.source);
      }
      row("cites", item.cites);
    }
    row("note", item.note);
    row("tags", item.tags.join(", "));
    if (item.supportedBy.length) { row("concluded by", links(item.supportedBy)); }
    if (item.usedBy.length) { row("premise of", links(item.usedBy)); }
    item.findings.forEach(function (n) {
      var note = notes[n];
      if (!note) { return; }
      var rule = note.querySelector(".rule").textContent;
      row(rule, note.querySelector(".msg").textContent, "problem");
    });
    detail.appendChild(list);
  }

  // ---- search: ids and texts ----
  var noteTexts = notes.map(function (note) { return note.textContent.toLowerCase(); });
  var haystack = data.items.map(function (item) {
    return [item.id, item.text, item.quote, item.warrant, item.scheme, item.note, item.cites]
      .filter(Boolean).join("\n").toLowerCase();
  });
  var found = [];
  var LIMIT = 50;
  // Dimming every other box costs a redraw of the whole drawing: on big maps the matches
  // are only marked, and the search waits for a pause in the typing.
  var DIM_UP_TO = 800;
  var pending = null;
  function schedule() {
    if (pending !== null) { clearTimeout(pending); }
    pending = setTimeout(runSearch, shapes.size > DIM_UP_TO ? 150 : 0);
  }
  function runSearch() {
    if (pending !== null) { clearTimeout(pending); pending = null; }
    var query = search.value.trim().toLowerCase();
    results.textContent = "";
    found = [];
    if (!query) {
      results.hidden = true;
      clearClass("dim"); clearClass("match");
      notes.forEach(function (note) { note.classList.remove("hidden"); });
      return;
    }
    var hit = new Set();
    data.items.forEach(function (item, n) {
      if (haystack[n].indexOf(query) !== -1) { hit.add(item.id); found.push(item); }
    });
    found.sort(function (a, b) {  // an id that starts with the query first
      return (b.id.toLowerCase().indexOf(query) === 0) - (a.id.toLowerCase().indexOf(query) === 0);
    });
    clearClass("match");
    hit.forEach(function (id) { var g = shapes.get(id); if (g) { g.classList.add("match"); } });
    if (shapes.size <= DIM_UP_TO) {
      shapes.forEach(function (g, id) { g.classList.toggle("dim", !hit.has(id)); });
    }
    notes.forEach(function (note, n) {
      var ids = note.getAttribute("data-ids").split(" ");
      var text = noteTexts[n];
      var keep = text.indexOf(query) !== -1 || ids.some(function (id) { return hit.has(id); });
      note.classList.toggle("hidden", !keep);
    });
    if (!found.length) {
      results.appendChild(el("li", "none", "Nothing matches."));
    }
    found.slice(0, LIMIT).forEach(function (item) {
      var li = el("li");
      li.setAttribute("data-id", item.id);
      li.appendChild(el("span", "rid", item.id + " · " + item.type));
      li.appendChild(document.createTextNode(item.text || ""));
      li.addEventListener("mousedown", function (event) { event.preventDefault(); });
      li.addEventListener("click", function () {
        select(item.id, "search");
        results.hidden = true;
      });
      results.appendChild(li);
    });
    if (found.length > LIMIT) {
      results.appendChild(el("li", "none", (found.length - LIMIT) + " more: type more of it"));
    }
    results.hidden = false;
  }
  search.addEventListener("input", schedule);
  search.addEventListener("keydown", function (event) {
    if (event.key === "Enter" && pending !== null) { runSearch(); }
    if (event.key === "Enter" && found.length) {
      event.preventDefault();
      select(found[0].id, "search");
      results.hidden = true;
    } else if (event.key === "Escape") {
      search.value = ""; runSearch(); search.blur();
    }
  });
  search.addEventListener("focus", function () { if (search.value.trim()) { runSearch(); } });
  search.addEventListener("blur", function () { results.hidden = true; });

  window.addEventListener("resize", fit);
  fit();
  document.documentElement.setAttribute("data-ready", "true");
})();
"""
