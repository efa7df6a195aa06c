"""Make the timeline append-only in the database itself, not only in the ORM.

UPDATE on cases_caseevent is refused by a trigger on SQLite and PostgreSQL, so
no code path (raw SQL, a future bug, a console session) can rewrite history.
Deletes stay possible only as part of deleting a whole case (data erasure).
"""

from django.db import migrations

SQLITE_CREATE = """
CREATE TRIGGER cases_caseevent_no_update
BEFORE UPDATE ON cases_caseevent
BEGIN
    SELECT RAISE(ABORT, 'the case timeline is append-only');
END;
"""
SQLITE_DROP = "DROP TRIGGER IF EXISTS cases_caseevent_no_update;"

POSTGRES_CREATE = """
CREATE FUNCTION cases_caseevent_refuse_update() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'the case timeline is append-only';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER cases_caseevent_no_update
BEFORE UPDATE ON cases_caseevent
FOR EACH ROW EXECUTE FUNCTION cases_caseevent_refuse_update();
"""
POSTGRES_DROP = """
DROP TRIGGER IF EXISTS cases_caseevent_no_update ON cases_caseevent;
DROP FUNCTION IF EXISTS cases_caseevent_refuse_update();
"""


def create_trigger(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        schema_editor.execute(SQLITE_CREATE)
    elif vendor == "postgresql":
        schema_editor.execute(POSTGRES_CREATE)


def drop_trigger(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        schema_editor.execute(SQLITE_DROP)
    elif vendor == "postgresql":
        schema_editor.execute(POSTGRES_DROP)


class Migration(migrations.Migration):
    dependencies = [("cases", "0001_initial")]

    operations = [migrations.RunPython(create_trigger, drop_trigger)]
