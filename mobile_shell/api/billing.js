/**
 * The GraphQL operations of billing (the owner's 套餐与用量 page and the app's banners).
 *
 * One exported constant per operation; tests/test_shell_operations.py validates each against
 * graphql/schema.graphql: keep to template literals without ${…}.
 */

export const BILLING_LIMIT_FIELDS = `fragment BillingLimitFields on BillingLimits {
  users orders warehouses apiKeys distributors fieldReps
}`;
export const BILLING = `query Billing {
  billing {
    plan { code name monthlyPriceFen yearlyPriceFen }
    status trialEndsAt paidUntil graceEndsAt deleteAfter readOnly stripeConfigured bankTransferText
    paymentMethod billingInterval
    usage { users orders warehouses apiKeys distributors fieldReps }
    limits { ...BillingLimitFields }
    invoices { number amountFen currency status source hostedUrl periodStart periodEnd createdAt paidAt }
    plans { code name monthlyPriceFen yearlyPriceFen modules limits { ...BillingLimitFields } }
  }
}` + BILLING_LIMIT_FIELDS;
// What the banners need, asked once per session by the owner.
export const BILLING_STATUS = `query BillingStatus { billing { status graceEndsAt trialEndsAt readOnly } }`;
