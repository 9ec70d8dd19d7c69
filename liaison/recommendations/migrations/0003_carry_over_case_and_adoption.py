"""Every existing recommendation's case becomes its ``source``, its reply is counted as adopted
or not as public-interest litigation counts it, and its content type follows it to this app."""

from django.db import migrations, models

#: How public-interest litigation's answers count (``publicinterest.recommending``).
ADOPTION = {"rectified": "adopted", "rectifying": "adopted", "disagrees": "not_adopted"}


def carry_over(apps, schema_editor):
    Recommendation = apps.get_model("recommendations", "Recommendation")
    Recommendation.objects.update(source_id=models.F("case_id"))
    for answer, adoption in ADOPTION.items():
        Recommendation.objects.filter(reply_outcome=answer).update(adoption=adoption)


def carry_back(apps, schema_editor):
    Recommendation = apps.get_model("recommendations", "Recommendation")
    Recommendation.objects.update(case_id=models.F("source_id"))


def content_type_moves(apps, schema_editor):
    """Whatever names the model by its content type follows it to its new app."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    db = schema_editor.connection.alias
    if not ContentType.objects.using(db).filter(
        app_label="recommendations", model="recommendation"
    ).exists():
        ContentType.objects.using(db).filter(
            app_label="publicinterest", model="recommendation"
        ).update(app_label="recommendations")


class Migration(migrations.Migration):

    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("recommendations", "0002_generalise_recommendation"),
    ]

    operations = [
        migrations.RunPython(content_type_moves, migrations.RunPython.noop),
        migrations.RunPython(carry_over, carry_back),
    ]
