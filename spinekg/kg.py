"""The :class:`SpineKG` object: one graph, its index, and the clinical questions.

Examples
--------
>>> kg = skg.load()
>>> impact = kg.affected_by("left L4 nerve root")
>>> impact.side, impact.region.label
('left', 'lumbar region')
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from pathlib import Path as FilePath
from typing import Any

from .clinical import affected as clinical
from .clinical.isncsci import isncsci
from .clinical.localize import localize
from .clinical.results import Compression, Impact, Localization, TreatmentPlan
from .clinical.treatments import treatments
from .core.cache import index_of
from .core.convert import to_networkx
from .core.index import Index
from .core.query import sparql
from .core.resolve import Resolver
from .core.search import (
    DistanceTables,
    IndexAdjacency,
    Path,
    _check_options,
    check_predicates,
    compile_pattern,
    search,
)
from .core.terms import Term
from .pipeline.parse import parse_files
from .pipeline.validate import validate

__all__ = ["SpineKG"]


class SpineKG:
    """A loaded spine knowledge graph. Make one with :func:`spinekg.load`.

    Attributes
    ----------
    graph : rdflib.Graph
        The merged RDF graph (parsed on first access when the index came from cache).
    nx : networkx.MultiDiGraph
        Nodes are CURIEs with ``label``, ``kind``, ``types``; edge key = predicate
        CURIE, edge attribute ``sources``. Built once, cached.
    index : Index
        The in-process index every question runs on.
    """

    def __init__(self, index: Index, *, files: Sequence[FilePath] = (), graph: Any = None,
                 store: Any = None) -> None:
        self.index = index
        self.files = tuple(files)
        self._graph = graph
        self.store = store
        self._lock = threading.RLock()
        self._nx: Any = None
        self._resolver: Resolver | None = None
        self._adj = IndexAdjacency(index)
        self._memo: dict[str, Any] = {}

    # -- construction ---------------------------------------------------------------
    @classmethod
    def _from_files(cls, files: Sequence[FilePath]) -> SpineKG:
        index, graph = index_of(list(files))
        return cls(index, files=files, graph=graph)

    @classmethod
    def _from_store(cls, store: Any, files: Sequence[FilePath] = ()) -> SpineKG:
        """A SpineKG over a backend store (oxigraph, SPARQL endpoint).

        The index is built from ``store.spine_triples()`` where the store offers it
        (the spinekg part of a large merged graph), else ``store.triples()``, or
        taken from the store's own cache (an on-disk store reopened for the same
        files).
        """
        cached = getattr(store, "cached_index", None)
        index = cached() if cached is not None else None
        if index is None:
            spine = getattr(store, "spine_triples", None)
            index = Index.from_triples(spine() if spine is not None else store.triples())
            save = getattr(store, "save_index", None)
            if save is not None:
                save(index)
        return cls(index, files=files, store=store)

    def _answer(self, kind: str, fn: Any, *args: Any, **kwargs: Any) -> Any:
        """Memoise one answer: results are frozen, so a repeated question is a lookup.

        Keys are the arguments as given (hashable ones only); errors are not cached.
        """
        # each kind is always called with the same keywords in the same order, so the
        # values name the question; typed: True and 1 (or 1.0) are equal but differ here
        values = (*args, *kwargs.values())
        key = (kind, values, tuple(map(type, values)))
        answers = self._memo.get("answers")
        if answers is None:
            answers = self._memo.setdefault("answers", {})
        try:
            hit = answers.get(key)
        except TypeError:  # an unhashable argument: answer without the memo
            return fn(self, *args, **kwargs)
        if hit is None:
            hit = fn(self, *args, **kwargs)
            if len(answers) < 100_000:
                answers[key] = hit
        return hit

    # -- lazily built views -----------------------------------------------------------
    @property
    def graph(self):
        """The rdflib graph (parsed on first use when the index came from the cache)."""
        if self._graph is None:
            with self._lock:
                if self._graph is None:
                    if self.store is not None:
                        self._graph = self.store.to_rdflib()
                    else:
                        self._graph = parse_files(self.files)
        return self._graph

    @property
    def resolver(self) -> Resolver:
        if self._resolver is None:
            with self._lock:
                if self._resolver is None:
                    self._resolver = Resolver(self.index)
        return self._resolver

    @property
    def nx(self):
        """The graph as a ``networkx.MultiDiGraph`` (built once from the index)."""
        if self._nx is None:
            with self._lock:
                if self._nx is None:
                    self._nx = to_networkx(self.index)
        return self._nx

    # -- names ----------------------------------------------------------------------
    def term(self, text: str, *, side: str | None = None) -> Term:
        """Resolve a label, synonym, CURIE or IRI to one :class:`Term`.

        Parameters
        ----------
        text : str
            "left L4", "L4 left", "L4 root, left side", "big toe", "skg:root_L4_left".
        side : {"left", "right"}, optional
            Picks the side when ``text`` names a lateralised thing without one.

        Raises
        ------
        UnknownTermError
            Nothing matches; the message suggests the closest names.
        AmbiguousTermError
            Several things match (e.g. "L4" without a side); ``.choices`` lists them.

        Examples
        --------
        >>> kg = skg.load()
        >>> kg.term("L4 left").label
        'left L4 nerve root'
        >>> kg.term("L6")
        Traceback (most recent call last):
        ...
        spinekg.errors.UnknownTermError: no term matches 'L6'; did you mean: L5, S1?
        """
        return self.resolver.term(text, side=side)

    def search(self, text: str, limit: int = 10) -> list[Term]:
        """Terms whose names contain or resemble ``text``, best first.

        Examples
        --------
        >>> kg = skg.load()
        >>> "skg:area_great_toe_left" in [t.curie for t in kg.search("toe", limit=50)]
        True
        """
        return self.resolver.search(text, limit=limit)

    # -- clinical questions -----------------------------------------------------------
    def affected_by(self, what: str | Term, *, level: str | None = None,
                    side: str | None = None) -> Impact:
        """What a compressed root — or a lesion at a level and side — affects.

        Parameters
        ----------
        what : str or Term
            A root ("left L4", "L4" with ``side=``) or a lesion ("lumbar foraminal
            stenosis", "paracentral disc herniation") with ``level`` and ``side``.
        level : str, optional
            Disc level for a lesion: "L4-L5", "L4/5", "C5-C6".
        side : {"left", "right", "both"}, optional

        Returns
        -------
        Impact
            ``roots``, ``side``, ``region``, ``dermatome_areas``,
            ``key_sensory_points``, ``muscle_actions``, ``reflexes``, ``pain_areas``,
            ``symptoms`` and ``paths`` (the explanation of every item). Items are on
            the root's side only.

        Examples
        --------
        >>> kg = skg.load()
        >>> imp = kg.affected_by("lumbar foraminal stenosis", level="L4-L5", side="left")
        >>> [r.curie for r in imp.roots]
        ['skg:root_L4_left']
        >>> "skg:reflex_patellar_left" in {t.curie for t in imp.reflexes}
        True
        >>> why = str(imp.explain("skg:reflex_patellar_left"))
        >>> why.startswith("lumbar foraminal stenosis —affects zone→ foraminal zone")
        True
        >>> why.endswith("left L4 nerve root —mediates reflex→ left patellar reflex")
        True
        """
        return self._answer("affected_by", clinical.affected_by, what, level=level, side=side)

    def compressed_roots(self, lesion: str | Term, *, level: str,
                         side: str | None = None) -> Compression:
        """The roots a lesion at ``level`` on ``side`` compresses, by the sourced rule.

        ``side=None`` or ``"both"`` gives both sides; central lesions always do.

        Examples
        --------
        >>> kg = skg.load()
        >>> c = kg.compressed_roots("paracentral disc herniation", level="L4-L5", side="right")
        >>> [r.curie for r in c.roots], [r.curie for r in c.alternatives]
        (['skg:root_L5_right'], ['skg:root_S1_right'])
        """
        return self._answer("compressed_roots", clinical.compressed_roots, lesion, level=level,
                            side=side)

    def treatments(self, condition: str | Term, *, months_conservative: float | None = None,
                   red_flags: Sequence[str] = ()) -> TreatmentPlan:
        """The treatment ladder and the tier recommended now.

        Parameters
        ----------
        condition : str or Term
        months_conservative : float, optional
            How long conservative care has been tried.
        red_flags : list of str
            Red-flag findings ("cauda equina syndrome", "progressive motor deficit");
            any of them makes the plan surgical and urgent.

        Examples
        --------
        >>> kg = skg.load()
        >>> plan = kg.treatments("lumbar spinal stenosis", months_conservative=4)
        >>> plan.recommended.name, plan.urgent
        ('surgical', False)
        >>> kg.treatments("lumbar spinal stenosis", red_flags=["cauda equina syndrome"]).urgent
        True
        """
        flags = tuple(red_flags) if isinstance(red_flags, list) else red_flags
        return self._answer("treatments", treatments, condition,
                            months_conservative=months_conservative, red_flags=flags)

    def localize(self, findings: Any = None, /, *, side: str | None = None,
                 pain: Sequence[str] = (), numbness: Sequence[str] = (),
                 weakness: Any = (), reflexes: dict[str, str] | None = None,
                 normal: Sequence[str] = (), signs: dict[str, str] | None = None,
                 history: Sequence[str] = (), imaging: Any = None, strict: bool = True,
                 limit: int = 5) -> Localization:
        """The differential of a patient's findings, with probabilities.

        See :func:`spinekg.clinical.localize.localize` (arguments) and
        :mod:`spinekg.clinical.differential.model` (the model).

        Examples
        --------
        >>> kg = skg.load()
        >>> loc = kg.localize(side="left", numbness=["dorsum of foot"],
        ...                   weakness=["great toe extension"])
        >>> loc.best.root.curie
        'skg:root_L5_left'
        """
        return localize(self, findings, side=side, pain=pain, numbness=numbness,
                        weakness=weakness, reflexes=reflexes, normal=normal, signs=signs,
                        history=history, imaging=imaging, strict=strict, limit=limit)

    def localize_many(self, rows: Any, *, jobs: int | None = None, limit: int = 3) -> Any:
        """:meth:`localize` over many cases: a pandas DataFrame (one case a row) or an
        iterable of dicts (the keyword arguments of :meth:`localize`). Returns a
        DataFrame, one row per case (best candidate, probability, runner-up, flags);
        uses both cores for large batches.

        Examples
        --------
        >>> df = skg.load().localize_many([{"side": "left", "numbness": ["big toe"]}])
        >>> df.loc[0, "kind"]
        'root'
        """
        from .clinical.differential.batch import localize_many

        return localize_many(self, rows, jobs=jobs, limit=limit)

    # -- generic ----------------------------------------------------------------------
    def paths(self, source: str | Term, target: str | Term | None = None, *,
              via: str | Sequence[str] | None = None, max_hops: int = 6,
              limit: int | None = None, level: str | None = None,
              side: str | None = None) -> list[Path]:
        """Explanation paths between two terms (names are resolved).

        Same pattern language as :func:`spinekg.paths`, on the fast index. A path keeps
        to one side: it crosses to the other only through a crossing predicate the
        pattern names (``skg:lateralCounterpart``, or one the graph marks
        ``skg:crossesMidline``).

        Parameters
        ----------
        source, target : str or Term
            Names, CURIEs, IRIs or Terms; ``target=None`` gives one shortest path to
            every node the pattern reaches.
        via : str or list of str, optional
            The predicate pattern. With ``level``, it applies from the compressed root
            on, and defaults to ``(*|^skg:feltIn)+`` (forward edges, and from an area
            to the symptoms felt in it).
        max_hops : int
            Longest path (with ``level``: from the compressed root on), 1 to 12.
        limit : int, optional
            At most this many distinct paths, shortest first.
        level : str, optional
            A disc level for a lesion ``source`` ("L4-L5"): the paths then run lesion
            → zone → compression rule → root → ... → target, as ``affected_by`` explains.
        side : {"left", "right"}, optional
            The side of the question, for sided names and one-sided lesions.

        Examples
        --------
        >>> kg = skg.load()
        >>> [str(p) for p in kg.paths("left L4", "left", via="skg:hasSide")]
        ['left L4 nerve root —has side→ left']
        >>> p = kg.paths("foraminal stenosis", "hip pain", level="L4-L5", side="left")[0]
        >>> [s.predicate for s in p.steps][:3], p.steps[2].target.label
        (['skg:affectsZone', 'skg:inZone', 'skg:compressesRoot'], 'left L4 nerve root')
        """
        return list(self._answer("paths", SpineKG._paths, source, target,
                                 via=tuple(via) if isinstance(via, list) else via,
                                 max_hops=max_hops, limit=limit, level=level, side=side))

    def _paths(self, source: str | Term, target: str | Term | None, *, via: Any,
               max_hops: int, limit: int | None, level: str | None = None,
               side: str | None = None) -> tuple[Path, ...]:
        _check_options(max_hops, limit)
        if level is not None and via is None:
            via = "(*|^skg:feltIn)+"
        pattern = compile_pattern(via)
        checked = self._memo.setdefault("via_checked", set())
        if pattern.text not in checked:
            self._check_predicates(pattern)
            if len(checked) < 10_000:
                checked.add(pattern.text)
        t = None if target is None else (self.term(target, side=side)
                                         if not isinstance(target, Term) else target)
        tables = self._memo.get("distances")
        if tables is None:
            tables = self._memo.setdefault("distances", DistanceTables())
        if level is None:
            s = self.term(source, side=side) if not isinstance(source, Term) else source
            return tuple(search(self._adj, s.curie, t.curie if t else None, pattern,
                                max_hops=max_hops, limit=limit, distances=tables))
        found: list[Path] = []
        for pre in self.compressed_roots(source, level=level, side=side).paths:
            tails = search(self._adj, pre.target.curie, t.curie if t else None, pattern,
                           max_hops=max_hops, limit=limit, distances=tables)
            found += [Path(pre.steps + tail.steps) for tail in tails]
        found.sort(key=len)
        return tuple(found[:limit])

    def _check_predicates(self, pattern: Any) -> None:
        """A ``via`` that names a predicate the graph does not have is a typo, not a
        question with no path."""
        ix = self.index
        walked = set(ix.out) | set(ix.inn)
        declared = {p for p in pattern.predicates  # a property with no edges is no typo
                    if p in ix.terms and ix.terms[p].kind.endswith("Property")}
        check_predicates(pattern, walked | declared, walked,
                         "links no two nodes the path engine walks (types, labels and source "
                         "axioms are left to kg.sparql)")

    def sparql(self, text: str, *, allow_update: bool = False, **bindings: Any
               ) -> list[dict[str, Any]]:
        """Run a SPARQL query; values are bound (initBindings), never pasted in.

        Examples
        --------
        >>> kg = skg.load()
        >>> rows = kg.sparql("SELECT ?s WHERE { ?s skg:hasSide ?side ; a skg:SpinalNerveRoot }",
        ...                  side=kg.term("left"))
        >>> len(rows)
        31
        """
        return sparql(self, text, allow_update=allow_update, **bindings)

    def isncsci(self, exam: Any):
        """Classify an ISNCSCI 2019 exam (levels, NLI, completeness, AIS, ZPP, totals).

        Parameters
        ----------
        exam : Mapping, pandas.Series or Exam
            Scores in the flat form of the published reference cases (``c5RightMotor``,
            ``s4_5LeftPrick``: "0".."5", "NT", with ``*`` / ``**`` flags;
            ``analContraction``, ``analSensation``; optional
            ``rightLowestNonKeyMuscleWithMotorFunction``), a structured exam, or a row.

        Returns
        -------
        Result
            Every field a tuple of the possible values; ``.explain()`` names the key
            point or muscle that decided each level, with its root; ``.to_totals()``
            gives the reference cases' totals format.

        Raises
        ------
        ExamError
            A missing key, a score out of range or an unknown flag; the message names
            the field.

        Examples
        --------
        >>> from spinekg.clinical.isncsci import exam_keys
        >>> ex = {k: ("5" if k.endswith("Motor") else "2") for k in exam_keys()}
        >>> ex.update(analContraction="Yes", analSensation="Yes")
        >>> r = skg.load().isncsci(ex)
        >>> r.nli, r.ais
        (('INT',), ('E',))
        """
        return isncsci(self, exam)

    def validate(self):
        """SHACL shapes and QC queries over this graph; see :func:`spinekg.validate`."""
        return validate(self.graph)

    def __repr__(self) -> str:
        return (f"<SpineKG {len(self.index.terms)} terms, {self.index.n_triples} triples, "
                f"{'store' if self.store is not None else 'memory'}>")

