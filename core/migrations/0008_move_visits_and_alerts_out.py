"""The visit counter and the alert banner now live in their own apps (state only: no table changes)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("website", "0007_security_settings"),
        ("alerts", "0001_initial"),
        ("visits", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.RemoveField(
                    model_name="alert",
                    name="link_page",
                ),
                migrations.RemoveField(
                    model_name="alert",
                    name="scope_page",
                ),
                migrations.DeleteModel(
                    name="DailyVisits",
                ),
                migrations.DeleteModel(
                    name="PageViews",
                ),
                migrations.DeleteModel(
                    name="VisitorSeen",
                ),
                migrations.DeleteModel(
                    name="VisitSalt",
                ),
                migrations.DeleteModel(
                    name="Alert",
                ),
            ],
        ),
    ]
