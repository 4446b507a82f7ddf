/**
 * The GraphQL operations of inventory: warehouses, bins, stock levels, movements, entries, transfers and stocktakes.
 *
 * One exported constant per operation, named after it (query SalesOrder → SALES_ORDER); a
 * fragment is a constant of its own, joined with + to the operations that spread it.
 * tests/test_shell_operations.py reads these files without running them and validates every
 * operation against graphql/schema.graphql: keep to template literals without ${…}.
 */

export const MOVEMENTS = `query Movements($skuId: ID, $warehouseId: ID, $limit: Int!, $offset: Int!) {
  stockMovements(skuId: $skuId, warehouseId: $warehouseId, limit: $limit, offset: $offset) {
    totalCount
    items {
      id kind onHandDelta reservedDelta onHandAfter sourceRef reason createdAt actorName unitCost
      sku { code name specLabel } warehouse { name } bin { code }
    }
  }
}`;
export const WAREHOUSES = `query Warehouses { warehouses { id code name } }`;
export const STOCK = `query Stock($warehouseId: ID, $search: String!, $lowOnly: Boolean!, $limit: Int!, $offset: Int!) {
  stockLevels(warehouseId: $warehouseId, search: $search, lowOnly: $lowOnly, limit: $limit, offset: $offset) {
    totalCount
    items {
      id onHand available reserved inTransit reorderPoint minQty maxQty isLow
      sku { id code name specLabel } warehouse { id code name }
    }
  }
}`;
export const STOCK_THRESHOLDS_SET = `mutation StockThresholdsSet($input: ThresholdsInput!) {
  stockThresholdsSet(input: $input) { stockLevel { id reorderPoint minQty maxQty isLow } errors { field code message } }
}`;
export const WAREHOUSES_WITH_BINS = `query WarehousesWithBins { warehouses { id code name bins { id code name } } }`;
export const STOCK_ENTRY_CREATE = `mutation StockEntryCreate($input: StockEntryInput!) {
  stockEntryCreate(input: $input) { document { id number } errors { field code message } }
}`;
export const STOCKTAKE_SKU_BY_BARCODE = `query StocktakeSkuByBarcode($barcode: String!) { skuByBarcode(barcode: $barcode) { id code barcode specLabel product { name } } }`;
export const SKU_BY_CODE = `query SkuByCode($search: String!) { skus(search: $search, limit: 5) { items { id code barcode specLabel product { name } } } }`;
export const STOCKTAKES = `query Stocktakes($limit: Int!) {
  stocktakes(limit: $limit) {
    totalCount
    items { id number status warehouse createdBy createdAt lines { countedQuantity } }
  }
}`;
export const STOCKTAKE_START = `mutation StocktakeStart($warehouseId: ID!) {
  stocktakeStart(warehouseId: $warehouseId) { document { id number } errors { field code message } }
}`;
export const TRANSFER_CREATE = `mutation TransferCreate($input: TransferInput!) {
  transferCreate(input: $input) { document { id number } errors { field code message } }
}`;
export const TRANSFERS = `query Transfers($limit: Int!) {
  transfers(limit: $limit) {
    totalCount
    items { id number status warehouse toWarehouse createdBy createdAt lines { quantity sku { code name specLabel } } }
  }
}`;
export const TRANSFER_RECEIVE = `mutation TransferReceive($id: ID!) {
  transferReceive(id: $id) { document { id number status } errors { field code message } }
}`;
export const TRANSFER_CANCEL = `mutation TransferCancel($id: ID!) {
  transferCancel(id: $id) { document { id number status } errors { field code message } }
}`;
export const WAREHOUSES_MANAGE = `query WarehousesManage {
  warehouses(includeInactive: true) { id code name address isActive bins { id code name } }
}`;
export const WAREHOUSE_CREATE = `mutation WarehouseCreate($code: String!, $name: String!, $address: String!) {
  warehouseCreate(code: $code, name: $name, address: $address) { warehouse { id name } errors { field code message } }
}`;
export const WAREHOUSE_UPDATE = `mutation WarehouseUpdate($id: ID!, $name: String, $address: String, $isActive: Boolean) {
  warehouseUpdate(id: $id, name: $name, address: $address, isActive: $isActive) { warehouse { id name isActive } errors { field code message } }
}`;
export const BIN_CREATE = `mutation BinCreate($warehouseId: ID!, $code: String!, $name: String!) {
  binCreate(warehouseId: $warehouseId, code: $code, name: $name) { bin { id code } errors { field code message } }
}`;
export const WAREHOUSE_BINS = `query WarehouseBins { warehouses { id bins { id code name } } }`;
export const STOCKTAKE_FIELDS = `fragment StocktakeFields on StockDocument {
  id number status warehouse createdBy createdAt
  lines { quantity countedQuantity difference sku { id code barcode name specLabel } }
}`;
export const STOCKTAKE = `query Stocktake($id: ID!) { stockDocument(kind: STOCKTAKE, id: $id) { ...StocktakeFields } }` + STOCKTAKE_FIELDS;
export const STOCKTAKE_COUNT = `mutation StocktakeCount($id: ID!, $counts: [CountLineInput!]!) {
  stocktakeCount(id: $id, counts: $counts) { document { ...StocktakeFields } errors { field code message } }
}` + STOCKTAKE_FIELDS;
export const STOCKTAKE_APPROVE = `mutation StocktakeApprove($id: ID!) {
  stocktakeApprove(id: $id) { document { ...StocktakeFields } errors { field code message } }
}` + STOCKTAKE_FIELDS;
export const STOCKTAKE_CANCEL = `mutation StocktakeCancel($id: ID!) {
  stocktakeCancel(id: $id) { document { ...StocktakeFields } errors { field code message } }
}` + STOCKTAKE_FIELDS;
/** One SKU's available quantity in one warehouse (the order entry's line note). */
export const ORDER_LINE_STOCK = `query OrderLineStock($warehouseId: ID!, $skuId: ID!) {
  stockLevels(warehouseId: $warehouseId, skuId: $skuId, limit: 1) { items { available } }
}`;
