"""Seeds the built-in Chinese carriers in every tenant schema (via the template).

The patterns are frozen here; saas/shipping/carriers.py explains them and their overlaps. A
later change of a pattern is a new data migration, so a schema's history says what it used.
"""

from django.db import migrations

# code, 中文名, English name, pattern, customer-service phone, priority (by parcel volume)
CARRIERS = [
    ("ZTO", "中通快递", "ZTO Express", r"^7[3-68]\d{12}$|^[5-7]\d{11}$", "95311", 90),
    ("YTO", "圆通速递", "YTO Express", r"^YT\d{13,15}$", "95554", 85),
    ("YUNDA", "韵达快递", "Yunda Express", r"^[34]\d{12}$|^[34]\d{14}$", "95546", 80),
    ("JT", "极兔速递", "J&T Express", r"^JT\d{13}$", "956025", 75),
    ("STO", "申通快递", "STO Express", r"^77\d{12,13}$|^(268|368|468|568|668|868|888|900)\d{9}$", "95543", 70),
    ("SF", "顺丰速运", "SF Express", r"^SF\d{12,13}$", "95338", 65),
    ("JD", "京东物流", "JD Logistics", r"^JD[0-9A-Z]{11,13}$", "950616", 60),
    ("EMS", "中国邮政 EMS", "China Post EMS", r"^[19]\d{12}$|^[A-Z]{2}\d{9}[A-Z]{2}$", "11183", 55),
    ("DEPPON", "德邦快递", "Deppon Express", r"^DPK\d{12}$", "95353", 50),
]


def seed(apps, schema_editor):
    Carrier = apps.get_model("shipping", "Carrier")
    for code, name_zh, name_en, pattern, phone, priority in CARRIERS:
        Carrier.objects.update_or_create(
            code=code,
            defaults={
                "name_zh": name_zh,
                "name_en": name_en,
                "tracking_pattern": pattern,
                "phone": phone,
                "priority": priority,
                "is_builtin": True,
            },
        )


def unseed(apps, schema_editor):
    Carrier = apps.get_model("shipping", "Carrier")
    Carrier.objects.filter(is_builtin=True, shipments__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [("shipping", "0001_initial")]
    operations = [migrations.RunPython(seed, unseed)]
