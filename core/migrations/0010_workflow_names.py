"""Workflow and task names that read right in Wagtail's buttons and messages (issue 21).

Wagtail builds "Wyślij do zatwierdzenia (%(workflow_name)s)" and "Wyślij ponownie do
zatwierdzenia (%(task_name)s)" from these names (our catalogue's wording), and lists them
in the workflow screens: nominative names that say what the step is and who approves.
"""

from django.db import migrations

OLD = "Zatwierdzenie przez moderatora"
WORKFLOW_NAME = "Moderacja"
TASK_NAME = "Moderator lub dyrektor"


def forwards(apps, schema_editor):
    apps.get_model("wagtailcore", "Workflow").objects.filter(
        name__in=[OLD, "Moderators approval"]
    ).update(name=WORKFLOW_NAME)
    apps.get_model("wagtailcore", "Task").objects.filter(
        name__in=[OLD, "Moderators approval"]
    ).update(name=TASK_NAME)


def backwards(apps, schema_editor):
    apps.get_model("wagtailcore", "Workflow").objects.filter(name=WORKFLOW_NAME).update(name=OLD)
    apps.get_model("wagtailcore", "Task").objects.filter(name=TASK_NAME).update(name=OLD)


class Migration(migrations.Migration):
    dependencies = [("website", "0009_identity_and_bank_accounts")]

    operations = [migrations.RunPython(forwards, backwards)]
