"""Chinese translations of the shipping domain's messages (merged by translate_zh.py)."""

ZH: dict[str, str] = {}
