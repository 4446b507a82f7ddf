/**
 * The GraphQL operations of procurement: suppliers, their items, purchase orders, receiving and replenishment.
 *
 * One exported constant per operation, named after it (query SalesOrder → SALES_ORDER); a
 * fragment is a constant of its own, joined with + to the operations that spread it.
 * tests/test_shell_operations.py reads these files without running them and validates every
 * operation against graphql/schema.graphql: keep to template literals without ${…}.
 */

export const SUPPLIER_RETURN = `mutation SupplierReturn($input: SupplierReturnCreateInput!) {
  supplierReturnCreate(input: $input) { supplierReturn { id number } errors { field code message } }
}`;
export const PO_SUPPLIERS = `query PoSuppliers { suppliers(active: true, limit: 100) { items { id code name } } }`;
export const PO_SUPPLIER_ITEMS = `query PoSupplierItems($id: ID!) {
  supplier(id: $id) { id items { isActive unitName unitFactor price sku { id } } }
}`;
export const PO_EDIT = `query PoEdit($id: ID!) {
  purchaseOrder(id: $id) {
    id number status currency expectedDate note supplier { id code name }
    lines { quantity unitName unitFactor unitPrice sku { id code name specLabel baseUnit } warehouse { id } }
  }
}`;
export const PURCHASE_ORDER_CREATE = `mutation PurchaseOrderCreate($input: PurchaseOrderCreateInput!) {
  purchaseOrderCreate(input: $input) { purchaseOrder { id number } errors { field code message } }
}`;
export const PURCHASE_ORDER_UPDATE = `mutation PurchaseOrderUpdate($id: ID!, $input: PurchaseOrderUpdateInput!) {
  purchaseOrderUpdate(id: $id, input: $input) { purchaseOrder { id number } errors { field code message } }
}`;
export const PURCHASE_ORDERS = `query PurchaseOrders($status: PurchaseOrderStatus, $limit: Int!, $offset: Int!) {
  purchaseOrders(status: $status, limit: $limit, offset: $offset) {
    totalCount
    items { id number status currency amount createdAt expectedDate supplier { name } lines { id } }
  }
}`;
export const RECEIVE_ORDER = `query ReceiveOrder($id: ID!) {
  purchaseOrder(id: $id) {
    id number status supplier { name }
    lines { id outstandingQty receivedQty sku { code name specLabel baseUnit } warehouse { id name } }
  }
}`;
export const GOODS_RECEIPT = `mutation GoodsReceipt($input: GoodsReceiptCreateInput!) {
  goodsReceiptCreate(input: $input) {
    goodsReceipt { id number }
    purchaseOrder { id status }
    errors { field code message }
  }
}`;
export const REPLENISHMENT = `query Replenishment {
  replenishmentSuggestion {
    orders {
      supplierId supplierCode supplierName amount
      lines {
        skuId skuCode skuName specLabel baseUnit warehouseId warehouseName available inTransit onOrder
        reorderPoint minQty need quantity orderQuantity unitName unitPrice amount
      }
    }
    unsourced { skuId skuCode skuName specLabel warehouseName available need baseUnit }
  }
}`;
export const REPLENISHMENT_CONFIRM = `mutation ReplenishmentConfirm($lines: [ReplenishmentLineInput!]!, $key: String) {
  replenishmentConfirm(lines: $lines, idempotencyKey: $key) {
    purchaseOrders { id number }
    errors { field code message }
  }
}`;
export const SUPPLIER = `query Supplier($id: ID!) {
  supplier(id: $id) {
    id code name paymentTermsDays address notes isActive
    contacts { name phone email }
    items {
      id supplierSkuCode unitName unitFactor price minOrderQty leadTimeDays isActive
      sku { id code name specLabel baseUnit }
    }
  }
}`;
export const SUPPLIER_UPDATE = `mutation SupplierUpdate($id: ID!, $input: SupplierUpdateInput!) {
  supplierUpdate(id: $id, input: $input) { supplier { id name isActive } errors { field code message } }
}`;
export const SUPPLIER_CREATE = `mutation SupplierCreate($input: SupplierCreateInput!) {
  supplierCreate(input: $input) { supplier { id name } errors { field code message } }
}`;
export const SUPPLIERS = `query Suppliers($search: String!, $active: Boolean, $limit: Int!, $offset: Int!) {
  suppliers(search: $search, active: $active, limit: $limit, offset: $offset) {
    totalCount
    items { id code name paymentTermsDays isActive contacts { name phone } items { id } }
  }
}`;
export const SUPPLIER_ITEM_SET = `mutation SupplierItemSet($input: SupplierItemInput!) {
  supplierItemSet(input: $input) { supplierItem { id sku { code } } errors { field code message } }
}`;
export const SUPPLIER_ITEM_REMOVE = `mutation SupplierItemRemove($id: ID!) {
  supplierItemRemove(id: $id) { ok errors { field code message } }
}`;
// The steps of a purchase order.
export const PURCHASE_ORDER_SUBMIT = `mutation PurchaseOrderSubmit($id: ID!) {
  purchaseOrderSubmit(id: $id) { purchaseOrder { id status } errors { field code message } }
}`;
export const PURCHASE_ORDER_APPROVE = `mutation PurchaseOrderApprove($id: ID!) {
  purchaseOrderApprove(id: $id) { purchaseOrder { id status } errors { field code message } }
}`;
export const PURCHASE_ORDER = `query PurchaseOrder($id: ID!) {
  purchaseOrder(id: $id) {
    id number status currency amount note createdAt expectedDate createdByName
    supplier { id code name }
    lines {
      id unitName unitFactor quantity unitPrice baseQuantity receivedQty rejectedQty outstandingQty amount
      sku { id code name specLabel baseUnit } warehouse { id code name }
    }
    receipts { id number createdAt createdByName lines { id acceptedQty rejectedQty returnedQty rejectReason sku { code } } }
    events { fromStatus toStatus note createdAt actorName }
  }
}`;
