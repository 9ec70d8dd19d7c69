"""A petition lawyer's invitation becomes the engine's ``workflow.Invitation``: each row's answer
and times move there; the row keeps the lawyer and their opinion. One lawyer at a time stays
the workflow's rule (a lawyer is invited only from "accepted")."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def to_invitations(apps, schema_editor):
    PetitionLawyer = apps.get_model("petitions", "PetitionLawyer")
    Invitation = apps.get_model("workflow", "Invitation")
    for row in PetitionLawyer.objects.select_related("lawyer"):
        ended = row.response in ("declined", "withdrawn")
        invitation = Invitation.objects.create(
            matter_id=row.petition_id,
            person_id=row.lawyer.user_id,
            relation="participant",
            state={"pending": "invited"}.get(row.response, row.response),
            invited_by_id=row.invited_by_id,
            invited_at=row.invited_at,
            answered_at=row.responded_at if row.response in ("accepted", "declined") else None,
            ended_at=row.responded_at if ended else None,
        )
        row.invitation = invitation
        row.save(update_fields=["invitation"])


def from_invitations(apps, schema_editor):
    PetitionLawyer = apps.get_model("petitions", "PetitionLawyer")
    for row in PetitionLawyer.objects.select_related("invitation"):
        invitation = row.invitation
        row.response = {"invited": "pending"}.get(invitation.state, invitation.state)
        row.responded_at = invitation.answered_at or invitation.ended_at
        row.invited_at = invitation.invited_at
        row.invited_by_id = invitation.invited_by_id
        row.save()
    ids = list(PetitionLawyer.objects.values_list("invitation_id", flat=True))
    PetitionLawyer.objects.update(invitation=None)  # or deleting the invitations deletes the rows
    apps.get_model("workflow", "Invitation").objects.filter(pk__in=ids).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("petitions", "0001_initial"),
        ("workflow", "0010_invitation_counsel"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        # Nullable first, so that going back re-adds it empty for the data to fill.
        migrations.AlterField(
            model_name="petitionlawyer",
            name="invited_by",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
        migrations.AddField(
            model_name="petitionlawyer",
            name="invitation",
            field=models.OneToOneField(
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="petition_lawyer",
                to="workflow.invitation",
            ),
        ),
        migrations.RunPython(to_invitations, from_invitations),
        migrations.AlterField(
            model_name="petitionlawyer",
            name="invitation",
            field=models.OneToOneField(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="petition_lawyer",
                to="workflow.invitation",
            ),
        ),
        migrations.AlterModelOptions(
            name="petitionlawyer",
            options={
                "ordering": ["invitation__invited_at", "pk"],
                "verbose_name": "lawyer taking part",
                "verbose_name_plural": "lawyers taking part",
            },
        ),
        migrations.RemoveConstraint(
            model_name="petitionlawyer", name="petitions_one_lawyer_at_a_time"
        ),
        migrations.RemoveIndex(model_name="petitionlawyer", name="petitions_p_lawyer__b5ce86_idx"),
        migrations.RemoveField(model_name="petitionlawyer", name="invited_at"),
        migrations.RemoveField(model_name="petitionlawyer", name="invited_by"),
        migrations.RemoveField(model_name="petitionlawyer", name="responded_at"),
        migrations.RemoveField(model_name="petitionlawyer", name="response"),
    ]
