"""Demo field sales for the demo workspace: customers placed around Hangzhou, a team with its
region, visit types with their forms, a month of the reps' visits (most of them recorded), this
month's targets, and the rollup behind the rankings.

`fieldsales_demo_seed()` runs after the demo customers and sales exist and does nothing once the
workspace has visits, so `sparrow up` can call it every time. Visits are written as rows (no
events: a month of history would flood the event log and the demo inbox); the rollup then adds
the days up. Positions are deterministic (a random generator seeded per customer and day).
"""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone

from saas.accounts import scopes
from saas.accounts.models import User
from saas.core.clock import tenant_today, tenant_zone
from saas.customers.models import Customer
from saas.fieldsales import geo
from saas.fieldsales.models import CustomerSite, FieldTarget, Region, Team, TeamMember, Visit, VisitKind
from saas.fieldsales.rollup import rollup_day
from saas.fieldsales.selectors import period_bounds
from saas.fieldsales.services import field_settings
from saas.fieldsales.visit_forms import FormField, clean_answers

# Shopping streets of Hangzhou (WGS-84): customers are spread within a few hundred metres of these.
HANGZHOU = [
    geo.Point(30.2741, 120.1551),  # 武林广场
    geo.Point(30.2592, 120.1303),  # 西湖 北山街
    geo.Point(30.2096, 120.2107),  # 滨江 星光大道
    geo.Point(30.2909, 120.1637),  # 朝晖
    geo.Point(30.2455, 120.1712),  # 南星桥
    geo.Point(30.3197, 120.1410),  # 拱墅 大关
    geo.Point(30.1820, 120.2640),  # 萧山 市心路
    geo.Point(30.2766, 120.1170),  # 文三路
]
VISIT_TIMES = [time(9, 30), time(11, 0), time(14, 30), time(16, 0)]
DAYS = 30
# The demo's visit types and their forms (visit_forms.py), as a food and drinks trader would set them.
VISIT_KINDS: list[tuple[str, list[dict[str, Any]]]] = [
    (
        "例行拜访",
        [
            {"key": "stock", "label": "客户库存(箱)", "kind": "number"},
            {"key": "intent", "label": "进货意向", "kind": "choice", "options": ["有", "观望", "无"]},
        ],
    ),
    (
        "陈列检查",
        [
            {"key": "facings", "label": "排面数", "kind": "number", "required": True},
            {
                "key": "position",
                "label": "陈列位置",
                "kind": "choice",
                "options": ["端架", "货架", "堆头", "收银台"],
            },
            {"key": "rival", "label": "竞品零售价", "kind": "money"},
            {
                "key": "promos",
                "label": "店内促销",
                "kind": "multi_choice",
                "options": ["买赠", "特价", "海报", "试吃"],
            },
        ],
    ),
    (
        "催款对账",
        [
            {"key": "promised", "label": "承诺付款日", "kind": "date"},
            {"key": "signed", "label": "对账单已签字", "kind": "boolean"},
        ],
    ),
]


def _offset(point: geo.Point, rng: random.Random, metres: float) -> geo.Point:
    return geo.Point(
        point.latitude + rng.uniform(-metres, metres) / 111_195,
        point.longitude + rng.uniform(-metres, metres) / 96_000,
    )


def _degrees(value: float) -> Decimal:
    return Decimal(str(round(value, 6)))


def _visit_kinds() -> list[VisitKind]:
    """The demo's visit types, made once (also in demo workspaces seeded before visit types)."""
    if not VisitKind.objects.exists():
        for position, (name, fields) in enumerate(VISIT_KINDS):
            VisitKind.objects.create(
                name=name,
                fields=[{"required": False, "options": [], **row} for row in fields],
                position=position,
            )
    return list(VisitKind.objects.filter(archived=False).order_by("position", "id"))


def _record(rng: random.Random, kind: VisitKind, day: date) -> tuple[str, list[dict[str, object]]]:
    """A purpose and answers for a demo visit of `kind` (checked by the same form rules)."""
    values: dict[str, object] = {}
    for row in kind.fields:
        if row["kind"] == "number":
            values[row["key"]] = str(rng.randint(2, 24))
        elif row["kind"] == "money":
            values[row["key"]] = f"{rng.randint(30, 90)}.{rng.choice(['00', '50', '90'])}"
        elif row["kind"] == "choice":
            values[row["key"]] = rng.choice(row["options"])
        elif row["kind"] == "multi_choice":
            values[row["key"]] = rng.sample(row["options"], rng.randint(0, 2))
        elif row["kind"] == "boolean":
            values[row["key"]] = rng.random() < 0.7
        elif row["kind"] == "date":
            values[row["key"]] = (day + timedelta(days=rng.randint(3, 20))).isoformat()
    answers = clean_answers([FormField.from_json(row) for row in kind.fields], values)
    purpose = {"例行拜访": "例行拜访，了解库存", "陈列检查": "检查陈列与竞品", "催款对账": "对账催款"}.get(
        kind.name, kind.name
    )
    return purpose, answers


def fieldsales_demo_seed() -> int:
    """Add the demo field data; returns how many visits it made (0 when it had run before)."""
    kinds = _visit_kinds()
    if Visit.objects.exists():
        return 0
    owner = User.objects.filter(roles__code=scopes.OWNER, is_active=True).order_by("id").first()
    manager = User.objects.filter(roles__code=scopes.MANAGER, is_active=True).order_by("id").first()
    reps = list(User.objects.filter(roles__code=scopes.SALES, is_active=True).order_by("id"))
    if owner is None or not reps:
        return 0
    radius = field_settings().radius_m
    made = 0
    with transaction.atomic():
        region, _new = Region.objects.get_or_create(name="华东区")
        team, _new = Team.objects.get_or_create(
            name="杭州一组", defaults={"region": region, "manager": manager}
        )
        for rep in reps:
            TeamMember.objects.get_or_create(user=rep, defaults={"team": team})
        sites: dict[int, geo.Point] = {}
        customers = list(Customer.objects.filter(owner__in=reps, is_active=True).order_by("id"))
        for index, customer in enumerate(customers):
            rng = random.Random(customer.pk)
            point = _offset(HANGZHOU[index % len(HANGZHOU)], rng, 400)
            CustomerSite.objects.update_or_create(
                customer=customer,
                defaults={
                    "latitude": _degrees(point.latitude),
                    "longitude": _degrees(point.longitude),
                    "set_by": owner,
                },
            )
            sites[customer.pk] = point
        zone, today = tenant_zone(), tenant_today()
        for back in range(DAYS, -1, -1):
            day = today - timedelta(days=back)
            if day.weekday() == 6:
                continue  # Sundays off
            for rep in reps:
                mine = [c for c in customers if c.owner_id == rep.pk]
                rng = random.Random(f"{rep.pk}:{day.isoformat()}")
                for slot, customer in enumerate(rng.sample(mine, min(len(mine), rng.randint(2, 4)))):
                    stood = _offset(sites[customer.pk], rng, 900 if rng.random() < 0.1 else 60)
                    accuracy = rng.choice([8.0, 15.0, 25.0, 40.0])
                    distance = geo.distance_meters(stood, sites[customer.pk])
                    at = datetime.combine(day, VISIT_TIMES[slot], tzinfo=zone) + timedelta(
                        minutes=rng.randint(0, 25)
                    )
                    if at > timezone.now():
                        continue  # today's later visits have not happened yet
                    kind = rng.choice(kinds) if kinds and rng.random() < 0.8 else None
                    purpose, answers = _record(rng, kind, day) if kind is not None else ("", [])
                    Visit.objects.create(
                        rep=rep,
                        customer=customer,
                        checked_in_at=at,
                        latitude=_degrees(stood.latitude),
                        longitude=_degrees(stood.longitude),
                        accuracy_m=Decimal(str(accuracy)),
                        distance_m=round(distance),
                        verdict=geo.range_verdict(distance, accuracy, radius),
                        radius_m=radius,
                        checked_out_at=at + timedelta(minutes=rng.randint(15, 50)),
                        kind=kind,
                        purpose=purpose,
                        answers=answers,
                        recorded_at=at + timedelta(minutes=10) if kind is not None else None,
                        follow_up_on=day + timedelta(days=14)
                        if kind is not None and rng.random() < 0.3
                        else None,
                        notes=rng.choice(
                            [
                                "补货，陈列正常",
                                "新品推荐，客户有意向",
                                "对账，收回部分货款",
                                "检查货架，竞品降价",
                            ]
                        ),
                    )
                    made += 1
        first, _last = period_bounds("month", today)
        for rep in reps:
            for metric, value in (("sales_amount", "50000"), ("visits", "60"), ("collections", "30000")):
                FieldTarget.objects.update_or_create(
                    period="month",
                    starts_on=first,
                    dimension="rep",
                    subject_id=rep.pk,
                    metric=metric,
                    defaults={"value": Decimal(value)},
                )
        FieldTarget.objects.update_or_create(
            period="month",
            starts_on=first,
            dimension="team",
            subject_id=team.pk,
            metric="sales_amount",
            defaults={"value": Decimal("100000")},
        )
    for back in range(DAYS, -1, -1):
        rollup_day(today - timedelta(days=back))
    return made
