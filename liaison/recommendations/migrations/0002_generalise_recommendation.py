"""The recommendation generalised: on its own table, addressed to any organisation
(``agency`` → ``addressee``), linked to the matter it arises from by a generic link (``case``,
a public-interest case, → ``source``, any matter), of a kind (every existing row is a
public-interest pre-litigation recommendation), and its reply counted as adopted, partly or
not. Every row is kept: ``0003`` carries ``case`` over into ``source`` and counts the replies,
``0004`` drops ``case`` (three migrations, so that PostgreSQL never alters a table whose rows
the same transaction has just updated)."""

import django.db.models.deletion
from django.db import migrations, models

PRE_LITIGATION = "publicinterest.pre_litigation"


class Migration(migrations.Migration):

    dependencies = [
        ("orgs", "0003_cooperation"),
        ("publicinterest", "0007_recommendation_moved"),
        ("recommendations", "0001_move_recommendation"),
        ("workflow", "0008_approval_withdrawn"),
    ]

    operations = [
        migrations.AlterModelTable(name="recommendation", table=None),
        migrations.RenameField(model_name="recommendation", old_name="agency", new_name="addressee"),
        migrations.AlterField(
            model_name="recommendation",
            name="addressee",
            field=models.ForeignKey(help_text="The organisation it is addressed to, as served.", on_delete=django.db.models.deletion.PROTECT, related_name="recommendations_received", to="orgs.organisation", verbose_name="served on"),
        ),
        migrations.AlterField(
            model_name="recommendation",
            name="case",
            field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.PROTECT, related_name="+", to="publicinterest.pilcase", verbose_name="case"),
        ),
        migrations.AddField(
            model_name="recommendation",
            name="source",
            field=models.ForeignKey(blank=True, help_text="The matter it arises from (a public-interest case, a court case…), if any.", null=True, on_delete=django.db.models.deletion.PROTECT, related_name="recommendations", to="workflow.matter", verbose_name="arises from"),
        ),
        migrations.AddField(
            model_name="recommendation",
            name="kind",
            field=models.CharField(default=PRE_LITIGATION, max_length=64, verbose_name="kind"),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="recommendation",
            name="adoption",
            field=models.CharField(blank=True, choices=[("adopted", "adopted"), ("partly", "partly adopted"), ("not_adopted", "not adopted")], max_length=16, verbose_name="adoption"),
        ),
        migrations.AlterField(
            model_name="recommendation",
            name="reply_outcome",
            field=models.CharField(blank=True, max_length=16, verbose_name="answer"),
        ),
    ]
