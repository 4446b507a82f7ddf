"""Paste-to-order: a WeChat-style message becomes draft order lines (issue 16, item 3).

The pure parser (no database) is `parser.parse(text, index, view)`: text is normalised
(`normalize`), cut into fragments, each fragment tokenised against the workspace's catalogue
automaton (`catalogue`, `tokens`), grouped into items (`items`), and each item resolved into
lines (`resolve`) with a fuzzy fallback (`fuzzy`). The Django side reads the catalogue and
caches the index per workspace and catalogue version (`snapshot`), applies who may see what
(`selectors`) and learns the user's picks as aliases (`services`).
"""
