/** Order entry with no network and orders waiting in the outbox (zh-hans). Every key here must also be in the other language's file. */

export default {
  'offorder.form_offline': '当前离线：客户、商品和价格来自本机保存的副本。提交后订单存入待发送，联网后自动发出。',
  'offorder.search_saved': '离线：在本机保存的商品中搜索',
  'offorder.customers_saved': '离线：本机保存的客户',
  'offorder.tier_price': '客户价 {price}/{unit}',
  'offorder.queued': '当前离线：订单已存入待发送，联网后自动发出。',
  'offorder.sent_now': '订单已发出。',
  'offorder.outbox_place': '{customer} 的订单 · {count} 行',
  'offorder.outbox_draft': '{customer} 的草稿订单 · {count} 行',
  'offorder.line': '{name} × {quantity}{unit} · {price}',
  'offorder.accept_price': '采用新价格',
  'offorder.remove_line': '删除此行',
  'offorder.resend': '重新发送',
};
