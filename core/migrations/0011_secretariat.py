"""The "Sekretariat" group (issue 21): reads and exports the residents' contact-form
messages, opens the admin, changes no pages. Who reads messages is decided in
staff.roles (MESSAGE_READERS): the secretariat, the director and administrators.
"""

from django.db import migrations

SECRETARIAT = "Sekretariat"


def forwards(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=SECRETARIAT)
    access = Permission.objects.filter(
        content_type__app_label="wagtailadmin", codename="access_admin"
    ).first()
    if access:
        group.permissions.add(access)


def backwards(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=SECRETARIAT).delete()


class Migration(migrations.Migration):
    dependencies = [("website", "0010_workflow_names")]

    operations = [migrations.RunPython(forwards, backwards)]
