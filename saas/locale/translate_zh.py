"""Fills the Simplified Chinese catalogue: `python saas/locale/translate_zh.py` after makemessages.

Kept as data next to the catalogue so a newcomer adds a line here, runs `make messages`, done.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

ZH = {
    "Company name": "公司名称",
    "Workspace address": "工作区地址",
    "3-30 lower-case letters, digits or hyphens.": "3-30 位小写字母、数字或连字符。",
    "Your name": "您的姓名",
    "E-mail": "电子邮箱",
    "Password": "密码",
    "Enter your company name.": "请输入公司名称。",
    "The company name is too long.": "公司名称太长。",
    "Enter your name.": "请输入您的姓名。",
    "The name is too long.": "姓名太长。",
    "Enter a valid e-mail address.": "请输入有效的电子邮箱地址。",
    "Too many failed sign-in attempts. Please wait 15 minutes and try again.": "登录失败次数过多，请 15 分钟后再试。",
    "The e-mail or password is incorrect.": "邮箱或密码不正确。",
    "Enter a name.": "请输入姓名。",
    "The name can have at most %(n)d characters.": "姓名最多 %(n)d 个字符。",
    "Unsupported language.": "不支持的语言。",
    "Choose at least one role.": "请至少选择一个角色。",
    "Unknown role.": "未知角色。",
    "You are not allowed to do this.": "您没有执行此操作的权限。",
    "Only the owner can grant the owner role.": "只有老板可以授予老板角色。",
    "A user with this e-mail already exists.": "该邮箱的用户已存在。",
    "You cannot deactivate yourself.": "不能停用您自己的账号。",
    "Only the owner can deactivate an owner.": "只有老板可以停用老板账号。",
    "The workspace needs at least one active owner.": "工作区至少需要一位在职的老板。",
    "Only the owner can change an owner's roles.": "只有老板可以修改老板的角色。",
    "The phone number is too long.": "电话号码太长。",
    "Please sign in.": "请先登录。",
    "Something went wrong on our side. Please try again.": "服务器出了点问题，请稍后重试。",
    "Page not found": "页面不存在",
    "%(who)s invited you to the workspace %(name)s on Sparrow.": "%(who)s 邀请您加入麻雀订单云上的工作区「%(name)s」。",
    "Choose your password here:": "请点击以下链接设置密码：",
    "Then sign in with this e-mail address:": "之后用此邮箱登录：",
    "You are invited to %(name)s on Sparrow": "您受邀加入麻雀订单云「%(name)s」",
    "Sign in": "登录",
    "Forgot your password?": "忘记密码？",
    "Reset your password": "重置密码",
    "Enter your e-mail address and we will send you a link to choose a new password.": "请输入您的邮箱，我们会发送设置新密码的链接。",
    "Send the link": "发送链接",
    "Password saved": "密码已保存",
    "Choose a new password": "设置新密码",
    "Save password": "保存密码",
    "This link no longer works": "此链接已失效",
    "It was used already or has expired. Ask for a new one.": "链接已被使用或已过期，请重新申请。",
    "Someone asked to reset the password of your Sparrow account. If it was you, open this link:": "有人申请重置您的麻雀订单云账号密码。如果是您本人，请打开此链接：",
    "If it was not you, ignore this e-mail; your password stays the same.": "如果不是您本人，请忽略此邮件，您的密码不会改变。",
    "Check your e-mail": "请查收邮件",
    "If an account uses that address, a link to choose a new password is on its way.": "如果有账号使用该邮箱，设置新密码的链接已发出。",
    "Sparrow: reset your password": "麻雀订单云：重置密码",
    "Sparrow order cloud": "麻雀订单云",
    "Sparrow": "麻雀订单云",
    "Language": "语言",
    "Sparrow: small as a sparrow, complete in every organ.": "麻雀虽小，五脏俱全。",
    "Please reload the page": "请刷新页面",
    "Your session form expired or the request came from another site. Reload the page and try again.": "页面已过期或请求来自其他网站，请刷新页面后重试。",
    "The order-management cloud for small businesses": "小微企业的订单管理云",
    "Catalog and stock across warehouses, purchasing, sales orders with review queues, shipping, receivables, field sales and distributors: one workspace for your whole trading business.": "商品与多仓库存、采购、带审核流程的销售订单、发货、应收、外勤销售与经销商订货：一个工作区管好整个贸易生意。",
    "Create your workspace": "创建您的工作区",
    "Create workspace": "创建工作区",
    "Workspace unavailable": "工作区暂不可用",
    "The workspace %(name)s is suspended or closed. Its owner can contact support to reopen it.": "工作区「%(name)s」已暂停或关闭，负责人可联系客服恢复。",
    "Workspace not found": "工作区不存在",
    "There is no workspace at %(hostname)s. Check the address, or create a new workspace.": "%(hostname)s 没有对应的工作区。请检查地址，或创建一个新的工作区。",
    "The workspace address must be 3 to 30 characters long.": "工作区地址长度须为 3 到 30 个字符。",
    "Use lower-case letters, digits and single hyphens; start and end with a letter or digit.": "只能使用小写字母、数字和单个连字符，且以字母或数字开头和结尾。",
    "This address is reserved; please choose another.": "该地址为系统保留，请换一个。",
    "This address is already taken; please choose another.": "该地址已被占用，请换一个。",
}

ENTRY = re.compile(r'msgid ((?:"(?:[^"\\]|\\.)*"\n?)+)msgstr ""\n', re.M)


def unquote(block: str) -> str:
    return "".join(re.findall(r'"((?:[^"\\]|\\.)*)"', block)).replace('\\"', '"').replace("\\n", "\n")


def fill(po_path: Path) -> list[str]:
    text = po_path.read_text()
    missing: list[str] = []

    def replace(match: re.Match[str]) -> str:
        msgid = unquote(match.group(1))
        if not msgid:
            return match.group(0)
        translation = ZH.get(msgid)
        if translation is None:
            missing.append(msgid)
            return match.group(0)
        escaped = translation.replace('"', '\\"').replace("\n", "\\n")
        return f'msgid {match.group(1)}msgstr "{escaped}"\n'

    po_path.write_text(ENTRY.sub(replace, text).replace("#, fuzzy\n", ""))
    return missing


if __name__ == "__main__":
    path = Path(__file__).parent / "zh_Hans" / "LC_MESSAGES" / "django.po"
    untranslated = fill(path)
    for msgid in untranslated:
        print(f"untranslated: {msgid!r}", file=sys.stderr)
    sys.exit(1 if untranslated else 0)
