/**
 * The GraphQL operations of catalog: products, SKUs, categories and what distributors may see of stock.
 *
 * One exported constant per operation, named after it (query SalesOrder → SALES_ORDER); a
 * fragment is a constant of its own, joined with + to the operations that spread it.
 * tests/test_shell_operations.py reads these files without running them and validates every
 * operation against graphql/schema.graphql: keep to template literals without ${…}.
 */

export const PRODUCT = `query Product($id: ID!) {
  product(id: $id) {
    id code name brand description baseUnit status category { path }
    skus { id code barcode listPrice costPrice specLabel status }
  }
}`;
export const PRODUCT_STOCK = `query ProductStock($productId: ID!) {
  stockLevels(productId: $productId, limit: 100) {
    items { id onHand available reserved inTransit isLow sku { id } warehouse { id code name } }
  }
}`;
export const PRODUCT_EDIT = `query ProductEdit($id: ID!) {
  product(id: $id) {
    id code name brand baseUnit category { id path }
    skus { id code barcode listPrice costPrice specLabel }
  }
}`;
export const CATEGORIES = `query Categories { categories(flat: true) { id path } }`;
export const PRODUCT_UPDATE = `mutation ProductUpdate($id: ID!, $input: ProductUpdateInput!) {
  productUpdate(id: $id, input: $input) { product { id name } errors { field code message } }
}`;
export const SKU_UPDATE = `mutation SkuUpdate($id: ID!, $input: SkuUpdateInput!) {
  skuUpdate(id: $id, input: $input) { sku { id code barcode listPrice costPrice } errors { field code message } }
}`;
export const PRODUCT_CREATE = `mutation ProductCreate($input: ProductCreateInput!) {
  productCreate(input: $input) { product { id name } errors { field code message } }
}`;
export const PRODUCTS = `query Products($search: String!, $limit: Int!, $offset: Int!) {
  products(search: $search, limit: $limit, offset: $offset) {
    totalCount
    items { id code name brand baseUnit category { path } skus { id code barcode listPrice costPrice specLabel } }
  }
}`;
export const SKU_BY_BARCODE = `query SkuByBarcode($barcode: String!) { skuByBarcode(barcode: $barcode) { id productId } }`;
export const PRODUCT_STOCK_TOTALS = `query ProductStockTotals($ids: [ID!]!) { productStockTotals(productIds: $ids) { productId onHand available } }`;
export const PRODUCT_AVAILABILITY = `query ProductAvailability($ids: [ID!]!) {
  productAvailability(productIds: $ids) { productId band skus { skuId band } }
}`;
export const DISTRIBUTOR_AVAILABILITY = `query DistributorAvailability { distributorAvailability }`;
export const DISTRIBUTOR_AVAILABILITY_SET = `mutation DistributorAvailabilitySet($mode: DistributorAvailability!) {
  distributorAvailabilitySet(mode: $mode) { mode errors { field code message } }
}`;
export const SKU_SEARCH = `query SkuSearch($search: String!) { skus(search: $search, limit: 8) { items { id code barcode specLabel listPrice product { id name baseUnit packUnits { id name factor } } } } }`;
