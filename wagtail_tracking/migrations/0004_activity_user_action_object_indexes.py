"""Events get (user, timestamp, action, object) and (action, timestamp, object) indexes, so the "Show
more" lists of objects and pages filtered by a user or an action group a year of events by
object from an index alone (on PostgreSQL, an index-only scan), without reading the table.

The (user, timestamp, action, object) index replaces the (user, timestamp) one it starts with.
"""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("wagtail_tracking", "0003_rollup_titles_user_index"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="activityevent",
            index=models.Index(
                fields=["user", "timestamp", "action", "object_type", "content_type", "object_id"],
                name="wt_activity_user_object_idx",
            ),
        ),
        migrations.RemoveIndex(
            model_name="activityevent",
            name="wt_activity_user_time_idx",
        ),
        migrations.AddIndex(
            model_name="activityevent",
            index=models.Index(
                fields=["action", "timestamp", "object_type", "content_type", "object_id"],
                name="wt_activity_action_object_idx",
            ),
        ),
    ]
