"""The staff roles' permissions on this app's rows (granted here, not by website 0006).

- Redaktorzy: the social workers' areas; read the page feedback and mark it handled.
- Moderatorzy: as editors, plus the criteria and amounts.
- Dyrektor: as moderators, plus deleting criteria and the online-links setting.
"""

from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions
from django.db import migrations

AREAS = ("workerarea", ["add_workerarea", "change_workerarea", "delete_workerarea", "view_workerarea"])
FEEDBACK = ("feedback", ["change_feedback", "view_feedback"])
CRITERIA = ("criterion", ["add_criterion", "change_criterion", "view_criterion"])
PERMISSIONS = {
    "Redaktorzy": [AREAS, FEEDBACK],
    "Moderatorzy": [AREAS, FEEDBACK, CRITERIA],
    "Dyrektor": [
        AREAS,
        FEEDBACK,
        ("criterion", [*CRITERIA[1], "delete_criterion"]),
        ("servicessettings", ["change_servicessettings"]),
    ],
}


def forwards(apps, schema_editor):
    # Permissions are normally created after all migrations; make sure they exist now.
    create_permissions(global_apps.get_app_config("services"), apps=apps, verbosity=0)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, grants in PERMISSIONS.items():
        group = Group.objects.filter(name=name).first()
        if group is None:
            continue
        for model, codenames in grants:
            group.permissions.add(
                *Permission.objects.filter(
                    content_type__app_label="services",
                    content_type__model=model,
                    codename__in=codenames,
                )
            )


class Migration(migrations.Migration):
    dependencies = [
        ("services", "0002_seed_criteria"),
        ("website", "0006_roles_and_workflow"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
