"""Simplified Chinese for live delivery (GraphQL subscriptions over WebSocket)."""

ZH = {
    "This is not a notification id.": "这不是通知编号。",
    "Subscribe over WebSocket at /graphql/.": "请通过 WebSocket 连接 /graphql/ 订阅。",
}
