"""Chinese translations of the reports's messages (merged by translate_zh.py)."""

ZH: dict[str, str] = {}
