"""The layer rule of the package, in one place: which module may import which.

Data flows one way, and so do imports: a module may import its own layer and the
layers below it, never a layer above. The ranks, lowest first::

    0 base       errors, namespaces, curies, _version, layers
    1 pipeline   templates -> build -> parse -> validate -> safety
    2 core       terms, index, cache, path patterns and search, SPARQL, networkx, export
    3 clinical   derived tables, affected/compressed, treatments, localisation, results
    4 adapters   the Oxigraph store, the SPARQL endpoint store, remote paths
    5 facade     kg (SpineKG), questions (its clinical methods), factory (load, connect)
    6 faces      command line, plots, the ontology docs page
    7 entry      the package itself, ``__main__`` and the public module names
                 ``spinekg.plot`` and ``spinekg.export``

:func:`violations` reads every import of every module with :mod:`ast` (imports inside
functions too) and lists those that break the rule or form an import circle.

Examples
--------
>>> layer_of("spinekg.core.search")
'core'
>>> violations() == []
True
"""

from __future__ import annotations

import ast
from pathlib import Path

__all__ = ["LAYERS", "imports_of", "layer_of", "violations"]

#: Layer name -> (rank, the modules or packages it holds, relative to ``spinekg``).
LAYERS: dict[str, tuple[int, tuple[str, ...]]] = {
    "base": (0, ("errors", "namespaces", "curies", "_version", "layers")),
    "pipeline": (1, ("pipeline",)),
    "core": (2, ("core",)),
    "clinical": (3, ("clinical",)),
    "adapters": (4, ("adapters",)),
    "facade": (5, ("questions", "kg", "factory")),
    "faces": (6, ("faces",)),
    "entry": (7, ("__init__", "__main__", "plot", "export")),
}

_PACKAGE = Path(__file__).resolve().parent


def layer_of(module: str) -> str:
    """The layer a module of spinekg belongs to.

    Parameters
    ----------
    module : str
        A dotted module name such as ``"spinekg.core.search"``, or ``"spinekg"``.

    Returns
    -------
    str
        A key of :data:`LAYERS`.

    Raises
    ------
    ValueError
        The module is in no layer (a new top-level module must be given one).

    Examples
    --------
    >>> layer_of("spinekg")
    'entry'
    """
    parts = module.split(".")
    if parts[0] != "spinekg":
        raise ValueError(f"{module!r} is not a spinekg module")
    head = parts[1] if len(parts) > 1 else "__init__"
    for name, (_, members) in LAYERS.items():
        if head in members:
            return name
    raise ValueError(f"module {module!r} is in no layer; add {head!r} to spinekg.layers.LAYERS")


def _module_name(path: Path, root: Path) -> str:
    rel = path.relative_to(root.parent).with_suffix("")
    parts = list(rel.parts)
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(parts)


def imports_of(path: Path, module: str) -> list[tuple[int, str]]:
    """The spinekg modules that the file ``path`` (module ``module``) imports, with lines.

    Examples
    --------
    >>> sorted({m for _, m in imports_of(_PACKAGE / "factory.py", "spinekg.factory")})[:2]
    ['spinekg.adapters.endpoint', 'spinekg.adapters.oxigraph']
    """
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    package = module if path.name == "__init__.py" else module.rsplit(".", 1)[0]
    found: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, a.name) for a in node.names if a.name.split(".")[0] == "spinekg"]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            if target.split(".")[0] != "spinekg":
                continue
            # ``from . import x`` imports the submodule x when there is one
            subs = [f"{target}.{a.name}" for a in node.names if _exists(f"{target}.{a.name}")]
            found += [(node.lineno, s) for s in subs] or [(node.lineno, target)]
    return found


def _exists(module: str) -> bool:
    rel = Path(*module.split(".")[1:])
    return (_PACKAGE / rel).with_suffix(".py").is_file() or (_PACKAGE / rel / "__init__.py").is_file()


def violations(root: Path | str | None = None) -> list[str]:
    """Every import that goes up a layer, and every import circle, in words.

    Parameters
    ----------
    root : path, optional
        The ``spinekg`` package folder (default: this one).

    Returns
    -------
    list of str
        Empty when the package keeps the rule.

    Examples
    --------
    >>> violations()
    []
    """
    root = Path(root) if root is not None else _PACKAGE
    graph: dict[str, set[str]] = {}
    problems: list[str] = []
    for path in sorted(root.rglob("*.py")):
        module = _module_name(path, root)
        rank = LAYERS[layer_of(module)][0]
        graph[module] = set()
        for line, target in imports_of(path, module):
            if target == module:
                continue
            graph[module].add(target)
            other = layer_of(target)
            if LAYERS[other][0] > rank:
                problems.append(f"{path.relative_to(root.parent)}:{line}: {module} "
                                f"({layer_of(module)}) imports {target} ({other}), a higher layer")
    problems += [f"import circle: {' -> '.join(c)}" for c in _circles(graph)]
    return problems


def _circles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Circles among modules (a package's ``__init__`` importing its own children is not one)."""
    def edges(m: str) -> set[str]:
        return {t for t in graph.get(m, ()) if t in graph and not t.startswith(m + ".")}

    seen: set[str] = set()
    circles: list[list[str]] = []
    for start in sorted(graph):
        stack = [(start, [start])]
        while stack:
            node, trail = stack.pop()
            for nxt in sorted(edges(node)):
                if nxt == start:
                    key = frozenset(trail)
                    if key not in seen:
                        seen.add(key)
                        circles.append(trail + [start])
                elif nxt not in trail and nxt > start:
                    stack.append((nxt, trail + [nxt]))
    return circles
