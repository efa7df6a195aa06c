"""Fast inserts for synthetic scale data: COPY on PostgreSQL, executemany on SQLite.

Only demo/generator.py uses this, and only for inserts (the case timeline is
append-only, which inserts respect). Rows are tuples of plain values in the
order of a Table's columns; instants are written as UTC text, which both
databases parse into their timestamp types.

Model fields the generator does not fill are written with their Python
default, so a field added later with a default needs no change here; a new
NOT NULL field without a default stops the load with a message saying which.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterable, Sequence
from typing import Any

from django.db import DatabaseError, connection, transaction
from django.db.models import NOT_PROVIDED, Model


class BulkLoadError(RuntimeError):
    pass


class Table:
    """A model's table, with the columns a generator fills and defaults for the rest."""

    def __init__(self, model: type[Model], columns: Sequence[str]) -> None:
        fields = {f.attname: f for f in model._meta.concrete_fields}
        unknown = [c for c in columns if c not in fields]
        if unknown:
            raise BulkLoadError(f"{model.__name__} has no field {', '.join(unknown)}")
        extra_columns, extra_values = [], []
        for attname, f in fields.items():
            if attname in columns or f.primary_key:
                continue
            if f.db_default is not NOT_PROVIDED:
                continue  # the database fills it
            if f.has_default():
                value = f.get_default()
            elif f.null:
                value = None
            else:
                raise BulkLoadError(
                    f"{model.__name__}.{f.name} is required and has no default; "
                    "teach demo/generator.py to fill it"
                )
            extra_columns.append(f.column)
            extra_values.append(_plain(value))
        self.model = model
        self.name = model._meta.db_table
        self.columns = [fields[c].column for c in columns] + extra_columns
        self.extra = tuple(extra_values)


def _plain(value: Any) -> Any:
    if isinstance(value, dict | list):
        return json.dumps(value)
    return value


class Loader:
    """Writes rows and hands out primary keys, in the current transaction."""

    vendor = ""
    zone_suffix = ""  # appended to timestamps

    def __init__(self) -> None:
        self._days: dict[int, str] = {}
        self._times = [
            f"{h:02d}:{m:02d}:{s:02d}{self.zone_suffix}"
            for h in range(24)
            for m in range(60)
            for s in range(60)
        ]

    def timestamp(self, epoch: int) -> str:
        """UTC text for an instant, "2026-03-04 15:30:00" (a few times faster than strftime:
        a load formats about twenty per case)."""
        day, second = divmod(epoch, 86400)
        prefix = self._days.get(day)
        if prefix is None:
            prefix = self._days[day] = time.strftime("%Y-%m-%d ", time.gmtime(day * 86400))
        return prefix + self._times[second]

    def reserve_ids(self, table: Table, count: int) -> list[int]:
        raise NotImplementedError

    def write(self, table: Table, rows: Iterable[tuple[Any, ...]], *, with_id: bool) -> None:
        raise NotImplementedError

    def tune(self) -> None:
        """Session settings for a bulk load (per connection, nothing persistent)."""

    def drop_indexes(self, table: Table) -> list[str]:
        """Drop the table's secondary indexes (not those behind a primary key or unique
        constraint) and return the statements that recreate them exactly.

        Only inside a transaction that also recreates them: DDL is transactional on
        PostgreSQL and SQLite, so a failed load leaves the schema as it was.
        """
        if not connection.in_atomic_block:
            raise BulkLoadError("Drop indexes only inside the load's transaction")
        with connection.cursor() as cursor:
            cursor.execute(self._INDEXES_SQL, [table.name])
            indexes = cursor.fetchall()
            for name, _definition in indexes:
                cursor.execute(f'DROP INDEX "{name}"')
        return [definition for _name, definition in indexes]

    def create_indexes(self, statements: Sequence[str]) -> None:
        with connection.cursor() as cursor:
            for statement in statements:
                cursor.execute(statement)

    _INDEXES_SQL = ""

    def finish(self, tables: Sequence[Table]) -> None:
        """Refresh the planner's statistics after the load."""


class SQLiteLoader(Loader):
    vendor = "sqlite"
    # Indexes with no SQL are SQLite's own (primary key, UNIQUE): they stay.
    _INDEXES_SQL = (
        "SELECT name, sql FROM sqlite_master "
        "WHERE type = 'index' AND tbl_name = %s AND sql IS NOT NULL ORDER BY name"
    )

    # foreign_keys: the generator only refers to rows that exist (tests check it with
    # PRAGMA foreign_key_check); SQLite ignores the change inside a transaction.
    _SETTINGS = (
        ("synchronous", "OFF"),
        ("cache_size", "-512000"),
        ("temp_store", "MEMORY"),
        ("foreign_keys", "OFF"),
    )

    def tune(self) -> None:
        # For the load only: durability per batch is not needed, speed is (a crash
        # mid-load can lose the last batches, never the ones before them on disk).
        self._before: dict[str, Any] = {}
        if connection.in_atomic_block:
            return  # SQLite refuses these inside a transaction (tests run in one)
        with connection.cursor() as cursor:
            for name, value in self._SETTINGS:
                cursor.execute(f"PRAGMA {name}")
                self._before[name] = cursor.fetchone()[0]
                cursor.execute(f"PRAGMA {name}={value}")

    def reserve_ids(self, table: Table, count: int) -> list[int]:
        # SQLite has no sequence to take numbers from ahead of time: continue after the
        # highest id, and write() checks under the write lock that nobody took them.
        next_ids = getattr(self, "_next_ids", {})
        self._next_ids = next_ids
        if table.name not in next_ids:
            next_ids[table.name] = self._max_id(table) + 1
        start = next_ids[table.name]
        next_ids[table.name] = start + count
        return list(range(start, start + count))

    def _max_id(self, table: Table) -> int:
        with connection.cursor() as cursor:
            cursor.execute(f'SELECT COALESCE(MAX("id"), 0) FROM "{table.name}"')  # noqa: S608
            return int(cursor.fetchone()[0])

    def write(self, table: Table, rows: Iterable[tuple[Any, ...]], *, with_id: bool) -> None:
        columns = (["id"] if with_id else []) + table.columns
        marks = ", ".join("?" * len(columns))
        names = ", ".join(f'"{c}"' for c in columns)
        sql = f'INSERT INTO "{table.name}" ({names}) VALUES ({marks})'  # noqa: S608
        extra = table.extra
        if with_id:
            rows = list(rows)
            if rows and self._max_id(table) >= rows[0][0]:
                raise BulkLoadError(
                    f"Someone else added rows to {table.name} during the load; "
                    "on SQLite, run generate_city while nothing else writes."
                )
        connection.ensure_connection()
        raw = connection.connection.cursor()
        try:
            raw.executemany(sql, (row + extra for row in rows))
        finally:
            raw.close()

    def finish(self, tables: Sequence[Table]) -> None:
        with connection.cursor() as cursor:
            for name, value in getattr(self, "_before", {}).items():
                cursor.execute(f"PRAGMA {name}={value}")
            cursor.execute("PRAGMA optimize")


class PostgresLoader(Loader):
    vendor = "postgresql"
    zone_suffix = "+00"
    _INDEXES_SQL = """
        SELECT i.relname, pg_get_indexdef(i.oid)
        FROM pg_index x
        JOIN pg_class i ON i.oid = x.indexrelid
        JOIN pg_class t ON t.oid = x.indrelid
        WHERE t.relname = %s AND t.relkind = 'r'
          AND t.relnamespace = to_regnamespace(current_schema())
          AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = x.indexrelid)
        ORDER BY i.relname
    """

    def create_indexes(self, statements: Sequence[str]) -> None:
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL maintenance_work_mem = '512MB'")
        super().create_indexes(statements)

    def tune(self) -> None:
        with connection.cursor() as cursor:
            # Batches commit often; waiting for each WAL flush would only slow the load.
            cursor.execute("SET synchronous_commit TO OFF")
        # Foreign keys are checked by one trigger query per row and key, at commit:
        # most of the cost of a load. As pg_restore --disable-triggers does, skip them
        # for this session when the role may (superuser, or granted SET on the setting):
        # the generator only refers to rows that exist, and tests check it.
        try:
            with transaction.atomic(), connection.cursor() as cursor:
                cursor.execute("SET session_replication_role = replica")
            self.replica = True
        except DatabaseError:
            self.replica = False

    def reserve_ids(self, table: Table, count: int) -> list[int]:
        # Taken from the table's own sequence, so concurrent writers never collide.
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)",
                [table.name, count],
            )
            return [row[0] for row in cursor.fetchall()]

    def write(self, table: Table, rows: Iterable[tuple[Any, ...]], *, with_id: bool) -> None:
        columns = (["id"] if with_id else []) + table.columns
        names = ", ".join(f'"{c}"' for c in columns)
        extra = table.extra
        connection.ensure_connection()
        with (
            connection.connection.cursor() as cursor,
            cursor.copy(f'COPY "{table.name}" ({names}) FROM STDIN') as copy,
        ):
            for row in rows:
                copy.write_row(row + extra)

    def finish(self, tables: Sequence[Table]) -> None:
        with connection.cursor() as cursor:
            cursor.execute("RESET synchronous_commit")
            if getattr(self, "replica", False):
                cursor.execute("RESET session_replication_role")
            for table in tables:
                cursor.execute(f'ANALYZE "{table.name}"')


def loader_for_connection() -> Loader:
    if connection.vendor == "postgresql":
        return PostgresLoader()
    if connection.vendor == "sqlite":
        return SQLiteLoader()
    raise BulkLoadError(f"generate_city supports PostgreSQL and SQLite, not {connection.vendor}")
