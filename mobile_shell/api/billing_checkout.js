/**
 * The GraphQL operations of paying online (Stripe): each answers the URL the owner opens.
 *
 * One exported constant per operation; tests/test_shell_operations.py validates each against
 * graphql/schema.graphql: keep to template literals without ${…}.
 */

export const BILLING_CHECKOUT_START = `mutation BillingCheckoutStart($plan: String!, $method: BillingCheckoutMethod!, $interval: BillingCheckoutInterval, $months: Int) {
  billingCheckoutStart(plan: $plan, method: $method, interval: $interval, months: $months) {
    url
    errors { field code message }
  }
}`;
export const BILLING_PORTAL_START = `mutation BillingPortalStart {
  billingPortalStart { url errors { field code message } }
}`;
