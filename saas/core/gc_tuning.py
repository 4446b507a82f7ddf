"""Garbage collection for a long-running worker (daphne, `sparrow worker`): freeze what start-up
loaded, and collect young objects less often.

A worker imports Django, every app, the GraphQL schema and its caches before it serves anything:
hundreds of thousands of objects that live as long as the process. CPython's full collection
walks all of them, about 200 ms at a time on a loaded worker, every few list requests (a list of
100 orders with lines allocates some 300,000 objects): that made the p95 of `salesOrders`.
`gc.freeze()` moves them to a permanent generation that collections skip, and a young-generation
threshold of 20,000 instead of 700 lets a request's short-lived objects die by reference count
before any collection looks at them. Cycles are still collected; only less often.

SPARROW_GC_TUNING=off keeps CPython's defaults (the benchmark compares both).
"""

from __future__ import annotations

import gc

from saas.environment import env_bool

# (young, middle, old): a young collection after 20,000 net allocations, a middle one after 10
# young ones, an old (full) one after 100 middle ones, and only when it would find a quarter more.
THRESHOLDS = (20_000, 10, 100)


def worker_gc_tune() -> bool:
    """Call once, after start-up imports; returns whether it tuned anything."""
    if not env_bool("SPARROW_GC_TUNING", True):
        return False
    gc.collect()  # what start-up left as garbage is not frozen with the rest
    gc.freeze()
    gc.set_threshold(*THRESHOLDS)
    return True
