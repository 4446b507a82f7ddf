"""Simplified Chinese for importing a cart from a sheet (saas/distribution/selectors/cart_import.py)."""

ZH = {
    "At most %(n)d lines per cart.": "购物车最多 %(n)d 行。",
    "Enter the quantity.": "请输入数量。",
    "Enter the SKU code or barcode.": "请输入商品编码或条码。",
    "Unknown SKU code or barcode, or one your level may not order.": "商品编码或条码不存在，或您的级别不可订购。",
    "This SKU is already in the sheet (row %(n)d).": "该商品已在表格中（第 %(n)d 行）。",
    "With the cart's quantity this is more than can be ordered.": "加上购物车中已有的数量后超过可订购的数量。",
    "The cart could not be read.": "无法读取购物车。",
}
