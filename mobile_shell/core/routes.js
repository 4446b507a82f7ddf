/**
 * Every screen of the app, in navigation order: where it lives, who may open it, how the
 * navigation shows it. Plain data, so the home and "more" screens and the frame can read it
 * without importing the screens themselves; screens/registry.js loads a screen's module by its
 * `module` name. Adding a screen is one module in screens/, one entry here and its loader there
 * (plus its strings in both catalogues):
 *
 *   id      stable name, also used for <body data-screen>
 *   path    under /app, with :name segments for parameters ("/orders/:id")
 *   label   catalogue key of its name in the navigation and the window title
 *   icon    a name from ui/icons.js
 *   nav     true to list it in the navigation (side nav on wide screens, tab bar on phones)
 *   side    true to list it in the side nav only (wide screens have room; the phone's tab bar
 *           and More list stay as they are)
 *   scope   the scope a user needs (a list means any of them); the entry is hidden without it
 *   navScope  when listing it in the navigation should take less than `scope` lets in (those
 *           who act on the screen rather than all who may look at it)
 *   navRole the role a user needs as well for the entry to be listed: the distributors' portal
 *           is for people of the distributor role (the owner holds every scope, portal too, but
 *           orders for no distributor)
 *   todos   the dashboard's to-do keys this screen deals with (the home screen links them here):
 *           a list, or { key: '?query' } to open the screen filtered for that to-do
 *   module  the file in screens/ without .js; it exports mount(root, { params, query }) returning
 *           { refresh?(), unmount?() }
 */

export const SCREENS = [
  { id: 'home', path: '/', label: 'nav.home', icon: 'home', nav: true, module: 'home' },
  // The distributors' portal (订货): a distributor's person orders, pays, follows its orders and
  // reports its stock. First, so its tabs lead a distributor's phone.
  { id: 'portal-catalog', path: '/portal/catalog', label: 'portal.catalog', icon: 'plus', nav: true, navRole: 'distributor', scope: 'distributor.portal', module: 'portal_catalog' },
  { id: 'portal-orders', path: '/portal/orders', label: 'portal.orders', icon: 'order', nav: true, navRole: 'distributor', scope: 'distributor.portal', module: 'portal_orders' },
  { id: 'portal-order', path: '/portal/orders/:id', label: 'portal.order', scope: 'distributor.portal', module: 'portal_order' },
  { id: 'portal-cart', path: '/portal/cart', label: 'portal.cart', scope: 'distributor.portal', module: 'portal_cart' },
  { id: 'portal-checkout', path: '/portal/checkout', label: 'portal.checkout', scope: 'distributor.portal', module: 'portal_checkout' },
  { id: 'portal-wallet', path: '/portal/wallet', label: 'portal.wallet', icon: 'wallet', nav: true, navRole: 'distributor', scope: 'distributor.portal', module: 'portal_wallet' },
  { id: 'portal-stock', path: '/portal/stock', label: 'sreport.title', icon: 'upload', nav: true, navRole: 'distributor', scope: 'distributor.portal', module: 'portal_stock' },
  { id: 'portal-commissions', path: '/portal/commissions', label: 'myreward.statements', icon: 'chart', nav: true, navRole: 'distributor', scope: 'distributor.portal', module: 'portal_commissions' },
  { id: 'portal-rebates', path: '/portal/rebates', label: 'myreward.rebates', icon: 'wallet', nav: true, navRole: 'distributor', scope: 'distributor.portal', module: 'portal_rebates' },
  { id: 'portal-downline', path: '/portal/downline', label: 'downline.title', icon: 'users', nav: true, navRole: 'distributor', scope: 'distributor.portal', module: 'portal_downline' },
  // The daily work first: on a phone the tab bar holds the first entries a user may open.
  // Sales orders: reps see their own, managers and finance all, the warehouse those to ship.
  {
    id: 'orders',
    path: '/orders',
    label: 'nav.orders',
    icon: 'order',
    nav: true,
    scope: ['orders.view_own', 'orders.view_all', 'orders.view_shipping'],
    // sales.pending_shipment is the shipping screen's to-do (it is where goods are sent from).
    todos: {
      'sales.pending_review': '?queue=pending_review',
      'sales.pending_purchase': '?queue=pending_purchase',
      'sales.pending_signback': '?queue=pending_signback',
    },
    module: 'orders',
  },
  // /orders/new before /orders/:id: the first matching entry wins.
  { id: 'order-new', path: '/orders/new', label: 'order.create_title', scope: 'orders.edit', module: 'order_form' },
  { id: 'order-edit', path: '/orders/:id/edit', label: 'order.edit_title', scope: 'orders.edit', module: 'order_form' },
  { id: 'order', path: '/orders/:id', label: 'order.title', scope: ['orders.view_own', 'orders.view_all', 'orders.view_shipping'], module: 'order' },
  { id: 'quotations', side: true, path: '/quotations', label: 'quotations.title', icon: 'order', scope: ['orders.view_own', 'orders.view_all'], module: 'quotations' },
  // /quotations/new and /quotations/:id/edit before /quotations/:id: the first matching entry wins.
  { id: 'quotation-new', path: '/quotations/new', label: 'quotation.create_title', scope: 'orders.edit', module: 'quotation_form' },
  { id: 'quotation-edit', path: '/quotations/:id/edit', label: 'quotation.edit_title', scope: 'orders.edit', module: 'quotation_form' },
  { id: 'quotation', path: '/quotations/:id', label: 'quotation.title', scope: ['orders.view_own', 'orders.view_all'], module: 'quotation' },
  // Customers: a rep sees their own (view_own), managers and finance everyone's (view_all).
  { id: 'customers', path: '/customers', label: 'nav.customers', icon: 'customer', nav: true, scope: ['customers.view_own', 'customers.view_all'], module: 'customers' },
  // /customers/new before /customers/:id: the first matching entry wins.
  { id: 'customer-new', path: '/customers/new', label: 'customer.create_title', scope: ['customers.view_own', 'customers.view_all'], module: 'customer_form' },
  { id: 'customer', path: '/customers/:id', label: 'customer.title', scope: ['customers.view_own', 'customers.view_all'], module: 'customer' },
  // Field sales (外勤): a rep's day and check-in; managers see their teams' (view_team) or everyone's.
  { id: 'field', path: '/field', label: 'nav.field', icon: 'pin', nav: true, scope: ['field.view_own', 'field.view_team', 'field.view_all'], module: 'field_day' },
  { id: 'field-check-in', path: '/field/check-in', label: 'field.check_in_title', scope: ['field.view_own', 'field.view_team', 'field.view_all'], module: 'field_check_in' },
  // A rep's plan and work log; the work_log.commented notification links to /field/logs/<id>.
  { id: 'field-plan', path: '/field/plan', label: 'fplan.title', scope: ['field.view_own', 'field.view_team', 'field.view_all'], module: 'field_plan' },
  { id: 'field-logs', path: '/field/logs', label: 'flog.title', scope: ['field.view_own', 'field.view_team', 'field.view_all'], module: 'field_logs' },
  { id: 'field-log', path: '/field/logs/:id', label: 'flog.title', scope: ['field.view_own', 'field.view_team', 'field.view_all'], module: 'field_log' },
  // One visit and its record (拜访记录); /field/visits/pending?client= records a check-in still in
  // the outbox. The fixed path before /field/visits/:id: the first matching entry wins.
  { id: 'field-visit-pending', path: '/field/visits/pending', label: 'fvisit.title', scope: ['field.view_own', 'field.view_team', 'field.view_all'], module: 'field_visit' },
  { id: 'field-visit', path: '/field/visits/:id', label: 'fvisit.title', scope: ['field.view_own', 'field.view_team', 'field.view_all'], module: 'field_visit' },
  { id: 'field-settings', path: '/field/settings', label: 'field.settings', scope: 'field.manage', module: 'field_settings' },
  { id: 'field-rankings', path: '/field/rankings', label: 'field.rankings', scope: ['field.view_own', 'field.view_team', 'field.view_all'], module: 'field_rankings' },
  { id: 'field-team', path: '/field/team', label: 'field.team', scope: ['field.view_team', 'field.view_all'], module: 'field_team' },
  // Shipping (发货) for the warehouse; its other screens are further down.
  {
    id: 'shipping',
    path: '/shipping',
    label: 'nav.shipping',
    icon: 'truck',
    nav: true,
    scope: 'shipping.manage',
    todos: ['sales.pending_shipment'],
    module: 'shipping',
  },  {
    id: 'users',
    path: '/users',
    label: 'nav.users',
    icon: 'users',
    nav: true,
    scope: 'users.manage',
    todos: ['users.pending_invitations'],
    module: 'users',
  },
  // The partner integration's settings, for owners and admins (saas/partners/access.py). The
  // "endpoint switched off" notification links to /settings/webhooks/<id>: keep that path.
  // 套餐与用量: the owner's plan, usage, payment and invoices (core/workspace_state.js links here).
  { id: 'billing', path: '/billing', label: 'billing.title', icon: 'wallet', nav: true, navRole: 'owner', scope: 'tenant.manage', module: 'billing' },
  { id: 'api-keys', path: '/settings/api-keys', label: 'apikey.list_title', icon: 'key', nav: true, scope: 'tenant.manage', module: 'api_keys' },
  { id: 'webhooks', path: '/settings/webhooks', label: 'webhook.list_title', icon: 'globe', nav: true, scope: 'tenant.manage', module: 'webhooks' },
  { id: 'webhook-endpoint', path: '/settings/webhooks/:id', label: 'webhook.title', scope: 'tenant.manage', module: 'webhook_endpoint' },
  // 打印设置: what the order print and the delivery note show (columns, texts, 大写金额).
  { id: 'print-settings', side: true, path: '/settings/print', label: 'printset.title', icon: 'order', scope: ['tenant.manage', 'shipping.manage'], module: 'print_settings' },
  // 销售设置: the order rules (review, sign-back, backorders) as switches.
  { id: 'sales-settings', side: true, path: '/settings/sales', label: 'salesset.title', icon: 'order', scope: 'tenant.manage', module: 'sales_settings' },
  // 消息: conversations with colleagues and distributors; an order's thread lives on its page.
  // Everyone signed in, distributors' people too (they see only their own conversations).
  { id: 'chat', path: '/chat', label: 'chat.title', icon: 'chat', nav: true, module: 'chat' },
  { id: 'chat-conversation', path: '/chat/:id', label: 'chat.title', module: 'chat' },
  { id: 'inbox', path: '/inbox', label: 'nav.inbox', icon: 'bell', module: 'inbox' },
  { id: 'notification-settings', path: '/inbox/settings', label: 'inbox.settings_title', module: 'notification_settings' },
  { id: 'outbox', path: '/outbox', label: 'nav.outbox', icon: 'upload', module: 'outbox' },
  { id: 'more', path: '/more', label: 'nav.more', icon: 'more', module: 'more' },
  // On phones the tab bar keeps 我的 as its last tab, whatever fits before it (ui/shell.js).
  { id: 'profile', path: '/profile', label: 'nav.profile', icon: 'user', nav: true, module: 'profile' },
  // Sales reps (inventory.view) look up stock; distributors (inventory.view_availability) see
  // only a band or nothing on products, and never the stock or movements screens.
  { id: 'products', path: '/products', label: 'nav.products', icon: 'inbox', nav: true, scope: ['inventory.view', 'inventory.view_availability'], module: 'products' },
  { id: 'product-new', path: '/products/new', label: 'product.create_title', scope: 'catalog.manage', module: 'product_form' },
  { id: 'product-edit', path: '/products/:id/edit', label: 'product.edit_title', scope: 'catalog.manage', module: 'product_edit' },
  { id: 'product', path: '/products/:id', label: 'product.title', scope: ['inventory.view', 'inventory.view_availability'], module: 'product_detail' },
  { id: 'stock', path: '/stock', label: 'nav.stock', icon: 'download', nav: true, scope: 'inventory.view', todos: { 'inventory.low_stock': '?low=1' }, module: 'stock' },
  { id: 'stock-entry', path: '/stock/entry', label: 'entry.title', icon: 'plus', nav: true, scope: 'inventory.manage', module: 'stock_entry' },
  { id: 'movements', path: '/movements/:skuId', label: 'movements.title', scope: 'inventory.manage', module: 'movements' },
  { id: 'stocktakes', path: '/stocktakes', label: 'nav.stocktakes', icon: 'check', nav: true, scope: 'inventory.manage', module: 'stocktakes' },
  { id: 'stocktake', path: '/stocktakes/:id', label: 'stocktake.title', scope: 'inventory.manage', module: 'stocktake' },
  { id: 'transfers', path: '/transfers', label: 'nav.transfers', icon: 'refresh', nav: true, scope: 'inventory.manage', module: 'transfers' },
  { id: 'transfer-new', path: '/transfers/new', label: 'transfer.create_title', scope: 'inventory.manage', module: 'transfer_form' },
  { id: 'replenishment', path: '/replenishment', label: 'nav.replenishment', icon: 'refresh', nav: true, scope: 'purchasing.manage', module: 'replenishment' },
  { id: 'purchase-orders', path: '/purchase-orders', label: 'nav.purchase_orders', icon: 'upload', nav: true, scope: 'purchasing.manage', todos: { 'purchasing.awaiting_approval': '?status=submitted' }, module: 'purchase_orders' },
  // /purchase-orders/new before /purchase-orders/:id: the first matching entry wins.
  { id: 'purchase-order-new', path: '/purchase-orders/new', label: 'pof.create_title', scope: 'purchasing.manage', module: 'purchase_order_form' },
  { id: 'purchase-order-edit', path: '/purchase-orders/:id/edit', label: 'pof.edit_title', scope: 'purchasing.manage', module: 'purchase_order_form' },
  { id: 'purchase-order', path: '/purchase-orders/:id', label: 'po.title_one', scope: 'purchasing.manage', module: 'purchase_order_detail' },
  { id: 'receiving', path: '/purchase-orders/:id/receive', label: 'receiving.title', scope: 'inventory.manage', module: 'receiving' },
  { id: 'suppliers', path: '/suppliers', label: 'nav.suppliers', icon: 'truck', nav: true, scope: 'purchasing.manage', module: 'suppliers' },
  { id: 'supplier-new', path: '/suppliers/new', label: 'supplier.create_title', scope: 'purchasing.manage', module: 'supplier_form' },
  { id: 'supplier', path: '/suppliers/:id', label: 'supplier.title', scope: 'purchasing.manage', module: 'supplier' },
  { id: 'imports', path: '/imports', label: 'import.title', icon: 'upload', scope: ['customers.view_own', 'customers.view_all', 'catalog.manage', 'inventory.manage', 'purchasing.manage'], module: 'imports' },
  { id: 'warehouses', path: '/warehouses', label: 'nav.warehouses', icon: 'inbox', nav: true, scope: 'inventory.manage', module: 'warehouses' },
  // Money, returns and reports. Finance records receipts, refunds and invoices; reps see the
  // receivables, returns and reports of their own orders; the warehouse receives returns.
  { id: 'receipts', path: '/receipts', label: 'nav.receipts', icon: 'wallet', nav: true, scope: 'finance.view', module: 'receipts' },
  // /receipts/new before /receipts/:id: the first matching entry wins.
  { id: 'receipt-new', path: '/receipts/new', label: 'receipt.create_title', scope: 'finance.manage', module: 'receipt_form' },
  { id: 'receipt', path: '/receipts/:id', label: 'receipt.title', scope: ['finance.view', 'orders.view_all', 'orders.view_own'], module: 'receipt' },
  { id: 'refund-new', path: '/refunds/new', label: 'refund.create_title', scope: 'finance.manage', module: 'refund_form' },
  { id: 'receivables', side: true, path: '/receivables', label: 'receivable.title', icon: 'clock', scope: ['finance.view', 'orders.view_all', 'orders.view_own'], module: 'receivables' },
  { id: 'statement', path: '/customers/:id/statement', label: 'statement.title', scope: ['finance.view', 'orders.view_all'], module: 'statement' },
  { id: 'invoices', side: true, path: '/invoices', label: 'invoice.list_title', icon: 'wallet', scope: 'finance.view', module: 'invoices' },
  { id: 'invoice-new', path: '/invoices/new', label: 'invoice.create_title', scope: 'finance.manage', module: 'invoice_form' },
  { id: 'invoice', path: '/invoices/:id', label: 'invoice.title', scope: 'finance.view', module: 'invoice' },
  // Listed in the navigation for those who act on returns, as the server lets them
  // (saas/sales/services/returns.py): reps ask for them (orders.edit), reviewers approve them,
  // the warehouse receives them. Finance reaches them from the money screens' links.
  {
    id: 'returns',
    path: '/returns',
    label: 'sreturn.list_title',
    icon: 'undo',
    nav: true,
    scope: ['orders.view_own', 'orders.view_all', 'orders.review', 'finance.view', 'inventory.manage'],
    navScope: ['orders.edit', 'orders.review', 'inventory.manage'],
    module: 'returns',
  },
  { id: 'return-new', path: '/returns/new', label: 'sreturn.create_title', scope: 'orders.edit', module: 'return_form' },
  { id: 'return', path: '/returns/:id', label: 'sreturn.title', scope: ['orders.view_own', 'orders.view_all', 'orders.review', 'finance.view', 'inventory.manage'], module: 'sales_return' },
  { id: 'reports', path: '/reports', label: 'nav.reports', icon: 'chart', nav: true, scope: 'reports.view', module: 'reports' },
  // The distribution network for the workspace: the tree, price lists, channel stock.
  { id: 'network', path: '/network', label: 'network.title', icon: 'users', nav: true, scope: 'distribution.view', module: 'network' },
  { id: 'network-prices', path: '/network/prices', label: 'prices.title', scope: 'distribution.view', module: 'network_prices' },
  { id: 'network-stock', path: '/network/stock', label: 'cstock.title', scope: 'distribution.view', module: 'network_stock' },
  // Profit sharing and rebates: the monthly settlements lead (the others are linked from them).
  { id: 'settlements', path: '/network/settlements', label: 'settle.title', icon: 'wallet', nav: true, scope: 'distribution.view', module: 'commission_settlements' },
  { id: 'settlement', path: '/network/settlements/:id', label: 'settle.title', scope: 'distribution.view', module: 'commission_settlement' },
  { id: 'commission-rules', path: '/network/commission-rules', label: 'crules.title', scope: 'distribution.view', module: 'commission_rules' },
  { id: 'rewards', path: '/network/rewards', label: 'rebate.title', scope: 'distribution.view', module: 'network_rewards' },
  { id: 'rebate-run', path: '/network/rebate-runs/:id', label: 'rebate.run_title', scope: 'distribution.view', module: 'rebate_run' },
  // Shipping (发货): the warehouse ships one order or many at once, picks and scan-verifies
  // packages, prints, and collects sign-backs (also reps, who bring signed notes back).
  // The fixed /shipping/... paths before /shipping/orders/:id and /shipping/signback/:id.

  { id: 'shipping-batch', path: '/shipping/batch', label: 'shipbatch.title', scope: 'shipping.manage', module: 'shipping_batch' },
  { id: 'shipping-verify', path: '/shipping/verify', label: 'shipverify.title', scope: 'shipping.manage', module: 'shipping_verify' },
  {
    id: 'shipping-signback',
    path: '/shipping/signback',
    label: 'signback.title',
    scope: ['shipping.manage', 'orders.edit'],
    todos: { 'shipping.signback_overdue': '?overdue=1' },
    module: 'shipping_signback',
  },
  { id: 'shipping-shipments', path: '/shipping/shipments', label: 'shipments.title', scope: ['shipping.manage', 'orders.view_shipping', 'orders.view_all', 'orders.view_own'], module: 'shipments' },
  { id: 'shipping-deliveries', path: '/shipping/deliveries', label: 'shipquery.title', scope: ['shipping.manage', 'orders.view_shipping', 'orders.view_all', 'orders.view_own'], module: 'shipping_deliveries' },
  { id: 'shipping-templates', path: '/shipping/templates', label: 'shiptpl.title', scope: ['shipping.manage', 'tenant.manage'], module: 'shipping_templates' },
  { id: 'shipping-carriers', path: '/shipping/carriers', label: 'shipcarrier.title', scope: 'shipping.manage', module: 'shipping_carriers' },
  { id: 'shipping-signback-order', path: '/shipping/signback/:id', label: 'signback.title', scope: ['shipping.manage', 'orders.edit'], module: 'shipping_signback_form' },
  { id: 'shipping-order', path: '/shipping/orders/:id', label: 'shipform.title', scope: 'shipping.manage', module: 'shipping_order' },
];

/**
 * The navigation entries a user may see (side nav, tab bar and the "More" list alike), given
 * their `hasScope` and `hasRole`: entries with `nav`, by `navScope` where given, else by
 * `scope`, and by `navRole` where given (without `hasRole`, no such entry is listed).
 */
export function navScreens(hasScope, hasRole = () => false) {
  return SCREENS.filter((screen) => screen.nav && hasScope(screen.navScope || screen.scope) && (!screen.navRole || hasRole(screen.navRole)));
}

/**
 * The side nav's areas, in order, and the screens of each (list and detail screens alike, so a
 * detail page opens its area). Screens in no group (home, messages, the inbox, my profile) stand
 * above the groups. tests/browser/test_shell_static.py checks every screen is in one group at
 * most and every id here is a screen.
 */
export const NAV_GROUPS = [
  { id: 'portal', label: 'navgroup.portal', icon: 'plus', screens: ['portal-catalog', 'portal-orders', 'portal-order', 'portal-cart', 'portal-checkout', 'portal-wallet', 'portal-stock', 'portal-commissions', 'portal-rebates', 'portal-downline'] },
  { id: 'sales', label: 'navgroup.sales', icon: 'order', screens: ['orders', 'order-new', 'order-edit', 'order', 'quotations', 'quotation-new', 'quotation-edit', 'quotation', 'returns', 'return-new', 'return'] },
  { id: 'customers', label: 'navgroup.customers', icon: 'customer', screens: ['customers', 'customer-new', 'customer'] },
  {
    id: 'catalog',
    label: 'navgroup.catalog',
    icon: 'inbox',
    screens: ['products', 'product-new', 'product-edit', 'product', 'stock', 'stock-entry', 'movements', 'stocktakes', 'stocktake', 'transfers', 'transfer-new', 'warehouses', 'imports'],
  },
  { id: 'procurement', label: 'navgroup.procurement', icon: 'upload', screens: ['replenishment', 'purchase-orders', 'purchase-order-new', 'purchase-order-edit', 'purchase-order', 'receiving', 'suppliers', 'supplier-new', 'supplier'] },
  { id: 'finance', label: 'navgroup.finance', icon: 'wallet', screens: ['receipts', 'receipt-new', 'receipt', 'refund-new', 'receivables', 'statement', 'invoices', 'invoice-new', 'invoice'] },
  {
    id: 'shipping',
    label: 'navgroup.shipping',
    icon: 'truck',
    screens: ['shipping', 'shipping-batch', 'shipping-verify', 'shipping-signback', 'shipping-shipments', 'shipping-deliveries', 'shipping-templates', 'shipping-carriers', 'shipping-signback-order', 'shipping-order'],
  },
  { id: 'field', label: 'navgroup.field', icon: 'pin', screens: ['field', 'field-check-in', 'field-plan', 'field-logs', 'field-log', 'field-visit-pending', 'field-visit', 'field-settings', 'field-rankings', 'field-team'] },
  { id: 'distribution', label: 'navgroup.distribution', icon: 'users', screens: ['network', 'network-prices', 'network-stock', 'settlements', 'settlement', 'commission-rules', 'rewards', 'rebate-run'] },
  { id: 'reports', label: 'navgroup.reports', icon: 'chart', screens: ['reports'] },
  { id: 'settings', label: 'navgroup.settings', icon: 'key', screens: ['users', 'api-keys', 'webhooks', 'webhook-endpoint', 'print-settings', 'sales-settings', 'billing'] },
];

const GROUP_OF = new Map(NAV_GROUPS.flatMap((group) => group.screens.map((id) => [id, group])));

/** The side nav group a screen belongs to, or null. */
export function navGroupOf(screenId) {
  return GROUP_OF.get(screenId) || null;
}

/**
 * The side nav's entries: the navigation entries plus those listed on wide screens only
 * (`side`), filtered exactly as navScreens filters.
 */
export function sideScreens(hasScope, hasRole = () => false) {
  return SCREENS.filter((screen) => (screen.nav || screen.side) && hasScope(screen.navScope || screen.scope) && (!screen.navRole || hasRole(screen.navRole)));
}

/** Shown instead of any screen while nobody is signed in. */
export const LOGIN = { id: 'login', path: '/login', label: 'login.title', public: true, module: 'login' };

function matches(pattern, path) {
  const want = pattern.split('/').filter(Boolean);
  const have = path.split('/').filter(Boolean);
  if (want.length !== have.length) return null;
  const params = {};
  for (let i = 0; i < want.length; i += 1) {
    if (want[i].startsWith(':')) params[want[i].slice(1)] = decodeURIComponent(have[i]);
    else if (want[i] !== have[i]) return null;
  }
  return params;
}

/** The screen for a path (without /app) and its parameters, or null. */
export function screenFor(path) {
  for (const screen of [...SCREENS, LOGIN]) {
    const params = matches(screen.path, path);
    if (params) return { screen, params };
  }
  return null;
}

/**
 * The screen that handles a dashboard to-do key, if any; its `path` then carries the to-do's
 * filter (/stock?low=1), so the home screen's link opens the screen already filtered.
 */
export function screenForTodo(key) {
  const screen = SCREENS.find((one) => (Array.isArray(one.todos) ? one.todos.includes(key) : one.todos && key in one.todos));
  if (!screen || Array.isArray(screen.todos)) return screen || null;
  return { ...screen, path: `${screen.path}${screen.todos[key]}` };
}
