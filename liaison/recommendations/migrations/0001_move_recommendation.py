"""The recommendation moves from public-interest litigation to an app of its own. First its model
is declared here exactly as it was there, on the table it already has: nothing in the database
changes (``SeparateDatabaseAndState``); ``publicinterest.0007`` then forgets it, and ``0002``
generalises it, keeping every row."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ("attachments", "0001_initial"),
        ("orgs", "0003_cooperation"),
        ("publicinterest", "0006_clue_point_check_and_author"),
        ("workflow", "0008_approval_withdrawn"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="Recommendation",
                    fields=[
                        ("matter_ptr", models.OneToOneField(auto_created=True, on_delete=django.db.models.deletion.CASCADE, parent_link=True, primary_key=True, serialize=False, to="workflow.matter")),
                        ("facts", models.TextField(verbose_name="facts found")),
                        ("opinion", models.TextField(verbose_name="the procuratorate's opinion")),
                        ("measures", models.TextField(verbose_name="recommended measures")),
                        ("issued_on", models.DateField(blank=True, null=True, verbose_name="issued on")),
                        ("reply", models.TextField(blank=True, verbose_name="reply")),
                        ("reply_outcome", models.CharField(blank=True, choices=[("rectified", "rectified"), ("rectifying", "rectification under way"), ("disagrees", "does not accept the recommendation")], max_length=16, verbose_name="rectification")),
                        ("replied_at", models.DateTimeField(blank=True, null=True, verbose_name="replied")),
                        ("agency", models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name="pil_recommendations", to="orgs.organisation", verbose_name="served on")),
                        ("case", models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name="recommendations", to="publicinterest.pilcase", verbose_name="case")),
                        ("document_docx", models.OneToOneField(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name="+", to="attachments.attachment", verbose_name="document (Word)")),
                        ("document_pdf", models.OneToOneField(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name="+", to="attachments.attachment", verbose_name="document (PDF)")),
                    ],
                    options={
                        "verbose_name": "procuratorial recommendation",
                        "verbose_name_plural": "procuratorial recommendations",
                        "db_table": "publicinterest_recommendation",
                    },
                    bases=("workflow.matter",),
                ),
            ],
            database_operations=[],
        ),
    ]
