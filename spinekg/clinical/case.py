"""One patient's findings, as the adapters read them and as users can build them by hand.

A :class:`Findings` is what every input becomes before the differential: keyword
arguments, a clinician's note (``kg.read_findings(text)``), a GA4GH Phenopacket or a
FHIR Bundle. Each :class:`Finding` keeps the words it came from, its own side (a
bilateral case is a case, not an error), its value (a reflex state, a sign's result,
an MRC grade) and whether it was present: a finding examined and found normal or
absent (``present=False``) counts *against* the candidates that would have made it
abnormal. Negated and uncertain mentions, and text that was not understood, are kept
apart with their character offsets so that nothing is silently dropped.

Examples
--------
>>> f = Findings.of(side="left", numbness=["top of foot"], weakness={"EHL": "4/5"},
...                 normal=["ankle jerk"])
>>> [(x.kind, x.text, x.side, x.value, x.present) for x in f.items]
[('numbness', 'top of foot', 'left', None, True), ('weakness', 'EHL', 'left', '4/5', True), \
('normal', 'ankle jerk', 'left', None, False)]
>>> f.to_kwargs()["weakness"]
['EHL']
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any

__all__ = ["KINDS", "Finding", "Findings"]

#: The kinds of finding, in the order a note or a form usually gives them.
KINDS = ("pain", "numbness", "weakness", "normal", "reflex", "sign", "history", "imaging")


@dataclass(frozen=True, slots=True)
class Finding:
    """One observation.

    Attributes
    ----------
    kind : str
        One of :data:`KINDS`.
    text : str
        The words as written (or a code's label); resolved against the graph later.
    side : {"left", "right", "bilateral"} or None
        The finding's own side; None when neither it nor the case gives one.
    value : str or None
        A reflex state or grade ("absent", "1+"), a sign's result ("positive"), an MRC
        grade ("4-/5"), an imaging level; None when the kind needs none.
    present : bool
        False for a finding examined and found normal, absent or excluded.
    code : str or None
        The code it was read from ("HP:0003419", "SNOMED:..."), if any.
    span : (int, int) or None
        Character offsets in the source text, if it came from a note.
    """

    kind: str
    text: str
    side: str | None = None
    value: str | None = None
    present: bool = True
    code: str | None = None
    span: tuple[int, int] | None = None

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"finding kind {self.kind!r}; expected one of {', '.join(KINDS)}")
        if not isinstance(self.text, str) or not self.text.strip():
            raise ValueError(f"finding text {self.text!r}; expected the words of the finding")
        if self.side not in (None, "left", "right", "bilateral"):
            raise ValueError(f"finding side {self.side!r}; expected 'left', 'right', "
                             "'bilateral' or None")


@dataclass(frozen=True)
class Findings:
    """A case: its findings, the overall side, and what could not be used.

    Attributes
    ----------
    items : tuple of Finding
        The findings to reason over (present and absent ones).
    side : str or None
        The side of the case as a whole, where one is given.
    negated : tuple of Finding
        What the source denies ("no bladder symptoms"): kept for display; a negated
        red flag never raises a flag.
    uncertain : tuple of Finding
        What the source calls possible ("possible foot drop").
    unparsed : tuple of (str, int, int)
        Spans of text no finding was read from, with their offsets.
    unresolved : tuple of str
        Codes or words that map to nothing in the graph, never silently dropped.
    source : str or None
        The text the findings were read from, for highlighting.
    """

    items: tuple[Finding, ...] = ()
    side: str | None = None
    negated: tuple[Finding, ...] = ()
    uncertain: tuple[Finding, ...] = ()
    unparsed: tuple[tuple[str, int, int], ...] = ()
    unresolved: tuple[str, ...] = ()
    source: str | None = field(default=None, compare=False)

    @classmethod
    def of(cls, *, side: str | None = None, **groups: Any) -> Findings:
        """Findings from the keyword form of ``kg.localize``.

        Each group is a list of words, or a mapping of words to values (``reflexes=
        {"ankle jerk": "absent"}``, ``signs={"SLR": "positive"}``, ``weakness={"EHL":
        "4/5"}``). ``reflexes`` and ``signs`` are stored as kinds ``reflex`` and ``sign``.
        """
        names = {"reflexes": "reflex", "signs": "sign"}
        items: list[Finding] = []
        for group, values in groups.items():
            kind = names.get(group, group)
            if values is None:
                continue
            if isinstance(values, str):
                values = [values]
            pairs: Iterable[tuple[str, Any]] = (
                values.items() if isinstance(values, Mapping) else ((v, None) for v in values))
            for text, value in pairs:
                items.append(Finding(kind, text, side, None if value is None else str(value),
                                     present=kind != "normal"))
        return cls(items=tuple(items), side=side)

    def to_kwargs(self) -> dict[str, Any]:
        """The keyword arguments of ``kg.localize`` these findings stand for (sides
        inside each finding are kept only through the overall ``side``)."""
        out: dict[str, Any] = {"side": self.side}
        for f in self.items:
            if f.kind in ("reflex", "sign"):
                out.setdefault(f.kind + ("es" if f.kind == "reflex" else "s"), {})[f.text] = (
                    f.value or ("normal" if not f.present else "present"))
            elif f.kind == "imaging":
                out["imaging"] = f.text
            else:
                out.setdefault(f.kind, []).append(f.text)
        return out

    def with_side(self, side: str | None) -> Findings:
        """The same findings, each without a side of its own taking ``side``."""
        return replace(self, side=side, items=tuple(
            f if f.side is not None else replace(f, side=side) for f in self.items))
