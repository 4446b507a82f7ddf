"""Chinese for the shared input rules and request limits (saas/core, saas/api)."""

ZH = {
    "Text may not contain control characters.": "文本不能包含控制字符。",
    "This is not a valid id.": "这不是有效的编号。",
    "Enter a finite number.": "请输入有效的数字。",
    "This number is too large.": "数字太大。",
    "A value is too long or too large for this field.": "填写的内容过长或数值过大。",
    "The request is too large.": "请求内容过大。",
}
