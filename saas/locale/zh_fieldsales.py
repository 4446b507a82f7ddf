"""Simplified Chinese for field sales (saas/fieldsales)."""

ZH = {
    # positions from the browser, the packaged app or a map picker
    "The latitude must be a number from -90 to 90.": "纬度必须是 -90 到 90 之间的数字。",
    "The longitude must be a number from -180 to 180.": "经度必须是 -180 到 180 之间的数字。",
    "The accuracy must be a number of metres from 0 to 100,000.": "定位精度必须是 0 到 100,000 米之间的数字。",
    # check-in photos (saas/fieldsales/photos.py): refusals and the watermark's lines
    "The photo is too large: at most 20 MB and 50 megapixels.": "照片太大：最大 20 MB、5000 万像素。",
    "This file cannot be read as a photo: send a JPEG, PNG or WebP picture.": "无法识别该文件，请上传 JPEG、PNG 或 WebP 格式的照片。",
    "Time: %(value)s": "时间：%(value)s",
    "Place: %(value)s": "地点：%(value)s",
    "Customer: %(value)s": "客户：%(value)s",
    "Rep: %(value)s": "业务员：%(value)s",
}
