"""Simplified Chinese for the desktop workbench: sorting, filters, batch actions on orders,
saved views and columns (merged into translate_zh.py's catalogue)."""

ZH = {
    "This list cannot be sorted by that.": "此列表不能按该列排序。",
    "You may not see the amounts of orders.": "您无权查看订单金额。",
    "At most %(n)d orders at a time.": "一次最多 %(n)d 个订单。",
    "Choose at least one order.": "请至少选择一个订单。",
    "This list is unknown.": "未知的列表。",
    "This column is unknown.": "未知的列。",
    "At most %(n)d columns.": "最多 %(n)d 列。",
    "These filters cannot be read.": "无法识别这些筛选条件。",
    "At most %(n)d views per list.": "每个列表最多保存 %(n)d 个视图。",
    "View not found.": "找不到该视图。",
    "You already have a view with this name.": "您已有同名的视图。",
    "Enter an amount.": "请输入金额。",
    # the customer returns export (saas/reports/list_exports.py)
    "Customer returns": "客户退货",
    "Return number": "退货单号",
    "Return date": "退货日期",
    "Settlement": "结算方式",
    "Pending approval": "待审核",
    "Received into stock": "已入库",
    "Settled": "已结算",
    "Rejected": "已驳回",
    "Credit against what is owed": "冲抵欠款",
}
