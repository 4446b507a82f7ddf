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
    "Only sales reps and their managers check in at customers.": "只有业务员及其经理可以在客户处签到。",
    "Only managers change the field settings.": "只有经理可以修改外勤设置。",
    "The radius is 10 to 5,000 metres.": "签到半径为 10 到 5,000 米。",
    "Positions are kept 7 to 3,650 days.": "位置保留 7 到 3,650 天。",
    "Unknown map system.": "未知的地图坐标系。",
    "The capture time is in the future; check the phone's clock.": "采集时间晚于现在，请检查手机时间。",
    "Check-ins older than 7 days cannot be sent any more.": "超过 7 天的签到不能再提交。",
    "Photo not found.": "找不到该照片。",
    "Give both latitude and longitude, or neither.": "请同时填写纬度和经度，或都不填。",
    "This QR code is not this customer's, or it was replaced.": "该二维码不属于此客户，或已被更换。",
    "Visit not found.": "找不到该拜访记录。",
    "This visit was already checked out.": "该拜访已签退。",
    # check-in photos stored and attached (saas/fieldsales/photo_services.py)
    "Choose a photo.": "请选择一张照片。",
    "Photos taken more than 7 days ago cannot be sent any more.": "超过 7 天的照片不能再提交。",
    "At most %(n)d photos per check-in.": "每次签到最多 %(n)d 张照片。",
    "Only owners and admins change teams and regions.": "只有老板和管理员可以修改团队和区域。",
}
