"""Chinese for the shared input rules and request limits (saas/core, saas/api)."""

ZH = {
    "Text may not contain control characters.": "文本不能包含控制字符。",
    "This is not a valid id.": "这不是有效的编号。",
    "Enter a finite number.": "请输入有效的数字。",
    "This number is too large.": "数字太大。",
    "A value is too long or too large for this field.": "填写的内容过长或数值过大。",
    "The request is too large.": "请求内容过大。",
    "The idempotency key must be 8-80 letters, digits, '-', '_', '.' or ':'.": "幂等键须为 8-80 个字母、数字或 '-'、'_'、'.'、':'。",
    "This idempotency key was already used for another action.": "此幂等键已用于另一个操作。",
}
