"""The medspaCy pipeline of the note reader: sentences, graph-term entities and ConText.

Built on a blank English spaCy pipeline (``spacy.blank("en")``: nothing to download,
nothing fetched) with medspaCy's tokenizer, a sentence splitter, a ``TargetMatcher``
whose rules are the graph's names (:func:`~.rules.vocabulary`), and ConText with its
default rules (negation, possibility, history, family history, hypothetical). Built
once per :class:`~spinekg.SpineKG` and splitter and kept in ``kg._memo``.

Two sentence splitters: ``"rules"`` (the default) ends a sentence at ``.``, ``!``,
``?`` and at every line break, in about 0.05 ms for a short note; ``"pyrush"`` is
medspaCy's PyRuSH, which also knows clinical abbreviations but takes about 4-5 ms
for a four-sentence note on its own (benchmarks/RESULTS.md), more than the whole
reading budget.

Examples
--------
>>> nlp = text_pipeline(skg.load())
>>> doc = run(nlp, "No hand numbness. Absent ankle jerk.")
>>> [(e.text, e._.is_negated) for e in doc.ents]
[('hand', True), ('numbness', True), ('ankle jerk', False)]
"""

from __future__ import annotations

import threading
import warnings
from typing import Any

from .rules import iter_names, vocabulary

__all__ = ["SPLITTERS", "build_pipeline", "run", "text_pipeline"]

_LOCK = threading.Lock()
SPLITTERS = ("rules", "pyrush")


def run(nlp: Any, text: str) -> Any:
    """``nlp(text)``, without spaCy's warning that the TargetMatcher's token matcher holds
    no pattern (every rule is a phrase: nothing is wrong)."""
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=r"\[W036\]", category=UserWarning)
        return nlp(text)
_ENDS = frozenset(".!?")


def _split_lines_and_stops(doc: Any) -> Any:
    """Sentence starts after ``.``, ``!``, ``?`` (and what closes them) and after a line break."""
    prev_end = True
    for tok in doc:
        tok.is_sent_start = prev_end
        prev_end = ("\n" in tok.text) or (tok.text in _ENDS and not (
            tok.i + 1 < len(doc) and doc[tok.i + 1].text in _ENDS))
    return doc


def _register(spacy: Any) -> None:
    from spacy.language import Language

    if "spinekg_sentences" not in Language.factories:
        Language.component("spinekg_sentences", func=_split_lines_and_stops)


def _medspacy() -> tuple[Any, Any, Any]:
    try:
        import medspacy
        import spacy
        from medspacy.ner import TargetRule
    except ImportError as err:  # the optional extra is not installed
        raise ImportError(f"reading free text needs medspaCy ({err}); install it with "
                          "pip install 'spinekg[nlp]'") from None
    try:  # PyRuSH logs every sentence split at DEBUG through loguru
        from loguru import logger

        logger.disable("PyRuSH")
    except ImportError:  # pragma: no cover - loguru comes with PyRuSH
        pass
    return medspacy, spacy, TargetRule


def build_pipeline(kg: Any, sentences: str = "rules") -> Any:
    """A new medspaCy pipeline whose entity rules are the names of ``kg``'s terms.

    Parameters
    ----------
    kg : SpineKG
    sentences : {"rules", "pyrush"}
        The sentence splitter (see the module docstring).

    Returns
    -------
    spacy.language.Language
        Components ``spinekg_sentences`` (or ``medspacy_pyrush``),
        ``medspacy_target_matcher``, ``medspacy_context``; each entity's label is its
        role ("AREA", "REFLEX", ..., "TERM" when a name plays several).

    Raises
    ------
    ImportError
        medSpaCy is not installed (the ``nlp`` extra).
    ValueError
        ``sentences`` is not one of :data:`SPLITTERS`.

    Examples
    --------
    >>> build_pipeline(skg.load()).pipe_names
    ['spinekg_sentences', 'medspacy_target_matcher', 'medspacy_context']
    """
    if sentences not in SPLITTERS:
        raise ValueError(f"sentences={sentences!r}; expected one of {', '.join(SPLITTERS)}")
    medspacy, spacy, TargetRule = _medspacy()
    enable = ["medspacy_tokenizer", "medspacy_target_matcher", "medspacy_context"]
    if sentences == "pyrush":
        enable.append("medspacy_pyrush")
    nlp = medspacy.load(spacy.blank("en"), medspacy_enable=enable)
    if sentences == "rules":
        _register(spacy)
        nlp.add_pipe("spinekg_sentences", first=True)
    rules = [TargetRule(name, label) for name, label in iter_names(vocabulary(kg))]
    nlp.get_pipe("medspacy_target_matcher").add(rules)
    return nlp


def text_pipeline(kg: Any, sentences: str = "rules") -> Any:
    """The pipeline of ``kg`` (and splitter), built on first use and kept in ``kg._memo``.

    Examples
    --------
    >>> kg = skg.load()
    >>> text_pipeline(kg) is text_pipeline(kg)
    True
    """
    key = f"text_pipeline_{sentences}"
    nlp = kg._memo.get(key)
    if nlp is None:
        with _LOCK:
            nlp = kg._memo.get(key)
            if nlp is None:
                nlp = kg._memo[key] = build_pipeline(kg, sentences)
    return nlp
