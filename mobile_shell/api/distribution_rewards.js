/**
 * The GraphQL operations of profit sharing and rebates (分润 / 返利): for the workspace
 * (distribution.view to read, distribution.manage to act) the commission rules and their what-if,
 * the monthly settlements with their statements and lines, the volume rebate and top-10 bonus
 * rules and the rebate runs; for a distributor's people its own posted statements and rebates.
 *
 * One exported constant per operation, named after it; fragments joined with + (never ${…}):
 * tests/test_shell_operations.py validates each against graphql/schema.graphql.
 */

export const COMMISSION_RULE_SET_FIELDS = `fragment CommissionRuleSetFields on CommissionRuleSet {
  version maxDepth lawfulMaxDepth note createdAt
  rules { id depth basis ratePercent levelId levelName categoryId categoryName }
}`;
export const COMMISSION_SETTLEMENT_FIELDS = `fragment CommissionSettlementFields on CommissionSettlement {
  id number month status statementCount lineCount total createdAt postedAt
}`;
export const COMMISSION_STATEMENT_FIELDS = `fragment CommissionStatementFields on CommissionStatement {
  id settlementId settlementNumber month status distributorId distributorName total lineCount walletEntryId
}`;
export const COMMISSION_LINE_FIELDS = `fragment CommissionLineFields on CommissionLine {
  id kind orderId orderNumber lineNo skuCode buyerName depth quantity basis baseAmount
  ruleVersion ratePercent commission returnNumber bookedOn movedFrom
}`;

export const COMMISSION_RULES = `query CommissionRules {
  commissionRules { ...CommissionRuleSetFields }
}` + COMMISSION_RULE_SET_FIELDS;
export const COMMISSION_RULES_SAVE = `mutation CommissionRulesSave($input: CommissionRulesInput!) {
  commissionRulesSave(input: $input) { ruleSet { ...CommissionRuleSetFields } errors { field code message } }
}` + COMMISSION_RULE_SET_FIELDS;
export const COMMISSION_WHAT_IF = `query CommissionWhatIf($input: CommissionRulesInput!, $limit: Int!, $offset: Int!) {
  commissionWhatIf(input: $input, limit: $limit, offset: $offset) {
    settlementId month oldTotal newTotal totalCount
    rows { distributorId distributorName oldTotal newTotal change }
  }
}`;

export const COMMISSION_SETTLEMENTS = `query CommissionSettlements($limit: Int!, $offset: Int!) {
  commissionSettlements(limit: $limit, offset: $offset) { totalCount items { ...CommissionSettlementFields } }
}` + COMMISSION_SETTLEMENT_FIELDS;
export const COMMISSION_SETTLEMENT = `query CommissionSettlement($id: ID!, $limit: Int!, $offset: Int!) {
  commissionSettlement(id: $id) {
    ...CommissionSettlementFields
    statements(limit: $limit, offset: $offset) { totalCount items { ...CommissionStatementFields } }
  }
}` + COMMISSION_SETTLEMENT_FIELDS + COMMISSION_STATEMENT_FIELDS;
export const COMMISSION_STATEMENT_LINES = `query CommissionStatementLines($settlementId: ID!, $distributorId: ID!, $limit: Int!, $offset: Int!) {
  commissionStatement(settlementId: $settlementId, distributorId: $distributorId) {
    id
    lines(limit: $limit, offset: $offset) { totalCount items { ...CommissionLineFields } }
  }
}` + COMMISSION_LINE_FIELDS;
export const COMMISSION_SETTLEMENT_CREATE = `mutation CommissionSettlementCreate($month: Date!) {
  commissionSettlementCreate(month: $month) { settlement { ...CommissionSettlementFields } errors { field code message } }
}` + COMMISSION_SETTLEMENT_FIELDS;
export const COMMISSION_SETTLEMENT_POST = `mutation CommissionSettlementPost($id: ID!) {
  commissionSettlementPost(id: $id) { settlement { ...CommissionSettlementFields } errors { field code message } }
}` + COMMISSION_SETTLEMENT_FIELDS;

// Rebates (返利) and top-10 bonuses (业绩奖).
export const VOLUME_REBATE_RULE_FIELDS = `fragment VolumeRebateRuleFields on VolumeRebateRule {
  id name periodKind measure levelId isActive tiers { threshold ratePercent }
}`;
export const BONUS_RULE_FIELDS = `fragment BonusRuleFields on BonusRule {
  id name periodKind mode rankAmounts poolAmount levelId isActive
}`;
export const REBATE_RUN_FIELDS = `fragment RebateRunFields on RebateRun {
  id number periodKind periodStart periodEnd status lineCount total computedAt computedBy reviewNote approvedAt postedAt
}`;
export const REBATE_LINE_FIELDS = `fragment RebateLineFields on RebateLine {
  id runNumber periodKind periodStart kind distributorId distributorName ruleName purchaseQuantity purchaseAmount
  tierThreshold ratePercent rank tied amount walletEntryId
}`;

export const REBATE_RULES = `query RebateRules {
  volumeRebateRules(includeInactive: true) { ...VolumeRebateRuleFields }
  bonusRules(includeInactive: true) { ...BonusRuleFields }
}` + VOLUME_REBATE_RULE_FIELDS + BONUS_RULE_FIELDS;
export const VOLUME_REBATE_RULE_SAVE = `mutation VolumeRebateRuleSave($input: VolumeRebateRuleInput!) {
  volumeRebateRuleSave(input: $input) { rule { ...VolumeRebateRuleFields } errors { field code message } }
}` + VOLUME_REBATE_RULE_FIELDS;
export const BONUS_RULE_SAVE = `mutation BonusRuleSave($input: BonusRuleInput!) {
  bonusRuleSave(input: $input) { rule { ...BonusRuleFields } errors { field code message } }
}` + BONUS_RULE_FIELDS;
export const REBATE_RUNS = `query RebateRuns($limit: Int!, $offset: Int!) {
  rebateRuns(limit: $limit, offset: $offset) { totalCount items { ...RebateRunFields } }
}` + REBATE_RUN_FIELDS;
export const REBATE_RUN = `query RebateRun($id: ID!, $limit: Int!, $offset: Int!) {
  rebateRun(id: $id) {
    ...RebateRunFields
    lines(limit: $limit, offset: $offset) { totalCount items { ...RebateLineFields } }
  }
}` + REBATE_RUN_FIELDS + REBATE_LINE_FIELDS;
export const REBATE_RUN_COMPUTE = `mutation RebateRunCompute($periodKind: RebatePeriodKind!, $periodStart: Date!) {
  rebateRunCompute(periodKind: $periodKind, periodStart: $periodStart) { run { ...RebateRunFields } errors { field code message } }
}` + REBATE_RUN_FIELDS;
export const REBATE_RUN_APPROVE = `mutation RebateRunApprove($id: ID!, $note: String) {
  rebateRunApprove(id: $id, note: $note) { run { ...RebateRunFields } errors { field code message } }
}` + REBATE_RUN_FIELDS;
export const REBATE_RUN_POST = `mutation RebateRunPost($id: ID!) {
  rebateRunPost(id: $id) { run { ...RebateRunFields } errors { field code message } }
}` + REBATE_RUN_FIELDS;

// A distributor's own: its posted statements (newest month first) and its posted rebates.
export const MY_COMMISSION_STATEMENTS = `query MyCommissionStatements($limit: Int!, $offset: Int!) {
  myCommissionStatements(limit: $limit, offset: $offset) { totalCount items { ...CommissionStatementFields } }
}` + COMMISSION_STATEMENT_FIELDS;
// One statement's lines: the statement at `index` of that same list (there is no statement by
// id for distributors), checked against the id the screen expects.
export const MY_COMMISSION_STATEMENT_LINES = `query MyCommissionStatementLines($index: Int!, $limit: Int!, $offset: Int!) {
  myCommissionStatements(limit: 1, offset: $index) {
    items { id lines(limit: $limit, offset: $offset) { totalCount items { ...CommissionLineFields } } }
  }
}` + COMMISSION_LINE_FIELDS;
export const MY_REBATES = `query MyRebates($limit: Int!, $offset: Int!) {
  myRebates(limit: $limit, offset: $offset) { totalCount items { ...RebateLineFields } }
}` + REBATE_LINE_FIELDS;
