"""Load the public-interest fields of DESIGN.md §4; from then on administrators own the rows."""

from django.db import migrations


def seed(apps, schema_editor):
    from liaison.publicinterest.fielddata import seed_fields

    seed_fields(apps.get_model("publicinterest", "Field"))


class Migration(migrations.Migration):
    dependencies = [("publicinterest", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
