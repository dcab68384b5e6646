"""Moderators and the director manage news categories (granted here, not by website 0006)."""

from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions
from django.db import migrations

CATEGORY_PERMISSIONS = {
    "Moderatorzy": ["add_newscategory", "change_newscategory", "view_newscategory"],
    "Dyrektor": [
        "add_newscategory", "change_newscategory", "delete_newscategory", "view_newscategory",
    ],
}


def forwards(apps, schema_editor):
    # Permissions are normally created after all migrations; make sure they exist now.
    create_permissions(global_apps.get_app_config("news"), apps=apps, verbosity=0)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codenames in CATEGORY_PERMISSIONS.items():
        group = Group.objects.filter(name=name).first()
        if group is None:
            continue
        group.permissions.add(
            *Permission.objects.filter(
                content_type__app_label="news", content_type__model="newscategory",
                codename__in=codenames,
            )
        )


class Migration(migrations.Migration):
    dependencies = [
        ("news", "0001_initial"),
        ("website", "0006_roles_and_workflow"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
