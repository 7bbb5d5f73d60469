from django.db import migrations

from members.reference import load_reference_data

def load(apps, schema_editor):
    load_reference_data(apps.get_model)


class Migration(migrations.Migration):
    dependencies = [("members", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
