/** Order entry with no network and orders waiting in the outbox (en). Every key here must also be in the other language's file. */

export default {
  'offorder.form_offline': 'You are offline: customers, products and prices come from the copies saved on this device. Submitting keeps the order in the outbox until you are back online.',
  'offorder.search_saved': 'Offline: searching the products saved on this device',
  'offorder.customers_saved': 'Offline: customers saved on this device',
  'offorder.tier_price': 'Customer price {price}/{unit}',
  'offorder.queued': 'You are offline: the order waits in the outbox and is sent when you are back online.',
  'offorder.sent_now': 'The order was sent.',
  'offorder.outbox_place': 'Order for {customer} · {count} lines',
  'offorder.outbox_draft': 'Draft order for {customer} · {count} lines',
  'offorder.line': '{name} × {quantity} {unit} · {price}',
  'offorder.accept_price': 'Use the new price',
  'offorder.remove_line': 'Remove this line',
  'offorder.resend': 'Send again',
};
