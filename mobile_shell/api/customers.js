/**
 * The GraphQL operations of customers: the list, the card, contacts, addresses, tags and the contact log.
 *
 * One exported constant per operation, named after it (query SalesOrder → SALES_ORDER); a
 * fragment is a constant of its own, joined with + to the operations that spread it.
 * tests/test_shell_operations.py reads these files without running them and validates every
 * operation against graphql/schema.graphql: keep to template literals without ${…}.
 */

export const CUSTOMER = `query Customer($id: ID!) {
  customer(id: $id) {
    id code name kind phone isActive source notes invoiceTitle taxpayerId creditLimit paymentTermsDays createdAt
    owner { id name: fullName } level { id name } tags { id name color }
    contacts { id name title phone email isPrimary }
    addresses { id receiver phone province city district detail isDefault fullAddress }
  }
  customerLevels { id name }
  customerTags { id name color }
}`;
export const CUSTOMER_ASSIGN_OWNER = `mutation CustomerAssignOwner($id: ID!, $ownerId: ID) {
  customerAssignOwner(id: $id, ownerId: $ownerId) { customer { id owner { id name: fullName } } errors { field code message } }
}`;
export const CUSTOMER_ORDERS = `query CustomerOrders($filter: SalesOrderFilter, $limit: Int!) {
  salesOrders(filter: $filter, limit: $limit) { totalCount items { id number status orderDate totalAmount currency } }
}`;
export const CUSTOMER_FORM_DATA = `query CustomerFormData { customerLevels { id name } customerTags { id name color } }`;
export const CUSTOMER_DUPLICATES = `query CustomerDuplicates($name: String!, $phone: String!) {
  customerDuplicates(name: $name, phone: $phone) { customer { id code name owner { name: fullName } } matchedOn blocking }
}`;
export const CUSTOMER_CREATE = `mutation CustomerCreate($input: CustomerCreateInput!) {
  customerCreate(input: $input) { customer { id code name } errors { field code message } }
}`;
export const CUSTOMERS = `query Customers($search: String!, $tagIds: [ID!], $tagMode: CustomerTagMode!, $levelId: ID, $ownerId: ID,
    $unassigned: Boolean, $active: Boolean, $limit: Int!, $offset: Int!) {
  customers(search: $search, tagIds: $tagIds, tagMode: $tagMode, levelId: $levelId, ownerId: $ownerId,
      unassigned: $unassigned, active: $active, limit: $limit, offset: $offset) {
    totalCount
    items {
      id code name kind phone isActive
      owner { id name: fullName } level { id name } tags { id name color } contacts { name phone isPrimary }
    }
  }
}`;
export const CUSTOMER_FILTERS = `query CustomerFilters { customerLevels { id name } customerTags { id name color } }`;
export const CUSTOMER_ADDRESS_ADD = `mutation CustomerAddressAdd($customerId: ID!, $input: CustomerAddressInput!) {
  customerAddressAdd(customerId: $customerId, input: $input) { address { id } errors { field code message } }
}`;
export const CUSTOMER_ADDRESS_UPDATE = `mutation CustomerAddressUpdate($id: ID!, $input: CustomerAddressUpdateInput!) {
  customerAddressUpdate(id: $id, input: $input) { address { id } errors { field code message } }
}`;
export const CUSTOMER_ADDRESS_SET_DEFAULT = `mutation CustomerAddressSetDefault($id: ID!) {
  customerAddressSetDefault(id: $id) { address { id isDefault } errors { field code message } }
}`;
export const CUSTOMER_ADDRESS_REMOVE = `mutation CustomerAddressRemove($id: ID!) {
  customerAddressRemove(id: $id) { customer { id } errors { field code message } }
}`;
export const CUSTOMER_CONTACT_ADD = `mutation CustomerContactAdd($customerId: ID!, $input: CustomerContactInput!) {
  customerContactAdd(customerId: $customerId, input: $input) { contact { id name } errors { field code message } }
}`;
export const CUSTOMER_CONTACT_UPDATE = `mutation CustomerContactUpdate($id: ID!, $input: CustomerContactUpdateInput!) {
  customerContactUpdate(id: $id, input: $input) { contact { id name } errors { field code message } }
}`;
export const CUSTOMER_CONTACT_REMOVE = `mutation CustomerContactRemove($id: ID!) {
  customerContactRemove(id: $id) { customer { id } errors { field code message } }
}`;
export const CUSTOMER_UPDATE = `mutation CustomerUpdate($id: ID!, $input: CustomerUpdateInput!) {
  customerUpdate(id: $id, input: $input) { customer { id name } errors { field code message } }
}`;
export const CUSTOMER_TAGS_SET = `mutation CustomerTagsSet($customerId: ID!, $tagIds: [ID!]!) {
  customerTagsSet(customerId: $customerId, tagIds: $tagIds) { customer { id tags { id } } errors { field code message } }
}`;
export const CUSTOMER_COMMUNICATIONS = `query CustomerCommunications($customerId: ID!, $limit: Int!, $offset: Int!) {
  customerCommunications(customerId: $customerId, limit: $limit, offset: $offset) {
    totalCount
    items { id kind content happenedAt nextFollowUp actor { id name: fullName } }
  }
}`;
export const COMMUNICATION_LOG_ADD = `mutation CommunicationLogAdd($input: CommunicationLogInput!) {
  communicationLogAdd(input: $input) { communication { id } errors { field code message } }
}`;
export const CUSTOMER_TAG_CREATE = `mutation CustomerTagCreate($name: String!) {
  customerTagCreate(name: $name) { tag { id name color } errors { field code message } }
}`;
export const CUSTOMER_DEACTIVATE = `mutation CustomerDeactivate($id: ID!) {
  customerDeactivate(id: $id) { customer { id isActive } errors { field code message } }
}`;
export const CUSTOMER_REACTIVATE = `mutation CustomerReactivate($id: ID!) {
  customerReactivate(id: $id) { customer { id isActive } errors { field code message } }
}`;
export const CUSTOMER_PICK_FIELDS = `fragment CustomerPickFields on Customer {
  id code name invoiceTitle taxpayerId
}`;
export const CUSTOMER_PICK = `query CustomerPick($search: String!) { customers(search: $search, limit: 8) { items { ...CustomerPickFields } } }` + CUSTOMER_PICK_FIELDS;
export const CUSTOMER_PICKED = `query CustomerPicked($id: ID!) { customer(id: $id) { ...CustomerPickFields } }` + CUSTOMER_PICK_FIELDS;
