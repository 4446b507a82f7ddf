"""Chinese translations of the customers domain's messages (merged by translate_zh.py)."""

ZH: dict[str, str] = {}
