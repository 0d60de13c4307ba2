"""The package's import graph, read from the source (every import, including the lazy
ones inside functions; not those under ``if TYPE_CHECKING:``): no module imports itself
through others, and each layer imports only the layers below it (reading -> extraction ->
analyses -> corpus / cli / render / notebooks)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src"
PACKAGE = SRC / "analysis"


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(SRC).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _runtime_nodes(tree: ast.AST) -> list[ast.AST]:
    """Every node except those under ``if TYPE_CHECKING:`` (imports for annotations only)."""
    out: list[ast.AST] = []
    todo = [tree]
    while todo:
        node = todo.pop()
        out.append(node)
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            todo.extend(node.orelse)
            continue
        todo.extend(ast.iter_child_nodes(node))
    return out


def _imports(path: Path, modules: set[str]) -> set[str]:
    """The package modules ``path`` imports (relative imports resolved)."""
    name = _module_name(path)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in _runtime_nodes(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            targets = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            targets = [base] + [f"{base}.{a.name}" for a in node.names]
        else:
            continue
        found |= {t for t in targets if t in modules}
    return found - {name}


def import_graph() -> dict[str, set[str]]:
    files = sorted(PACKAGE.rglob("*.py"))
    modules = {_module_name(f) for f in files}
    return {_module_name(f): _imports(f, modules) for f in files}


def _cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One import cycle of modules (not counting a package's own __init__), or None."""
    packages = {m for m in graph if any(o.startswith(m + ".") for o in graph)}
    edges = {m: {t for t in ts if t not in packages} for m, ts in graph.items()}
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(m: str) -> list[str] | None:
        state[m] = 1
        stack.append(m)
        for t in sorted(edges.get(m, ())):
            if state.get(t) == 1:
                return [*stack[stack.index(t):], t]
            if t not in state and (found := visit(t)):
                return found
        stack.pop()
        state[m] = 2
        return None

    for m in sorted(edges):
        if m not in state and (found := visit(m)):
            return found
    return None


def test_no_import_cycle() -> None:
    assert _cycle(import_graph()) is None


@pytest.mark.parametrize(
    ("layer", "forbidden"),
    [
        ("analysis.reading", ("analysis.extraction", "analysis.analyses", "analysis.corpus",
                              "analysis.cli", "analysis.render")),
        ("analysis.extraction", ("analysis.analyses", "analysis.corpus", "analysis.cli",
                                 "analysis.render")),
        ("analysis.analyses", ("analysis.corpus", "analysis.cli", "analysis.render",
                               "analysis.charts", "analysis.plotting")),
    ],
)
def test_layers_import_only_layers_below(layer: str, forbidden: tuple[str, ...]) -> None:
    graph = import_graph()
    for module, targets in graph.items():
        if module == layer or module.startswith(layer + "."):
            up = sorted(t for t in targets if t.startswith(forbidden))
            assert not up, f"{module} imports {up}"


def test_the_graph_sees_lazy_imports() -> None:
    graph = import_graph()
    assert "analysis.analyses.growth" in graph["analysis.analyses.checks"]  # inside a function
    assert "analysis.reading.sources" in graph["analysis.reading.formats"]


# Every module of src/: each function at most 60 lines or says in its docstring why not.
SHORT_FUNCTION_MODULES = sorted(PACKAGE.rglob("*.py"))
MAX_FUNCTION_LINES = 60


@pytest.mark.parametrize("path", SHORT_FUNCTION_MODULES,
                         ids=lambda p: str(p.relative_to(PACKAGE)))
def test_functions_are_short_or_say_why(path: Path) -> None:
    long = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            lines = (node.end_lineno or node.lineno) - node.lineno + 1
            why = "lines" in (ast.get_docstring(node) or "")
            if lines > MAX_FUNCTION_LINES and not why:
                long.append(f"{node.name} ({lines} lines)")
    assert not long, f"{path.name}: {long}"


# --- the layout, as ARCHITECTURE.md and the README describe it --------------------------------

ROOT = SRC.parent


def _layout_section() -> str:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    start = readme.index("## Layout")
    end = readme.find("\n## ", start + 1)
    return readme[start : end if end > 0 else None]


def _modules() -> list[Path]:
    skip = ("__init__.py", "__main__.py")
    return [p for p in sorted(PACKAGE.rglob("*.py")) if p.name not in skip]


@pytest.mark.parametrize("doc", ["ARCHITECTURE.md", "README.md#Layout"])
def test_layout_docs_name_every_module_and_no_other(doc: str) -> None:
    import re

    text = (ROOT / "ARCHITECTURE.md").read_text(encoding="utf-8") if doc == "ARCHITECTURE.md" \
        else _layout_section()
    modules = _modules()
    missing = [p.name for p in modules if not re.search(rf"\b{re.escape(p.name)}\b", text)]
    assert not missing, f"{doc} does not describe {missing}"
    named = set(re.findall(r"\b(\w+\.py)\b", text)) - {"__init__.py", "__main__.py"}
    elsewhere = {p.name for d in ("tests", "scripts", "benchmarks", "evaluation")
                 for p in (ROOT / d).glob("*.py")}
    gone = named - {p.name for p in modules} - elsewhere
    assert not gone, f"{doc} names modules that do not exist: {sorted(gone)}"


def test_no_two_modules_share_a_file_name() -> None:
    names = [p.name for p in _modules()]
    assert len(names) == len(set(names))
