"""Lawyers of record become the engine's ``counsel`` parties of their cases: each live link gets
its ``MatterParty`` (from the time it was linked), so the case workflow's notifications and
readings reach them. The hand-built ``ProcedureEvent`` feed goes: the case's timeline holds
every procedural step, and a lawyer of record reads it through the engine."""

import django.db.models.deletion
from django.db import migrations, models


def to_parties(apps, schema_editor):
    CaseCounsel = apps.get_model("lawyers", "CaseCounsel")
    MatterParty = apps.get_model("workflow", "MatterParty")
    for counsel in CaseCounsel.objects.filter(ended_at__isnull=True).select_related("lawyer"):
        party, _created = MatterParty.objects.get_or_create(
            matter_id=counsel.case_id, relation="counsel", person_id=counsel.lawyer.user_id
        )
        MatterParty.objects.filter(pk=party.pk).update(added_at=counsel.linked_at)
        counsel.party = party
        counsel.save(update_fields=["party"])


def from_parties(apps, schema_editor):
    apps.get_model("workflow", "MatterParty").objects.filter(relation="counsel").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("lawyers", "0002_reply_sent_label"),
        ("workflow", "0010_invitation_counsel"),
    ]

    operations = [
        migrations.AddField(
            model_name="casecounsel",
            name="party",
            field=models.OneToOneField(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="case_counsel",
                to="workflow.matterparty",
            ),
        ),
        migrations.RunPython(to_parties, from_parties),
        migrations.DeleteModel(name="ProcedureEvent"),
    ]
