"""GIN indexes for full-text search, on PostgreSQL only (the SQLite quick start searches plainly)."""

from django.db import migrations

INDEXES = [
    ("network_challenge_search_gin", "network_challenge"),
    ("network_resource_search_gin", "network_resource"),
]


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, table in INDEXES:
        schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {name} ON {table} USING gin (search_vector)")


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, _table in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("network", "0001_initial")]
    operations = [migrations.RunPython(create, drop)]
