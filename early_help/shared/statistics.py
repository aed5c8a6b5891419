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


def percentiles_by(queryset, *, value: str, group_by: list[str]) -> dict[tuple, dict]:
    """{group values: {"n": count, "median": …, "p90": …}} of `value` over `queryset`."""
    if connection.vendor == "postgresql":
        rows = (
            queryset.order_by()
            .values(*group_by)
            .annotate(
                n=Count("pk"),
                median=PercentileCont(value, 0.5),
                p90=PercentileCont(value, 0.9),
            )
        )
        return {
            tuple(row[g] for g in group_by): {k: row[k] for k in ("n", "median", "p90")}
            for row in rows
        }
    values: dict[tuple, list[float]] = defaultdict(list)
    for row in queryset.order_by().values_list(*group_by, value):
        values[tuple(row[:-1])].append(row[-1])
    result = {}
    for group, numbers in values.items():
        numbers.sort()
        result[group] = {
            "n": len(numbers),
            "median": _percentile(numbers, 0.5),
            "p90": _percentile(numbers, 0.9),
        }
    return result
