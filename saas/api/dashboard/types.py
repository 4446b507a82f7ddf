"""GraphQL types of the home screen: the day's figures and the onboarding checklist."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import strawberry

from saas.onboarding.selectors import Onboarding
from saas.reports.selectors.home import HomeSales, LowStock, Periods, ReceivablesDue


@strawberry.type(
    description="One money figure today, yesterday, this month so far and the same days of last month."
)
class HomeMoney:
    today: Decimal = strawberry.field(description="Today, in the workspace's time zone.")
    yesterday: Decimal = strawberry.field(description="Yesterday.")
    month: Decimal = strawberry.field(description="This month from the 1st to today.")
    last_month: Decimal = strawberry.field(
        description="Last month from the 1st to the same day (its last day when shorter): what month compares with."
    )

    @classmethod
    def of(cls, periods: Periods) -> HomeMoney:
        return cls(
            today=periods.today,
            yesterday=periods.yesterday,
            month=periods.month,
            last_month=periods.last_month,
        )


@strawberry.type(description="One count today, yesterday, this month so far and the same days of last month.")
class HomeCount:
    today: int = strawberry.field(description="Today, in the workspace's time zone.")
    yesterday: int = strawberry.field(description="Yesterday.")
    month: int = strawberry.field(description="This month from the 1st to today.")
    last_month: int = strawberry.field(description="Last month from the 1st to the same day.")

    @classmethod
    def of(cls, periods: Periods) -> HomeCount:
        return cls(
            today=int(periods.today),
            yesterday=int(periods.yesterday),
            month=int(periods.month),
            last_month=int(periods.last_month),
        )


@strawberry.type(description="Sales of one day.")
class HomeDay:
    day: date = strawberry.field(description="The day (workspace time).")
    amount: Decimal = strawberry.field(description="Total of the orders of that day that count as sold.")
    orders: int = strawberry.field(description="How many such orders.")


@strawberry.type(
    description="Sales as the sales reports count them: orders that count as sold, by their order day; "
    "a rep's own orders only."
)
class HomeSalesType:
    amount: HomeMoney = strawberry.field(description="Their total.")
    orders: HomeCount = strawberry.field(description="How many orders.")
    days: list[HomeDay] = strawberry.field(
        description="The last 30 days, oldest first, today last, zeros included (the 7-day chart is the last 7)."
    )

    @classmethod
    def of(cls, sales: HomeSales) -> HomeSalesType:
        return cls(
            amount=HomeMoney.of(sales.amount),
            orders=HomeCount.of(sales.orders),
            days=[HomeDay(day=row.day, amount=row.amount, orders=row.orders) for row in sales.days],
        )


@strawberry.type(
    description="What sold orders still owe on or after their due day (a rep's own orders only)."
)
class HomeReceivablesDue:
    amount: Decimal = strawberry.field(description="Owed by orders due today or earlier.")
    orders: int = strawberry.field(description="How many such orders.")
    overdue_amount: Decimal = strawberry.field(description="Of that, owed past the due day.")
    overdue_orders: int = strawberry.field(description="How many orders are past their due day.")

    @classmethod
    def of(cls, due: ReceivablesDue) -> HomeReceivablesDue:
        return cls(
            amount=due.amount,
            orders=due.orders,
            overdue_amount=due.overdue_amount,
            overdue_orders=due.overdue_orders,
        )


@strawberry.type(description="A stock level at or below its reorder point or minimum.")
class HomeLowStockRow:
    sku_code: str = strawberry.field(description="The SKU's code.")
    name: str = strawberry.field(description="Its product's name.")
    warehouse: str = strawberry.field(description="The warehouse's name.")
    available: Decimal = strawberry.field(description="Available now, in base units.")
    reorder_point: Decimal | None = strawberry.field(description="Its reorder point (else its minimum).")


@strawberry.type(
    description="Low stock: how many levels are at or below their line, and the few furthest below."
)
class HomeLowStock:
    count: int = strawberry.field(description="How many stock levels are low.")
    rows: list[HomeLowStockRow] = strawberry.field(description="At most 5, the least available first.")

    @classmethod
    def of(cls, low: LowStock) -> HomeLowStock:
        return cls(
            count=low.count,
            rows=[
                HomeLowStockRow(
                    sku_code=row.sku_code,
                    name=row.name,
                    warehouse=row.warehouse,
                    available=row.available,
                    reorder_point=row.reorder_point,
                )
                for row in low.rows
            ],
        )


@strawberry.type(description="One step of a new workspace's checklist, ticked from the workspace's own data.")
class OnboardingStepType:
    key: str = strawberry.field(
        description="company (letterhead phone or address), warehouse, products, colleagues, first_order."
    )
    done: bool = strawberry.field(description="Whether the workspace's own data (not the sample set) has it.")


@strawberry.type(description="A new workspace's first screen: the checklist and the sample data set.")
class OnboardingType:
    steps: list[OnboardingStepType] = strawberry.field(description="The steps, in the order to show them.")
    complete: bool = strawberry.field(description="Every step is done.")
    dismissed: bool = strawberry.field(description="Someone put the checklist away.")
    sample_loaded: bool = strawberry.field(
        description="The sample data set is in the workspace (sampleDataRemove takes it out)."
    )

    @classmethod
    def of(cls, onboarding: Onboarding) -> OnboardingType:
        return cls(
            steps=[OnboardingStepType(key=step.key, done=step.done) for step in onboarding.steps],
            complete=onboarding.complete,
            dismissed=onboarding.dismissed,
            sample_loaded=onboarding.sample_loaded,
        )
