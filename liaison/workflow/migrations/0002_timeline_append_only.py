from django.db import migrations

from liaison.core.append_only import append_only


class Migration(migrations.Migration):
    dependencies = [("workflow", "0001_initial")]

    operations = [migrations.RunPython(*append_only("workflow_timelineevent"))]
