/**
 * The GraphQL operations of distribution (分销): the distributors' portal (its own distributor,
 * catalogue at its prices, cart pricing, ordering from the wallet or on credit, its orders,
 * wallet and channel stock reports) and the workspace's network (the tree, price lists and
 * their editor, the network's channel stock).
 *
 * One exported constant per operation, named after it; fragments joined with + (never ${…}):
 * tests/test_shell_operations.py validates each against graphql/schema.graphql. A channel stock
 * sheet is uploaded by a form post to /distribution/channel-stock/upload/ (ui/stock_report.js), a
 * cart sheet to /distribution/cart/import/ (screens/portal_cart.js).
 */

export const PORTAL_SKU_FIELDS = `fragment PortalSkuFields on Sku { id code name specLabel baseUnit }`;
export const PORTAL_ORDER_FIELDS = `fragment PortalOrderFields on DistributorOrder {
  id number status orderDate total payWith paidFromWallet paidFromRebate createdAt
}`;

export const MY_DISTRIBUTOR = `query MyDistributor {
  myDistributor {
    id name code status creditLimit creditAvailable rebateCapPercent
    level { id name minOrderAmount }
    wallet { balance rebateBalance }
  }
}`;
export const DISTRIBUTOR_CATALOG = `query DistributorCatalog($search: String!, $categoryId: ID, $limit: Int!, $offset: Int!) {
  distributorCatalog(search: $search, categoryId: $categoryId, limit: $limit, offset: $offset) {
    totalCount
    items { sku { ...PortalSkuFields } price listPrice priceRule caseQuantity availability }
  }
}` + PORTAL_SKU_FIELDS;
export const DISTRIBUTOR_CATEGORIES = `query DistributorCategories { distributorCategories { id path } }`;
export const DISTRIBUTOR_CART_PRICE = `query DistributorCartPrice($lines: [DistributorOrderLineInput!]!) {
  distributorCartPrice(lines: $lines) {
    total
    lines { skuId sku { ...PortalSkuFields } quantity price listPrice amount priceRule caseQuantity problem }
  }
}` + PORTAL_SKU_FIELDS;
export const DISTRIBUTOR_ORDER_PLACE = `mutation DistributorOrderPlace($input: DistributorOrderPlaceInput!) {
  distributorOrderPlace(input: $input) {
    salesOrder { ...PortalOrderFields }
    errors { field code message }
  }
}` + PORTAL_ORDER_FIELDS;
export const DISTRIBUTOR_ORDERS = `query DistributorOrders($limit: Int!, $offset: Int!) {
  distributorOrders(limit: $limit, offset: $offset) { totalCount items { ...PortalOrderFields } }
}` + PORTAL_ORDER_FIELDS;
export const DISTRIBUTOR_ORDER = `query DistributorOrder($id: ID!) {
  distributorOrder(id: $id) {
    ...PortalOrderFields
    lines { sku { ...PortalSkuFields } quantity unitPrice amount shippedQuantity listPrice priceRule }
    shipments { id number status carrierName carrierPhone trackingNumber shippedAt signed signedAt }
  }
}` + PORTAL_ORDER_FIELDS + PORTAL_SKU_FIELDS;
export const MY_WALLET = `query MyWallet($limit: Int!, $offset: Int!) {
  myDistributor {
    id
    wallet {
      balance rebateBalance
      entries(limit: $limit, offset: $offset) { id number kind pocket amount balanceAfter reference orderId orderNumber note createdAt }
    }
  }
}`;

export const CHANNEL_STOCK_REPORT_FIELDS = `fragment ChannelStockReportFields on ChannelStockReport {
  id reportDate current source fileName note reportedBy createdAt
  lines { sku { ...PortalSkuFields } onHand sold rowNo }
}`;
export const CHANNEL_STOCK_REPORT = `mutation ChannelStockReport($input: ChannelStockReportInput!) {
  channelStockReport(input: $input) { report { ...ChannelStockReportFields } errors { field code message } }
}` + CHANNEL_STOCK_REPORT_FIELDS + PORTAL_SKU_FIELDS;
export const MY_CHANNEL_STOCK_REPORTS = `query MyChannelStockReports($limit: Int!, $offset: Int!) {
  myChannelStockReports(limit: $limit, offset: $offset) { totalCount items { ...ChannelStockReportFields } }
}` + CHANNEL_STOCK_REPORT_FIELDS + PORTAL_SKU_FIELDS;

// The workspace's network (distribution.view; saving price lists: distribution.manage).
export const DISTRIBUTOR_TREE = `query DistributorTree {
  distributorTree {
    truncated
    nodes {
      id name code parentId depth salesArea creditLimit status
      level { id name }
      wallet { balance rebateBalance }
    }
  }
}`;
export const DISTRIBUTOR_LEVELS = `query DistributorLevels { distributorLevels { id code name rank minOrderAmount } }`;
export const DISTRIBUTOR_PICK = `query DistributorPick($search: String!) {
  distributors(search: $search, limit: 8) { items { id name code level { id name } } }
}`;
export const PRICE_LIST_FIELDS = `fragment PriceListFields on PriceList {
  id name effectiveFrom version note createdAt distributorId distributorName
  level { id name }
  items {
    sku { id code name specLabel listPrice }
    category { id name }
    caseQuantity
    breaks { minQuantity fixedPrice discountPercent }
  }
}`;
export const PRICE_LISTS = `query PriceLists($levelId: ID, $distributorId: ID, $limit: Int!, $offset: Int!) {
  priceLists(levelId: $levelId, distributorId: $distributorId, limit: $limit, offset: $offset) {
    totalCount items { ...PriceListFields }
  }
}` + PRICE_LIST_FIELDS;
export const PRICE_LIST_SAVE = `mutation PriceListSave($input: PriceListSaveInput!) {
  priceListSave(input: $input) { priceList { ...PriceListFields } errors { field code message } }
}` + PRICE_LIST_FIELDS;
export const CHANNEL_STOCK = `query ChannelStock($distributorId: ID, $skuId: ID, $subtree: Boolean!, $limit: Int!, $offset: Int!) {
  channelStock(distributorId: $distributorId, skuId: $skuId, subtree: $subtree, limit: $limit, offset: $offset) {
    totalCount windowFrom windowTo totalOnHand totalSold totalDaysOfCover
    items {
      distributorId distributorName levelName depth onHand asOf sold averageDailySold daysOfCover
      sku { ...PortalSkuFields }
    }
  }
}` + PORTAL_SKU_FIELDS;
export const MY_DOWNLINE = `query MyDownline($limit: Int!, $offset: Int!) {
  myDownline(limit: $limit, offset: $offset) {
    totalCount
    items { id name levelName depth parentId salesArea active purchaseAmount orderCount lastStockReportOn }
  }
}`;
