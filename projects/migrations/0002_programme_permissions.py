"""Moderators and the director manage the funding programmes; editors choose them."""

from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions
from django.db import migrations

PROGRAMME_PERMISSIONS = {
    "Redaktorzy": ["view_programme"],
    "Moderatorzy": ["add_programme", "change_programme", "view_programme"],
    "Dyrektor": ["add_programme", "change_programme", "delete_programme", "view_programme"],
}


def forwards(apps, schema_editor):
    # Permissions are normally created after all migrations; make sure they exist now.
    create_permissions(global_apps.get_app_config("projects"), apps=apps, verbosity=0)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codenames in PROGRAMME_PERMISSIONS.items():
        group = Group.objects.filter(name=name).first()
        if group is None:
            continue
        group.permissions.add(
            *Permission.objects.filter(
                content_type__app_label="projects",
                content_type__model="programme",
                codename__in=codenames,
            )
        )


class Migration(migrations.Migration):
    dependencies = [
        ("projects", "0001_initial"),
        ("website", "0006_roles_and_workflow"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
