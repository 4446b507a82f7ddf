/**
 * Loads a screen's module on first use: one `import()` per module named in core/routes.js, so
 * each screen is fetched only when opened (and the service worker and tests/bench/shell_size.py
 * can follow every one). The only module that imports screens; no screen imports another.
 */

const LOADERS = {
  customer: () => import('./customer.js'),
  customer_form: () => import('./customer_form.js'),
  customers: () => import('./customers.js'),
  home: () => import('./home.js'),
  inbox: () => import('./inbox.js'),
  notification_settings: () => import('./notification_settings.js'),
  invoice: () => import('./invoice.js'),
  invoice_form: () => import('./invoice_form.js'),
  invoices: () => import('./invoices.js'),
  login: () => import('./login.js'),
  more: () => import('./more.js'),
  movements: () => import('./movements.js'),
  order: () => import('./order.js'),
  order_form: () => import('./order_form.js'),
  orders: () => import('./orders.js'),
  outbox: () => import('./outbox.js'),
  product_detail: () => import('./product_detail.js'),
  product_edit: () => import('./product_edit.js'),
  product_form: () => import('./product_form.js'),
  products: () => import('./products.js'),
  profile: () => import('./profile.js'),
  purchase_order_detail: () => import('./purchase_order_detail.js'),
  purchase_order_form: () => import('./purchase_order_form.js'),
  purchase_orders: () => import('./purchase_orders.js'),
  quotation: () => import('./quotation.js'),
  quotation_form: () => import('./quotation_form.js'),
  quotations: () => import('./quotations.js'),
  receipt: () => import('./receipt.js'),
  receipt_form: () => import('./receipt_form.js'),
  receipts: () => import('./receipts.js'),
  receivables: () => import('./receivables.js'),
  receiving: () => import('./receiving.js'),
  refund_form: () => import('./refund_form.js'),
  replenishment: () => import('./replenishment.js'),
  reports: () => import('./reports.js'),
  return_form: () => import('./return_form.js'),
  returns: () => import('./returns.js'),
  sales_return: () => import('./sales_return.js'),
  shipping: () => import('./shipping.js'),
  shipping_batch: () => import('./shipping_batch.js'),
  shipping_carriers: () => import('./shipping_carriers.js'),
  shipping_deliveries: () => import('./shipping_deliveries.js'),
  shipping_order: () => import('./shipping_order.js'),
  shipping_signback: () => import('./shipping_signback.js'),
  shipping_signback_form: () => import('./shipping_signback_form.js'),
  shipping_templates: () => import('./shipping_templates.js'),
  shipping_verify: () => import('./shipping_verify.js'),
  statement: () => import('./statement.js'),
  stock: () => import('./stock.js'),
  stock_entry: () => import('./stock_entry.js'),
  stocktake: () => import('./stocktake.js'),
  stocktakes: () => import('./stocktakes.js'),
  supplier: () => import('./supplier.js'),
  supplier_form: () => import('./supplier_form.js'),
  suppliers: () => import('./suppliers.js'),
  transfer_form: () => import('./transfer_form.js'),
  transfers: () => import('./transfers.js'),
  users: () => import('./users.js'),
  warehouses: () => import('./warehouses.js'),
};

/** The module of a route from core/routes.js (an unknown name rejects, shown as a load error). */
export function loadScreen(route) {
  const load = LOADERS[route.module];
  return load ? load() : Promise.reject(new Error(`no screen module ${route.module}`));
}
