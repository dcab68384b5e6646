"""Staff roles with Polish names, and the moderation workflow.

Wagtail's own first migrations create the groups "Editors" and "Moderators"
and the workflow "Moderators approval" on the root page. We rename them to
the centre's roles, add "Dyrektor", and give each role its permissions:

- Redaktorzy: admin access, add and edit pages (publishing goes through the
  moderation workflow), upload and choose images and documents.
- Moderatorzy: everything of an editor, plus publish, lock/unlock, approve
  in the workflow, manage alerts.
- Dyrektor: everything of a moderator, plus the director-only pages (see
  staff/roles.py), the site settings and the consent log.
Administrators are superusers. Content apps grant their own models'
permissions to these groups in their own migrations (e.g. news categories).
"""

from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions
from django.db import migrations

EDITORS, MODERATORS, DIRECTOR = "Redaktorzy", "Moderatorzy", "Dyrektor"
WORKFLOW_NAME = "Zatwierdzenie przez moderatora"

PAGE_PERMISSIONS = {
    EDITORS: ["add_page", "change_page"],
    MODERATORS: ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"],
    DIRECTOR: [
        "add_page", "change_page", "publish_page", "lock_page", "unlock_page", "bulk_delete_page",
    ],
}
COLLECTION_PERMISSIONS = {
    group: [
        ("wagtailimages", "image", ["add_image", "change_image", "choose_image"]),
        ("wagtaildocs", "document", ["add_document", "change_document", "choose_document"]),
    ]
    for group in (EDITORS, MODERATORS, DIRECTOR)
}
MODEL_PERMISSIONS = {
    EDITORS: [("wagtailadmin", "admin", ["access_admin"])],
    MODERATORS: [
        ("wagtailadmin", "admin", ["access_admin"]),
        ("website", "alert", ["add_alert", "change_alert", "delete_alert", "view_alert"]),
    ],
    DIRECTOR: [
        ("wagtailadmin", "admin", ["access_admin"]),
        ("website", "alert", ["add_alert", "change_alert", "delete_alert", "view_alert"]),
        ("website", "sitesettings", ["change_sitesettings"]),
        ("cookie_consent", "logitem", ["view_logitem"]),
    ],
}


def _permission(Permission, app_label, model, codename):
    return Permission.objects.filter(
        content_type__app_label=app_label, content_type__model=model, codename=codename
    ).first()


def forwards(apps, schema_editor):
    # Permissions are normally created after all migrations; make sure they exist now.
    # create_permissions skips an app whose models_module is None (as during
    # migrate); set it for the call and put back what was there.
    for app_config in global_apps.get_app_configs():
        models_module = app_config.models_module
        app_config.models_module = models_module or True
        try:
            create_permissions(app_config, apps=apps, verbosity=0)
        finally:
            app_config.models_module = models_module

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    Page = apps.get_model("wagtailcore", "Page")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")

    for old, new in (("Editors", EDITORS), ("Moderators", MODERATORS)):
        if not Group.objects.filter(name=new).exists():
            Group.objects.filter(name=old).update(name=new)
    groups = {name: Group.objects.get_or_create(name=name)[0] for name in (EDITORS, MODERATORS, DIRECTOR)}

    root_page = Page.objects.filter(depth=1).first()
    root_collection = Collection.objects.filter(depth=1).first()
    for name, group in groups.items():
        group.permissions.clear()
        for app_label, model, codenames in MODEL_PERMISSIONS[name]:
            for codename in codenames:
                permission = _permission(Permission, app_label, model, codename)
                if permission:
                    group.permissions.add(permission)
        if root_page:
            GroupPagePermission.objects.filter(group=group).delete()
            for codename in PAGE_PERMISSIONS[name]:
                permission = _permission(Permission, "wagtailcore", "page", codename)
                if permission:
                    GroupPagePermission.objects.create(group=group, page=root_page, permission=permission)
        if root_collection:
            GroupCollectionPermission.objects.filter(group=group).delete()
            for app_label, model, codenames in COLLECTION_PERMISSIONS[name]:
                for codename in codenames:
                    permission = _permission(Permission, app_label, model, codename)
                    if permission:
                        GroupCollectionPermission.objects.create(
                            group=group, collection=root_collection, permission=permission
                        )

    # The moderation workflow on the whole tree: moderators and the director approve.
    task = GroupApprovalTask.objects.filter(name="Moderators approval").first()
    if task is None:
        task = GroupApprovalTask.objects.filter(name=WORKFLOW_NAME).first()
    if task is None:
        task_ct = ContentType.objects.get_or_create(app_label="wagtailcore", model="groupapprovaltask")[0]
        task = GroupApprovalTask.objects.create(name=WORKFLOW_NAME, content_type=task_ct, active=True)
    task.name = WORKFLOW_NAME
    task.save()
    task.groups.set([groups[MODERATORS], groups[DIRECTOR]])

    workflow = Workflow.objects.filter(name__in=["Moderators approval", WORKFLOW_NAME]).first()
    if workflow is None:
        workflow = Workflow.objects.create(name=WORKFLOW_NAME, active=True)
    workflow.name = WORKFLOW_NAME
    workflow.active = True
    workflow.save()
    if not WorkflowTask.objects.filter(workflow=workflow, task=task).exists():
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    if root_page and not WorkflowPage.objects.filter(page=root_page).exists():
        WorkflowPage.objects.create(page=root_page, workflow=workflow)


class Migration(migrations.Migration):
    dependencies = [
        ("website", "0005_alerts"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtailadmin", "0006_formstate"),
        ("cookie_consent", "0004_cookie_natural_key"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
