"""Simplified Chinese for partner webhooks (saas/partners): the webhook URL rules."""

ZH = {
    "Enter a full web address starting with https://.": "请输入以 https:// 开头的完整网址。",
    "A web address can have at most %(n)d characters.": "网址最多 %(n)d 个字符。",
    "Leave the user name and password out of the web address.": "网址中不能包含用户名和密码。",
    "Webhook addresses must use https://.": "Webhook 地址必须使用 https://。",
    "This address is on a private or reserved network; webhooks go to public internet addresses only.": "该地址属于内网或保留网段；Webhook 只能发送到公网地址。",
    "This host name could not be found; check the address.": "找不到该主机名，请检查网址。",
}
