"""The default points scheme as rows, so that administrators see it and can change it."""

from django.db import migrations

DEFAULTS = {"clue_accepted": 10, "supervision_report": 5, "hearing_attended": 8}


def seed(apps, schema_editor):
    PointsRule = apps.get_model("volunteers", "PointsRule")
    for reason, points in DEFAULTS.items():
        PointsRule.objects.get_or_create(reason=reason, defaults={"points": points})


class Migration(migrations.Migration):
    dependencies = [("volunteers", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
