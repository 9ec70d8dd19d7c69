"""The filing supervision (立案监督) after a public security organ did not file a referral: its
texts on the supervision, and "not filed" no longer final. A supervision left there before is
open again (``closed_at`` cleared), so that the procuratorate may ask the organ's reasons or
accept them; going back, it is closed again as of then."""

from django.db import migrations, models
from django.utils import timezone

TYPES = ("courts.enforcement", "courts.nonlitigation")


def reopen(apps, schema_editor):  # type: ignore[no-untyped-def]
    Matter = apps.get_model("workflow", "Matter")
    db = schema_editor.connection.alias
    Matter.objects.using(db).filter(matter_type__in=TYPES, state="not_filed").update(
        closed_at=None
    )


def close_again(apps, schema_editor):  # type: ignore[no-untyped-def]
    Matter = apps.get_model("workflow", "Matter")
    db = schema_editor.connection.alias
    Matter.objects.using(db).filter(
        matter_type__in=TYPES, state="not_filed", closed_at__isnull=True
    ).update(closed_at=timezone.now())


class Migration(migrations.Migration):
    dependencies = [
        ("courts", "0004_referrals_recorded_before"),
    ]

    operations = [
        migrations.AddField(
            model_name="supervisioncase",
            name="filing_review",
            field=models.TextField(
                blank=True, verbose_name="the procuratorate's conclusion on the reasons"
            ),
        ),
        migrations.AddField(
            model_name="supervisioncase",
            name="police_explanation",
            field=models.TextField(
                blank=True, verbose_name="public security organ's reasons for not filing"
            ),
        ),
        migrations.AddField(
            model_name="supervisioncase",
            name="reasons_request",
            field=models.TextField(
                blank=True, verbose_name="why the reasons for not filing are asked"
            ),
        ),
        migrations.RunPython(reopen, close_again),
    ]
