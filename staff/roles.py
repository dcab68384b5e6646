"""The staff roles of a centre and what they may do.

Groups are created by a data migration (``website`` 0006): Redaktorzy (write and
submit), Moderatorzy (also approve and publish), Dyrektor (also the pages that
only the director may change, e.g. the ordinances register), and administrators
(superusers). Content apps grant their own models' permissions to these groups
in their own data migrations, and mark director-only page types with
``register_director_only`` in their ``AppConfig.ready``.
"""

EDITORS = "Redaktorzy"
MODERATORS = "Moderatorzy"
DIRECTOR = "Dyrektor"
ROLE_GROUPS = (EDITORS, MODERATORS, DIRECTOR)

# Labels of the page types only the director may create, edit, move or delete,
# filled by the content apps that own them.
_DIRECTOR_ONLY_PAGE_TYPES: set[str] = set()


def register_director_only(*models):
    """Let only the director (and administrators) create, edit, move or delete these pages."""
    _DIRECTOR_ONLY_PAGE_TYPES.update(model._meta.label for model in models)


def director_only_page_types():
    return frozenset(_DIRECTOR_ONLY_PAGE_TYPES)


def is_director_only(model):
    return model._meta.label in _DIRECTOR_ONLY_PAGE_TYPES


def can_manage_ordinances(user):
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    return user.groups.filter(name=DIRECTOR).exists()
