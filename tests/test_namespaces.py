"""Every spinekg term the code names exists in the ontology (a typo would silently match nothing)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import spinekg

# docstring examples build toy graphs with made-up names; they are not ontology terms
EXAMPLES = {"skg:a", "skg:b", "skg:p", "skg:src_a"}
CODE = sorted(Path(spinekg.__file__).parent.rglob("*.py"))
NAMED = re.compile(r"""["']skg:([A-Za-z][A-Za-z0-9_]*)["']""")


def _named_terms() -> list[tuple[str, str]]:
    found = set()
    for path in CODE:
        for match in NAMED.finditer(path.read_text(encoding="utf-8")):
            if "skg:" + match.group(1) not in EXAMPLES:
                found.add((path.name, "skg:" + match.group(1)))
    return sorted(found)


def test_the_code_names_terms():
    assert len(_named_terms()) > 40


@pytest.mark.parametrize("module,curie", _named_terms())
def test_named_term_exists(kg, module, curie):
    assert curie in kg.index.terms, f"{module} names {curie}, which the ontology lacks"
