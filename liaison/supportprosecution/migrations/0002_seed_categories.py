"""Load the support-prosecution categories of issue 12 (seed 002), each with the group it counts
in for the seed's figures; from then on administrators own the rows (they add the next one)."""

from django.db import migrations

CATEGORIES = [
    # code, name, English name, figures group, order
    ("migrant_wages", "农民工讨薪", "unpaid wages of migrant workers", "migrant_workers", 10),
    ("elderly_alimony", "老年人赡养费", "alimony for the elderly", "elderly_and_minors", 20),
    ("minor_support", "未成年人抚养费", "support for minors", "elderly_and_minors", 30),
    ("disabled", "残疾人权益", "people with disabilities", "other", 40),
    ("domestic_violence", "家庭暴力受害人", "victims of domestic violence", "other", 50),
    ("other", "其他", "others", "other", 90),
]


def seed(apps, schema_editor):
    model = apps.get_model("supportprosecution", "SupportCategory")
    for code, name, name_en, group, order in CATEGORIES:
        model.objects.get_or_create(
            code=code,
            defaults={"name": name, "name_en": name_en, "figures_group": group, "order": order},
        )


class Migration(migrations.Migration):
    dependencies = [("supportprosecution", "0001_support_cases")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
