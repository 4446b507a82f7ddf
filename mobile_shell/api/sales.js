/**
 * The GraphQL operations of sales: orders and their steps, quotations and returns.
 *
 * One exported constant per operation, named after it (query SalesOrder → SALES_ORDER); a
 * fragment is a constant of its own, joined with + to the operations that spread it.
 * tests/test_shell_operations.py reads these files without running them and validates every
 * operation against graphql/schema.graphql: keep to template literals without ${…}.
 */

/** What the customer paid lately per SKU and unit (newest first): the order lines' 上次 price. */
export const ORDER_LAST_PRICES = `query OrderLastPrices($customerId: ID!) {
  customerRecentLines(customerId: $customerId, orders: 10) { unitName unitPrice discountRate orderNumber sku { id } }
}`;
export const ORDER_RECENT_LINES = `query OrderRecentLines($customerId: ID!) {
  customerRecentLines(customerId: $customerId, orders: 1) {
    unitName unitFactor packUnitId quantity unitPrice discountRate orderNumber orderDate
    sku { id code name specLabel baseUnit productId }
  }
}`;
export const ORDER_EDIT = `query OrderEdit($id: ID!) {
  salesOrder(id: $id) {
    id number status revision currency requestedDate deliveryMethod contactName contactPhone remarks
    customer { id code name phone } warehouse { id }
    shipTo { receiver phone province city district detail }
    lines {
      id unitName unitFactor quantity unitPrice discountRate taxRate remark shippedQuantity
      sku { id code name specLabel baseUnit productId } warehouse { id }
    }
  }
}`;
export const SALES_ORDERS = `query SalesOrders($filter: SalesOrderFilter, $limit: Int!, $offset: Int!) {
  salesOrders(filter: $filter, limit: $limit, offset: $offset) {
    totalCount
    items { id number status orderDate currency totalAmount creditHold customer { id name } rep { id fullName } }
  }
}`;
export const SALES_QUEUE_COUNTS = `query SalesQueueCounts { salesQueueCounts {
  draft pendingReview pendingPurchase pendingShipment partlyShipped pendingSignback } }`;
export const QUOTATION = `query Quotation($id: ID!) {
  quotation(id: $id) {
    id number status currency quoteDate validUntil remarks goodsAmount discountAmount totalAmount taxAmount
    customer { id name } rep { fullName }
    lines { id quantity unitName unitPrice discountRate amount sku { code name specLabel } }
    events { fromStatus toStatus note createdAt actorName }
    availableActions
  }
}`;
export const QUOTATION_CONVERT = `mutation QuotationConvert($id: ID!, $warehouseId: ID!, $idempotencyKey: String) {
  quotationConvert(id: $id, warehouseId: $warehouseId, idempotencyKey: $idempotencyKey) {
    salesOrder { id number } errors { field code message }
  }
}`;
export const QUOTATION_EDIT = `query QuotationEdit($id: ID!) {
  quotation(id: $id) {
    id number status currency quoteDate validUntil remarks
    customer { id code name phone }
    lines { unitName unitFactor quantity unitPrice discountRate taxRate remark sku { id code name specLabel baseUnit productId } }
  }
}`;
export const QUOTATIONS = `query Quotations($status: QuotationStatus, $search: String!, $limit: Int!, $offset: Int!) {
  quotations(status: $status, search: $search, limit: $limit, offset: $offset) {
    totalCount
    items { id number status quoteDate validUntil currency totalAmount customer { id name } rep { id fullName } }
  }
}`;
export const RETURN_ORDERS = `query ReturnOrders($filter: SalesOrderFilter) {
  salesOrders(filter: $filter, limit: 10) { items { id number orderDate status customer { name } } }
}`;
export const RETURN_ORDER = `query ReturnOrder($id: ID!) {
  salesOrder(id: $id) {
    id number status customer { id name } warehouse { id name }
    lines { id lineNo shippedQuantity returnedQuantity sku { id code name specLabel baseUnit } }
  }
  salesReturns(orderId: $id, limit: 100) { items { status lines { orderLineId quantity } } }
}`;
export const SALES_RETURN_CREATE = `mutation SalesReturnCreate($input: SalesReturnCreateInput!) {
  salesReturnCreate(input: $input) { salesReturn { id number } errors { field code message } }
}`;
export const SALES_RETURNS = `query SalesReturns($status: SalesReturnStatus, $limit: Int!, $offset: Int!) {
  salesReturns(status: $status, limit: $limit, offset: $offset) {
    totalCount items { id number status settlement returnDate amount orderNumber reasonLabel customer { id name } }
  }
}`;
export const RETURN_STATISTICS = `query ReturnStatistics($from: Date!, $to: Date!) {
  returnStatistics(from: $from, to: $to) { total { count quantity amount } byReason { key name count amount } }
}`;
export const SALES_RETURN = `query SalesReturn($id: ID!) {
  salesReturn(id: $id) {
    id number status reason reasonLabel reasonNote settlement returnDate createdAt receivedAt createdByName amount costAmount
    orderId orderNumber customer { id name } warehouse { id name }
    lines { id quantity amount sku { code name specLabel baseUnit } }
    events { fromStatus toStatus note createdAt actorName }
  }
}`;
export const ORDER_CUSTOMERS = `query OrderCustomers($search: String!) {
  customers(search: $search, active: true, limit: 8) { items { id code name phone } }
}`;
export const ORDER_RECENT_CUSTOMERS = `query OrderRecentCustomers { salesOrders(limit: 30) { items { customer { id code name phone } } } }`;
export const ORDER_CUSTOMER = `query OrderCustomer($id: ID!) {
  customer(id: $id) {
    id code name phone
    contacts { name phone isPrimary }
    addresses { id receiver phone province city district detail isDefault }
  }
}`;
export const ORDER_EXPENSE_ADD = `mutation OrderExpenseAdd($input: OrderExpenseInput!) {
  orderExpenseAdd(input: $input) { expense { id } errors { field code message } }
}`;
export const ORDER_EXPENSE_REMOVE = `mutation OrderExpenseRemove($id: ID!) {
  orderExpenseRemove(id: $id) { salesOrder { id } errors { field code message } }
}`;
export const ORDER_PRODUCT = `query OrderProduct($id: ID!) {
  product(id: $id) { id baseUnit packUnits { id name factor } skus { id listPrice } }
}`;
// The steps of a sales order; each answers the order's new status or its typed errors.
export const SALES_ORDER_CREATE = `mutation SalesOrderCreate($input: SalesOrderCreateInput!) {
  salesOrderCreate(input: $input) { salesOrder { id number status } errors { field code message } }
}`;
export const SALES_ORDER_UPDATE = `mutation SalesOrderUpdate($id: ID!, $input: SalesOrderUpdateInput!) {
  salesOrderUpdate(id: $id, input: $input) { salesOrder { id number status } errors { field code message } }
}`;
export const SALES_ORDER_SUBMIT = `mutation SalesOrderSubmit($id: ID!) {
  salesOrderSubmit(id: $id) { salesOrder { id number status } errors { field code message } }
}`;
export const SALES_ORDER_APPROVE = `mutation SalesOrderApprove($id: ID!, $note: String!) {
  salesOrderApprove(id: $id, note: $note) { salesOrder { id number status } errors { field code message } }
}`;
export const SALES_ORDER_REJECT = `mutation SalesOrderReject($id: ID!, $note: String!) {
  salesOrderReject(id: $id, note: $note) { salesOrder { id number status } errors { field code message } }
}`;
export const SALES_ORDER_CANCEL = `mutation SalesOrderCancel($id: ID!, $reason: String!) {
  salesOrderCancel(id: $id, reason: $reason) { salesOrder { id number status } errors { field code message } }
}`;
export const SALES_ORDER_RETRY_RESERVATION = `mutation SalesOrderRetryReservation($id: ID!) {
  salesOrderRetryReservation(id: $id) { salesOrder { id number status } errors { field code message } }
}`;
export const SALES_ORDER_SIGN_BACK = `mutation SalesOrderSignBack($id: ID!, $note: String!) {
  salesOrderSignBack(id: $id, note: $note) { salesOrder { id number status } errors { field code message } }
}`;
// The steps of a quotation, each with the note the user gave (maybe empty).
export const QUOTATION_SEND = `mutation QuotationSend($id: ID!, $note: String!) {
  quotationSend(id: $id, note: $note) { quotation { id status } errors { field code message } }
}`;
export const QUOTATION_ACCEPT = `mutation QuotationAccept($id: ID!, $note: String!) {
  quotationAccept(id: $id, note: $note) { quotation { id status } errors { field code message } }
}`;
export const QUOTATION_REJECT = `mutation QuotationReject($id: ID!, $note: String!) {
  quotationReject(id: $id, note: $note) { quotation { id status } errors { field code message } }
}`;
export const QUOTATION_CANCEL = `mutation QuotationCancel($id: ID!, $note: String!) {
  quotationCancel(id: $id, note: $note) { quotation { id status } errors { field code message } }
}`;
export const SALES_ORDER = `query SalesOrder($id: ID!) {
  salesOrder(id: $id) {
    id number status revision currency orderDate requestedDate deliveryMethod
    contactName contactPhone remarks creditHold cancelReason createdAt submittedAt approvedAt shippedAt completedAt
    customer { id code name phone } rep { id fullName } warehouse { id name }
    shipTo { receiver phone province city district detail }
    goodsAmount discountAmount totalAmount taxAmount expenseAmount receivedAmount returnedAmount balanceDue
    lines {
      id lineNo unitName unitFactor quantity baseQuantity reservedQuantity shippedQuantity returnedQuantity
      openQuantity unitPrice discountRate amount remark
      sku { id code name specLabel baseUnit } warehouse { id name }
    }
    expenses { id name amount remark createdAt }
    revisions { revision note createdAt actorName changes { field before after } }
    events { fromStatus toStatus note createdAt actorName }
    availableActions
  }
}`;
export const QUOTATION_CREATE = `mutation QuotationCreate($input: QuotationCreateInput!) {
  quotationCreate(input: $input) { quotation { id number status } errors { field code message } }
}`;
export const QUOTATION_UPDATE = `mutation QuotationUpdate($id: ID!, $input: QuotationUpdateInput!) {
  quotationUpdate(id: $id, input: $input) { quotation { id number status } errors { field code message } }
}`;
// The steps of a sales return: settling takes its refund or credit, the others a note.
export const SALES_RETURN_APPROVE = `mutation SalesReturnApprove($id: ID!, $note: String!) {
  salesReturnApprove(id: $id, note: $note) { salesReturn { id status } errors { field code message } }
}`;
export const SALES_RETURN_REJECT = `mutation SalesReturnReject($id: ID!, $note: String!) {
  salesReturnReject(id: $id, note: $note) { salesReturn { id status } errors { field code message } }
}`;
export const SALES_RETURN_RECEIVE = `mutation SalesReturnReceive($id: ID!, $note: String!) {
  salesReturnReceive(id: $id, note: $note) { salesReturn { id status } errors { field code message } }
}`;
export const SALES_RETURN_CANCEL = `mutation SalesReturnCancel($id: ID!, $note: String!) {
  salesReturnCancel(id: $id, note: $note) { salesReturn { id status } errors { field code message } }
}`;
export const SALES_RETURN_SETTLE = `mutation SalesReturnSettle($input: SalesReturnSettleInput!) {
  salesReturnSettle(input: $input) { salesReturn { id status } errors { field code message } }
}`;
/** A product's specifications and SKUs, for the order entry's size grid (颜色 × 尺码). */
export const ORDER_GRID_PRODUCT = `query OrderGridProduct($id: ID!) {
  product(id: $id) { id name baseUnit specs { name values } skus { id code name specLabel baseUnit productId status specValues { name value } } }
}`;
// Order entry offline (offline/order_cache.js): the rep's catalogue page, the customer's prices
// (tier or list, per base unit), and placing an order from the outbox in one request.
export const ORDER_CATALOGUE = `query OrderCatalogue { skus(limit: 100) { items { id code barcode specLabel listPrice product { id name baseUnit packUnits { id name factor } } } } }`;
export const ORDER_LINE_PRICES = `query OrderLinePrices($customerId: ID!, $skuIds: [ID!]!) {
  orderLinePrices(customerId: $customerId, skuIds: $skuIds) { skuId listPrice price tiered priceRule }
}`;
export const SALES_ORDER_PLACE = `mutation SalesOrderPlace($input: SalesOrderPlaceInput!) {
  salesOrderPlace(input: $input) { salesOrder { id number status } errors { field code message } }
}`;
export const SALES_SETTINGS = `query SalesSettings { salesSettings { reviewRequired signbackRequired backordersAllowed } }`;
export const SALES_SETTINGS_UPDATE = `mutation SalesSettingsUpdate($input: SalesSettingsInput!) {
  salesSettingsUpdate(input: $input) { settings { reviewRequired signbackRequired backordersAllowed } errors { field code message } }
}`;
