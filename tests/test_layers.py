"""The import direction of the package: layers, one way, no cycles.

Each package of ``src/budgetcheck`` belongs to a layer (README, "Layout"); a module may
import from its own layer and the layers below it, never from one above, and no two
modules import each other, even through a chain or inside a function (an import
inside a function still ties the two modules together).  The check reads the source
with ``ast``, so it needs nothing installed and fails on the line that breaks a rule.
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parent.parent / "src" / "budgetcheck"

#: Lowest first.  A module may import from its layer and the ones before it.
LAYERS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("core", ("core",)),  # the model, figures, rounding, the class catalogue, errors, messages, limits, marks
    ("templates", ("templates",)),  # the template data and what it says about tables
    ("claims", ("claims",)),  # the prose → its claims (sentences, figures, stated changes)
    ("readers", ("readers",)),  # a file → the model
    ("rules", ("rules",)),  # the model and claims → facts; the rule registry and rule-set selection
    ("engine", ("engine",)),  # rules → findings for one document
    ("app", ("app",)),  # documents, folders, configuration, waivers, baselines, coverage, guarded outputs
    ("diff", ("diff",)),  # two documents: changes, stated changes, execution
    ("output", ("reporters", "writers")),  # findings → text and files
    ("cli", ("cli", "__main__")),  # the command line
)
#: On top of the layers: what may not import what, whatever the layers say.
FORBIDDEN = {
    "reporters": ("rules", "claims", "readers", "writers"),  # reporters render findings only
    "writers": ("rules", "reporters"),
}


def _modules() -> dict[str, Path]:
    out = {}
    for path in sorted(SRC.rglob("*.py")):
        parts = path.relative_to(SRC.parent).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        out[name] = path
    return out


MODULES = _modules()


def _imports(name: str, path: Path) -> list[tuple[str, int]]:
    """(module imported, line) for every budgetcheck import of a module, wherever it is."""
    package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        targets: list[str] = []
        if isinstance(node, ast.Import):
            targets = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                head = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join(head + ([node.module] if node.module else []))
            targets = [f"{base}.{a.name}" if f"{base}.{a.name}" in MODULES else base for a in node.names]
        for target in targets:
            while target not in MODULES and "." in target:
                target = target.rsplit(".", 1)[0]
            if target in MODULES and target != name and target != "budgetcheck":
                found.append((target, node.lineno))
    return found


GRAPH = {name: _imports(name, path) for name, path in MODULES.items()}


def _top(name: str) -> str:
    parts = name.split(".")
    return parts[1] if len(parts) > 1 else ""


def _rank(name: str) -> int | None:
    top = _top(name)
    for rank, (_, packages) in enumerate(LAYERS):
        if top in packages:
            return rank
    return None


def test_every_module_has_a_layer():
    loose = sorted(n for n in MODULES if n != "budgetcheck" and _rank(n) is None)
    assert not loose, f"modules in no layer (add them to a package, and the package to LAYERS): {loose}"


def test_imports_point_down():
    wrong = []
    for name, imports in GRAPH.items():
        mine = _rank(name)
        for target, line in imports:
            theirs = _rank(target)
            if mine is not None and theirs is not None and theirs > mine:
                wrong.append(f"{MODULES[name].relative_to(SRC.parent)}:{line}: {name} ({LAYERS[mine][0]}) imports "
                             f"{target} ({LAYERS[theirs][0]})")
            for banned in FORBIDDEN.get(_top(name), ()):
                if _top(target) == banned:
                    wrong.append(f"{MODULES[name].relative_to(SRC.parent)}:{line}: {name} imports {target}")
    assert not wrong, "imports against the layers:\n" + "\n".join(wrong)


def test_no_import_cycle():
    graph = {name: {t for t, _ in imports} for name, imports in GRAPH.items()}
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    cycles = []
    sys.setrecursionlimit(max(sys.getrecursionlimit(), 10_000))

    def visit(v: str) -> None:  # Tarjan's strongly connected components
        index[v] = low[v] = len(index)
        stack.append(v)
        for w in graph[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                cycles.append(sorted(component))

    for name in sorted(graph):
        if name not in index:
            visit(name)
    assert not cycles, f"modules that import each other: {cycles}"


def test_no_module_is_named_after_the_standard_library():
    clash = sorted(n for n in MODULES if n.rsplit(".", 1)[-1] in sys.stdlib_module_names)
    assert not clash, f"modules named like a standard library module: {clash}"


@pytest.mark.parametrize("package", sorted({_top(n) for n in MODULES if "." in n and (SRC / _top(n)).is_dir()}))
def test_every_package_says_what_lives_in_it(package):
    doc = ast.get_docstring(ast.parse((SRC / package / "__init__.py").read_text(encoding="utf-8")))
    assert doc and len(doc) > 40, f"{package}/__init__.py needs a docstring: what lives here and what it may import"


def test_the_check_can_fail():
    """The checker sees an upward import (a test that cannot fail is a defect)."""
    assert any(t == "budgetcheck.rules" for t, _ in GRAPH["budgetcheck.engine"])
    assert _rank("budgetcheck.engine") > _rank("budgetcheck.rules")
    assert _rank("budgetcheck.cli.app") > _rank("budgetcheck.reporters.console")


def test_the_package_holds_no_test_only_code():
    """The wheel is src/budgetcheck: the synthetic generator and the test tools live in
    tests/, and no module of the package imports them or a test-only library."""
    test_only = ("tests", "hypothesis", "reportlab", "pytest", "jsonschema", "pdfplumber")
    found = []
    for name, path in MODULES.items():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else \
                [node.module or ""] if isinstance(node, ast.ImportFrom) and not node.level else []
            found += [f"{name}: {n}" for n in names if n.split(".")[0] in test_only]
    assert not found, found
    assert not (SRC / "synth").exists()
