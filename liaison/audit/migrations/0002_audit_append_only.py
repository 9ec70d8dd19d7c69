from django.db import migrations

from liaison.core.append_only import append_only


class Migration(migrations.Migration):
    dependencies = [("audit", "0001_initial")]

    operations = [migrations.RunPython(*append_only("audit_auditrecord"))]
