"""Chinese for the API's rate limits by query cost (saas/api/cost_limit.py)."""

ZH = {
    "Too many requests. Please try again in %(seconds)d seconds.": "请求过于频繁，请 %(seconds)d 秒后再试。",
    "This query costs %(cost)d points; one query may cost at most %(most)d. Ask for fewer rows or fewer fields.": "此查询需要 %(cost)d 点，单次查询最多 %(most)d 点。请减少行数或字段。",
}
