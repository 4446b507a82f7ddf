/**
 * Sparrow's service worker: keeps a copy of the app shell so /app/ opens offline and fast.
 *
 * The server writes the shell's content hash into VERSION, so any change to any shell file
 * makes this file differ, the browser installs the new worker, and it caches the new files
 * under a new name. The shell is served cache-first, navigations included, so the page and its
 * modules always come from one consistent version; the app offers a reload when a new version
 * takes over. API calls, the WebSocket and server pages (/login/, /graphql/) never go through
 * the cache.
 */

const VERSION = '__SHELL_VERSION__';
const CACHE = `sparrow-shell-${VERSION}`;
const INDEX = '/app/index.html';

// Every file of the shell; tests/browser/test_shell_static.py checks this list against the
// directory, so a new module cannot be forgotten here.
const SHELL = [
  '/app/index.html',
  '/app/manifest.webmanifest',
  '/app/api/accounts.js',
  '/app/api/catalog.js',
  '/app/api/customers.js',
  '/app/api/notifications.js',
  '/app/api/dashboard.js',
  '/app/api/distribution.js',
  '/app/api/field_plans.js',
  '/app/api/field_visits.js',
  '/app/api/fieldsales.js',
  '/app/api/finance.js',
  '/app/api/inventory.js',
  '/app/api/live.js',
  '/app/api/partners.js',
  '/app/api/procurement.js',
  '/app/api/reports.js',
  '/app/api/sales.js',
  '/app/api/shipping.js',
  '/app/core/connectivity.js',
  '/app/core/enum_paths.js',
  '/app/core/enum_values.js',
  '/app/core/events.js',
  '/app/core/graphql.js',
  '/app/core/inbox.js',
  '/app/core/main.js',
  '/app/core/pwa.js',
  '/app/core/query_cache.js',
  '/app/core/realtime.js',
  '/app/core/router.js',
  '/app/core/routes.js',
  '/app/core/session.js',
  '/app/core/urls.js',
  '/app/i18n/en.js',
  '/app/i18n/en/customers.js',
  '/app/i18n/en/distribution.js',
  '/app/i18n/en/field_plans.js',
  '/app/i18n/en/field_visits.js',
  '/app/i18n/en/fieldsales.js',
  '/app/i18n/en/finance.js',
  '/app/i18n/en/partners.js',
  '/app/i18n/en/sales.js',
  '/app/i18n/en/shipping.js',
  '/app/i18n/i18n.js',
  '/app/i18n/zh-hans.js',
  '/app/i18n/zh-hans/customers.js',
  '/app/i18n/zh-hans/distribution.js',
  '/app/i18n/zh-hans/field_plans.js',
  '/app/i18n/zh-hans/field_visits.js',
  '/app/i18n/zh-hans/fieldsales.js',
  '/app/i18n/zh-hans/finance.js',
  '/app/i18n/zh-hans/partners.js',
  '/app/i18n/zh-hans/sales.js',
  '/app/i18n/zh-hans/shipping.js',
  '/app/icons/apple-touch-icon.png',
  '/app/icons/favicon.ico',
  '/app/icons/icon-192.png',
  '/app/icons/icon-512.png',
  '/app/icons/icon-maskable-512.png',
  '/app/icons/icon.svg',
  '/app/offline/actions.js',
  '/app/offline/db.js',
  '/app/offline/queue.js',
  '/app/screens/api_keys.js',
  '/app/screens/customer.js',
  '/app/screens/customer_form.js',
  '/app/screens/customers.js',
  '/app/screens/field_check_in.js',
  '/app/screens/field_day.js',
  '/app/screens/field_log.js',
  '/app/screens/field_logs.js',
  '/app/screens/field_plan.js',
  '/app/screens/field_rankings.js',
  '/app/screens/field_settings.js',
  '/app/screens/field_team.js',
  '/app/screens/field_visit.js',
  '/app/screens/home.js',
  '/app/screens/inbox.js',
  '/app/screens/notification_settings.js',
  '/app/screens/invoice.js',
  '/app/screens/invoice_form.js',
  '/app/screens/invoices.js',
  '/app/screens/login.js',
  '/app/screens/more.js',
  '/app/screens/movements.js',
  '/app/screens/network.js',
  '/app/screens/network_prices.js',
  '/app/screens/network_stock.js',
  '/app/screens/order.js',
  '/app/screens/order_form.js',
  '/app/screens/orders.js',
  '/app/screens/outbox.js',
  '/app/screens/portal_cart.js',
  '/app/screens/portal_catalog.js',
  '/app/screens/portal_checkout.js',
  '/app/screens/portal_order.js',
  '/app/screens/portal_orders.js',
  '/app/screens/portal_stock.js',
  '/app/screens/portal_wallet.js',
  '/app/screens/product_detail.js',
  '/app/screens/product_edit.js',
  '/app/screens/product_form.js',
  '/app/screens/products.js',
  '/app/screens/profile.js',
  '/app/screens/purchase_order_detail.js',
  '/app/screens/purchase_order_form.js',
  '/app/screens/purchase_orders.js',
  '/app/screens/quotation.js',
  '/app/screens/quotation_form.js',
  '/app/screens/quotations.js',
  '/app/screens/receipt.js',
  '/app/screens/receipt_form.js',
  '/app/screens/receipts.js',
  '/app/screens/receivables.js',
  '/app/screens/receiving.js',
  '/app/screens/refund_form.js',
  '/app/screens/registry.js',
  '/app/screens/replenishment.js',
  '/app/screens/reports.js',
  '/app/screens/return_form.js',
  '/app/screens/returns.js',
  '/app/screens/sales_return.js',
  '/app/screens/shipping.js',
  '/app/screens/shipping_batch.js',
  '/app/screens/shipping_carriers.js',
  '/app/screens/shipping_deliveries.js',
  '/app/screens/shipping_order.js',
  '/app/screens/shipping_signback.js',
  '/app/screens/shipping_signback_form.js',
  '/app/screens/shipping_templates.js',
  '/app/screens/shipping_verify.js',
  '/app/screens/statement.js',
  '/app/screens/stock.js',
  '/app/screens/stock_entry.js',
  '/app/screens/stocktake.js',
  '/app/screens/stocktakes.js',
  '/app/screens/supplier.js',
  '/app/screens/supplier_form.js',
  '/app/screens/suppliers.js',
  '/app/screens/transfer_form.js',
  '/app/screens/transfers.js',
  '/app/screens/users.js',
  '/app/screens/warehouses.js',
  '/app/screens/webhook_endpoint.js',
  '/app/screens/webhooks.js',
  '/app/styles/base.css',
  '/app/styles/components.css',
  '/app/styles/distribution.css',
  '/app/styles/editing.css',
  '/app/styles/field.css',
  '/app/styles/field_manager.css',
  '/app/styles/layout.css',
  '/app/styles/screens.css',
  '/app/ui/allocations.js',
  '/app/ui/api_key_form.js',
  '/app/ui/availability.js',
  '/app/ui/bin_picker.js',
  '/app/ui/cart_store.js',
  '/app/ui/charts.js',
  '/app/ui/china_regions.js',
  '/app/ui/confirm.js',
  '/app/ui/customer_addresses.js',
  '/app/ui/customer_contacts.js',
  '/app/ui/customer_edit.js',
  '/app/ui/customer_fields.js',
  '/app/ui/customer_log.js',
  '/app/ui/customer_owner.js',
  '/app/ui/customer_picker.js',
  '/app/ui/customer_site.js',
  '/app/ui/customer_tags.js',
  '/app/ui/distributor_home.js',
  '/app/ui/element.js',
  '/app/ui/field_photos.js',
  '/app/ui/field_plans.js',
  '/app/ui/field_targets.js',
  '/app/ui/field_visits.js',
  '/app/ui/finance_fields.js',
  '/app/ui/finance_links.js',
  '/app/ui/form.js',
  '/app/ui/geolocation.js',
  '/app/ui/icons.js',
  '/app/ui/layout.js',
  '/app/ui/order_actions.js',
  '/app/ui/order_customer.js',
  '/app/ui/order_expenses.js',
  '/app/ui/order_lines.js',
  '/app/ui/order_status.js',
  '/app/ui/order_timeline.js',
  '/app/ui/paged_list.js',
  '/app/ui/partner_common.js',
  '/app/ui/portal.js',
  '/app/ui/price_list_editor.js',
  '/app/ui/pull_refresh.js',
  '/app/ui/purchase_order_status.js',
  '/app/ui/quantity.js',
  '/app/ui/quotation_status.js',
  '/app/ui/report_views.js',
  '/app/ui/route_schematic.js',
  '/app/ui/scanner.js',
  '/app/ui/shell.js',
  '/app/ui/shipping_batch_row.js',
  '/app/ui/shipping_carrier.js',
  '/app/ui/shipping_carrier_fix.js',
  '/app/ui/shipping_carrier_form.js',
  '/app/ui/shipping_carrier_match_worker.js',
  '/app/ui/shipping_carrier_pattern.js',
  '/app/ui/shipping_common.js',
  '/app/ui/shipping_pick.js',
  '/app/ui/shipping_print.js',
  '/app/ui/shipping_result.js',
  '/app/ui/shipping_settings.js',
  '/app/ui/signature_pad.js',
  '/app/ui/sku_search.js',
  '/app/ui/states.js',
  '/app/ui/stepper.js',
  '/app/ui/stock_documents.js',
  '/app/ui/stock_report.js',
  '/app/ui/supplier_form.js',
  '/app/ui/supplier_items.js',
  '/app/ui/toast.js',
  '/app/ui/user_invite_form.js',
  '/app/ui/visit_form.js',
  '/app/ui/visit_kinds.js',
  '/app/ui/webhook_deliveries.js',
  '/app/ui/webhook_endpoint_form.js',
  '/app/vendor/graphql-ws/client.js',
  '/app/vendor/graphql-ws/common-CGW11Fyb.js',
];
const SHELL_PATHS = new Set(SHELL);

self.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE);
      // "reload" skips the HTTP cache: the copy must be this version's files.
      await cache.addAll(SHELL.map((url) => new Request(url, { cache: 'reload' })));
      await self.skipWaiting();
    })(),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) {
        if (name.startsWith('sparrow-shell-') && name !== CACHE) await caches.delete(name);
      }
      await self.clients.claim();
    })(),
  );
});

async function fromCache(request, key) {
  const cached = await caches.match(key, { cacheName: CACHE });
  return cached || fetch(request);
}

self.addEventListener('fetch', (event) => {
  const { request } = event;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin || !url.pathname.startsWith('/app/')) return;
  const isFile = /\.[a-z0-9]+$/i.test(url.pathname) && !url.pathname.endsWith('.html');
  if (request.mode === 'navigate' && !isFile) {
    // Every page under /app/ is the same document; the app's router reads the URL.
    event.respondWith(fromCache(request, INDEX));
  } else if (SHELL_PATHS.has(url.pathname)) {
    event.respondWith(fromCache(request, url.pathname));
  }
});
