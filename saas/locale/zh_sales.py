"""Chinese translations of the sales domain's messages (merged by translate_zh.py)."""

ZH: dict[str, str] = {}
