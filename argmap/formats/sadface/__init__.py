"""SADFace JSON (the Simple Argument Description Format), read and written.

SADFace is a graph: *atom* nodes (statements) and *scheme* nodes (the relations between
them), joined by edges; ``resources`` hold the texts that atoms quote. The mapping:

=============================================  ==============================================
SADFace                                        argmap
=============================================  ==============================================
``metadata.core.title`` / ``description``      ``title`` (else the file name) / ``description``
``metadata.core.claim`` (an atom id)           ``thesis``
``metadata.core`` id, created, edited,         ``extra["sadface"]["core"]``, written back as
analyst_name, analyst_email, notes, ...        they were (made up when writing a new file)
resource ``id``, ``content``                   :class:`Source` ``id``, ``text``
resource ``metadata.core.title`` / ``url``     ``title`` (else the content's first words) /
                                               ``url``
atom ``id``, ``text``                          :class:`Claim` ``id``, ``text``
atom ``sources[0]`` (resource_id, text)        ``source``, ``quote`` (offset and length are
                                               recomputed from the quote when writing)
atom with ``metadata.argmap.evidence``         :class:`Evidence` of that kind
scheme node, edges atom → scheme → atom        :class:`Inference`: premises → conclusion
scheme ``name``                                ``scheme``, unless it only names the relation
                                               (support, inference, attack, conflict, ...)
scheme → scheme edge, attacking name           ``kind: undercut``
scheme named ``rephrase`` (one premise)        ``kind: rephrase``: the conclusion restates
                                               the premise
node and resource ``metadata``                 ``extra["sadface"]["metadata"]``
=============================================  ==============================================

A scheme is an attack when a word of its name is one of :data:`ATTACK_WORDS` (conflict,
attack, disagree, disagreement, defeat, rebut, rebuttal, undercut, undermine, ...) or its
node type is ``conflict``; it is a rephrase when a word of its name is one of
:data:`REPHRASE_WORDS` (rephrase, restatement, paraphrase, ...): SADFace names no relation
of restatement, so argmap writes one as a scheme named ``rephrase``, its edges running as a
support's do, from the premise restated to the conclusion that restates it. Any other name
(``support``, ``inference``, "Argument From Expert Opinion") supports. What argmap holds
and SADFace has no field for (evidence kinds, ``cites``, ``warrant``, ``assumed``,
``implicit``, tags, notes, locutions, rule ignores, a kind or scheme that the name does not
tell, source authors and dates) is written to the node's or resource's
``metadata["argmap"]``, which this reader reads back.

A quote must stand in its resource's text (spacing aside) to become a claim's ``quote``;
argmap writes ``metadata.argmap.unverified_quote`` on a quote it could not find itself, so
that its own misquotes survive the round trip. The document's ``metadata.argmap`` holds the
map's ``checks``, other formats' ``extra``, and which ``core`` entries argmap made up
(``generated``), so that reading the file back does not keep them as SADFace's.

Reading keeps what argmap cannot place in ``extra["sadface"]`` and says so in the report:
schemes without premises or conclusion, edges between two atoms or to missing nodes,
further conclusions of a scheme, further source entries of an atom, quotes that its
resource's text does not hold, nodes of unknown types. Writing gives them back, so a
SADFace file read and written keeps every node and edge. The SADFace 0.1 layout (the
document's metadata at the top level) is read too; files are written as 0.2.

Examples:
    >>> text = '''{"metadata": {"core": {"id": "d", "version": "0.2", "title": "T"}},
    ...   "resources": [], "nodes": [
    ...     {"id": "a", "type": "atom", "text": "A.", "sources": [], "metadata": {}},
    ...     {"id": "b", "type": "atom", "text": "B.", "sources": [], "metadata": {}},
    ...     {"id": "s", "type": "scheme", "name": "conflict", "metadata": {}}],
    ...   "edges": [{"id": "e1", "source_id": "a", "target_id": "s"},
    ...             {"id": "e2", "source_id": "s", "target_id": "b"}]}'''
    >>> import json
    >>> amap, report = from_text(text)
    >>> step = amap.inferences[0]
    >>> step.premises, step.conclusion, step.kind.value
    (['a'], 'b', 'attack')
    >>> out, _ = to_text(amap)
    >>> [node["id"] for node in json.loads(out)["nodes"]]
    ['a', 'b', 's']
"""

from argmap.formats.sadface.common import EMPTY_TEXT, FORMAT, VERSION
from argmap.formats.sadface.reader import from_text
from argmap.formats.sadface.writer import to_text

__all__ = ["EMPTY_TEXT", "FORMAT", "VERSION", "from_text", "to_text"]
