"""Simplified Chinese for channel stock (saas/distribution channel stock reports and uploads)."""

ZH = {
    "Report stock for today or a day before.": "请上报今天或之前某天的库存。",
    "A report may be dated at most a year back.": "上报日期最多可追溯一年。",
    "Enter a number: zero or more, with at most 3 decimals.": "请输入数字：0 或以上，最多 3 位小数。",
    "Add at least one SKU.": "请至少添加一个商品（SKU）。",
    "At most %(n)d SKUs per report.": "每份上报最多 %(n)d 个商品（SKU）。",
    "Enter the SKU code.": "请输入商品编码。",
    "Unknown SKU code.": "商品编码不存在。",
    "This SKU is already in the report (row %(n)d).": "该商品已在本次上报中（第 %(n)d 行）。",
    "Unknown source.": "未知来源。",
    "Report not found.": "上报记录不存在。",
}
