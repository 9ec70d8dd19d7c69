"""Remove the periods that nothing used: no clock named them and no code read them.

They were loaded from the old list of defaults (``statutory.py``), which is gone: every period is
now declared by the workflow or app that uses it (``deadlines.declarations``). The civil-
enforcement supervision periods and the periods after a public-interest reply lapses ("decide
whether to sue", "notice not to sue") come back, declared by their workflows, when a mechanism
runs them. Clocks copy their period's length when they start and keep its code as text, so no
clock depends on these rows.
"""

from django.db import migrations

UNUSED = (
    "pil.decide_to_sue",
    "pil.notice_not_to_sue",
    "enforcement.court_reply",
    "enforcement.court_reply_extension",
    "enforcement.follow_up_reply",
    "enforcement.idle_case_account",
    "enforcement.refusal_notice",
    "enforcement.objection_reply",
)


def remove_unused(apps, schema_editor):  # type: ignore[no-untyped-def]
    Period = apps.get_model("deadlines", "Period")
    Period.objects.using(schema_editor.connection.alias).filter(code__in=UNUSED).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("deadlines", "0002_period_override"),
    ]

    operations = [
        migrations.RunPython(remove_unused, migrations.RunPython.noop),
    ]
