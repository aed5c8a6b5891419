"""Medians and 90th percentiles of a column, per group, computed by the database.

PostgreSQL (production) has `percentile_cont`, so a region's figures come back in one
query. SQLite (`make run`, tests) has no percentile function; there the values are read
and the same interpolation done in Python, which is fine at a demo's size.
"""

from collections import defaultdict

from django.db import connection
from django.db.models import Aggregate, Count, FloatField, Func


class PercentileCont(Aggregate):
    function = "percentile_cont"
    name = "PercentileCont"
    template = "%(function)s(%(fraction)s) WITHIN GROUP (ORDER BY %(expressions)s)"
    output_field = FloatField()

    def __init__(self, expression, fraction: float, **extra):
        super().__init__(expression, fraction=float(fraction), **extra)


class HoursBetween(Func):
    """Hours from one timestamp column to another, as a number on every backend."""

    output_field = FloatField()
    arity = 2

    def as_sql(self, compiler, connection, **extra):
        start, end = (compiler.compile(e) for e in self.get_source_expressions())
        if connection.vendor == "postgresql":
            sql = f"(EXTRACT(EPOCH FROM ({end[0]} - {start[0]})) / 3600.0)"
        else:
            sql = f"((julianday({end[0]}) - julianday({start[0]})) * 24.0)"
        return sql, (*start[1], *end[1])


def _percentile(ordered: list[float], fraction: float) -> float:
    """Linear interpolation between closest ranks: what percentile_cont does."""
    position = (len(ordered) - 1) * fraction
    lower = int(position)
    upper = min(lower + 1, len(ordered) - 1)
    return ordered[lower] + (ordered[upper] - ordered[lower]) * (position - lower)


def _grouped(queryset, value: str, group_by: list[str]):
    return (
        queryset.order_by()
        .values(*group_by)
        .annotate(
            n=Count("pk"),
            median=PercentileCont(value, 0.5),
            p90=PercentileCont(value, 0.9),
        )
    )


def _with_grouping_sets(queryset, group_by: list[str], totals_by: list[str]):
    """The rows of `queryset` (already grouped by `group_by`) and, in the same scan, the
    rows grouped by `totals_by` alone: PostgreSQL's GROUPING SETS, which the ORM lacks."""
    sql, params = queryset.query.sql_with_params()
    head, _group_by, columns = sql.rpartition(" GROUP BY ")
    names = [c.strip() for c in columns.split(", ")]
    if len(names) != len(group_by):  # something other than the group columns follows
        raise ValueError(f"cannot add grouping sets to: {sql}")
    totals = ", ".join(names[group_by.index(column)] for column in totals_by)
    with connection.cursor() as cursor:
        cursor.execute(f"{head} GROUP BY GROUPING SETS (({columns}), ({totals}))", params)
        keys = [column[0] for column in cursor.description]
        return [dict(zip(keys, row, strict=True)) for row in cursor.fetchall()]


def percentiles_by(
    queryset, *, value: str, group_by: list[str], totals_by: list[str] | None = None
) -> dict[tuple, dict]:
    """{group values: {"n": count, "median": …, "p90": …}} of `value` over `queryset`.

    With `totals_by` (some of `group_by`), also the figures over the other columns taken
    together, keyed with None in their places: a median of all the towns is not a median
    of the towns' medians. Group columns must hold no NULLs when `totals_by` is used.
    """
    if connection.vendor == "postgresql":
        grouped = _grouped(queryset, value, group_by)
        rows = _with_grouping_sets(grouped, group_by, totals_by) if totals_by else grouped
        return {
            tuple(row[g] for g in group_by): {k: row[k] for k in ("n", "median", "p90")}
            for row in rows
        }
    values: dict[tuple, list[float]] = defaultdict(list)
    for row in queryset.order_by().values_list(*group_by, value):
        values[tuple(row[:-1])].append(row[-1])
        if totals_by:
            total = tuple(
                v if g in totals_by else None for g, v in zip(group_by, row, strict=False)
            )
            values[total].append(row[-1])
    result = {}
    for group, numbers in values.items():
        numbers.sort()
        result[group] = {
            "n": len(numbers),
            "median": _percentile(numbers, 0.5),
            "p90": _percentile(numbers, 0.9),
        }
    return result
