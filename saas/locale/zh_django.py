"""Chinese for Django's own messages its zh_Hans catalogue lacks (saas/core/django_messages.py),
and for the user fields Django's validators name (merged by translate_zh.py)."""

ZH: dict[str, str] = {
    "This password is too short. It must contain at least %d character.": "密码长度太短。密码必须包含至少 %d 个字符。",
    "%(model)s instance with %(field)s %(value)r is not a valid choice.": "%(field)s 为 %(value)r 的 %(model)s 实例不是有效的选项。",
    "Enter a valid email address.": "请输入有效的电子邮箱地址。",
    "Full name": "姓名",
}
