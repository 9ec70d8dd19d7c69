"""The recommendation is ``liaison.recommendations``' now (its ``0001`` declared it on the same
table): public-interest litigation forgets the model and keeps the rows."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ("publicinterest", "0006_clue_point_check_and_author"),
        ("recommendations", "0001_move_recommendation"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="Recommendation")],
            database_operations=[],
        ),
    ]
