/**
 * The GraphQL operations of reports: sales, profit, arrears, returns and order statistics.
 *
 * One exported constant per operation, named after it (query SalesOrder → SALES_ORDER); a
 * fragment is a constant of its own, joined with + to the operations that spread it.
 * tests/test_shell_operations.py reads these files without running them and validates every
 * operation against graphql/schema.graphql: keep to template literals without ${…}.
 */

export const SALES_REPORT = `query SalesReport($period: SalesReportPeriod!, $anchor: Date) {
  salesReport(period: $period, anchor: $anchor) {
    period from to previousFrom previousTo currency orderCountChangePercent amountChangePercent
    totals { orderCount amount } previousTotals { orderCount amount }
    rows { start label orderCount amount previousOrderCount previousAmount amountChangePercent }
  }
}`;
export const ORDER_STATISTICS = `query OrderStatistics($groupBy: OrderStatisticsGroupBy!, $from: Date, $to: Date) {
  orderStatistics(groupBy: $groupBy, from: $from, to: $to) {
    from to currency truncated
    rows { key label orderCount quantity amount receivedAmount balance }
    totals { orderCount quantity amount receivedAmount balance }
  }
}`;
export const PROFIT_REPORT = `query ProfitReport($groupBy: ProfitGroupBy!, $from: Date, $to: Date) {
  profitReport(groupBy: $groupBy, from: $from, to: $to) {
    from to currency truncated
    rows { key label orderCount revenue cost expenses profit marginPercent }
    totals { orderCount revenue cost expenses profit marginPercent }
  }
}`;
export const CUSTOMER_ARREARS = `query CustomerArrears {
  customerArrears(limit: 500) {
    asOf currency truncated
    rows { customerId code name owner unpaidOrderCount amount returned received balance oldestUnpaidDate daysOutstanding }
    totals { customerCount unpaidOrderCount amount returned received balance }
  }
}`;
export const RETURNS_REPORT = `query ReturnsReport($groupBy: ReturnsGroupBy!, $from: Date, $to: Date) {
  returnsReport(groupBy: $groupBy, from: $from, to: $to) {
    from to currency truncated
    rows { key label returnCount quantity amount cost }
    totals { returnCount quantity amount cost }
  }
}`;
