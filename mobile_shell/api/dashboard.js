/**
 * The GraphQL operations of home screen: its figures and to-dos, the new workspace's checklist
 * and its sample data.
 *
 * One exported constant per operation, named after it (query SalesOrder → SALES_ORDER); a
 * fragment is a constant of its own, joined with + to the operations that spread it.
 * tests/test_shell_operations.py reads these files without running them and validates every
 * operation against graphql/schema.graphql: keep to template literals without ${…}.
 */

export const ONBOARDING_FIELDS = `fragment OnboardingFields on OnboardingType { complete dismissed sampleLoaded steps { key done } }`;

/** One request for the whole home; the variables ask only for what the person's role shows. */
export const HOME = `query Home($money: Boolean!, $stock: Boolean!, $manage: Boolean!, $targets: Boolean!) {
  dashboard {
    today currency
    todos { key count }
    sales @include(if: $money) {
      amount { today yesterday month lastMonth }
      orders { today yesterday month lastMonth }
      days { day amount orders }
    }
    collections @include(if: $money) { today yesterday month lastMonth }
    receivablesDue @include(if: $money) { amount orders overdueAmount overdueOrders }
    lowStock @include(if: $stock) { count rows { skuCode name warehouse available reorderPoint } }
    onboarding @include(if: $manage) { ...OnboardingFields }
  }
  fieldTargets @include(if: $targets) { elapsedShare metrics { metric value target completionRate } }
}` + ONBOARDING_FIELDS;

export const ONBOARDING_DISMISS = `mutation OnboardingDismiss($dismissed: Boolean!) {
  onboardingDismiss(dismissed: $dismissed) { onboarding { ...OnboardingFields } errors { field code message } }
}` + ONBOARDING_FIELDS;

export const SAMPLE_DATA_LOAD = `mutation SampleDataLoad {
  sampleDataLoad { onboarding { ...OnboardingFields } errors { field code message } }
}` + ONBOARDING_FIELDS;

export const SAMPLE_DATA_REMOVE = `mutation SampleDataRemove {
  sampleDataRemove { onboarding { ...OnboardingFields } errors { field code message } }
}` + ONBOARDING_FIELDS;
