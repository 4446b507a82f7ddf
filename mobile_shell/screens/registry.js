/**
 * Every screen of the app, in navigation order. Adding a screen is one module in screens/ and
 * one entry here (plus its strings in both catalogues):
 *
 *   id      stable name, also used for <body data-screen>
 *   path    under /app, with :name segments for parameters ("/orders/:id")
 *   label   catalogue key of its name in the navigation and the window title
 *   icon    a name from ui/icons.js
 *   nav     true to list it in the navigation (side nav on wide screens, tab bar on phones)
 *   scope   the scope a user needs (a list means any of them); the entry is hidden without it
 *   todos   the dashboard's to-do keys this screen deals with (the home screen links them here):
 *           a list, or { key: '?query' } to open the screen filtered for that to-do
 *   load    imports the module; it exports mount(root, { params, query }) returning
 *           { refresh?(), unmount?() }
 */

export const SCREENS = [
  { id: 'home', path: '/', label: 'nav.home', icon: 'home', nav: true, load: () => import('./home.js') },
  {
    id: 'users',
    path: '/users',
    label: 'nav.users',
    icon: 'users',
    nav: true,
    scope: 'users.manage',
    todos: ['users.pending_invitations'],
    load: () => import('./users.js'),
  },
  { id: 'inbox', path: '/inbox', label: 'nav.inbox', icon: 'bell', load: () => import('./inbox.js') },
  { id: 'outbox', path: '/outbox', label: 'nav.outbox', icon: 'upload', load: () => import('./outbox.js') },
  { id: 'more', path: '/more', label: 'nav.more', icon: 'more', load: () => import('./more.js') },
  // On phones the tab bar keeps 我的 as its last tab, whatever fits before it (ui/shell.js).
  { id: 'profile', path: '/profile', label: 'nav.profile', icon: 'user', nav: true, load: () => import('./profile.js') },
  // Sales reps and distributors hold inventory.view too: they look up what is available.
  { id: 'products', path: '/products', label: 'nav.products', icon: 'inbox', nav: true, scope: 'inventory.view', load: () => import('./products.js') },
  { id: 'product-new', path: '/products/new', label: 'product.create_title', scope: 'catalog.manage', load: () => import('./product_form.js') },
  { id: 'product-edit', path: '/products/:id/edit', label: 'product.edit_title', scope: 'catalog.manage', load: () => import('./product_edit.js') },
  { id: 'product', path: '/products/:id', label: 'product.title', scope: 'inventory.view', load: () => import('./product_detail.js') },
  { id: 'stock', path: '/stock', label: 'nav.stock', icon: 'download', nav: true, scope: 'inventory.view', todos: { 'inventory.low_stock': '?low=1' }, load: () => import('./stock.js') },
  { id: 'stock-entry', path: '/stock/entry', label: 'entry.title', icon: 'plus', nav: true, scope: 'inventory.manage', load: () => import('./stock_entry.js') },
  { id: 'movements', path: '/movements/:skuId', label: 'movements.title', scope: 'inventory.manage', load: () => import('./movements.js') },
  { id: 'stocktakes', path: '/stocktakes', label: 'nav.stocktakes', icon: 'check', nav: true, scope: 'inventory.manage', load: () => import('./stocktakes.js') },
  { id: 'stocktake', path: '/stocktakes/:id', label: 'stocktake.title', scope: 'inventory.manage', load: () => import('./stocktake.js') },
  { id: 'transfers', path: '/transfers', label: 'nav.transfers', icon: 'refresh', nav: true, scope: 'inventory.manage', load: () => import('./transfers.js') },
  { id: 'transfer-new', path: '/transfers/new', label: 'transfer.create_title', scope: 'inventory.manage', load: () => import('./transfer_form.js') },
  { id: 'replenishment', path: '/replenishment', label: 'nav.replenishment', icon: 'refresh', nav: true, scope: 'purchasing.manage', load: () => import('./replenishment.js') },
  { id: 'purchase-orders', path: '/purchase-orders', label: 'nav.purchase_orders', icon: 'upload', nav: true, scope: 'purchasing.manage', todos: { 'purchasing.awaiting_approval': '?status=submitted' }, load: () => import('./purchase_orders.js') },
  // /purchase-orders/new before /purchase-orders/:id: the first matching entry wins.
  { id: 'purchase-order-new', path: '/purchase-orders/new', label: 'pof.create_title', scope: 'purchasing.manage', load: () => import('./purchase_order_form.js') },
  { id: 'purchase-order-edit', path: '/purchase-orders/:id/edit', label: 'pof.edit_title', scope: 'purchasing.manage', load: () => import('./purchase_order_form.js') },
  { id: 'purchase-order', path: '/purchase-orders/:id', label: 'po.title_one', scope: 'purchasing.manage', load: () => import('./purchase_order_detail.js') },
  { id: 'receiving', path: '/purchase-orders/:id/receive', label: 'receiving.title', scope: 'inventory.manage', load: () => import('./receiving.js') },
  { id: 'suppliers', path: '/suppliers', label: 'nav.suppliers', icon: 'truck', nav: true, scope: 'purchasing.manage', load: () => import('./suppliers.js') },
  { id: 'supplier-new', path: '/suppliers/new', label: 'supplier.create_title', scope: 'purchasing.manage', load: () => import('./supplier_form.js') },
  { id: 'supplier', path: '/suppliers/:id', label: 'supplier.title', scope: 'purchasing.manage', load: () => import('./supplier.js') },
  { id: 'warehouses', path: '/warehouses', label: 'nav.warehouses', icon: 'inbox', nav: true, scope: 'inventory.manage', load: () => import('./warehouses.js') },
  // Customers: a rep sees their own (view_own), managers and finance everyone's (view_all).
  { id: 'customers', path: '/customers', label: 'nav.customers', icon: 'customer', nav: true, scope: ['customers.view_own', 'customers.view_all'], load: () => import('./customers.js') },
  // /customers/new before /customers/:id: the first matching entry wins.
  { id: 'customer-new', path: '/customers/new', label: 'customer.create_title', scope: ['customers.view_own', 'customers.view_all'], load: () => import('./customer_form.js') },
  { id: 'customer', path: '/customers/:id', label: 'customer.title', scope: ['customers.view_own', 'customers.view_all'], load: () => import('./customer.js') },
];

/** Shown instead of any screen while nobody is signed in. */
export const LOGIN = { id: 'login', path: '/login', label: 'login.title', public: true, load: () => import('./login.js') };

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
