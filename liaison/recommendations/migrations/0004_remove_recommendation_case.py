"""The recommendation's link to a public-interest case is its generic ``source`` now (``0003``
carried every row over)."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ("recommendations", "0003_carry_over_case_and_adoption"),
    ]

    operations = [
        migrations.RemoveField(model_name="recommendation", name="case"),
    ]
