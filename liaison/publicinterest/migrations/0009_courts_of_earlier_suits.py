"""The court named on a suit brought before courts took part in Liaison becomes a partner of its
case, as a suit brought now makes it (``suit_actions.suit_filed``): it sees the case and may
register the suit. The court's case number typed with an earlier judgment stays where it was
(``judgment_number``), read as the court's case number."""

from django.db import migrations

SUIT_STATES = ("litigation", "registered", "judged", "concluded")


def courts_become_partners(apps, schema_editor):  # type: ignore[no-untyped-def]
    PILCase = apps.get_model("publicinterest", "PILCase")
    MatterParty = apps.get_model("workflow", "MatterParty")
    db = schema_editor.connection.alias
    suits = PILCase.objects.using(db).filter(state__in=SUIT_STATES, court__isnull=False)
    present = set(
        MatterParty.objects.using(db)
        .filter(relation="partner_org", matter_id__in=suits.values("pk"))
        .values_list("matter_id", "organisation_id")
    )
    MatterParty.objects.using(db).bulk_create(
        [
            MatterParty(matter_id=pk, relation="partner_org", organisation_id=court)
            for pk, court in suits.values_list("pk", "court_id")
            if (pk, court) not in present
        ]
    )


class Migration(migrations.Migration):
    dependencies = [
        ("publicinterest", "0008_court_receives_suits"),
        ("workflow", "0010_invitation_counsel"),
    ]

    operations = [
        migrations.RunPython(courts_become_partners, migrations.RunPython.noop),
    ]
