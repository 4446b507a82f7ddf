/**
 * The GraphQL operations of the desktop workbench: the tables' lists with their sort, batch
 * actions on orders, and the person's columns and saved views of each list.
 *
 * One exported constant per operation, named after it; tests/test_shell_operations.py validates
 * each against graphql/schema.graphql: keep to template literals without ${…}.
 */

export const ORDER_TABLE = `query OrderTable($filter: SalesOrderFilter, $orderBy: SalesOrderOrderBy, $limit: Int!, $offset: Int!) {
  salesOrders(filter: $filter, orderBy: $orderBy, limit: $limit, offset: $offset) {
    totalCount
    items {
      id number status orderDate requestedDate currency totalAmount creditHold remarks
      customer { id name } rep { id fullName } warehouse { id name }
    }
  }
}`;
export const CUSTOMER_TABLE = `query CustomerTable($search: String!, $levelId: ID, $ownerId: ID, $active: Boolean,
    $orderBy: CustomerOrderBy, $limit: Int!, $offset: Int!) {
  customers(search: $search, levelId: $levelId, ownerId: $ownerId, active: $active, orderBy: $orderBy, limit: $limit, offset: $offset) {
    totalCount
    items { id code name phone isActive createdAt owner { id fullName } level { id name } }
  }
}`;
export const PRODUCT_TABLE = `query ProductTable($search: String!, $status: CatalogStatus, $orderBy: ProductOrderBy, $limit: Int!, $offset: Int!) {
  products(search: $search, status: $status, orderBy: $orderBy, limit: $limit, offset: $offset) {
    totalCount
    items { id code name brand baseUnit status createdAt category { path } skus { id } }
  }
}`;
export const PURCHASE_ORDER_TABLE = `query PurchaseOrderTable($status: PurchaseOrderStatus, $supplierId: ID, $warehouseId: ID,
    $amountMin: Decimal, $amountMax: Decimal, $orderBy: PurchaseOrderOrderBy, $limit: Int!, $offset: Int!) {
  purchaseOrders(status: $status, supplierId: $supplierId, warehouseId: $warehouseId, amountMin: $amountMin, amountMax: $amountMax,
      orderBy: $orderBy, limit: $limit, offset: $offset) {
    totalCount
    items { id number status currency amount createdAt expectedDate supplier { id name } lines { id } }
  }
}`;
export const SUPPLIER_CHOICES = `query SupplierChoices { suppliers(active: true, limit: 100) { items { id name } } }`;
export const RECEIPT_TABLE = `query ReceiptTable($customerId: ID, $kind: ReceiptKind, $dateFrom: Date, $dateTo: Date,
    $amountMin: Decimal, $amountMax: Decimal, $orderBy: ReceiptOrderBy, $limit: Int!, $offset: Int!) {
  receipts(customerId: $customerId, kind: $kind, dateFrom: $dateFrom, dateTo: $dateTo, amountMin: $amountMin, amountMax: $amountMax,
      orderBy: $orderBy, limit: $limit, offset: $offset) {
    totalCount
    items { id number kind method amount unallocatedAmount receivedOn isVoid customer { id name } }
  }
}`;
export const RETURN_TABLE = `query ReturnTable($status: SalesReturnStatus, $customerId: ID, $dateFrom: Date, $dateTo: Date,
    $warehouseId: ID, $amountMin: Decimal, $amountMax: Decimal, $orderBy: SalesReturnOrderBy, $limit: Int!, $offset: Int!) {
  salesReturns(status: $status, customerId: $customerId, dateFrom: $dateFrom, dateTo: $dateTo, warehouseId: $warehouseId,
      amountMin: $amountMin, amountMax: $amountMax, orderBy: $orderBy, limit: $limit, offset: $offset) {
    totalCount
    items { id number status returnDate amount orderNumber reasonLabel warehouse { id name } customer { id name } }
  }
}`;
export const SHIPMENT_TABLE = `query ShipmentTable($filter: ShipmentFilterInput, $orderBy: ShipmentOrderBy, $limit: Int!, $offset: Int!) {
  shipments(filter: $filter, orderBy: $orderBy, limit: $limit, offset: $offset) {
    totalCount
    items {
      id number status shipDate trackingNumber deliveryMethod totalQuantity shippedByName
      order { id number customerName receiver } warehouse { id name } carrier { id name }
    }
  }
}`;
export const USER_CHOICES = `query UserChoices { users(active: true, limit: 100) { items { id fullName } } }`;
export const CUSTOMER_LEVEL_CHOICES = `query CustomerLevelChoices { customerLevels { id name } }`;
export const ORDER_BATCH_APPROVE = `mutation OrderBatchApprove($input: SalesOrderBatchApproveInput!) {
  salesOrderBatchApprove(input: $input) {
    okCount failedCount rows { row orderId orderNumber ok errors { field code message } } errors { field code message }
  }
}`;
export const ORDER_BATCH_REJECT = `mutation OrderBatchReject($input: SalesOrderBatchRejectInput!) {
  salesOrderBatchReject(input: $input) {
    okCount failedCount rows { row orderId orderNumber ok errors { field code message } } errors { field code message }
  }
}`;
export const ORDER_BATCH_ASSIGN_REP = `mutation OrderBatchAssignRep($input: SalesOrderBatchAssignRepInput!) {
  salesOrderBatchAssignRep(input: $input) {
    okCount failedCount rows { row orderId orderNumber ok errors { field code message } } errors { field code message }
  }
}`;
export const ORDER_BATCH_SHIP = `mutation OrderBatchShip($input: ShipmentBatchShipInput!) {
  shipmentBatchShip(input: $input) {
    batch { shippedCount failedCount rows { row orderId orderNumber ok errors { field code message } } }
    errors { field code message }
  }
}`;
export const LIST_COLUMNS = `query ListColumns($list: String!) { listColumns(list: $list) }`;
export const LIST_COLUMNS_SET = `mutation ListColumnsSet($list: String!, $columns: [String!]!) {
  listColumnsSet(list: $list, columns: $columns) { columns errors { field code message } }
}`;
export const SAVED_VIEWS = `query SavedViews($list: String!) { savedViews(list: $list) { id name query columns } }`;
export const SAVED_VIEW_SAVE = `mutation SavedViewSave($input: SavedViewInput!) {
  savedViewSave(input: $input) { view { id name query columns } errors { field code message } }
}`;
export const SAVED_VIEW_DELETE = `mutation SavedViewDelete($id: ID!) {
  savedViewDelete(id: $id) { deletedId errors { field code message } }
}`;
