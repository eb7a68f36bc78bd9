"""No import cycles between the modules of ``eventsift``, read from the source with ``ast`` (nothing is imported).

Every import counts: at the top of a module and inside a function alike (an import put inside a function still
ties the two modules together, it only hides the cycle at import time). Relative imports are resolved;
``from . import x`` is an import of the submodule ``x`` where there is one, else of the package itself. The
``__init__`` of a package that Python runs before one of its submodules is not counted as imported (else every
module would import its own package).

``KNOWN_CYCLES`` may allow a cycle by the one import that closes it (it is empty now: the last ones went when the
readers' byte helpers and the gazetteer and curated actors moved below their users); any other cycle fails, and so
does an entry that no longer closes a cycle. The events package
(``stages/events/``) and ``pipeline.py`` are checked without that list.
"""
from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "eventsift"

#: (importer, imported): the import that closes a cycle which was in the tree before this test.
KNOWN_CYCLES: dict[tuple[str, str], str] = {}


def _modules() -> dict[str, tuple[Path, bool]]:
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
        is_package = parts[-1] == "__init__"
        found[".".join(parts[:-1] if is_package else parts)] = (path, is_package)
    return found


def _owner(name: str, modules) -> str | None:
    """The module a dotted name is in: itself, else the nearest package or module above it."""
    while name and name not in modules:
        name = name.rpartition(".")[0]
    return name or None


def import_graph() -> dict[str, set[str]]:
    """Module -> the modules of the package it imports."""
    modules = _modules()
    root = PACKAGE.name
    graph: dict[str, set[str]] = {name: set() for name in modules}
    for name, (path, is_package) in modules.items():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
            targets = []
            if isinstance(node, ast.Import):
                targets = [a.name for a in node.names if a.name.split(".")[0] == root]
            elif isinstance(node, ast.ImportFrom):
                if node.level:
                    here = name.split(".") if is_package else name.split(".")[:-1]
                    base = ".".join(here[:len(here) - (node.level - 1)] + ([node.module] if node.module else []))
                else:
                    base = node.module or ""
                if base.split(".")[0] != root:
                    continue
                targets = [f"{base}.{a.name}" if f"{base}.{a.name}" in modules else base for a in node.names]
            for target in targets:
                owner = _owner(target, modules)
                if owner is not None and owner != name:
                    graph[name].add(owner)
    return graph


def import_groups(graph: dict[str, set[str]]) -> list[set[str]]:
    """The groups of modules that import each other, round or not (strongly connected, more than one module)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[set[str]] = []

    def visit(v: str) -> None:  # Tarjan's algorithm
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in sorted(graph[v]):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            group = set()
            while True:
                w = stack.pop()
                on_stack.discard(w)
                group.add(w)
                if w == v:
                    break
            if len(group) > 1:
                groups.append(group)

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return groups


def cycle_through(start: str, group: set[str], graph) -> list[str]:
    """A shortest import path from ``start`` back to itself inside its group."""
    came_from: dict[str, str] = {}
    todo = [start]
    while todo:
        nxt = []
        for v in todo:
            for w in sorted(graph[v] & group):
                if w == start:
                    path = [v]
                    while path[-1] != start:
                        path.append(came_from[path[-1]])
                    return [*reversed(path), start]
                if w not in came_from:
                    came_from[w] = v
                    nxt.append(w)
        todo = nxt
    return [start]


def _cycles(graph, through=lambda module: True) -> list[list[str]]:
    """One cycle for each group, through the first module of the group that ``through`` accepts."""
    found = []
    for group in import_groups(graph):
        chosen = sorted(m for m in group if through(m))
        if chosen:
            found.append(cycle_through(chosen[0], group, graph))
    return found


def _without(graph, edges) -> dict[str, set[str]]:
    return {v: {w for w in ws if (v, w) not in edges} for v, ws in graph.items()}


def _reaches(graph, start: str, goal: str) -> bool:
    seen, todo = {start}, [start]
    while todo:
        for w in graph[todo.pop()]:
            if w == goal:
                return True
            if w not in seen:
                seen.add(w)
                todo.append(w)
    return False


def _show(found: list[list[str]]) -> str:
    return "\n".join(" -> ".join(cycle) for cycle in found)


def test_the_graph_sees_relative_and_function_level_imports():
    graph = import_graph()
    assert "eventsift.stages.casualties" in graph["eventsift.stages.events.filters"]  # from .. import casualties
    assert "eventsift.stages.events.assembly" in graph["eventsift.stages.events"]  # from .assembly import ...
    assert "eventsift.stages.events" in graph["eventsift.pipeline"]  # inside default_stages()
    assert "eventsift.stages.places" in graph["eventsift.stages.events.place"]  # inside actor_country()


def test_no_import_cycles_but_the_known_ones():
    found = _cycles(_without(import_graph(), KNOWN_CYCLES))
    assert not found, f"import cycles (break them, or if they are old, list the closing import in KNOWN_CYCLES):\n" \
                      f"{_show(found)}"


def test_every_known_cycle_is_still_one():
    graph = import_graph()
    stale = [edge for edge in KNOWN_CYCLES if edge[1] not in graph.get(edge[0], set()) or
             not _reaches(graph, edge[1], edge[0])]
    assert not stale, f"no longer close a cycle, remove them from KNOWN_CYCLES: {stale}"


def test_the_events_package_is_in_no_cycle():
    package = "eventsift.stages.events"
    in_package = lambda m: m == package or m.startswith(package + ".")  # noqa: E731
    found = _cycles(import_graph(), in_package)
    assert not found, _show(found)


def test_pipeline_and_the_stages_are_in_no_cycle():
    found = _cycles(import_graph(), lambda m: m == "eventsift.pipeline")
    assert not found, _show(found)
