"""Checks of the shell's files that need no browser: catalogues, the service worker's file list,
the manifest and icons, the Capacitor config, file sizes and the download budget."""

from __future__ import annotations

import importlib.util
import json
import re
import struct
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
SHELL = REPO / "mobile_shell"
NOT_SERVED = {"README.md", "LICENSE.md", "capacitor.config.json", "draw_icons.py"}
CATALOGUE_KEY = re.compile(r"^\s*'([^']+)':", re.MULTILINE)
FIRST_ARGUMENT_OF_T = re.compile(r"\bt\(\s*([^,()]+?)\s*[,)]")
STRING = re.compile(r"'([^']*)'")


def _catalogue(language: str) -> set[str]:
    """The language's keys: its main file plus the per-domain files it merges (i18n/<language>/)."""
    files = [SHELL / "i18n" / f"{language}.js", *sorted((SHELL / "i18n" / language).glob("*.js"))]
    return {key for path in files for key in CATALOGUE_KEY.findall(path.read_text(encoding="utf-8"))}


def test_each_domain_catalogue_has_its_twin():
    assert sorted(p.name for p in (SHELL / "i18n" / "zh-hans").glob("*.js")) == sorted(
        p.name for p in (SHELL / "i18n" / "en").glob("*.js")
    )


def _code_files() -> list[Path]:
    i18n = SHELL / "i18n"
    return [path for path in SHELL.rglob("*.js") if i18n not in path.parents and path.name != "sw.js"]


def test_both_catalogues_have_the_same_keys():
    chinese, english = _catalogue("zh-hans"), _catalogue("en")
    assert chinese - english == set(), "missing in en.js"
    assert english - chinese == set(), "missing in zh-hans.js"
    assert len(chinese) > 100


def test_every_literal_key_the_code_translates_exists():
    known = _catalogue("zh-hans")
    used = set()
    for path in _code_files():
        text = re.sub(r"/\*.*?\*/", "", path.read_text(encoding="utf-8"), flags=re.DOTALL)
        for argument in FIRST_ARGUMENT_OF_T.findall(text):
            used |= {literal for literal in STRING.findall(argument) if "." in literal}
        used |= set(re.findall(r"label: '([a-z_]+\.[a-z_.]+)'", text))
        used |= set(re.findall(r"'(home\.greeting_[a-z]+)'", text))
    assert used, "found no t('...') calls: the pattern is broken"
    assert used - known == set()


def test_every_screen_but_the_shared_ones_is_in_one_side_nav_group():
    routes = (SHELL / "core" / "routes.js").read_text(encoding="utf-8")
    table, groups = routes.split("export const NAV_GROUPS", 1)
    screens = re.findall(r"\bid: '([a-z-]+)',", table.split("export const SCREENS", 1)[1])
    grouped = [
        screen
        for listed in re.findall(r"screens: \[([^\]]*)\]", groups.split("];", 1)[0])
        for screen in STRING.findall(listed)
    ]
    assert len(screens) > 90 and len(grouped) > 80, "the patterns are broken"
    assert len(grouped) == len(set(grouped)), "a screen is in two groups"
    assert set(grouped) - set(screens) == set(), "a group lists no such screen"
    shared = {
        "home",
        "chat",
        "chat-conversation",
        "inbox",
        "notification-settings",
        "outbox",
        "more",
        "profile",
    }
    assert set(screens) - set(grouped) == shared


def test_service_worker_caches_exactly_the_shell_files():
    listed = set(
        re.findall(r"^\s*'(/app/[^']+)',$", (SHELL / "sw.js").read_text(encoding="utf-8"), re.MULTILINE)
    )
    on_disk = {
        "/app/" + path.relative_to(SHELL).as_posix()
        for path in SHELL.rglob("*")
        if path.is_file() and path.name not in NOT_SERVED and path.name != "sw.js"
    }
    assert listed == on_disk


def _png_size(path: Path) -> tuple[int, int]:
    header = path.read_bytes()[:24]
    assert header[:8] == b"\x89PNG\r\n\x1a\n", f"{path} is not a PNG"
    return struct.unpack(">II", header[16:24])


def test_manifest_describes_an_installable_app_with_real_icons():
    manifest = json.loads((SHELL / "manifest.webmanifest").read_text(encoding="utf-8"))
    assert manifest["start_url"] == "/app/" and manifest["scope"] == "/app/"
    assert manifest["display"] == "standalone"
    sizes = set()
    for icon in manifest["icons"]:
        path = SHELL / icon["src"].removeprefix("/app/")
        assert path.is_file(), icon["src"]
        if icon["type"] == "image/png":
            width, height = _png_size(path)
            assert icon["sizes"] == f"{width}x{height}"
            sizes.add(width)
        else:
            assert path.read_text(encoding="utf-8").startswith("<svg")
    assert {192, 512} <= sizes
    assert any(icon.get("purpose") == "maskable" for icon in manifest["icons"])


def test_capacitor_config_points_at_the_shell_and_a_workspace_host():
    config = json.loads((SHELL / "capacitor.config.json").read_text(encoding="utf-8"))
    assert (SHELL / config["webDir"]).resolve() == SHELL
    assert config["server"]["url"].startswith("https://") and config["server"]["url"].endswith("/app/")
    assert (SHELL / "README.md").is_file()


def test_no_file_passes_600_lines():
    files = [
        *SHELL.rglob("*.js"),
        *SHELL.rglob("*.css"),
        *SHELL.rglob("*.html"),
        *Path(__file__).parent.glob("*.py"),
    ]
    too_long = {
        str(path.relative_to(REPO)): n for path in files if (n := len(path.read_text().splitlines())) > 600
    }
    assert too_long == {}


def test_first_load_stays_under_the_size_budget():
    spec = importlib.util.spec_from_file_location("shell_size", REPO / "tests" / "bench" / "shell_size.py")
    assert spec and spec.loader
    bench = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = bench  # its dataclasses look their module up while being made
    spec.loader.exec_module(bench)
    first = bench.first_screen()
    names = {asset.name for asset in first}
    assert {"core/main.js", "styles/base.css", "screens/home.js", "i18n/zh-hans.js", "sw.js"} <= names
    assert {name for name in names if name.startswith("screens/")} == {
        "screens/home.js",
        "screens/registry.js",
    }
    assert sum(asset.gzip_bytes for asset in first) <= bench.BUDGET_BYTES
    everything = bench.first_load()
    assert {asset.name for asset in everything} > names
    assert sum(asset.gzip_bytes for asset in everything) <= bench.INSTALL_BUDGET_BYTES
