"""An embedded pyoxigraph store for large merged graphs (the ``fast`` extra).

``skg.load(backend="oxigraph")`` parses the bundled ontology and any extra files
with Oxigraph's Rust parsers (bulk loading), in memory or, with ``path=``, into
an on-disk store. A later load with the same ``path`` and the same file
contents reopens that store without parsing anything again (a content hash of
the files is kept next to it), and also reuses the index pickled there.

Examples
--------
>>> import spinekg as skg
>>> kg = skg.load(backend="oxigraph")
>>> kg.affected_by("left L4").side
'left'
>>> rows = kg.sparql("SELECT ?f WHERE { ?r skg:exitsThrough ?f }", r=kg.term("left L5"))
>>> rows[0]["f"]
'skg:foramen_L5_S1_left'
"""

from __future__ import annotations

import json
import os
import pickle
import shutil
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

from rdflib import Graph, URIRef

from ..errors import BackendError, OntologyLoadError
from ..pipeline.oxparse import _ox, _rdf_format, from_rdflib_term, load_into, to_rdflib_term

__all__ = ["OxigraphStore", "to_rdflib_term", "from_rdflib_term"]

_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"
_META = "spinekg-store.json"
_INDEX = "spinekg-index.pickle"
_STORE_DIR = "oxigraph"


def _has_ontology(ox: Any, store: Any) -> bool:
    """Whether ``store`` holds the spinekg ontology header (``<ONTOLOGY> a owl:Ontology``)."""
    from .rdf import ONTOLOGY

    pattern = store.quads_for_pattern(
        ox.NamedNode(ONTOLOGY), ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"),
        ox.NamedNode("http://www.w3.org/2002/07/owl#Ontology"), ox.DefaultGraph())
    return next(iter(pattern), None) is not None


def _digest(files: Sequence[Path]) -> str:
    from ..core.cache import digest

    return digest(list(files))


class OxigraphStore:
    """The pyoxigraph store behind ``skg.load(backend="oxigraph")``.

    Use :meth:`open`. ``store`` is the underlying :class:`pyoxigraph.Store`;
    ``path`` its folder (None in memory); ``reopened`` says whether an on-disk
    store was reused without parsing.

    Examples
    --------
    >>> import spinekg as skg
    >>> from spinekg.pipeline.parse import bundled_files
    >>> st = OxigraphStore.open(bundled_files())
    >>> st.reopened, len(st) > 10000
    (False, True)
    """

    def __init__(self, store: Any, *, path: Path | None = None, digest: str | None = None,
                 reopened: bool = False) -> None:
        self.store = store
        self.path = path
        self.digest = digest
        self.reopened = reopened

    # -- construction ---------------------------------------------------------------
    @classmethod
    def open(cls, files: Sequence[str | os.PathLike[str]],
             path: str | os.PathLike[str] | None = None) -> OxigraphStore:
        """Parse ``files`` into a new store, or reopen the store at ``path``.

        Parameters
        ----------
        files : list of path
            RDF files (Turtle, N-Triples, RDF/XML, JSON-LD, TriG, N-Quads).
        path : path, optional
            A folder for an on-disk store. When it already holds a store made
            from files with the same contents, it is reopened without parsing.

        Raises
        ------
        OntologyLoadError
            A file is missing or malformed (the message names the file and line).
        BackendError
            The folder cannot be used (e.g. another process holds the store open).
        ImportError
            pyoxigraph is not installed (``pip install 'spinekg[fast]'``).
        """
        ox = _ox()
        files = [Path(f) for f in files]
        for f in files:
            _rdf_format(ox, f)
            if not f.is_file():
                raise OntologyLoadError(f, "no such file")
        if path is None:
            store = ox.Store()
            load_into(ox, store, files, on_disk=False)
            return cls(store)
        folder = Path(path)
        digest = _digest(files)
        meta = folder / _META
        try:
            folder.mkdir(parents=True, exist_ok=True)
            old = json.loads(meta.read_text()) if meta.is_file() else {}
        except (OSError, ValueError):
            old = {}
        fresh = old.get("digest") != digest
        if fresh:
            try:
                meta.unlink(missing_ok=True)
                (folder / _INDEX).unlink(missing_ok=True)
                shutil.rmtree(folder / _STORE_DIR, ignore_errors=True)
            except OSError as err:
                raise BackendError(f"oxigraph store at {str(folder)!r}: cannot reset it: "
                                   f"{err}") from err
        try:
            store = ox.Store(str(folder / _STORE_DIR))
        except OSError as err:
            raise BackendError(f"oxigraph store at {str(folder)!r} cannot be opened: {err} "
                               "(is another process or SpineKG using it?)") from err
        if not fresh and not _has_ontology(ox, store):  # the data went, the metadata stayed
            store.clear()
            (folder / _INDEX).unlink(missing_ok=True)
            fresh = True
        if fresh:
            try:
                load_into(ox, store, files, on_disk=True)
            except BaseException:
                store.clear()
                raise
            store.flush()
            tmp = folder / f".{_META}.{os.getpid()}.tmp"
            tmp.write_text(json.dumps({"digest": digest, "files": [str(f) for f in files]},
                                      indent=1))
            os.replace(tmp, meta)
        return cls(store, path=folder, digest=digest, reopened=not fresh)

    # -- reading --------------------------------------------------------------------
    def __len__(self) -> int:
        return len(self.store)

    def triples(self) -> Iterator[tuple[Any, Any, Any]]:
        """The default graph's triples as rdflib terms.

        Examples
        --------
        >>> from spinekg.pipeline.parse import bundled_files
        >>> st = OxigraphStore.open(bundled_files())
        >>> s, p, o = next(iter(st.triples()))
        >>> type(s).__name__ in ("URIRef", "BNode")
        True
        """
        ox = _ox()
        cache: dict[str, URIRef] = {}
        conv = to_rdflib_term
        for q in self.store.quads_for_pattern(None, None, None, ox.DefaultGraph()):
            yield conv(q.subject, cache), conv(q.predicate, cache), conv(q.object, cache)

    def spine_triples(self) -> Iterator[tuple[Any, Any, Any]]:
        """The triples the in-process index needs: those about spinekg terms.

        A triple is kept when its subject or its predicate is in the spinekg
        namespace: the bundled ontology and any extension of it. Instance data
        merged in (clinic records pointing at spinekg areas with their own
        predicates) stays in the store, where SPARQL reaches it; the spine
        questions never walk it, so the index, its memory and its build time do
        not grow with it. The filter runs inside Oxigraph.

        Examples
        --------
        >>> from spinekg.pipeline.parse import bundled_files
        >>> st = OxigraphStore.open(bundled_files())
        >>> sum(1 for _ in st.spine_triples()) == len(st)
        True
        """
        from ..namespaces import BASE

        # BASE is our own constant (no user text reaches this query)
        query = ("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o . "
                 f'FILTER(STRSTARTS(STR(?s), "{BASE}") || STRSTARTS(STR(?p), "{BASE}")) }}')
        cache: dict[str, URIRef] = {}
        conv = to_rdflib_term
        for t in self.store.query(query):
            yield conv(t.subject, cache), conv(t.predicate, cache), conv(t.object, cache)

    def cached_index(self) -> Any:
        """The index pickled next to an on-disk store for these files, or None."""
        if self.path is None or not self.reopened:
            return None
        try:
            with open(self.path / _INDEX, "rb") as fh:
                ix = pickle.load(fh)
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError):
            return None
        return ix if getattr(ix, "_store_digest", None) == self.digest else None

    def save_index(self, index: Any) -> None:
        """Pickle ``index`` next to an on-disk store (nothing in memory)."""
        if self.path is None:
            return
        try:
            index._store_digest = self.digest
            tmp = self.path / f".{_INDEX}.{os.getpid()}.tmp"
            with open(tmp, "wb") as fh:
                pickle.dump(index, fh, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, self.path / _INDEX)
        except OSError:
            pass

    def to_rdflib(self) -> Graph:
        """The default graph as an rdflib :class:`~rdflib.Graph` (prefixes bound)."""
        from .rdf import to_graph

        return to_graph(self.triples())

    def query(self, text: str, bindings: Mapping[str, Any] | None = None
              ) -> tuple[str, Any]:
        """Run a SPARQL query; ``bindings`` (rdflib terms) are substituted, not pasted.

        Returns
        -------
        (kind, data)
            ``("ASK", bool)``, ``("SELECT", list of {var: rdflib term})`` or
            ``("CONSTRUCT", list of rdflib triples)``.

        Raises
        ------
        ValueError
            Malformed query.
        BackendError
            The store failed while evaluating it.

        Examples
        --------
        >>> from rdflib import URIRef
        >>> from spinekg.pipeline.parse import bundled_files
        >>> st = OxigraphStore.open(bundled_files())
        >>> kind, rows = st.query("SELECT ?s WHERE { ?r skg:exitsThrough ?s }",
        ...     {"r": URIRef("https://w3id.org/spinekg/root_L5_left")})
        >>> kind, str(rows[0]["s"])
        ('SELECT', 'https://w3id.org/spinekg/foramen_L5_S1_left')
        """
        from ..namespaces import PREFIXES

        ox = _ox()
        subs = {ox.Variable(k): from_rdflib_term(v) for k, v in (bindings or {}).items()}
        try:
            try:
                result = self.store.query(text, prefixes=dict(PREFIXES),
                                          substitutions=subs or None)
            except RuntimeError as err:
                if not subs or "projection" not in str(err):
                    raise BackendError(f"oxigraph store: query failed: {err}") from err
                # Oxigraph substitutes only selected variables; bind the others with a
                # trailing VALUES block of escaped RDF terms (joined before projection)
                from .rdf import values_block

                result = self.store.query(text + "\n" + values_block(bindings or {}),
                                          prefixes=dict(PREFIXES))
            if isinstance(result, ox.QueryBoolean):
                return "ASK", bool(result)
            if isinstance(result, ox.QueryTriples):
                cache: dict[str, URIRef] = {}
                return "CONSTRUCT", [(to_rdflib_term(t.subject, cache),
                                      to_rdflib_term(t.predicate, cache),
                                      to_rdflib_term(t.object, cache)) for t in result]
            names = [v.value for v in result.variables]
            rows = []
            for sol in result:
                row = {}
                for name in names:
                    value = sol[name]
                    if value is not None:
                        row[name] = to_rdflib_term(value)
                rows.append(row)
            return "SELECT", rows
        except SyntaxError as err:
            raise ValueError(f"malformed SPARQL: {err}") from None
        except OSError as err:
            raise BackendError(f"oxigraph store: query failed: {err}") from err

    def update(self, text: str) -> None:
        """Run a SPARQL update on the store (the bundled files are never written)."""
        from ..namespaces import PREFIXES

        prologue = "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in PREFIXES.items())
        try:
            self.store.update(prologue + text)
        except SyntaxError as err:
            raise ValueError(f"malformed SPARQL update: {err}") from None
        except OSError as err:
            raise BackendError(f"oxigraph store: update failed: {err}") from err
        if self.path is not None:
            for name in (_META, _INDEX):
                try:
                    (self.path / name).unlink(missing_ok=True)
                except OSError:
                    pass
            self.reopened = False

    def __repr__(self) -> str:
        where = str(self.path) if self.path else "memory"
        return f"<OxigraphStore {where}, {len(self)} quads>"
