"""The spinekg error tree.

::

    SpineKGError(Exception)                     base class, never raised directly
    ├── OntologyLoadError                       a file could not be read or parsed (file, line, cause)
    ├── BuildError                              a template row is wrong (file, row, what to fix)
    ├── ValidationError                         SHACL/QC violations; ``.report`` holds them
    ├── BackendError                            a store or SPARQL endpoint failed (endpoint, cause)
    ├── UnknownTermError(SpineKGError, KeyError)    no term matches; the message names the closest
    └── AmbiguousTermError(SpineKGError, ValueError) several terms match; ``.choices`` lists them

Bad arguments raise plain :class:`ValueError` or :class:`TypeError` whose message
quotes the value and says what was expected.

Examples
--------
>>> from spinekg.errors import UnknownTermError, SpineKGError
>>> issubclass(UnknownTermError, KeyError) and issubclass(UnknownTermError, SpineKGError)
True
>>> str(UnknownTermError("L6", ["L5", "S1"]))
"no term matches 'L6'; did you mean: L5, S1?"
"""

from __future__ import annotations

from collections.abc import Sequence

__all__ = [
    "SpineKGError",
    "OntologyLoadError",
    "BuildError",
    "ValidationError",
    "BackendError",
    "UnknownTermError",
    "AmbiguousTermError",
]


class SpineKGError(Exception):
    """Base class of every error spinekg raises on purpose."""


class OntologyLoadError(SpineKGError):
    """A file could not be read or parsed.

    Attributes ``path``, ``line`` (or None) and ``cause`` say where and why.
    """

    def __init__(self, path: object, cause: str, line: int | None = None) -> None:
        self.path = str(path)
        self.line = line
        self.cause = cause
        where = f"{self.path}, line {line}" if line else self.path
        super().__init__(f"cannot load {where}: {cause}")


class BuildError(SpineKGError):
    """A template table has a row that cannot become Turtle."""


class ValidationError(SpineKGError):
    """The graph does not conform; ``report`` holds the findings."""

    def __init__(self, message: str, report: object = None) -> None:
        self.report = report
        super().__init__(message)


class BackendError(SpineKGError):
    """A store or SPARQL endpoint failed; the message names it and the cause."""


class UnknownTermError(SpineKGError, KeyError):
    """No term matches the text; ``suggestions`` holds the closest labels.

    When the text names terms of other kinds than the ones asked for, ``expected``
    says what was asked for and ``names`` what the text does name.

    Examples
    --------
    >>> str(UnknownTermError("foot drop", ["ankle dorsiflexion"], expected="muscle action",
    ...                      names="the symptom 'foot drop'"))
    "'foot drop' names the symptom 'foot drop'; expected a muscle action; did you mean: ankle dorsiflexion?"
    """

    def __init__(self, text: object, suggestions: Sequence[str] = (), *,
                 expected: str | None = None, names: str | None = None) -> None:
        self.text = text
        self.suggestions = list(suggestions)
        self.expected, self.names = expected, names
        if names and expected:
            article = "an" if expected[:1] in "aeiou" else "a"
            msg = f"{text!r} names {names}; expected {article} {expected}"
        else:
            msg = f"no term matches {text!r}"
        if self.suggestions:
            msg += "; did you mean: " + ", ".join(self.suggestions) + "?"
        super().__init__(msg)

    def __str__(self) -> str:  # KeyError would quote the message again
        return str(self.args[0])


class AmbiguousTermError(SpineKGError, ValueError):
    """Several terms match the text; ``choices`` lists them (as Terms or labels)."""

    def __init__(self, text: object, choices: Sequence[object]) -> None:
        self.text = text
        self.choices = list(choices)
        names = ", ".join(getattr(c, "label", str(c)) for c in self.choices)
        super().__init__(f"{text!r} matches several terms: {names}; say which one")
