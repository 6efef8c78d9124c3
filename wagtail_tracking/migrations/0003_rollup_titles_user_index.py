"""Object counts carry the events' title, so a title search on the lists reads the rollups;
daily counts get a (user, day, actions) index, so one user's pages are counted from an index
alone.

The object rollups built before lack it: they are forgotten here (derived data) and rebuilt
the way they are after any upgrade, newest first (a request's budget, the task, the command).
"""

from django.db import migrations, models


def forget_object_rollups(apps, schema_editor):
    apps.get_model("wagtail_tracking", "ObjectActivityCount").objects.all().delete()
    apps.get_model("wagtail_tracking", "ActivityRollup").objects.filter(counts="objects").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("wagtail_tracking", "0002_banner_wording"),
    ]

    operations = [
        migrations.RunPython(forget_object_rollups, migrations.RunPython.noop, elidable=True),
        migrations.AddField(
            model_name="objectactivitycount",
            name="object_title",
            field=models.CharField(
                blank=True, default="", max_length=255, verbose_name="object title"
            ),
        ),
        migrations.AddIndex(
            model_name="dailyactivitycount",
            index=models.Index(fields=["user", "day", "actions"], name="wt_rollup_daily_user_idx"),
        ),
    ]
