"""Chinese translations of paste-to-order's messages (saas/messaging/order_text; merged by translate_zh.py)."""

ZH: dict[str, str] = {
    "Only people who take orders can paste one.": "只有能下单的人才能粘贴订单。",
    "Paste at most %(n)d characters at a time.": "一次最多粘贴 %(n)d 个字符。",
    "Paste at most %(n)d lines at a time.": "一次最多粘贴 %(n)d 行。",
}
