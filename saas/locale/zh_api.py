"""Chinese for the API's rate limits by query cost (saas/api/cost_limit.py)."""

ZH = {
    "Too many requests. Please try again in %(seconds)d seconds.": "请求过于频繁，请 %(seconds)d 秒后再试。",
    "This query costs %(cost)d points; one query may cost at most %(most)d. Ask for fewer rows or fewer fields.": "此查询需要 %(cost)d 点，单次查询最多 %(most)d 点。请减少行数或字段。",
    "Subscriptions are served over WebSocket (graphql-transport-ws) at /graphql/.": "订阅只能通过 WebSocket（graphql-transport-ws）在 /graphql/ 使用。",
    "The request body is not UTF-8 text.": "请求内容不是 UTF-8 文本。",
    "The request body is not valid JSON.": "请求内容不是有效的 JSON。",
    "Send one operation per request; batches are not accepted.": "每个请求只能包含一个操作，不支持批量请求。",
    "The request body must be a JSON object with a query.": "请求内容必须是包含 query 的 JSON 对象。",
    "The request needs a query: a GraphQL document as text.": "请求缺少 query（GraphQL 文档文本）。",
    "%(name)s must be a JSON object.": "%(name)s 必须是 JSON 对象。",
    "operationName must be text.": "operationName 必须是文本。",
    "This is not a GraphQL request Sparrow can run.": "这不是可以执行的 GraphQL 请求。",
}
