"""The README's example runs as written, and its CLI lines are real commands."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")


def test_python_example_runs():
    [code] = re.findall(r"```python\n(.*?)```", README, flags=re.S)
    namespace: dict = {}
    exec(compile(code, "README.md", "exec"), namespace)  # noqa: S102 - our own README
    impact = namespace["impact"]
    assert [r.curie for r in impact.roots] == ["skg:root_L4_left"]


CLI_LINES = [line.split("#")[0].strip() for block in re.findall(r"```bash\n(.*?)```", README,
                                                                flags=re.S)
             for line in block.splitlines() if line.startswith("spinekg ")]


def test_readme_shows_cli_lines():
    assert len(CLI_LINES) >= 6


@pytest.mark.parametrize("line", [c for c in CLI_LINES
                                  if not c.startswith(("spinekg build", "spinekg docs",
                                                       "spinekg validate my-"))])
def test_cli_line_runs(line, capsys):
    from spinekg.faces.cli import main

    assert main(shlex.split(line)[1:]) == 0, capsys.readouterr().err
