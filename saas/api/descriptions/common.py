"""The words that mean the same on every type, and the shapes that describe themselves."""

from __future__ import annotations

import re

from graphql import GraphQLEnumType, GraphQLInputObjectType, GraphQLNamedType, GraphQLSchema

ROOT: dict[str, str] = {
    "Query": "Reads. Every list is filtered to what the caller may see; money and costs follow the "
    "field rules in each description.",
    "Mutation": "Writes. Each returns a payload with the result and `errors` (field, stable code, "
    "message in the caller's language); nothing is written when errors is not empty.",
    "Subscription": "Live events over WebSocket (graphql-transport-ws) at /graphql/.",
    "Query.user": "One colleague by id, if the caller may see them (users.view_all, or themself).",
    "Query.roles": "Every role of the workspace with its scopes.",
    "Query.product": "One product by id, with its SKUs the caller may see.",
    "Query.warehouses": "The workspace's warehouses with their bins; needs inventory.view.",
    "Query.transfers": "Transfers between warehouses, newest first; needs inventory.view.",
    "Query.stocktakes": "Stocktakes (盘点), newest first; needs inventory.view.",
    "Query.stockEntries": "Stock entries (other goods in or out: opening stock, losses, gifts), newest first.",
    "Query.stockDocument": "One transfer, stocktake or stock entry by kind and id.",
    "Query.supplier": "One supplier with its contacts and items; needs purchasing.manage.",
    "Query.supplierReturns": "Returns of goods to suppliers, newest first; needs purchasing.manage.",
    "Query.customerTags": "Every customer tag of the workspace.",
    "Query.customerLevels": "Every customer level (客户等级) of the workspace, in display order.",
    "Query.quotation": "One quotation by id, if the caller may see it.",
    "Query.invoice": "One invoice by id; needs finance.view or the rep's own customer.",
    "Query.receipt": "One receipt or refund by id; needs order money sight.",
    "Query.salesReturn": "One customer return by id, if the caller may see it.",
    "Query.shippingSettings": "The workspace's shipping settings; needs shipping.manage or tenant.manage.",
    "Query.printTemplate": "The print template of one document kind, with every field it can show.",
    "Mutation.logout": "Signs out: ends this session.",
    "Mutation.userReactivate": "Lets a deactivated user sign in again; needs users.manage.",
    "Mutation.userSetRoles": "Replaces a user's roles; needs users.manage. The last owner keeps the owner role.",
    "Mutation.productRestore": "Brings an archived product back (its SKUs stay as they were); needs catalog.manage.",
    "Mutation.categoryCreate": "Adds a category, at the top or under a parent; needs catalog.manage.",
    "Mutation.warehouseCreate": "Adds a warehouse; needs inventory.manage.",
    "Mutation.warehouseUpdate": "Changes a warehouse's code, name, address or active flag; needs inventory.manage.",
    "Mutation.binCreate": "Adds a bin (库位) to a warehouse; needs inventory.manage.",
    "Mutation.transferReceive": "Books a sent transfer in at the receiving warehouse; needs inventory.manage.",
    "Mutation.transferCancel": "Cancels a transfer not yet received; stock sent returns to the source.",
    "Mutation.stocktakeCount": "Records counted quantities on an open stocktake.",
    "Mutation.stocktakeCancel": "Cancels an open stocktake; no stock changes.",
    "Mutation.supplierCreate": "Adds a supplier; needs purchasing.manage.",
    "Mutation.supplierUpdate": "Changes a supplier's fields; needs purchasing.manage.",
    "Mutation.supplierItemRemove": "Stops buying a SKU from a supplier (the item is removed).",
    "Mutation.customerReactivate": "Makes a deactivated customer active again.",
    "Mutation.customerContactAdd": "Adds a contact person to a customer.",
    "Mutation.customerContactUpdate": "Changes one contact of a customer.",
    "Mutation.customerAddressAdd": "Adds a delivery address to a customer.",
    "Mutation.customerAddressUpdate": "Changes one delivery address of a customer.",
    "Mutation.customerTagCreate": "Adds a customer tag to the workspace.",
    "Mutation.orderExpenseRemove": "Removes one of our own expenses from an order.",
    "Mutation.shippingSettingsUpdate": "Changes the shipping settings; needs shipping.manage or tenant.manage.",
}

# Fields whose meaning is the same on every type that has them.
FIELDS: dict[str, str] = {
    "id": "The row's id: unique in this workspace and stable; digits as a string.",
    "errors": "Why the request was refused, one entry per problem; empty on success.",
    "idempotencyKey": "Any string unique per intended write: a retry with the same key returns the first "
    "result instead of writing twice.",
    "createdAt": "When it was created (ISO 8601, with the offset).",
    "updatedAt": "When it last changed (ISO 8601, with the offset).",
    "createdByName": 'Who created it: the person\'s name, "" when a partner key or a job did.',
    "actorName": "Who acted: a person's name, a partner key's label or \"System: <reason>\" for a job; "
    "null when unknown.",
    "isActive": "False: deactivated, kept for history and not offered for new documents.",
    "sortOrder": "Display order, ascending.",
    "phone": "Phone number as entered.",
    "email": "E-mail address.",
    "currency": "ISO 4217 code of the money fields (the workspace currency, e.g. CNY).",
    "number": "The document's number, unique in the workspace (for example SO-2026-000001).",
    "note": "Free text; on a status change it is kept in the history.",
    "notes": "Free text notes.",
    "remark": "Free text remark for this line.",
    "remarks": "Free text remarks.",
    "content": "What was said or done, free text.",
    "title": "Job title of a contact person (采购经理).",
    "label": "The row's name to show, in the caller's language.",
    "sku": "The SKU (the one Sku type).",
    "skuId": "The SKU's id.",
    "skuIds": "SKU ids.",
    "product": "The product (the one Product type).",
    "productId": "The product's id.",
    "warehouse": "The warehouse (the one Warehouse type).",
    "warehouseId": "The warehouse's id.",
    "customer": "The customer (the one Customer type).",
    "customerId": "The customer's id.",
    "supplier": "The supplier.",
    "supplierId": "The supplier's id.",
    "rep": "The sales rep (业务员).",
    "repId": "The sales rep's id (a user).",
    "order": "The sales order.",
    "orderId": "The sales order's id.",
    "orderNumber": "The sales order's number.",
    "orderLineId": "The sales order line's id.",
    "purchaseOrderId": "The purchase order's id.",
    "shipmentId": "The shipment's id.",
    "packUnitId": "The pack unit's id; null: the base unit.",
    "levelId": "The customer level's id; null: none.",
    "tagIds": "Tag ids; the whole set.",
    "lines": "The lines, in order.",
    "lineNo": "The line's position in its document, from 1.",
    "unitName": "The unit the quantity is in: the product's base unit or a pack unit (箱).",
    "unitFactor": "Base units in one unitName (1 for the base unit).",
    "baseUnit": "The unit stock is counted in (件, kg).",
    "baseQuantity": "The quantity in base units.",
    "unitPrice": "Price per unitName in the workspace currency, tax included.",
    "unitCost": "Cost per base unit in the workspace currency.",
    "discountRate": "Percent off the price (10 means 10 %).",
    "taxRate": "VAT percent included in the price (13 means 13 %).",
    "taxAmount": "The VAT included in the amount, in the workspace currency.",
    "discountAmount": "The discount given, in the workspace currency.",
    "goodsAmount": "The goods before discounts, tax included, in the workspace currency.",
    "totalAmount": "What the customer owes for the goods after discounts, tax included.",
    "amount": "Money in the workspace currency, tax included where tax applies.",
    "barcode": "The barcode on the goods (EAN/UPC or the workspace's own); null when none.",
    "description": "Free text description.",
    "brand": "Brand name.",
    "receiver": "Who receives the goods.",
    "province": "Province (省).",
    "city": "City (市).",
    "district": "District or county (区/县).",
    "detail": "Street, number and the rest of the address.",
    "address": "Address in one line.",
    "contactName": "The customer's contact person for this order.",
    "contactPhone": "The contact person's phone.",
    "deliveryMethod": "How the goods travel: express (快递), logistics (物流), our own delivery or pick-up.",
    "trackingNumber": "The carrier's tracking number (运单号).",
    "carrier": "The carrier (快递/物流公司); null when none is named.",
    "reference": "The bank or payment reference (流水号).",
    "isDefault": "The one used unless another is chosen.",
    "isPrimary": "The customer's main contact.",
    "printUrl": "Printable HTML on this workspace's host (add &format=pdf for a PDF); needs the session.",
    "items": "The rows of this page, in the list's order.",
    "totalCount": "Rows in the whole list, with the same filters.",
    "rows": "The rows, in the report's order.",
    "totals": "Sums over every row, including any beyond the limit.",
    "truncated": "More groups than `limit`: rows stop there; totals still cover all.",
    "groupBy": "How the rows are grouped.",
    "from": "First day of the period, in the workspace's time zone, included.",
    "to": "Last day of the period, in the workspace's time zone, included.",
    "dateFrom": "First day, in the workspace's time zone, included; null: from the start.",
    "dateTo": "Last day, in the workspace's time zone, included; null: up to today.",
    "orderCount": "Orders counted.",
    "fromStatus": "The status before; null when the document was created.",
    "toStatus": "The status after.",
    "ok": "True when done.",
    "deletedId": "The id of what was deleted.",
    "allowDuplicate": "True: save even though a customer like this exists.",
}

ARGUMENTS: dict[str, str] = {
    "id": "The id of the row to read or change.",
    "input": "The fields; see the input type.",
    "limit": "Rows per page, 1–100.",
    "offset": "Rows to skip, 0–10,000.",
    "note": "Why; kept with the status history.",
    "search": "Text to match: names, codes, phone numbers (pinyin and initials where the list keeps them).",
    "status": "Only rows in this status.",
    "kind": "Only rows of this kind.",
    "filter": "Filters; absent fields do not filter.",
    "name": "The name.",
    "code": "The code.",
    "active": "true: active rows only; false: deactivated only; absent: both.",
    "includeInactive": "Also list deactivated rows.",
    "idempotencyKey": FIELDS["idempotencyKey"],
    "groupBy": "How to group the rows.",
    "from": "First day, in the workspace's time zone, included.",
    "to": "Last day, in the workspace's time zone, included.",
    "dateFrom": "First day, in the workspace's time zone, included.",
    "dateTo": "Last day, in the workspace's time zone, included.",
    "reason": "Why; kept with the record.",
    "trackingNumber": "The carrier's tracking number (运单号).",
    "address": "Address as entered.",
    "updatedSince": "Only rows changed at or after this instant (for syncing).",
    "after": "The cursor of the last row already read (pageInfo.endCursor); stable under changes.",
    "first": "Rows per page when paging by cursor, 1–100.",
}

ID_ARGUMENT = re.compile(r"^(?P<entity>[a-z][A-Za-z]*?)Ids?$")


def _words(camel: str) -> str:
    return re.sub(r"(?<!^)(?=[A-Z])", " ", camel).lower()


def type_text(schema: GraphQLSchema, name: str, type_: GraphQLNamedType) -> str | None:
    if name.endswith("Payload"):
        mutation = name[0].lower() + name[1 : -len("Payload")]
        if schema.mutation_type and mutation in schema.mutation_type.fields:
            return f"What {mutation} returns: the result, or why it was refused in errors."
        return "What a mutation returns: the result, or why it was refused in errors."
    if name.endswith("Page"):
        return f"One page of {_words(name[: -len('Page')])}s: the rows asked for and how many there are."
    if isinstance(type_, GraphQLInputObjectType):
        mutation = name[0].lower() + name[1 : -len("Input")] if name.endswith("Input") else ""
        if schema.mutation_type and mutation in schema.mutation_type.fields:
            return f"What {mutation} takes."
    if isinstance(type_, GraphQLEnumType) and name.endswith(("GroupBy", "Grouping")):
        return "How a report's rows are grouped."
    return None


def field_text(type_name: str, field_name: str) -> str | None:
    if type_name.endswith("Payload") and field_name != "errors":
        return "The result as it is now; null when the request was refused."
    return FIELDS.get(field_name)


def argument_text(root: str, name: str) -> str | None:
    if root == "Query" and (match := ID_ARGUMENT.match(name)):
        entity = _words(match.group("entity"))
        return (
            f"Only rows of these {entity}s (their ids)."
            if name.endswith("Ids")
            else (f"Only rows of this {entity} (its id).")
        )
    if name in ARGUMENTS:
        return ARGUMENTS[name]
    if match := ID_ARGUMENT.match(name):
        return f"The {_words(match.group('entity'))}'s id."
    return None


VALUES: dict[str, str] = {
    "EDIT": "Change the document.",
    "SUBMIT": "Submit it for approval.",
    "APPROVE": "Approve it.",
    "REJECT": "Refuse it.",
    "REOPEN": "Take it back to draft.",
    "CANCEL": "Cancel it.",
    "RECEIVE": "Book goods in against it.",
    "CLOSE": "Close it: nothing more is expected.",
    "SEND": "Mark it sent to the customer.",
    "ACCEPT": "Record that the customer accepted.",
    "CONVERT": "Turn it into a sales order.",
    "RETRY_RESERVATION": "Try again to reserve stock for it.",
    "SHIP": "Ship goods of it.",
    "SIGN_BACK": "Record the customer's signature on delivery (签回).",
    "ADD_EXPENSE": "Add one of our own costs (运费, 安装费).",
    "RECORD_RECEIPT": "Record money received for it.",
    "REQUEST_RETURN": "Start a customer return against it.",
    "SETTLE": "Settle the return: refund or credit.",
    "UPDATE_TRACKING": "Correct its carrier or tracking number.",
    "ISSUE": "Issue it (开票) with the number on the tax invoice.",
    "VOID": "Void it: entered by mistake.",
    "ALLOCATE": "Allocate what is left of the payment to orders.",
    "COUNT": "Enter counted quantities.",
}


def value_text(enum_name: str, value_name: str) -> str | None:
    if enum_name.endswith(("GroupBy", "Grouping")) or enum_name == "OrderGroup":
        return f"By {_words(value_name.replace('_', ' ').title().replace(' ', ''))}."
    if enum_name.endswith("Action"):
        return VALUES.get(value_name)
    return None
