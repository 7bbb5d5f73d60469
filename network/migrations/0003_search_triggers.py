"""PostgreSQL keeps the search vectors itself, so that no save, from the site, the admin or a script,
can leave one stale or empty: title weighs most (A), then the body (B), then visible replies (C)."""

from django.db import migrations

CREATE = """
CREATE OR REPLACE FUNCTION network_challenge_search_vector() RETURNS trigger AS $$
BEGIN
  NEW.search_vector :=
       setweight(to_tsvector('english', coalesce(NEW.title, '')), 'A')
    || setweight(to_tsvector('english', coalesce(NEW.body, '')), 'B')
    || setweight(to_tsvector('english', coalesce((
         SELECT string_agg(reply.body, ' ') FROM network_reply AS reply
         WHERE reply.challenge_id = NEW.id AND NOT reply.is_hidden), '')), 'C');
  RETURN NEW;
END $$ LANGUAGE plpgsql;

DROP TRIGGER IF EXISTS network_challenge_search ON network_challenge;
CREATE TRIGGER network_challenge_search BEFORE INSERT OR UPDATE ON network_challenge
  FOR EACH ROW EXECUTE FUNCTION network_challenge_search_vector();

CREATE OR REPLACE FUNCTION network_reply_touches_challenge() RETURNS trigger AS $$
BEGIN
  UPDATE network_challenge SET search_vector = NULL
   WHERE id = CASE WHEN TG_OP = 'DELETE' THEN OLD.challenge_id ELSE NEW.challenge_id END;
  RETURN NULL;
END $$ LANGUAGE plpgsql;

DROP TRIGGER IF EXISTS network_reply_search ON network_reply;
CREATE TRIGGER network_reply_search AFTER INSERT OR UPDATE OR DELETE ON network_reply
  FOR EACH ROW EXECUTE FUNCTION network_reply_touches_challenge();

CREATE OR REPLACE FUNCTION network_resource_search_vector() RETURNS trigger AS $$
BEGIN
  NEW.search_vector :=
       setweight(to_tsvector('english', coalesce(NEW.title, '')), 'A')
    || setweight(to_tsvector('english', coalesce(NEW.tags, '')), 'B')
    || setweight(to_tsvector('english', coalesce(NEW.summary, '')), 'C');
  RETURN NEW;
END $$ LANGUAGE plpgsql;

DROP TRIGGER IF EXISTS network_resource_search ON network_resource;
CREATE TRIGGER network_resource_search BEFORE INSERT OR UPDATE ON network_resource
  FOR EACH ROW EXECUTE FUNCTION network_resource_search_vector();

UPDATE network_challenge SET search_vector = NULL;
UPDATE network_resource SET search_vector = NULL;
"""

DROP = """
DROP TRIGGER IF EXISTS network_challenge_search ON network_challenge;
DROP TRIGGER IF EXISTS network_reply_search ON network_reply;
DROP TRIGGER IF EXISTS network_resource_search ON network_resource;
DROP FUNCTION IF EXISTS network_challenge_search_vector();
DROP FUNCTION IF EXISTS network_reply_touches_challenge();
DROP FUNCTION IF EXISTS network_resource_search_vector();
"""


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [("network", "0002_search_indexes")]
    operations = [migrations.RunPython(create, drop)]
