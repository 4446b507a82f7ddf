"""The GraphQL documents partner_client.py sends: trimmed from graphql/operations/*.graphql, plus
webhooks and the event feed. Kept apart so the client's commands read without them."""

from __future__ import annotations

from gql import gql

PRODUCT_CREATE = gql("""
mutation ProductCreate($input: ProductCreateInput!) {
  productCreate(input: $input) {
    product { id code name skus { id code specLabel listPrice } }
    replayed
    errors { field code message }
  }
}
""")

FIND_PRODUCT_BY_CODE = gql("""
query FindProductByCode($code: String!) {
  products(search: $code, status: null, limit: 20) {
    items { id code name skus { id code specLabel listPrice } }
  }
}
""")

FIND_CUSTOMER_BY_CODE = gql("""
query FindCustomerByCode($code: String!) {
  customers(search: $code, limit: 20) {
    items { id code name isActive owner { id fullName } }
  }
}
""")

WAREHOUSES = gql("""
query OrderWarehouses {
  warehouses { id code name }
}
""")

FIND_SKU_BY_CODE = gql("""
query SkusByCode($code: String!) {
  skus(search: $code, limit: 20) {
    items { id code }
  }
}
""")

SALES_ORDER_CREATE = gql("""
mutation SalesOrderCreate($input: SalesOrderCreateInput!) {
  salesOrderCreate(input: $input) {
    salesOrder { id number status totalAmount }
    errors { field code message }
  }
}
""")

SALES_ORDER_SUBMIT = gql("""
mutation SalesOrderSubmit($id: ID!) {
  salesOrderSubmit(id: $id) {
    salesOrder { id number status creditHold }
    errors { field code message }
  }
}
""")

WEBHOOK_ENDPOINT_CREATE = gql("""
mutation WebhookEndpointCreate($input: WebhookEndpointCreateInput!) {
  webhookEndpointCreate(input: $input) {
    webhookEndpoint { id url events state }
    secret
    errors { field code message }
  }
}
""")

WEBHOOK_ENDPOINT_REPLAY = gql("""
mutation WebhookEndpointReplay($id: ID!, $since: DateTime!, $until: DateTime!) {
  webhookEndpointReplay(id: $id, since: $since, until: $until) {
    queued
    errors { field code message }
  }
}
""")

EVENTS = gql("""
query Events($after: ID, $types: [String!], $limit: Int!) {
  events(after: $after, types: $types, limit: $limit) {
    items { id type version occurredAt actor { kind id label } data }
    endCursor
    hasMore
  }
}
""")
