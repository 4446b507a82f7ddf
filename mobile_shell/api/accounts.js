/**
 * The GraphQL operations of accounts: the session, sign-in, users and the profile.
 *
 * One exported constant per operation, named after it (query SalesOrder → SALES_ORDER); a
 * fragment is a constant of its own, joined with + to the operations that spread it.
 * tests/test_shell_operations.py reads these files without running them and validates every
 * operation against graphql/schema.graphql: keep to template literals without ${…}.
 */

export const LOGIN = `mutation Login($email: String!, $password: String!) {
  login(email: $email, password: $password) { user { id } errors { field code message } }
}`;
export const LOGOUT = `mutation Logout { logout { ok } }`;
export const USERS = `query Users($search: String!, $active: Boolean, $limit: Int!, $offset: Int!) {
  users(search: $search, active: $active, limit: $limit, offset: $offset) {
    totalCount
    items { id email fullName isActive lastLogin dateJoined roles { code name } }
  }
}`;
export const ROLES = `query Roles { roles { code name } }`;
export const CUSTOMER_OWNERS = `query CustomerOwners {
  users(active: true, limit: 100) { items { id fullName email scopes } }
}`;
export const SESSION = `query Session {
  me { id email fullName phone language isActive roles { code name } scopes }
  tenant { slug name status timeZone currency plan planCode createdAt }
}`;
export const WORKSPACE = `query Workspace { workspace { name } }`;
// A cheap request that answers unauthenticated once the session has expired.
export const ALIVE = `query Alive { me { id } }`;
export const INVITE_USER = `mutation InviteUser($input: UserInviteInput!) {
  userInvite(input: $input) { user { id email fullName } replayed errors { field code message } }
}`;
export const UPDATE_PROFILE = `mutation UpdateProfile($input: ProfileInput!) {
  profileUpdate(input: $input) { user { id language fullName phone } errors { field code message } }
}`;
export const USER_DEACTIVATE = `mutation UserDeactivate($id: ID!) {
  userDeactivate(id: $id) { user { id isActive } errors { field code message } }
}`;
export const USER_REACTIVATE = `mutation UserReactivate($id: ID!) {
  userReactivate(id: $id) { user { id isActive } errors { field code message } }
}`;
