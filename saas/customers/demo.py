"""Demo customers for the demo workspace: levels, tags, a dozen customers across China with
contacts and delivery addresses, owned by the demo sales reps, and a few logged conversations.

`customers_demo_seed()` runs in the current tenant schema (wrap it in schema_context) through
the ordinary services and skips what exists (levels and tags by code and name, customers by
name), so running it again changes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta
from zoneinfo import ZoneInfo

from django.db import transaction
from django.utils import timezone

from saas.accounts import scopes
from saas.accounts.models import User
from saas.core.tenancy import current_tenant
from saas.customers import services
from saas.customers.duplicates import name_key
from saas.customers.models import Customer, CustomerLevel, CustomerTag
from saas.customers.services import AddressInput, ContactInput

LEVELS = [("VIP", "VIP客户"), ("A", "A类客户"), ("B", "B类客户"), ("C", "C类客户")]
TAGS = [
    ("批发", "#0052d9"),
    ("零售", "#2ba471"),
    ("老客户", "#e37318"),
    ("新客户", "#029cd4"),
    ("重点跟进", "#d54941"),
    ("电商", "#8e56dd"),
]


@dataclass(frozen=True)
class DemoCustomer:
    name: str
    phone: str
    level: str
    tags: list[str]
    contact: tuple[str, str, str]  # name, title, mobile
    address: tuple[str, str, str, str]  # province, city, district, detail
    kind: str = "company"
    source: str = "referral"
    credit_limit: str | None = None
    payment_terms_days: int = 0
    notes: str = ""
    conversations: list[tuple[str, str, int, int | None]] = field(default_factory=list)
    # (kind, content, days ago, follow up in days from then)


DEMO_CUSTOMERS = [
    DemoCustomer(
        "杭州鑫达商贸有限公司",
        "0571-8821 6601",
        "VIP",
        ["批发", "老客户"],
        ("陈建国", "采购经理", "138 0571 0001"),
        ("浙江省", "杭州市", "西湖区", "文三路 90 号东部软件园 3 号楼 501 室"),
        credit_limit="200000",
        payment_terms_days=30,
        conversations=[
            ("visit", "上门拜访，确认春季 T 恤补货 600 件，下周下单。", 6, 7),
            ("call", "电话确认发票抬头和收货时间。", 2, None),
        ],
    ),
    DemoCustomer(
        "上海浦江服饰有限公司",
        "021-5888 7702",
        "A",
        ["批发"],
        ("周丽", "店长", "139 2100 0002"),
        ("上海市", "上海市", "浦东新区", "张杨路 500 号华润时代广场 12 楼"),
        credit_limit="80000",
        payment_terms_days=15,
        source="exhibition",
    ),
    DemoCustomer(
        "北京京华数码科技有限公司",
        "010-6255 3303",
        "A",
        ["批发", "老客户"],
        ("刘洋", "总经理", "136 0100 0003"),
        ("北京市", "北京市", "海淀区", "中关村大街 27 号中关村大厦 8 层"),
        credit_limit="100000",
        payment_terms_days=30,
        conversations=[("message", "微信发送新款手机报价单。", 3, 4)],
    ),
    DemoCustomer(
        "广州天河优品百货商行",
        "020-3866 4404",
        "B",
        ["零售"],
        ("黄志强", "老板", "135 2000 0004"),
        ("广东省", "广州市", "天河区", "天河路 385 号太古汇负一层 B12"),
        source="walk_in",
    ),
    DemoCustomer(
        "深圳南山智联电子有限公司",
        "0755-2660 5505",
        "VIP",
        ["批发", "电商"],
        ("林晓燕", "采购总监", "137 5500 0005"),
        ("广东省", "深圳市", "南山区", "科技园南区粤海街道高新南七道 12 号"),
        credit_limit="300000",
        payment_terms_days=45,
        conversations=[("visit", "拜访采购总监，洽谈年度框架协议。", 10, 20)],
    ),
    DemoCustomer(
        "成都锦江时尚服装店",
        "028-8666 6606",
        "C",
        ["零售", "新客户"],
        ("王小红", "店主", "139 2800 0006"),
        ("四川省", "成都市", "锦江区", "春熙路 19 号 2 楼 206 铺"),
        source="online",
    ),
    DemoCustomer(
        "武汉楚天通讯器材有限公司",
        "027-8577 7707",
        "B",
        ["批发"],
        ("张斌", "业务经理", "133 2700 0007"),
        ("湖北省", "武汉市", "江汉区", "解放大道 688 号武汉广场写字楼 15 楼"),
        credit_limit="50000",
        payment_terms_days=15,
    ),
    DemoCustomer(
        "南京秦淮麻雀便利店",
        "025-5222 8808",
        "C",
        ["零售"],
        ("赵磊", "店长", "131 2500 0008"),
        ("江苏省", "南京市", "秦淮区", "贡院街 2 号"),
        source="cold_call",
    ),
    DemoCustomer(
        "苏州园区晨光贸易有限公司",
        "0512-6288 9909",
        "A",
        ["批发", "重点跟进"],
        ("吴敏", "采购主管", "138 5120 0009"),
        ("江苏省", "苏州市", "苏州工业园区", "星湖街 328 号创意产业园 6 栋"),
        credit_limit="80000",
        payment_terms_days=30,
        conversations=[("call", "客户对数据线价格有异议，约下周面谈。", 1, 5)],
    ),
    DemoCustomer(
        "西安雁塔恒通商贸有限公司",
        "029-8536 1010",
        "B",
        ["新客户"],
        ("孙浩", "经理", "132 2900 0010"),
        ("陕西省", "西安市", "雁塔区", "小寨东路 1 号赛格国际 A 座 2208"),
        source="exhibition",
    ),
    DemoCustomer(
        "厦门思明海悦电商有限公司",
        "0592-2211 1111",
        "A",
        ["电商"],
        ("郑佳", "运营负责人", "150 5920 0011"),
        ("福建省", "厦门市", "思明区", "湖滨南路 88 号海悦大厦 9 楼"),
        credit_limit="60000",
        payment_terms_days=15,
        source="online",
    ),
    DemoCustomer(
        "李红梅",
        "158 5740 0012",
        "C",
        ["零售", "老客户"],
        ("李红梅", "", "158 5740 0012"),
        ("浙江省", "宁波市", "海曙区", "中山西路 138 号 3 单元 402"),
        kind="person",
        source="walk_in",
        notes="个人客户，常买女装，喜欢微信联系。",
    ),
]


def _levels(owner: User) -> dict[str, CustomerLevel]:
    found = {level.code: level for level in CustomerLevel.objects.all()}
    for order, (code, name) in enumerate(LEVELS):
        if code not in found:
            found[code] = services.customer_level_create(actor=owner, code=code, name=name, sort_order=order)
    return found


def _tags(owner: User) -> dict[str, CustomerTag]:
    found = {tag.name: tag for tag in CustomerTag.objects.all()}
    for name, color in TAGS:
        if name not in found:
            found[name] = services.customer_tag_create(actor=owner, name=name, color=color)
    return found


@transaction.atomic
def customers_demo_seed() -> int:
    """Add the demo customers to the current tenant; returns how many customers it created."""
    active = User.objects.filter(is_active=True).order_by("id")
    owner = active.filter(roles__code=scopes.OWNER).first()
    reps = list(active.filter(roles__code=scopes.SALES))
    if owner is None or not reps:
        raise RuntimeError("The demo customers need the owner and a sales rep; create the workspace first.")
    levels, tags = _levels(owner), _tags(owner)
    existing = set(Customer.objects.values_list("name_key", flat=True))
    now, zone = timezone.now(), ZoneInfo(current_tenant().time_zone)
    created = 0
    for index, item in enumerate(DEMO_CUSTOMERS):
        if name_key(item.name) in existing:
            continue
        rep = reps[index % len(reps)]
        contact_name, title, mobile = item.contact
        province, city, district, detail = item.address
        customer = services.customer_create(
            actor=owner,
            name=item.name,
            kind=item.kind,
            phone=item.phone,
            owner_id=rep.pk,
            level_id=levels[item.level].pk,
            tag_ids=[tags[name].pk for name in item.tags],
            credit_limit=item.credit_limit,
            payment_terms_days=item.payment_terms_days,
            source=item.source,
            notes=item.notes,
            invoice_title=item.name if item.kind == "company" else "",
            contacts=[ContactInput(name=contact_name, title=title, phone=mobile)],
            addresses=[
                AddressInput(
                    receiver=contact_name,
                    phone=mobile,
                    province=province,
                    city=city,
                    district=district,
                    detail=detail,
                )
            ],
            allow_duplicate=True,  # someone may have entered one of these numbers already
        )
        for kind, content, days_ago, follow_up in item.conversations:
            happened_at = now - timedelta(days=days_ago, hours=3)
            services.communication_log_add(
                actor=rep,
                customer_id=customer.pk,
                kind=kind,
                content=content,
                happened_at=happened_at,
                next_follow_up=None
                if follow_up is None
                else happened_at.astimezone(zone).date() + timedelta(days=follow_up),
            )
        created += 1
    return created
