"""Fills the Simplified Chinese catalogue: `python saas/locale/translate_zh.py` after makemessages.

Kept as data next to the catalogue so a newcomer adds a line here, runs `make messages`, done.
A domain with many strings keeps its own table in `zh_<domain>.py` (a dict named ZH) beside
this file; they are merged in, so two people adding strings to two domains never collide.
"""

from __future__ import annotations

import re
import runpy
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
    "Not found.": "未找到。",
    "This field is required.": "此项为必填。",
    "At most %(n)d characters.": "最多 %(n)d 个字符。",
    "Supplier not found.": "供应商不存在。",
    "Purchase order not found.": "采购单不存在。",
    "Pack unit not found.": "包装单位不存在。",
    "Enter what arrived.": "请填写到货数量。",
    "Use letters, digits, '.', '-' or '_', starting with a letter or digit.": "请使用字母、数字、“.”、“-”或“_”，并以字母或数字开头。",
    "A barcode is 4-32 letters, digits or '-'.": "条码为 4-32 位字母、数字或“-”。",
    "Enter a number.": "请输入数字。",
    "Prices cannot be negative.": "价格不能为负数。",
    "The price is too large.": "价格过大。",
    "At most %(n)d decimal places.": "最多 %(n)d 位小数。",
    "A pack holds more than 0 base units, with at most 3 decimals.": "换算数量须大于 0，最多 3 位小数。",
    "At most %(n)d lines per call.": "每次最多 %(n)d 行。",
    "At most %(n)d specifications per product.": "每个商品最多 %(n)d 个规格。",
    "Each specification name appears once.": "规格名称不能重复。",
    "Give each specification at least one value.": "每个规格至少需要一个规格值。",
    "At most %(n)d values per specification.": "每个规格最多 %(n)d 个规格值。",
    "Each value appears once in a specification.": "同一规格下的规格值不能重复。",
    "These specifications make %(count)d SKUs; a product has at most %(n)d.": "这些规格将生成 %(count)d 个 SKU，每个商品最多 %(n)d 个。",
    "Product not found.": "商品不存在。",
    "Image not found.": "图片不存在。",
    "SKU not found.": "SKU 不存在。",
    "Category not found.": "分类不存在。",
    "The position must be between 0 and %(n)d.": "排序值须在 0 到 %(n)d 之间。",
    "A category with this name already exists here.": "此处已有同名分类。",
    "A category cannot move under itself or one of its sub-categories.": "分类不能移动到自身或其子分类之下。",
    "Categories can be at most %(n)d levels deep.": "分类最多 %(n)d 级。",
    "Move its products and sub-categories elsewhere first.": "请先移走该分类下的商品和子分类。",
    "Unknown industry.": "未知行业。",
    "Each pack unit name appears once per product.": "同一商品的包装单位名称不能重复。",
    "Each pack unit has its own name, other than the base unit.": "包装单位名称不能重复，也不能与基本单位相同。",
    "At most %(n)d pack units per product.": "每个商品最多 %(n)d 个包装单位。",
    "A SKU with these specification values already exists.": "已存在相同规格值的 SKU。",
    "Another item already has this barcode.": "该条码已被其他商品使用。",
    "Another product already has this code.": "该商品编码已被使用。",
    "Another SKU already has this code.": "该 SKU 编码已被使用。",
    "You are not allowed to see or change cost prices.": "您没有查看或修改成本价的权限。",
    "Choose an image file.": "请选择图片文件。",
    "The file is empty.": "文件为空。",
    "Images can be at most 5 MB.": "图片不能超过 5 MB。",
    "Upload a JPEG, PNG or WebP image.": "请上传 JPEG、PNG 或 WebP 格式的图片。",
    "A product has at most %(n)d images.": "每个商品最多 %(n)d 张图片。",
    "These values are not a combination of the product's specifications.": "这些规格值不是该商品规格的有效组合。",
    "This combination is listed twice.": "该规格组合重复出现。",
    "Details can be given only for SKUs this change adds; edit existing SKUs one by one.": "只能为本次新增的 SKU 填写明细；已有 SKU 请逐个编辑。",
    "This product has too many archived SKUs to add more.": "该商品已归档的 SKU 过多，无法继续新增。",
    "SKU details and prices come with the specifications they add.": "SKU 明细和价格需与新增的规格一起提交。",
    "Unknown status.": "未知状态。",
    "Add this SKU's specification values to the product again to bring it back.": "请先把该 SKU 的规格值重新加回商品，才能恢复它。",
    "A %(doc)s cannot go from %(current)s to %(to)s.": "%(doc)s 不能从 %(current)s 变为 %(to)s。",
    "Add at least one line.": "请至少添加一行。",
    "More than is reserved or in transit.": "超过了已预留或在途的数量。",
    "Not enough stock: %(available)s available.": "库存不足：可用 %(available)s。",
    "You are not allowed to see this.": "您没有查看此内容的权限。",
    "%(label)s not found.": "%(label)s 不存在。",
    "Quantities are positive, with at most 3 decimals.": "数量须大于 0，最多 3 位小数。",
    "Costs are zero or more.": "成本不能为负数。",
    "At most %(n)d lines per document.": "每张单据最多 %(n)d 行。",
    "Warehouse not found.": "仓库不存在。",
    "Product not found or archived.": "商品不存在或已归档。",
    "Choose in or out.": "请选择入库或出库。",
    "This reason does not fit this direction.": "该原因与出入库方向不符。",
    "This code is already used.": "该编码已被使用。",
    "Move or write off its stock before closing a warehouse.": "停用仓库前，请先移出或核销其库存。",
    "This code is already used in this warehouse.": "该编码在此仓库中已被使用。",
    "Warning levels are zero or more.": "预警数量不能为负数。",
    "The maximum must not be below the minimum.": "上限不能低于下限。",
    "Bin not found in this warehouse.": "该仓库中没有此库位。",
    "Show distributors a band or nothing.": "请选择向经销商显示库存档位或不显示。",
    "Choose two different warehouses.": "请选择两个不同的仓库。",
    "Transfer not found.": "调拨单不存在。",
    "Too many products for one count.": "一次盘点的商品过多。",
    "Too many products for one count; count by category.": "一次盘点的商品过多，请按分类盘点。",
    "Stocktake not found.": "盘点单不存在。",
    "Stock entry not found.": "出入库单不存在。",
    "This stocktake is closed.": "该盘点单已关闭。",
    "Send 1 to 100 counts at a time.": "每次提交 1 到 100 条盘点数量。",
    "Counts are zero or more.": "盘点数量不能为负数。",
    "This product is counted twice in one go; send one count for it.": "同一商品在一次提交中被盘点了两次，请只提交一个数量。",
    "Count at least one product first.": "请先盘点至少一个商品。",
    "limit must be 1-%(n)d and offset at least 0.": "每页数量须为 1-%(n)d，偏移量不能小于 0。",
    "Too many warehouses.": "仓库过多。",
    "Prices are zero or more, with at most 4 decimals.": "价格不能为负数，最多 4 位小数。",
    "Amounts are positive, with at most 2 decimals.": "金额须大于 0，最多 2 位小数。",
    "Quantities are zero or more, with at most 3 decimals.": "数量不能为负数，最多 3 位小数。",
    "Enter whole days from 0 to %(n)d.": "请输入 0 到 %(n)d 之间的整数天数。",
    "This supplier is inactive.": "该供应商已停用。",
    "This product is already on the order for this warehouse.": "该商品已在此订单中（同一仓库）。",
    "This quantity is not a whole number of base units (%(unit)s).": "该数量换算后不是整数个基本单位（%(unit)s）。",
    "This supplier has no price for this product; enter one.": "该供应商没有此商品的价格，请填写。",
    "Only a draft can be changed; send it back to draft first.": "只能修改草稿，请先退回草稿。",
    "Goods have been received against this order; close it instead.": "此订单已有收货，请改为关闭订单。",
    "Not a line of this order.": "不是此订单的明细行。",
    "This line is already on the receipt.": "该明细已在收货单中。",
    "More than is outstanding: %(n)s %(unit)s.": "超过未收数量：%(n)s %(unit)s。",
    "Goods can be received only against an approved order.": "只能对已审核的订单收货。",
    "Supplier not found or inactive.": "供应商不存在或已停用。",
    "Not a receipt line of this supplier.": "不是该供应商的收货明细。",
    "Only %(n)s rejected and not yet returned.": "拒收且未退回的只有 %(n)s。",
    "At most %(n)d contacts.": "最多 %(n)d 个联系人。",
    "Supplier item not found.": "供货商品不存在。",
}

for _table in sorted(Path(__file__).parent.glob("zh_*.py")):
    ZH.update(runpy.run_path(str(_table))["ZH"])

BLOCK_SPLIT = re.compile(r"\n\s*\n")
QUOTED = re.compile(r'"((?:[^"\\]|\\.)*)"')
ESCAPE = re.compile(r"\\(.)")


def unquote(lines: list[str]) -> str:
    text = "".join(match for line in lines for match in QUOTED.findall(line))
    # Undo the .po escapes (backslash before a quote, n, t or another backslash) in one pass.
    return ESCAPE.sub(lambda match: {"n": "\n", "t": "\t"}.get(match.group(1), match.group(1)), text)


def fill(po_path: Path) -> list[str]:
    """Set every msgstr from ZH (msgmerge's fuzzy guesses included); report what ZH lacks."""
    blocks = BLOCK_SPLIT.split(po_path.read_text().strip())
    missing: list[str] = []
    out: list[str] = []
    for block in blocks:
        lines = block.splitlines()
        if any(line.startswith("#~") for line in lines):
            continue  # obsolete entries: gone from the code
        try:
            id_at = next(i for i, line in enumerate(lines) if line.startswith("msgid "))
            str_at = next(i for i, line in enumerate(lines) if line.startswith(("msgstr ", "msgstr[0] ")))
        except StopIteration:
            out.append(block)
            continue
        # A plural entry (ngettext) is keyed by its singular; Chinese has one plural form.
        plural_at = next((i for i in range(id_at, str_at) if lines[i].startswith("msgid_plural ")), None)
        msgid = unquote(lines[id_at : plural_at if plural_at is not None else str_at])
        if not msgid:  # the header
            out.append(block.replace("#, fuzzy\n", ""))
            continue
        translation = ZH.get(msgid)
        if translation is None:
            missing.append(msgid)
            translation = ""
        comments = [line for line in lines[:id_at] if not line.startswith(("#, fuzzy", "#| "))]
        escaped = translation.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
        msgstr = "msgstr[0]" if plural_at is not None else "msgstr"
        out.append("\n".join([*comments, *lines[id_at:str_at], f'{msgstr} "{escaped}"']))
    po_path.write_text("\n\n".join(out) + "\n")
    return missing


if __name__ == "__main__":
    path = Path(__file__).parent / "zh_Hans" / "LC_MESSAGES" / "django.po"
    untranslated = fill(path)
    for msgid in untranslated:
        print(f"untranslated: {msgid!r}", file=sys.stderr)
    sys.exit(1 if untranslated else 0)
