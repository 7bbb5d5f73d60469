"""Khmer words spaced apart before PostgreSQL indexes them.

Each searched text gets a hidden copy with a space between its Khmer words (common.fields.SegmentedTextField,
filled by Python on save, since the database cannot find Khmer word boundaries itself). The triggers of
0003_search_triggers keep building the vectors, now from that copy while it is current and from the text itself
otherwise. Existing rows get their copies here, and updating them rebuilds their vectors.
"""

import importlib

from django.db import migrations

import common.fields

# Spaces aside, a current copy equals its source; a stale or empty one gives way to the source.
CREATE = """
CREATE OR REPLACE FUNCTION network_search_text(source text, spaced text) RETURNS text AS $$
  SELECT CASE
    WHEN spaced <> '' AND translate(spaced, ' ' || chr(8203), '') = translate(source, ' ' || chr(8203), '')
    THEN spaced ELSE coalesce(source, '') END
$$ LANGUAGE sql IMMUTABLE;

CREATE OR REPLACE FUNCTION network_challenge_search_vector() RETURNS trigger AS $$
BEGIN
  NEW.search_vector :=
       setweight(to_tsvector('english', network_search_text(NEW.title, NEW.title_words)), 'A')
    || setweight(to_tsvector('english', network_search_text(NEW.body, NEW.body_words)), 'B')
    || setweight(to_tsvector('english', coalesce((
         SELECT string_agg(network_search_text(reply.body, reply.body_words), ' ') FROM network_reply AS reply
         WHERE reply.challenge_id = NEW.id AND NOT reply.is_hidden), '')), 'C');
  RETURN NEW;
END $$ LANGUAGE plpgsql;

CREATE OR REPLACE FUNCTION network_resource_search_vector() RETURNS trigger AS $$
BEGIN
  NEW.search_vector :=
       setweight(to_tsvector('english', network_search_text(NEW.title, NEW.title_words)), 'A')
    || setweight(to_tsvector('english', network_search_text(NEW.tags, NEW.tags_words)), 'B')
    || setweight(to_tsvector('english', network_search_text(NEW.summary, NEW.summary_words)), 'C');
  RETURN NEW;
END $$ LANGUAGE plpgsql;
"""

SEARCHED = {"Challenge": ["title", "body"], "Reply": ["body"], "Resource": ["title", "tags", "summary"]}


def create_functions(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def restore_functions(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(importlib.import_module("network.migrations.0003_search_triggers").CREATE)
        schema_editor.execute("DROP FUNCTION IF EXISTS network_search_text(text, text);")


def fill_copies(apps, schema_editor):
    """Give rows with Khmer text their spaced copies; on PostgreSQL the update rebuilds their vectors."""
    for model_name, sources in SEARCHED.items():
        model = apps.get_model("network", model_name)
        copies = [f"{source}_words" for source in sources]
        changed = []
        for row in model.objects.only("pk", *sources).iterator(chunk_size=500):
            for source, copy in zip(sources, copies, strict=True):
                setattr(row, copy, common.fields.spaced_copy(getattr(row, source)))
            if any(getattr(row, copy) for copy in copies):
                changed.append(row)
        model.objects.bulk_update(changed, copies, batch_size=500)


class Migration(migrations.Migration):
    dependencies = [
        ("network", "0004_delivery"),
    ]

    operations = [
        migrations.AddField(
            model_name="challenge",
            name="body_words",
            field=common.fields.SegmentedTextField(source="body"),
        ),
        migrations.AddField(
            model_name="challenge",
            name="title_words",
            field=common.fields.SegmentedTextField(source="title"),
        ),
        migrations.AddField(
            model_name="reply",
            name="body_words",
            field=common.fields.SegmentedTextField(source="body"),
        ),
        migrations.AddField(
            model_name="resource",
            name="summary_words",
            field=common.fields.SegmentedTextField(source="summary"),
        ),
        migrations.AddField(
            model_name="resource",
            name="tags_words",
            field=common.fields.SegmentedTextField(source="tags"),
        ),
        migrations.AddField(
            model_name="resource",
            name="title_words",
            field=common.fields.SegmentedTextField(source="title"),
        ),
        migrations.RunPython(create_functions, restore_functions),
        migrations.RunPython(fill_copies, migrations.RunPython.noop),
    ]
