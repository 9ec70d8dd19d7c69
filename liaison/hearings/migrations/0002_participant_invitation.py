"""A hearing participant's invitation becomes the engine's ``workflow.Invitation``: each row's
answer, attendance and times move there, and the participant keeps its role."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def _state(participant):
    if participant.attended is True:
        return "attended"
    if participant.attended is False:
        return "absent"
    return {"pending": "invited"}.get(participant.response, participant.response)


def to_invitations(apps, schema_editor):
    Participant = apps.get_model("hearings", "Participant")
    Invitation = apps.get_model("workflow", "Invitation")
    TimelineEvent = apps.get_model("workflow", "TimelineEvent")
    held = dict(
        TimelineEvent.objects.filter(action="hearings.hearing.hold").values_list("matter_id", "at")
    )
    for participant in Participant.objects.all():
        invitation = Invitation.objects.create(
            matter_id=participant.hearing_id,
            person_id=participant.person_id,
            relation="participant",
            state=_state(participant),
            invited_by_id=participant.invited_by_id,
            invited_at=participant.invited_at,
            answered_at=participant.responded_at,
            attendance_at=held.get(participant.hearing_id)
            if participant.attended is not None
            else None,
        )
        participant.invitation = invitation
        participant.save(update_fields=["invitation"])


def from_invitations(apps, schema_editor):
    Participant = apps.get_model("hearings", "Participant")
    answers = {"invited": "pending", "attended": "accepted", "absent": "accepted"}
    for participant in Participant.objects.select_related("invitation"):
        invitation = participant.invitation
        participant.response = answers.get(invitation.state, invitation.state)
        participant.responded_at = invitation.answered_at
        participant.attended = invitation.state == "attended" if invitation.attendance_at else None
        participant.invited_at = invitation.invited_at
        participant.invited_by_id = invitation.invited_by_id
        participant.save()
    ids = list(Participant.objects.values_list("invitation_id", flat=True))
    Participant.objects.update(invitation=None)  # or deleting the invitations deletes the rows
    apps.get_model("workflow", "Invitation").objects.filter(pk__in=ids).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("hearings", "0001_initial"),
        ("workflow", "0010_invitation_counsel"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        # Nullable first, so that going back re-adds it empty for the data to fill.
        migrations.AlterField(
            model_name="participant",
            name="invited_by",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
        migrations.AddField(
            model_name="participant",
            name="invitation",
            field=models.OneToOneField(
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="hearing_participant",
                to="workflow.invitation",
            ),
        ),
        migrations.RunPython(to_invitations, from_invitations),
        migrations.AlterField(
            model_name="participant",
            name="invitation",
            field=models.OneToOneField(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="hearing_participant",
                to="workflow.invitation",
            ),
        ),
        migrations.AlterModelOptions(
            name="participant",
            options={
                "ordering": ["invitation__invited_at", "pk"],
                "verbose_name": "hearing participant",
                "verbose_name_plural": "hearing participants",
            },
        ),
        migrations.RemoveIndex(model_name="participant", name="hearings_pa_person__62fc7a_idx"),
        migrations.RemoveField(model_name="participant", name="attended"),
        migrations.RemoveField(model_name="participant", name="invited_at"),
        migrations.RemoveField(model_name="participant", name="invited_by"),
        migrations.RemoveField(model_name="participant", name="responded_at"),
        migrations.RemoveField(model_name="participant", name="response"),
    ]
