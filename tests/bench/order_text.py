"""Paste-to-order on the labelled corpus: how often it is right, how often it is wrongly sure, how fast.

    make bench-paste     or    .venv/bin/python tests/bench/order_text.py [--repeat 5]

No database: the parser runs on the fixed test catalogue (tests/data/order_text_catalogue.json,
22 products, 98 SKUs) as plain facts, against the 169 labelled messages of
tests/data/order_text_corpus.json (tests/fixtures/order_text_scoring.py says how lines are paired
and counted). Prints:

- per line and per field (product, spec, quantity, unit): precision (over the lines the parser
  made) and recall (over the lines the corpus expects), for the parser and for a naive substring
  matcher (the longest product name in each fragment, its spec values as substrings, the first
  number) as the baseline, with the ratio;
- lines marked sure, and the wrong ones among them (the error that matters most);
- the right SKU offered (first or among the candidates), and unknown products reported;
- the same for the 30 messages written after the parser (kind "heldout");
- parse time per message, p50 and p95 over `--repeat` passes of the corpus, and the index build
  time, for the catalogue as labelled and copies of it up to about 5,000 and 20,000 SKUs (the
  copies are the same products under other names: accuracy is measured on the first only).
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
sys.path.insert(0, str(Path(__file__).resolve().parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "saas.settings")

import django  # noqa: E402

django.setup()

from bench_setup import percentile  # noqa: E402

from saas.messaging.order_text.catalogue import build_index  # noqa: E402
from saas.messaging.order_text.parser import parse  # noqa: E402
from saas.messaging.order_text.resolve import View  # noqa: E402
from tests.fixtures.order_text import CORPUS, catalogue_facts  # noqa: E402
from tests.fixtures.order_text_scoring import FIELDS, Score, index_parser, naive_parser, score  # noqa: E402


def _ratio(ours: float, theirs: float) -> str:
    return f"{ours / theirs:5.1f}×" if theirs else "    ∞"


def accuracy_table(title: str, ours: Score, naive: Score) -> None:
    print(
        f"\n{title}: {ours.messages} messages, {ours.expected} lines naming a product, {ours.unknown} unknown"
    )
    print(f"{'':<10} {'precision':>9} {'recall':>7} │ {'naive p':>7} {'naive r':>7} │ {'recall ratio':>12}")
    for name in FIELDS:
        print(
            f"{name:<10} {ours.precision(name):9.3f} {ours.recall(name):7.3f} │ "
            f"{naive.precision(name):7.3f} {naive.recall(name):7.3f} │ {_ratio(ours.recall(name), naive.recall(name)):>12}"
        )
    print(
        f"sure lines {ours.confident} of {ours.predicted} made ({ours.confident_right / max(ours.expected, 1):.0%} of "
        f"expected), WRONG BUT SURE {ours.confident_wrong} (naive: {naive.confident} sure, {naive.confident_wrong} wrong)"
    )
    print(
        f"right SKU offered {ours.picks}/{ours.expected}; unknown products reported {ours.unknown_reported}/"
        f"{ours.unknown}"
    )
    for wrong in ours.wrong_sure:
        print(f"  wrong but sure: {wrong}")


def timing_table(repeat: int) -> None:
    print(
        f"\n{'catalogue':<28} {'build ms':>9} {'words':>8} │ {'parse p50 ms':>12} {'p95 ms':>8} {'max ms':>8}"
    )
    texts = [message["text"] for message in CORPUS]
    for scale in (1, 50, 200):
        facts = catalogue_facts(scale)
        started = time.perf_counter()
        index = build_index(facts)
        build = (time.perf_counter() - started) * 1000
        samples: list[float] = []
        for _ in range(repeat):
            for text in texts:
                begin = time.perf_counter()
                parse(text, index, View())
                samples.append((time.perf_counter() - begin) * 1000)
        label = f"{len(facts.products):,} products, {len(facts.skus):,} SKUs"
        print(
            f"{label:<28} {build:9.0f} {len(index.words):8,} │ {percentile(samples, 50):12.2f} "
            f"{percentile(samples, 95):8.2f} {max(samples):8.2f}"
        )


def main() -> None:
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("--repeat", type=int, default=5, help="passes of the corpus per catalogue size")
    args = options.parse_args()
    facts = catalogue_facts()
    index = build_index(facts)
    ours, naive = index_parser(index), naive_parser(facts)
    accuracy_table("Whole corpus", score(CORPUS, ours), score(CORPUS, naive))
    heldout = [message for message in CORPUS if message["kind"] == "heldout"]
    accuracy_table("Written after the parser", score(heldout, ours), score(heldout, naive))
    timing_table(args.repeat)


if __name__ == "__main__":
    main()
