"""What the H5 shell costs to download, gzip-compressed, in two figures with their budgets:

- first screen (budget 200 KB): index.html's stylesheets and module scripts with every static
  import, plus the home screen, the Chinese catalogue and the service worker script; what a
  phone fetches before it shows anything.
- everything (budget 600 KB): every file reachable from there, dynamic imports included (each
  screen is an `import()` loaded when first opened); what the service worker caches on install
  so the app opens offline. It grows with each screen; the first figure must not.

Compression is gzip level 9, as saas/shell.py serves it. Prints a table; exits 1 over budget.

    .venv/bin/python tests/bench/shell_size.py
"""

from __future__ import annotations

import gzip
import re
import sys
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

SHELL = Path(__file__).resolve().parents[2] / "mobile_shell"
URL_PREFIX = "/app/"
BUDGET_BYTES = 200 * 1024  # the first screen
INSTALL_BUDGET_BYTES = 600 * 1024  # everything, cached on install
# Loaded with the first screen although imported lazily.
FIRST_SCREEN_EXTRAS = ("screens/home.js", "i18n/zh-hans.js", "sw.js")

STATIC_IMPORT = re.compile(r"""^\s*(?:import|export)\s[^'"]*?\bfrom\s*['"]([^'"]+)['"]""", re.MULTILINE)
BARE_IMPORT = re.compile(r"""^\s*import\s*['"]([^'"]+)['"]""", re.MULTILINE)
DYNAMIC_IMPORT = re.compile(r"""\bimport\(\s*['"]([^'"]+)['"]\s*\)""")
SERVICE_WORKER = re.compile(r"""serviceWorker\.register\(\s*['"]([^'"]+)['"]""")
CSS_IMPORT = re.compile(r"""@import\s+(?:url\()?\s*['"]?([^'")\s;]+)""")
BLOCK_COMMENT = re.compile(r"/\*.*?\*/", re.DOTALL)


@dataclass(frozen=True)
class Asset:
    path: Path
    lazy: bool  # reached only through a dynamic import() or as the service worker

    @property
    def name(self) -> str:
        return self.path.relative_to(SHELL).as_posix()

    @property
    def raw_bytes(self) -> int:
        return len(self.path.read_bytes())

    @property
    def gzip_bytes(self) -> int:
        return len(gzip.compress(self.path.read_bytes(), compresslevel=9, mtime=0))


class _EntryPoints(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "script" and values.get("type") == "module" and values.get("src"):
            self.urls.append(str(values["src"]))
        if tag == "link" and values.get("rel") in {"stylesheet", "modulepreload"} and values.get("href"):
            self.urls.append(str(values["href"]))


def _resolve(reference: str, importer: Path) -> Path:
    if reference.startswith(URL_PREFIX):
        target = SHELL / reference[len(URL_PREFIX) :]
    elif reference.startswith("."):
        target = importer.parent / reference
    else:
        raise ValueError(f"{importer.relative_to(SHELL)} imports {reference!r}: not a shell file")
    target = target.resolve()
    if not target.is_file():
        raise FileNotFoundError(f"{importer.relative_to(SHELL)} imports {reference!r}, which does not exist")
    return target


def _references(path: Path) -> list[tuple[str, bool]]:
    text = BLOCK_COMMENT.sub("", path.read_text(encoding="utf-8"))
    if path.suffix == ".css":
        return [(ref, False) for ref in CSS_IMPORT.findall(text)]
    static = STATIC_IMPORT.findall(text) + BARE_IMPORT.findall(text)
    later = DYNAMIC_IMPORT.findall(text) + SERVICE_WORKER.findall(text)
    return [(ref, False) for ref in static] + [(ref, True) for ref in later]


def first_load() -> list[Asset]:
    """Every JS and CSS file reachable from index.html, eagerly loaded ones first."""
    index = SHELL / "index.html"
    parser = _EntryPoints()
    parser.feed(index.read_text(encoding="utf-8"))
    return _reachable([(_resolve(url, index), False) for url in parser.urls])


def first_screen() -> list[Asset]:
    """The eager files plus the home screen, the Chinese catalogue and the service worker,
    each with its static imports: what is fetched before the first screen shows."""
    eager = [(asset.path, False) for asset in first_load() if not asset.lazy]
    extras = [(SHELL / name, False) for name in FIRST_SCREEN_EXTRAS]
    return _reachable(eager + extras, follow_dynamic=False)


def _reachable(queue: list[tuple[Path, bool]], *, follow_dynamic: bool = True) -> list[Asset]:
    found: dict[Path, bool] = {}
    while queue:
        path, lazy = queue.pop(0)
        if path in found and (found[path] is False or lazy):
            continue  # already known, at least as eagerly
        found[path] = lazy
        queue += [
            (_resolve(ref, path), lazy or is_dynamic)
            for ref, is_dynamic in _references(path)
            if follow_dynamic or not is_dynamic
        ]
    return sorted((Asset(p, lazy) for p, lazy in found.items()), key=lambda a: (a.lazy, a.name))


def _kb(size: int) -> str:
    return f"{size / 1024:.1f} KB"


def main() -> int:
    assets = first_load()
    width = max(len(asset.name) for asset in assets) + 2
    print(f"{'file':<{width}}{'load':<8}{'raw bytes':>12}{'gzip bytes':>12}")
    print("-" * (width + 32))
    for asset in assets:
        load = "lazy" if asset.lazy else "eager"
        print(f"{asset.name:<{width}}{load:<8}{asset.raw_bytes:>12,}{asset.gzip_bytes:>12,}")
    raw = sum(asset.raw_bytes for asset in assets)
    compressed = sum(asset.gzip_bytes for asset in assets)
    first = sum(asset.gzip_bytes for asset in first_screen())
    print("-" * (width + 32))
    print(f"{'total JS + CSS (' + str(len(assets)) + ' files)':<{width + 8}}{raw:>12,}{compressed:>12,}")
    print(f"first screen: {_kb(first)} of {_kb(BUDGET_BYTES)} gzip")
    print(f"everything (cached on install): {_kb(compressed)} of {_kb(INSTALL_BUDGET_BYTES)} gzip")
    over = False
    if first > BUDGET_BYTES:
        print(f"FIRST SCREEN OVER BUDGET by {_kb(first - BUDGET_BYTES)}")
        over = True
    if compressed > INSTALL_BUDGET_BYTES:
        print(f"INSTALL OVER BUDGET by {_kb(compressed - INSTALL_BUDGET_BYTES)}")
        over = True
    return 1 if over else 0


if __name__ == "__main__":
    sys.exit(main())
