"""Chinese translations of the onboarding's messages (saas/onboarding; merged by translate_zh.py)."""

ZH: dict[str, str] = {
    "The sample data is already loaded.": "示例数据已经加载过了。",
    "There is no sample data to remove.": "没有可移除的示例数据。",
    "Real data uses the sample data (%(rows)s), so it was not removed.": "示例数据已被正式数据使用（%(rows)s），因此没有移除。",
}
