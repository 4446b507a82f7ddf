"""A distributor's own rewards, for its people (distributor.portal): its commission statements
and its rebates and bonuses, once posted. Separate root fields beside `myDistributor`; anyone who
is not a member of a distributor is refused with `not_a_distributor`."""

from __future__ import annotations

import strawberry
from strawberry.types import Info

from saas.api.distribution.commission_types import CommissionStatementPage, statement_page
from saas.api.distribution.rebate_types import RebateLinePage, RebateLineType
from saas.api.permissions import current_actor
from saas.core.paging import check_page
from saas.distribution.selectors.commissions import my_commission_statements
from saas.distribution.selectors.rebates import my_rebates


@strawberry.type
class RewardsPortalQueries:
    @strawberry.field(
        description="Your distributor's commission statements (分润), newest month first, once posted; "
        "each with the lines it sums."
    )
    def my_commission_statements(
        self, info: Info, limit: int = 20, offset: int = 0
    ) -> CommissionStatementPage:
        return statement_page(my_commission_statements(actor=current_actor(info)), limit, offset)

    @strawberry.field(
        description="Your distributor's rebates and bonuses (返利 / 业绩奖), newest period first, once posted."
    )
    def my_rebates(self, info: Info, limit: int = 20, offset: int = 0) -> RebateLinePage:
        check_page(limit, offset)
        rows = my_rebates(actor=current_actor(info))
        return RebateLinePage(
            total_count=rows.count(),
            items=[RebateLineType.of(line) for line in rows[offset : offset + limit]],
        )
