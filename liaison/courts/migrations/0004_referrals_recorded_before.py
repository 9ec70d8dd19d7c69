"""Referrals recorded before the public security organ was chosen from the list kept its name
as typed (``referred_to``) and ended the supervision there: they move to ``referred_outside``,
a final state (``referred`` now awaits the organ's decision on filing, which they never will
in Liaison). The text stays as it was."""

from django.db import migrations


def carry_over(apps, schema_editor):  # type: ignore[no-untyped-def]
    SupervisionCase = apps.get_model("courts", "SupervisionCase")
    Matter = apps.get_model("workflow", "Matter")
    db = schema_editor.connection.alias
    old = SupervisionCase.objects.using(db).filter(state="referred", police__isnull=True)
    Matter.objects.using(db).filter(pk__in=list(old.values_list("pk", flat=True))).update(
        state="referred_outside"
    )


def carry_back(apps, schema_editor):  # type: ignore[no-untyped-def]
    Matter = apps.get_model("workflow", "Matter")
    db = schema_editor.connection.alias
    Matter.objects.using(db).filter(
        matter_type__in=("courts.enforcement", "courts.nonlitigation"), state="referred_outside"
    ).update(state="referred")


class Migration(migrations.Migration):
    dependencies = [
        ("courts", "0003_supervision_police"),
    ]

    operations = [
        migrations.RunPython(carry_over, carry_back),
    ]
