"""Objects added up over several sources (rollup rows and live events) in one SQL statement.

Objects are too many to bring back: the sources are joined with ``UNION ALL`` and grouped, counted
and ranked in the database.
"""

from __future__ import annotations

from django.db import connection


def _union(sources) -> tuple[str, list]:
    """One row set from several value querysets of the same columns (``UNION ALL``)."""
    parts, params = [], []
    for number, source in enumerate(sources):
        sql, source_params = source.query.sql_with_params()
        parts.append(f"SELECT * FROM ({sql}) AS source_{number}")  # noqa: S608
        params.extend(source_params)
    return " UNION ALL ".join(parts), params


def top_objects_and_count(sources, limit: int) -> dict:
    """Add up each object's rows and rank pages and other objects, in one grouped query.

    Window functions count the objects and rank within each kind before anything leaves the
    database: a one-year window adds up ~100,000 rollup rows but returns ``2 × limit``.
    """
    result = {"count": 0, "pages": [], "others": []}
    if not sources:
        return result
    union, params = _union(sources)
    sql = f"""
        SELECT object_type, content_type_id, object_id, total, objects FROM (
            SELECT object_type, content_type_id, object_id, SUM(actions_count) AS total,
                COUNT(*) OVER () AS objects,
                ROW_NUMBER() OVER (
                    PARTITION BY CASE WHEN object_type = 'page' THEN 1 ELSE 0 END
                    ORDER BY SUM(actions_count) DESC, MAX(last_action) DESC, object_id
                ) AS place
            FROM ({union}) AS source
            GROUP BY object_type, content_type_id, object_id
        ) AS ranked
        WHERE place <= %s
        ORDER BY place
    """  # noqa: S608 - composed of the ORM's own SQL; values are parameters
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, limit])
        for object_type, content_type_id, object_id, total, objects in cursor.fetchall():
            result["count"] = objects
            result["pages" if object_type == "page" else "others"].append(
                {
                    "object_type": object_type,
                    "content_type_id": content_type_id,
                    "object_id": object_id,
                    "total": int(total),
                }
            )
    return result


def count_objects(sources) -> int:
    if not sources:
        return 0
    union, params = _union(sources)
    sql = f"""
        SELECT COUNT(*) FROM (
            SELECT content_type_id, object_id FROM ({union}) AS source
            GROUP BY content_type_id, object_id
        ) AS objects
    """  # noqa: S608 - composed of the ORM's own SQL; values are parameters
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchone()[0]
