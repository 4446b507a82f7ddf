"""Profit sharing for the workspace (分销分润): the rules (distribution.view to read,
distribution.manage to save a new version), settlements per closed month (create, review the
statements and their lines, post once) and the what-if preview of changed rules on the last
settled month. Depth past the law's 2 is refused with `commission_depth_unlawful`."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Annotated

import strawberry
from strawberry.types import Info

from saas.api.choices import model_value
from saas.api.distribution.commission_types import (
    CommissionBasis,
    CommissionRuleSetPayload,
    CommissionRuleSetType,
    CommissionSettlementPage,
    CommissionSettlementPayload,
    CommissionSettlementStatus,
    CommissionSettlementType,
    CommissionStatementType,
    CommissionWhatIfType,
)
from saas.api.errors import run_service
from saas.api.permissions import current_actor
from saas.core.paging import check_page
from saas.distribution.commission_rules import CommissionRuleInput
from saas.distribution.selectors import commission_whatif
from saas.distribution.selectors import commissions as selectors
from saas.distribution.services import commissions as services


@strawberry.input(description="One commission rule: who earns what on goods its downline bought.")
class CommissionRuleInputType:
    depth: int = strawberry.field(
        description="1: the buyer's parent earns; 2: its grandparent. Deeper is refused by law (团队计酬)."
    )
    basis: CommissionBasis = strawberry.field(description="Revenue or margin.")  # type: ignore[valid-type]
    rate_percent: Decimal = strawberry.field(description="Percent of the basis: more than 0, at most 100.")
    level_id: strawberry.ID | None = strawberry.field(
        default=None, description="Only earners of this level; null: any level (a level's rule wins)."
    )
    category_id: strawberry.ID | None = strawberry.field(
        default=None,
        description="Only goods of this category and its subcategories; null: every category "
        "(the nearest category's rule wins).",
    )


@strawberry.input(description="The whole rule set, as a new version (rules left out are no longer paid).")
class CommissionRulesInput:
    rules: list[CommissionRuleInputType] = strawberry.field(description="Up to 200 rules.")
    max_depth: int | None = strawberry.field(
        default=None, description="How many levels up to pay: 1 or 2 (the lawful most); null: 2."
    )
    note: str | None = strawberry.field(default=None, description="Why it changed (at most 200).")
    idempotency_key: str | None = strawberry.field(
        default=None, description="A retry returns the first version."
    )


def _rules(found: CommissionRulesInput) -> list[CommissionRuleInput]:
    return [
        CommissionRuleInput(
            depth=rule.depth,
            basis=model_value(rule.basis),
            rate_percent=rule.rate_percent,
            level_id=rule.level_id,
            category_id=rule.category_id,
        )
        for rule in found.rules
    ]


SettlementId = Annotated[strawberry.ID, strawberry.argument(description="The settlement.")]


def _settlement(call: object) -> CommissionSettlementPayload:
    found, errors = run_service(call)  # type: ignore[arg-type]
    return CommissionSettlementPayload(
        settlement=CommissionSettlementType.of(found) if found else None, errors=errors
    )


@strawberry.type
class CommissionQueries:
    @strawberry.field(
        description="The commission rules in force (or a saved version); null before any is saved. "
        "For distribution.view."
    )
    def commission_rules(
        self,
        info: Info,
        version: Annotated[
            int | None, strawberry.argument(description="A saved version; null: in force.")
        ] = None,
    ) -> CommissionRuleSetType | None:
        found = selectors.commission_rule_set(actor=current_actor(info), version=version)
        return CommissionRuleSetType.of(found) if found else None

    @strawberry.field(description="Settlements, newest month first; for distribution.view.")
    def commission_settlements(
        self,
        info: Info,
        status: CommissionSettlementStatus | None = None,  # type: ignore[valid-type]
        limit: int = 20,
        offset: int = 0,
    ) -> CommissionSettlementPage:
        check_page(limit, offset)
        rows = selectors.commission_settlements(actor=current_actor(info), status=model_value(status))
        return CommissionSettlementPage(
            total_count=rows.count(),
            items=[CommissionSettlementType.of(row) for row in rows[offset : offset + limit]],
        )

    @strawberry.field(description="One settlement with its statements; for distribution.view.")
    def commission_settlement(self, info: Info, id: SettlementId) -> CommissionSettlementType:
        return CommissionSettlementType.of(
            selectors.commission_settlement(actor=current_actor(info), settlement_id=id)
        )

    @strawberry.field(description="One statement of a settlement with its lines; for distribution.view.")
    def commission_statement(
        self,
        info: Info,
        settlement_id: SettlementId,
        distributor_id: Annotated[strawberry.ID, strawberry.argument(description="Whose statement.")],
    ) -> CommissionStatementType | None:
        found = selectors.settlement_statements(
            actor=current_actor(info), settlement_id=settlement_id, distributor_id=distributor_id
        ).first()
        return CommissionStatementType.of(found) if found else None

    @strawberry.field(
        description="Changed rules replayed on the last settled month, per distributor old against new; "
        "writes nothing. Checked as saving checks them (commission_depth_unlawful and the rest); "
        "no_settled_period before any month is settled. For distribution.view."
    )
    def commission_what_if(
        self,
        info: Info,
        input: Annotated[CommissionRulesInput, strawberry.argument(description="The rules to try.")],
        limit: int = 20,
        offset: int = 0,
    ) -> CommissionWhatIfType:
        check_page(limit, offset)
        found = commission_whatif.commission_what_if(
            actor=current_actor(info), rules=_rules(input), max_depth=input.max_depth
        )
        return CommissionWhatIfType.of(found, limit, offset)


@strawberry.type
class CommissionMutations:
    @strawberry.mutation(
        description="Save the commission rules as a new version (distribution.manage): in force for "
        "orders completing from now on. commission_depth_unlawful past the grandparent."
    )
    def commission_rules_save(
        self,
        info: Info,
        input: Annotated[CommissionRulesInput, strawberry.argument(description="The whole rule set.")],
    ) -> CommissionRuleSetPayload:
        found, errors = run_service(
            lambda: services.commission_rules_save(
                actor=current_actor(info),
                rules=_rules(input),
                max_depth=input.max_depth,
                note=input.note or "",
                idempotency_key=input.idempotency_key,
            )
        )
        return CommissionRuleSetPayload(
            rule_set=CommissionRuleSetType.of(found) if found else None, errors=errors
        )

    @strawberry.mutation(
        description="Settle a month that has ended (distribution.manage): the month is locked and each "
        "earner gets a statement, to review before posting. period_not_closed, period_already_settled."
    )
    def commission_settlement_create(
        self,
        info: Info,
        month: Annotated[date, strawberry.argument(description="The month's first day.")],
    ) -> CommissionSettlementPayload:
        return _settlement(
            lambda: services.commission_settlement_create(actor=current_actor(info), month=month)
        )

    @strawberry.mutation(
        description="Credit each statement to its distributor's wallet as a commission entry; once: "
        "settlement_already_posted after. Finance's act: finance.manage (a key: finance:write too), "
        "finance_required without it."
    )
    def commission_settlement_post(self, info: Info, id: SettlementId) -> CommissionSettlementPayload:
        return _settlement(
            lambda: services.commission_settlement_post(actor=current_actor(info), settlement_id=id)
        )
