"""The "Show more" lists' rows read where the dashboard reads: rollups for built days, events
for the rest (``summary.ActivitySummary``'s sources), added up in one grouped SQL statement.

The filters the rollups carry narrow both sources: the users list's object type, action and
user (``DailyActivityCount`` has them all) and the objects lists' object type and title search
(``ObjectActivityCount`` rows are per title). The users list's search matches each row's
latest name, among the few users grouped. Any other filter reads the events
(``queries.ranked_*``). A year's list adds up about twelve month rows per object instead of
every event, and only the rows of the page shown get their name or title.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.core.exceptions import EmptyResultSet
from django.db import connection
from django.db.models import Count, Sum

from .models import ActivityEvent
from .rollups import actions_queryset, day_bounds
from .summary import ActivitySummary


#: The orderings done here (the names and titles are not known before the page is cut).
ORDERINGS = {
    "-total": "total DESC",
    "total": "total ASC",
    "-previous": "previous DESC",
    "previous": "previous ASC",
    "object_type": "object_type ASC",
    "-object_type": "object_type DESC",
}


class RankedRollups:
    """Rows ``{keys…, total, previous, name}``, a sequence for Django's paginator and exports.

    ``sources`` are value querysets of the keys and ``actions_count`` (and ``last_action`` for
    objects), for the period and for the previous one; ``name_sql`` names a row of the page.
    """

    def __init__(self, current, previous, keys, name, ordering="-total", tie="", name_search=""):
        self.current, self.previous = current, previous
        #: ``(field, sql)``: the row's name, from its latest event.
        self.keys, self.name, self.tie = keys, name, tie
        self.ordering = ordering
        #: Only the rows whose name contains this (case-insensitive): rows few enough to name.
        self.name_search = name_search
        self._count: int | None = None
        self._searched: list[dict[str, Any]] | None = None

    def order_by(self, ordering: str) -> RankedRollups:
        return RankedRollups(
            self.current,
            self.previous,
            self.keys,
            self.name,
            ordering,
            self.tie,
            self.name_search,
        )

    def searched(self) -> list[dict[str, Any]]:
        """Every row whose name contains ``name_search``, in order."""
        if self._searched is None:
            needle = self.name_search.casefold()
            self._searched = [
                row
                for row in self._sql_page(None, 0)
                if needle in (row[self.name[0]] or "").casefold()
            ]
        return self._searched

    def count(self) -> int:
        if self.name_search:
            return len(self.searched())
        if self._count is None:
            grouped = self._grouped()
            if grouped is None:
                return 0
            sql, params = grouped
            self._count = _fetch(f"SELECT COUNT(*) AS n FROM ({sql}) AS ranked", params)[0]["n"]  # noqa: S608
        return self._count

    def __len__(self) -> int:
        return self.count()

    def __iter__(self) -> Iterator[dict[str, Any]]:
        return iter(self._page(None, 0))

    def __getitem__(self, index):
        if isinstance(index, slice):
            start = index.start or 0
            return self._page(None if index.stop is None else index.stop - start, start)
        return self._page(1, index)[0]

    def _grouped(self) -> tuple[str, list] | None:
        """The grouped rows' SQL; None when nothing of the period can be read."""
        keys = ", ".join(self.keys)
        parts, params = [], []
        sources = [(source, True) for source in self.current]
        sources += [(source, False) for source in self.previous]
        last = ", last_action" if self.tie else ""
        has_current = False
        for number, (source, current) in enumerate(sources):
            try:
                sql, source_params = source.query.sql_with_params()
            except EmptyResultSet:  # no finished day in the period
                continue
            counts = (
                "actions_count AS cur, 0 AS prev" if current else "0 AS cur, actions_count AS prev"
            )
            parts.append(
                f"SELECT {keys}, {counts}{last} FROM ({sql}) AS source_{number}"  # noqa: S608
            )
            params.extend(source_params)
            has_current = has_current or current
        if not has_current:
            return None
        union = " UNION ALL ".join(parts)
        aggregates = ", MAX(last_action) AS last_action" if self.tie else ""
        sql = (
            f"SELECT {keys}, SUM(cur) AS total, SUM(prev) AS previous{aggregates} "  # noqa: S608
            f"FROM ({union}) AS ranked_rows GROUP BY {keys} HAVING SUM(cur) > 0"
        )
        return sql, params

    def _page(self, limit: int | None, offset: int) -> list[dict[str, Any]]:
        if self.name_search:
            rows = self.searched()
            return rows[offset:] if limit is None else rows[offset : offset + limit]
        return self._sql_page(limit, offset)

    def _sql_page(self, limit: int | None, offset: int) -> list[dict[str, Any]]:
        grouped = self._grouped()
        if grouped is None:
            return []
        sql, params = grouped
        order = f"{ORDERINGS[self.ordering]}{self.tie}, {', '.join(self.keys)}"
        window = "" if limit is None else f" LIMIT {int(limit)} OFFSET {int(offset)}"
        rows = _fetch(
            f"SELECT ranked_page.*, ({self.name[1]}) AS {self.name[0]} FROM ("  # noqa: S608
            f"SELECT * FROM ({sql}) AS ranked ORDER BY {order}{window}) AS ranked_page "
            f"ORDER BY {order}",
            params,
        )
        for row in rows:
            row["total"], row["previous"] = int(row["total"]), int(row["previous"])
        return rows


def _fetch(sql: str, params: list) -> list[dict[str, Any]]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        names = [column[0] for column in cursor.description]
        return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


EVENTS = ActivityEvent._meta.db_table


#: The lookups ``ranked_users`` takes: fields of both the daily counts and the events.
USER_FILTERS = ("object_type", "action", "user_id")
#: The lookups ``ranked_objects`` takes: fields of both the object counts and the events.
OBJECT_FILTERS = ("object_type", "object_title__icontains")


def ranked_users(
    summary: ActivitySummary, lookups: dict[str, Any] | None = None, search: str = ""
) -> RankedRollups:
    """Every user's actions in the summary's period and the one before, with their latest name.

    ``lookups`` (of ``USER_FILTERS``) narrow the actions counted; ``search`` keeps the users
    whose latest name contains it.
    """
    lookups = lookups or {}

    def sources(period):
        table = summary.daily_table(period).filter(user__isnull=False, **lookups)
        found = [table.values("user_id").annotate(actions_count=Sum("actions"))]
        for days in summary.live_ranges(period):
            start, end = day_bounds(*days)
            events = summary.for_site(actions_queryset()).filter(
                user__isnull=False, timestamp__gte=start, timestamp__lt=end, **lookups
            )
            found.append(events.order_by().values("user_id").annotate(actions_count=Count("pk")))
        return found

    q = connection.ops.quote_name
    name = (
        "user_name",
        f"SELECT {q('user_name')} FROM {q(EVENTS)} "  # noqa: S608
        f"WHERE {q('user_id')} = ranked_page.user_id ORDER BY {q('timestamp')} DESC LIMIT 1",
    )
    return RankedRollups(
        sources(summary.period),
        sources(summary.previous_period),
        ["user_id"],
        name,
        name_search=search,
    )


def ranked_objects(
    summary: ActivitySummary, *, pages: bool, lookups: dict[str, Any] | None = None
) -> RankedRollups:
    """Every page (or other object) acted on, with its latest title; ties: latest action first.

    ``lookups`` (of ``OBJECT_FILTERS``) narrow the actions counted, as they narrow the events.
    """

    def sources(period):
        found = []
        for source in summary.object_sources(period, **(lookups or {})):
            kind = {"object_type": "page"}
            found.append(source.filter(**kind) if pages else source.exclude(**kind))
        return found

    q = connection.ops.quote_name
    title = (
        "title",
        f"SELECT {q('object_title')} FROM {q(EVENTS)} "  # noqa: S608
        f"WHERE {q('content_type_id')} = ranked_page.content_type_id "
        f"AND {q('object_id')} = ranked_page.object_id AND {q('object_title')} <> '' "
        f"ORDER BY {q('timestamp')} DESC LIMIT 1",
    )
    return RankedRollups(
        sources(summary.period),
        sources(summary.previous_period),
        ["object_type", "content_type_id", "object_id"],
        title,
        tie=", last_action DESC",
    )
