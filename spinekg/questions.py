"""The clinical questions of :class:`~spinekg.kg.SpineKG`, as a mixin it inherits.

Each method resolves its names, runs the question of the clinical layer and memoises
the frozen answer (``self._answer``); :mod:`spinekg.kg` keeps the graph, its index,
names, paths and SPARQL.

Examples
--------
>>> kg = skg.load()
>>> isinstance(kg, Questions)
True
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from .adapters.records import findings_from_record, is_record
from .clinical import affected as clinical
from .clinical.coding import IcdCode, icd10cm
from .clinical.discriminate import discriminate as _discriminate
from .clinical.exam_tests import ExamTest, TestTable, exam_test, exam_tests
from .clinical.isncsci import isncsci
from .clinical.localize import localize
from .clinical.peripheral import innervation as _innervation
from .clinical.results import Compression, Impact, Localization, TreatmentPlan
from .clinical.results_layers import CordImpact, Discrimination, Innervation, NerveImpact
from .clinical.treatments import treatments
from .core.terms import Term

__all__ = ["Questions"]


class Questions:
    """The clinical questions; mixed into :class:`~spinekg.kg.SpineKG`."""

    def affected_by(self, what: str | Term, *, level: str | None = None,
                    side: str | None = None) -> Impact | NerveImpact | CordImpact:
        """What a compressed root — or a lesion at a level and side — affects.

        Parameters
        ----------
        what : str or Term
            A root ("left L4", "L4" with ``side=``), a lesion ("lumbar foraminal
            stenosis", "paracentral disc herniation") with ``level`` and ``side``, a
            peripheral nerve, an entrapment site or a plexus part ("left fibular head",
            "common fibular nerve at the fibular head"), or a cord segment or half
            ("left half of the T4 cord segment"; a cord syndrome with a segment
            ``level``: "brown-sequard syndrome", level="T4", side="left").
        level : str, optional
            Disc level for a lesion: "L4-L5", "L4/5", "C5-C6"; a segment ("T4") for a
            cord syndrome.
        side : {"left", "right", "both"}, optional

        Returns
        -------
        Impact
            ``roots``, ``side``, ``region``, ``dermatome_areas``,
            ``key_sensory_points``, ``muscle_actions``, ``reflexes``, ``pain_areas``,
            ``symptoms`` and ``paths`` (the explanation of every item). Items are on
            the root's side only. A central lesion is ``"bilateral"`` and carries
            ``flags`` ("cauda equina", "conus medullaris: ...", "myelopathy") and
            what it ``reaches``; a one-sided lesion asked without a side has
            ``side=None`` and each side's roots in ``alternatives``.
        NerveImpact
            For a nerve, a site or a plexus part: muscles, actions, skin, reflexes and
            what a site spares.
        CordImpact
            For the cord: each deficit with its side (the crossed one on the other).

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
                   red_flags: Sequence[str] = (), severity: str | int | None = None
                   ) -> TreatmentPlan:
        """The treatment ladder and the tier recommended now.

        Parameters
        ----------
        condition : str or Term
        months_conservative : float, optional
            How long conservative care has been tried.
        red_flags : list of str
            Red-flag findings ("cauda equina syndrome", "progressive motor deficit");
            any of them makes the plan surgical and urgent.
        severity : {"mild", "moderate", "severe"} or int, optional
            A severity band of the condition, or a score (mJOA) that falls in one: the
            guideline's options at that band (``options``; the first is ``recommended``).

        Examples
        --------
        >>> kg = skg.load()
        >>> plan = kg.treatments("lumbar spinal stenosis", months_conservative=4)
        >>> plan.recommended.name, plan.urgent
        ('surgical', False)
        >>> kg.treatments("lumbar spinal stenosis", red_flags=["cauda equina syndrome"]).urgent
        True
        >>> [o.name for o in kg.treatments("degenerative cervical myelopathy", severity=16).options]
        ['surgical', 'conservative']
        """
        flags = tuple(red_flags) if isinstance(red_flags, list) else red_flags
        return self._answer("treatments", treatments, condition,
                            months_conservative=months_conservative, red_flags=flags,
                            severity=severity)

    # -- peripheral nerve and cord layers -------------------------------------------------
    def innervation(self, muscle: str | Term, *, side: str | None = None) -> Innervation:
        """The nerve supply of a muscle: its nerve chain up to the plexus part, its main
        and contributing roots, and the sourced paths root → plexus → nerve → muscle.

        Parameters
        ----------
        muscle : str or Term
            "left tibialis anterior", "EHL" with ``side=``, "glut med".
        side : {"left", "right"}, optional

        Raises
        ------
        UnknownTermError
            No such muscle (the nearest names are suggested), or the name is of
            something else ("femoral nerve": the message says it is a nerve).
        ValueError
            A sided name with a conflicting ``side=``.

        Examples
        --------
        >>> kg = skg.load()
        >>> inn = kg.innervation("left tibialis anterior")
        >>> [t.label for t in inn.nerves][:2], [t.label for t in inn.roots]
        (['left deep fibular nerve', 'left common fibular nerve'], ['left L4 nerve root'])
        """
        return self._answer("innervation", _innervation, muscle, side=side)

    def discriminate(self, a: str | Term | Sequence[str], b: str | Term | Sequence[str], *,
                     side: str | None = None) -> Discrimination:
        """The findings that tell two candidate lesions apart: roots (or a group of
        them, as a list), nerves, entrapment sites ("ulnar nerve at the cubital
        tunnel"), plexus parts and cord segments.

        Each finding (an action, area, reflex or sign) says which lesion it points to
        if abnormal and carries the path that makes it so; see
        :mod:`spinekg.clinical.discriminate`.

        Examples
        --------
        >>> kg = skg.load()
        >>> d = kg.discriminate("L5", "common fibular nerve", side="left")
        >>> inv = next(f for f in d.for_a if f.finding.label == "left foot inversion")
        >>> inv.muscles[0].label, inv.points_to.label
        ('left tibialis posterior', 'left L5 nerve root')
        """
        key_a = tuple(a) if isinstance(a, list) else a
        key_b = tuple(b) if isinstance(b, list) else b
        return self._answer("discriminate", _discriminate, key_a, key_b, side=side)

    def localize(self, findings: Any = None, /, *, side: str | None = None,
                 pain: Sequence[str] = (), numbness: Sequence[str] = (),
                 weakness: Any = (), reflexes: dict[str, str] | None = None,
                 normal: Sequence[str] = (), signs: dict[str, str] | None = None,
                 history: Sequence[str] = (), imaging: Any = None, strict: bool = True,
                 limit: int = 5) -> Localization:
        """The differential of a patient's findings, with probabilities.

        ``findings`` may be a :class:`~spinekg.clinical.case.Findings`, a clinician's
        note (a ``str``, read with :meth:`read_findings`), or a coded record: a GA4GH
        Phenopacket v2 or a FHIR R4 Bundle/Observation (a dict, a ``.json`` file, a
        ``phenopackets`` or ``fhir.resources`` object; see
        :func:`spinekg.adapters.records.findings_from_record`); the keywords add to it.
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
        if is_record(findings):
            findings = findings_from_record(self, findings)
        elif isinstance(findings, str):
            findings = self.read_findings(findings)
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

    # -- examination tests ----------------------------------------------------------
    def test(self, name: str | Term, *, side: str | None = None) -> ExamTest:
        """An examination test or history feature: what it tests, how it is done, the
        candidates it suggests or argues against, and its accuracy readings with their
        study, population and source (``not_published`` where none is published).

        Raises
        ------
        UnknownTermError
            No such test (the nearest names are suggested), or the name is of something
            else ("left L5": the message says it is a root).
        ValueError
            A sided name with a conflicting ``side=``.

        Examples
        --------
        >>> kg = skg.load()
        >>> t = kg.test("crossed SLR", side="right")
        >>> t.test.label, t.accuracy[0].specificity
        ('right crossed straight leg raise', 0.88)
        """
        return self._answer("test", exam_test, name, side=side)

    def tests(self) -> TestTable:
        """Every examination test and history feature (the left of each sided pair), its
        ``to_dataframe()`` one row per accuracy reading.

        Examples
        --------
        >>> table = skg.load().tests()
        >>> "straight leg raise" in {t.test.label.removeprefix("left ") for t in table}
        True
        """
        return self._answer("tests", exam_tests)

    # -- free-text notes (adapters.text; needs the nlp extra) ---------------------------
    def read_findings(self, text: str) -> Any:
        """Read a clinician's note into :class:`~spinekg.clinical.case.Findings`.

        Each finding keeps its own side, value (MRC grade, reflex state or grade, a
        sign's result, an imaging level) and ``span`` (offsets into ``text``); what
        the note denies, calls possible or leaves unparsed is kept apart. Needs
        medSpaCy (``pip install 'spinekg[nlp]'``); the pipeline is built once per
        graph. See :func:`spinekg.adapters.text.read_findings`.

        Examples
        --------
        >>> kg = skg.load()
        >>> f = kg.read_findings("Deltoid 4-/5 on the right. No hand numbness.")
        >>> [(x.kind, x.text, x.side, x.value) for x in f.items]
        [('weakness', 'Deltoid', 'right', '4-/5')]
        >>> [(x.kind, x.text) for x in f.negated]
        [('numbness', 'hand')]
        """
        from .adapters.text import read_findings

        return read_findings(self, text)

    # -- codes ----------------------------------------------------------------------
    def icd10cm(self, condition: str | Term, level: str | Term | None = None,
                side: str | None = None, *, also: str | Sequence[str] = ()) -> IcdCode:
        """The billable ICD-10-CM code of a condition at a disc level, with the Excludes1
        rules; see :func:`spinekg.clinical.coding.icd10cm`.

        Examples
        --------
        >>> kg = skg.load()
        >>> kg.icd10cm("lumbar disc herniation", level="L5-S1", also="radiculopathy").code
        'M51.17'
        """
        return self._answer("icd10cm", icd10cm, condition, level=level, side=side,
                            also=tuple(also) if isinstance(also, list) else also)
