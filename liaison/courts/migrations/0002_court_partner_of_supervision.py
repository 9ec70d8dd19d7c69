"""The court whose enforcement case is supervised becomes a partner of each supervision opened
before it was one, as an opening makes it now (``actions.supervision_open``): it sees the
supervision as ``workflows.COURT_SIGHT`` says."""

from django.db import migrations


def courts_become_partners(apps, schema_editor):  # type: ignore[no-untyped-def]
    SupervisionCase = apps.get_model("courts", "SupervisionCase")
    MatterParty = apps.get_model("workflow", "MatterParty")
    db = schema_editor.connection.alias
    cases = SupervisionCase.objects.using(db).values_list("pk", "enforcement_case__court_id")
    present = set(
        MatterParty.objects.using(db)
        .filter(relation="partner_org", matter_id__in=[pk for pk, _court in cases])
        .values_list("matter_id", "organisation_id")
    )
    MatterParty.objects.using(db).bulk_create(
        [
            MatterParty(matter_id=pk, relation="partner_org", organisation_id=court)
            for pk, court in cases
            if (pk, court) not in present
        ]
    )


class Migration(migrations.Migration):
    dependencies = [
        ("courts", "0001_initial"),
        ("workflow", "0010_invitation_counsel"),
    ]

    operations = [
        migrations.RunPython(courts_become_partners, migrations.RunPython.noop),
    ]
