"""On PostgreSQL, also forbid *overlapping* active bookings of one resource.

The partial unique index of 0001 stops two active bookings with the same start
on every database. This exclusion constraint goes further on PostgreSQL: no two
active bookings of a resource may overlap in time at all, even if the opening
rules changed slot lengths in between. It needs no extension: the resource id
is compared as a one-point int8range, so both columns use the built-in GiST
range operator class (btree_gist, which needs a superuser, is not required).

SQLite has no exclusion constraints; there the booking service's
check-then-insert is already serialised by IMMEDIATE write transactions.
"""

from django.db import migrations

CONSTRAINT = "booking_no_overlap_active"

CREATE = f"""
ALTER TABLE bookings_booking ADD CONSTRAINT {CONSTRAINT}
EXCLUDE USING gist (
    int8range(resource_id, resource_id, '[]') WITH &&,
    tstzrange("start", "end", '[)') WITH &&
) WHERE (status = 'active')
"""
DROP = f"ALTER TABLE bookings_booking DROP CONSTRAINT IF EXISTS {CONSTRAINT}"


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [
        ("bookings", "0001_bookable_resources_and_bookings"),
    ]

    operations = [migrations.RunPython(create, drop)]
