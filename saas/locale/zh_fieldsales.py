"""Simplified Chinese for field sales (saas/fieldsales)."""

ZH = {
    # positions from the browser, the packaged app or a map picker
    "The latitude must be a number from -90 to 90.": "纬度必须是 -90 到 90 之间的数字。",
    "The longitude must be a number from -180 to 180.": "经度必须是 -180 到 180 之间的数字。",
    "The accuracy must be a number of metres from 0 to 100,000.": "定位精度必须是 0 到 100,000 米之间的数字。",
}
