"""Permission names in Polish, where staff read them: the group editor's checkboxes.

Django stores a permission's name in the database in English ("Can add search promotion",
Wagtail's "Publish any page"), built when the permission is created; the group editor shows
that text. After every ``migrate`` each permission gets its Polish name: the model's Polish
verbose name for the four standard actions, the Polish catalogue's text for the others.
"""

from django.apps import apps
from django.utils import translation
from django.utils.translation import gettext, gettext_lazy

ACTIONS = {
    "add": gettext_lazy("Can add: %(name)s"),
    "change": gettext_lazy("Can change: %(name)s"),
    "delete": gettext_lazy("Can delete: %(name)s"),
    "view": gettext_lazy("Can view: %(name)s"),
}


def polish_name(permission, model):
    action = permission.codename.split("_", 1)[0]
    standard = model is not None and permission.codename == f"{action}_{model._meta.model_name}"
    if standard and action in ACTIONS:
        return str(ACTIONS[action]) % {"name": model._meta.verbose_name}
    return gettext(permission.name)


def name_permissions_in_polish(app_config=None, using="default", **kwargs):
    from django.conf import settings
    from django.contrib.auth.management import create_permissions
    from django.contrib.auth.models import Permission

    if app_config is not None:
        # Django creates this app's permissions in a receiver that may run after this one:
        # create them first (it skips those that exist), so they are named here too.
        migration_apps = kwargs.get("apps", apps)
        create_permissions(app_config, verbosity=0, using=using, apps=migration_apps)

    with translation.override(settings.LANGUAGE_CODE):
        for permission in Permission.objects.using(using).select_related("content_type"):
            try:
                model = apps.get_model(
                    permission.content_type.app_label, permission.content_type.model
                )
            except LookupError:
                model = None
            name = polish_name(permission, model)[:255]
            if name != permission.name:
                Permission.objects.using(using).filter(pk=permission.pk).update(name=name)
