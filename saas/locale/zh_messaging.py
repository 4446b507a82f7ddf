"""Simplified Chinese for messaging (saas/messaging): conversations, messages, pictures."""

ZH = {
    # who talks with whom (saas/messaging/access.py, services.py)
    "Conversation not found.": "找不到该会话。",
    "Person not found.": "找不到该人员。",
    "People of two distributors cannot be in one conversation.": "不同经销商的人员不能在同一个会话中。",
    "Choose someone to talk with.": "请选择聊天对象。",
    "Choose someone to add.": "请选择要添加的人。",
    "A direct conversation stays between two people: start a group instead.": "单聊只能两个人，请另建群聊。",
    # messages (saas/messaging/message_services.py, selectors.py)
    "Message not found.": "找不到该消息。",
    "A message needs its clientId.": "消息缺少 clientId。",
    "At most %(n)d pictures per message.": "每条消息最多 %(n)d 张图片。",
    "This clientId belongs to a message of another conversation.": "该 clientId 已用于另一个会话中的消息。",
    "Write something, or send a picture or an order.": "请输入内容，或发送图片、订单。",
    "Only its sender can recall a message.": "只有发送者可以撤回消息。",
    "A message can be recalled within two minutes of sending.": "消息发送超过两分钟，无法撤回。",
    "This is not a message id.": "这不是有效的消息编号。",
    "This is not a cursor.": "这不是有效的游标。",
    # pictures (saas/messaging/images.py, views.py)
    "Picture not found.": "找不到该图片。",
    "Choose a picture.": "请选择一张图片。",
    "The picture is too large: at most 10 MB and 40 megapixels.": "图片太大：最大 10 MB、4000 万像素。",
    "This file cannot be read as a picture: send a JPEG, PNG or WebP image.": "无法识别该文件，请发送 JPEG、PNG 或 WebP 格式的图片。",
    # the notification of someone away (saas/messaging/delivery.py)
    "%(name)s sent you a message": "%(name)s 给您发了一条消息",
    "%(name)s wrote about order %(number)s": "%(name)s 在订单 %(number)s 中留言",
    "%(name)s wrote about quotation %(number)s": "%(name)s 在报价单 %(number)s 中留言",
    "A thread is on one document: give an order or a quotation.": "一个讨论只能针对一张单据：请只选订单或报价单。",
    "%(name)s wrote in %(title)s": "%(name)s 在「%(title)s」中发言",
    "%(name)s wrote in a group conversation": "%(name)s 在群聊中发言",
}
