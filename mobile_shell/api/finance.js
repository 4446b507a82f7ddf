/**
 * The GraphQL operations of finance: invoices, receipts, refunds, receivables and statements.
 *
 * One exported constant per operation, named after it (query SalesOrder → SALES_ORDER); a
 * fragment is a constant of its own, joined with + to the operations that spread it.
 * tests/test_shell_operations.py reads these files without running them and validates every
 * operation against graphql/schema.graphql: keep to template literals without ${…}.
 */

export const INVOICE = `query Invoice($id: ID!) {
  invoice(id: $id) {
    id number taxInvoiceNumber kind status title taxpayerId amount taxAmount issueDate note createdAt createdByName
    customer { id name } orders { amount order { id number orderDate } }
  }
}`;
export const INVOICE_ISSUE = `mutation InvoiceIssue($input: InvoiceIssueInput!) {
  invoiceIssue(input: $input) { invoice { id status } errors { field code message } }
}`;
export const INVOICE_VOID = `mutation InvoiceVoid($id: ID!) { invoiceVoid(id: $id) { invoice { id status } errors { field code message } } }`;
export const INVOICE_CREATE = `mutation InvoiceCreate($input: InvoiceCreateInput!) {
  invoiceCreate(input: $input) { invoice { id number } errors { field code message } }
}`;
export const INVOICES = `query Invoices($status: InvoiceStatus, $limit: Int!, $offset: Int!) {
  invoices(status: $status, limit: $limit, offset: $offset) {
    totalCount items { id number taxInvoiceNumber kind status amount issueDate createdAt customer { id name } }
  }
}`;
export const RECEIPT_ALLOCATE = `mutation ReceiptAllocate($id: ID!, $allocations: [OrderAmountInput!]!, $key: String) {
  receiptAllocate(id: $id, allocations: $allocations, idempotencyKey: $key) { receipt { id } errors { field code message } }
}`;
export const RECEIPT_VOID = `mutation ReceiptVoid($id: ID!) { receiptVoid(id: $id) { receipt { id isVoid } errors { field code message } } }`;
export const RECEIPT_RECORD = `mutation ReceiptRecord($input: ReceiptRecordInput!) {
  receiptRecord(input: $input) { receipt { id number } errors { field code message } warnings { field code message } }
}`;
export const RECEIPTS = `query Receipts($customerId: ID, $kind: ReceiptKind, $limit: Int!, $offset: Int!) {
  receipts(customerId: $customerId, kind: $kind, limit: $limit, offset: $offset) {
    totalCount items { id number kind method amount unallocatedAmount receivedOn isVoid customer { id code name } }
  }
}`;
export const REFUND_PREPAID = `query RefundPrepaid($id: ID!) { receivables(customerId: $id) { total { prepayment } } }`;
export const REFUND_RECORD = `mutation RefundRecord($input: RefundRecordInput!) {
  refundRecord(input: $input) { receipt { id number } errors { field code message } }
}`;
export const CUSTOMER_STATEMENT = `query CustomerStatement($customerId: ID!, $from: Date, $to: Date) {
  customerStatement(customerId: $customerId, from: $from, to: $to) {
    openingBalance closingBalance customer { id code name paymentTermsDays }
    entries { date kind documentId number amount debit credit balance }
  }
}`;
export const RECEIPT = `query Receipt($id: ID!) {
  receipt(id: $id) {
    id number kind method amount unallocatedAmount receivedOn reference note isVoid createdAt createdByName
    customer { id code name }
    allocations { amount order { id number orderDate balanceDue } }
  }
}`;
export const RECEIVABLE_FIGURES = `fragment ReceivableFigures on Receivable {
  orderCount owed overpaid prepayment net notDue due0To30 due31To60 due61To90 dueOver90
}`;
export const RECEIVABLES = `query Receivables($groupBy: ReceivableGrouping!, $limit: Int!, $offset: Int!) {
  receivables(groupBy: $groupBy, limit: $limit, offset: $offset) {
    today totalCount total { ...ReceivableFigures }
    items { ...ReceivableFigures customer { id code name } rep { id fullName } }
  }
}` + RECEIVABLE_FIGURES;
export const CUSTOMER_SOLD_ORDERS = `query CustomerSoldOrders($filter: SalesOrderFilter, $limit: Int!, $offset: Int!) {
  salesOrders(filter: $filter, limit: $limit, offset: $offset) {
    totalCount items { id number status orderDate currency totalAmount receivedAmount returnedAmount invoicedAmount balanceDue }
  }
}`;
