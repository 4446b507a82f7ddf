/**
 * The GraphQL operations of shipping: orders to ship, shipments, verification, carriers, print templates and settings.
 *
 * One exported constant per operation, named after it (query SalesOrder → SALES_ORDER); a
 * fragment is a constant of its own, joined with + to the operations that spread it.
 * tests/test_shell_operations.py reads these files without running them and validates every
 * operation against graphql/schema.graphql: keep to template literals without ${…}.
 */

export const ORDERS_TO_SHIP = `query OrdersToShip($filter: ShippingOrderFilterInput, $limit: Int!, $offset: Int!) {
  ordersToShip(filter: $filter, limit: $limit, offset: $offset) {
    totalCount
    items {
      id number status customerName repName deliveryMethod dueDate openQuantity receiver city district
      shipments { id status }
    }
  }
}`;
export const SHIPPING_REPS = `query ShippingReps($filter: ShippingOrderFilterInput) { ordersToShipSummary(groupBy: REP, filter: $filter) { key name orderCount } }`;
export const BATCH_ORDERS = `query BatchOrders($filter: ShippingOrderFilterInput, $limit: Int!, $offset: Int!) {
  ordersToShip(filter: $filter, limit: $limit, offset: $offset) {
    totalCount items { id number customerName deliveryMethod openQuantity }
  }
}`;
export const SHIPMENT_IMPORT = `query ShipmentImport($contentBase64: String!, $fileName: String!) {
  shipmentImportPreview(contentBase64: $contentBase64, fileName: $fileName) {
    row orderNumber orderId orderStatus trackingNumber carrier { id name } errors { field code message }
  }
}`;
export const SHIPMENT_BATCH_SHIP = `mutation ShipmentBatchShip($input: ShipmentBatchShipInput!) {
  shipmentBatchShip(input: $input) {
    batch {
      id shippedCount failedCount
      rows { row orderId orderNumber ok errors { field code message }
        shipment { id number trackingNumber carrier { name } order { id status } } }
    }
    errors { field code message }
  }
}`;
export const DELIVERIES = `query Deliveries($filter: ShippingOrderFilterInput, $limit: Int!, $offset: Int!) {
  ordersToShip(filter: $filter, limit: $limit, offset: $offset) {
    totalCount
    items { id number status customerName repName deliveryMethod dueDate openQuantity totalAmount }
  }
}`;
export const DELIVERY_SUMMARY = `query DeliverySummary($groupBy: OrderGroup!, $filter: ShippingOrderFilterInput) {
  ordersToShipSummary(groupBy: $groupBy, filter: $filter) { key name orderCount openQuantity amount }
}`;
export const SHIP_ORDER = `query ShipOrder($id: ID!) {
  shippingOrder(id: $id) {
    id number status customerName repName deliveryMethod dueDate receiver receiverPhone address remarks
    lines { id lineNo openQuantity shippedQuantity baseQuantity sku { id code name specLabel baseUnit } warehouse { id name } }
    shipments { id number status carrierName trackingNumber shipDate }
  }
  shippingSettings { requireVerification }
}`;
export const PENDING_SIGNBACK = `query PendingSignback($overdueOnly: Boolean!, $search: String!, $limit: Int!, $offset: Int!) {
  ordersPendingSignback(overdueOnly: $overdueOnly, search: $search, limit: $limit, offset: $offset) {
    totalCount
    items { id number customerName repName deliveryMethod receiver lastShipDate signbackDueDate signbackOverdue shipments { id status } }
  }
}`;
export const SIGNBACK_ORDER = `query SignbackOrder($id: ID!) {
  shippingOrder(id: $id) {
    id number status customerName receiver receiverPhone address signbackDueDate signbackOverdue
    shipments { id number status carrierName trackingNumber shipDate }
  }
}`;
export const SHIPMENT_LIST = `query ShipmentList($filter: ShipmentFilterInput, $limit: Int!, $offset: Int!) {
  shipments(filter: $filter, limit: $limit, offset: $offset) {
    totalCount
    items { id number status shipDate trackingNumber carrier { name } order { id number customerName } }
  }
}`;
export const SHIPMENT_LOOKUP = `query ShipmentLookup($code: String!) { shipmentLookup(code: $code) { id number status trackingNumber order { number customerName } } }`;
export const VERIFY_SHIPMENT = `query VerifyShipment($id: ID!) { shipment(id: $id) { id status trackingNumber deliveryMethod carrier { id } order { customerName } } }`;
export const SHIPMENT_CANCEL = `mutation ShipmentCancel($id: ID!) {
  shipmentCancel(id: $id) { shipment { id status } errors { field code message } }
}`;
export const SHIPPING_CARRIERS = `query ShippingCarriers { carriers { id code name phone } }`;
export const CARRIER_SUGGEST = `query CarrierSuggest($trackingNumber: String!) {
  carrierSuggest(trackingNumber: $trackingNumber) {
    trackingNumber wellFormed
    best { carrier { id } }
    candidates { confidence complete usedCount takenBy carrier { id code name } }
  }
}`;
export const PICK_ORDERS = `query PickOrders { ordersToShip(limit: 100) { totalCount items { id number customerName openQuantity } } }`;
export const PICK_LIST = `query PickList($orderIds: [ID!]) {
  pickList(orderIds: $orderIds) {
    orderNumbers totalQuantity printUrl
    groups { binCode binName warehouse { id name } rows { quantity sku { code name specLabel baseUnit } orders { orderNumber quantity } } }
  }
}`;
export const CARRIER_FIELDS = `fragment CarrierFields on Carrier {
  id code name nameZh nameEn trackingPattern phone priority isBuiltin isActive
}`;
export const CARRIER_CREATE = `mutation CarrierCreate($input: CarrierCreateInput!) {
  carrierCreate(input: $input) { carrier { ...CarrierFields } errors { field code message } }
}` + CARRIER_FIELDS;
export const CARRIER_UPDATE = `mutation CarrierUpdate($id: ID!, $input: CarrierUpdateInput!) {
  carrierUpdate(id: $id, input: $input) { carrier { ...CarrierFields } errors { field code message } }
}` + CARRIER_FIELDS;
export const SHIPMENT_RESULT = `fragment ShipmentResult on Shipment {
  id number status trackingNumber deliveryNoteUrl carrier { id code name } order { id number status }
}`;
export const SHIPMENT_CREATE = `mutation ShipmentCreate($input: ShipmentCreateInput!) {
  shipmentCreate(input: $input) { shipment { ...ShipmentResult } errors { field code message } }
}` + SHIPMENT_RESULT;
export const SHIPMENT_SHIP = `mutation ShipmentShip($input: ShipmentShipInput!) {
  shipmentShip(input: $input) { shipment { ...ShipmentResult } errors { field code message } }
}` + SHIPMENT_RESULT;
export const VERIFY_STATE = `fragment VerifyState on ShipmentVerifyState {
  shipmentId shipmentNumber orderNumber trackingNumber outcome verified missingCount extraCount
  scannedSku { id code name }
  lines { expected scanned missing extra sku { id code barcode name specLabel baseUnit } }
}`;
export const VERIFY_START = `mutation VerifyStart($code: String!) {
  shipmentVerifyStart(code: $code) { state { ...VerifyState } errors { field code message } }
}` + VERIFY_STATE;
export const VERIFY_SCAN = `mutation VerifyScan($shipmentId: ID!, $code: String!, $quantity: Int!) {
  shipmentVerifyScan(shipmentId: $shipmentId, code: $code, quantity: $quantity) { state { ...VerifyState } errors { field code message } }
}` + VERIFY_STATE;
export const VERIFY_RESET = `mutation VerifyReset($shipmentId: ID!) {
  shipmentVerifyReset(shipmentId: $shipmentId) { state { ...VerifyState } errors { field code message } }
}` + VERIFY_STATE;
export const PRINT_TEMPLATE_FIELDS = `fragment PrintTemplateFields on PrintTemplate {
  kind title customised previewUrl fields { field label area visible align money }
}`;
export const PRINT_TEMPLATES = `query PrintTemplates { printTemplates { ...PrintTemplateFields } }` + PRINT_TEMPLATE_FIELDS;
export const PRINT_TEMPLATE_SAVE = `mutation PrintTemplateSave($kind: PrintDocumentKind!, $fields: [PrintFieldInput!]!, $title: String!) {
  printTemplateSave(kind: $kind, fields: $fields, title: $title) { template { ...PrintTemplateFields } errors { field code message } }
}` + PRINT_TEMPLATE_FIELDS;
export const PRINT_TEMPLATE_RESET = `mutation PrintTemplateReset($kind: PrintDocumentKind!) {
  printTemplateReset(kind: $kind) { template { ...PrintTemplateFields } errors { field code message } }
}` + PRINT_TEMPLATE_FIELDS;
export const SHIPPING_SETTINGS_FIELDS = `fragment ShippingSettingsFields on ShippingSettings {
  signbackOverdueDays deliveryNoteShowsPrices requireVerification printCompanyName printPhone printAddress printFooter logoUrl
}`;
export const SHIPPING_SETTINGS = `query ShippingSettings { shippingSettings { ...ShippingSettingsFields } }` + SHIPPING_SETTINGS_FIELDS;
export const SHIPPING_SETTINGS_UPDATE = `mutation ShippingSettingsUpdate($input: ShippingSettingsInput!) {
  shippingSettingsUpdate(input: $input) { settings { ...ShippingSettingsFields } errors { field code message } }
}` + SHIPPING_SETTINGS_FIELDS;
export const CARRIERS_MANAGE = `query CarriersManage { carriers(includeInactive: true) { ...CarrierFields } }` + CARRIER_FIELDS;
export const SHIPMENT_TRACKING_UPDATE = `mutation ShipmentTrackingUpdate($id: ID!, $trackingNumber: String!, $carrierId: ID) {
  shipmentTrackingUpdate(id: $id, trackingNumber: $trackingNumber, carrierId: $carrierId) { shipment { ...ShipmentResult } errors { field code message } }
}` + SHIPMENT_RESULT;
