"""The H5 shell's module graph stays a tree of layers: no import cycle (dynamic import() included,
so the router → registry → screen chain has no way back), no screen imports another screen
(shared parts live in ui/, operations in api/), and every route in core/routes.js has its loader
in screens/registry.js."""

from __future__ import annotations

import re
from pathlib import Path

SHELL = Path(__file__).resolve().parents[1] / "mobile_shell"
SCREENS = SHELL / "screens"
REGISTRY = SCREENS / "registry.js"

BLOCK_COMMENT = re.compile(r"/\*.*?\*/", re.DOTALL)
LINE_COMMENT = re.compile(r"^\s*//.*$", re.MULTILINE)
STATIC = re.compile(r"""^\s*(?:import|export)\s[^'";]*?\bfrom\s*['"]([^'"]+)['"]""", re.MULTILINE)
BARE = re.compile(r"""^\s*import\s*['"]([^'"]+)['"]""", re.MULTILINE)
DYNAMIC = re.compile(r"""\bimport\(\s*['"]([^'"]+)['"]\s*\)""")


def _name(path: Path) -> str:
    return path.relative_to(SHELL).as_posix()


def imports_of(path: Path) -> list[tuple[str, bool]]:
    """(imported module, dynamic?) for each import of a shell module, as paths under mobile_shell/."""
    text = LINE_COMMENT.sub("", BLOCK_COMMENT.sub("", path.read_text(encoding="utf-8")))
    found = [(ref, False) for ref in STATIC.findall(text) + BARE.findall(text)]
    found += [(ref, True) for ref in DYNAMIC.findall(text)]
    result = []
    for ref, dynamic in found:
        target = (SHELL / ref.removeprefix("/app/")) if ref.startswith("/app/") else path.parent / ref
        result.append((_name(target.resolve()), dynamic))
    return result


def graph() -> dict[str, list[tuple[str, bool]]]:
    return {
        _name(path): imports_of(path)
        for path in sorted(SHELL.rglob("*.js"))
        if path.name != "sw.js" and "icons" not in path.parts
    }


def cycles(edges: dict[str, list[str]]) -> list[list[str]]:
    """Every elementary cycle found by a depth-first walk, each once (from its smallest module)."""
    found: set[tuple[str, ...]] = set()

    def walk(start: str, node: str, trail: list[str]) -> None:
        for nxt in edges.get(node, []):
            if nxt == start:
                found.add(tuple(trail))
            elif nxt > start and nxt not in trail:
                walk(start, nxt, [*trail, nxt])

    for start in sorted(edges):
        walk(start, start, [start])
    return [[*cycle, cycle[0]] for cycle in sorted(found)]


def test_every_import_names_a_shell_file():
    missing = [
        f"{module} → {target}"
        for module, targets in graph().items()
        for target, _dynamic in targets
        if not (SHELL / target).is_file()
    ]
    assert missing == []


def test_the_shell_has_no_import_cycle():
    edges = {module: [target for target, _dynamic in targets] for module, targets in graph().items()}
    assert [" → ".join(cycle) for cycle in cycles(edges)] == []


def test_no_screen_imports_another_screen():
    # The registry is the one module that loads screens (by import(), each on first use).
    offending = [
        f"{module} → {target}"
        for module, targets in graph().items()
        if module.startswith("screens/") and module != _name(REGISTRY)
        for target, _dynamic in targets
        if target.startswith("screens/")
    ]
    assert offending == []


def test_every_route_has_a_loader_and_every_screen_a_route():
    routes = set(
        re.findall(r"module: '([a-z_]+)'", (SHELL / "core" / "routes.js").read_text(encoding="utf-8"))
    )
    loaded = {target for target, dynamic in imports_of(REGISTRY) if dynamic}
    assert {f"screens/{name}.js" for name in routes} == loaded
    screens = {_name(path) for path in SCREENS.glob("*.js") if path != REGISTRY}
    assert screens == loaded, "a module in screens/ that is no route belongs in ui/"


def test_the_cycle_finder_finds_cycles():
    # The checks above must not pass because the walk went blind.
    assert cycles({"a": ["b"], "b": ["c"], "c": ["a"], "d": ["a"]}) == [["a", "b", "c", "a"]]
    assert cycles({"a": ["b"], "b": []}) == []
    edges = {module: [target for target, _dynamic in targets] for module, targets in graph().items()}
    assert "screens/registry.js" in edges["core/router.js"]
    assert len(edges) > 100
