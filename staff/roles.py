"""The staff roles of a centre and what they may do.

Groups are created by data migrations (``website`` 0006 and 0011): Redaktorzy (write
and submit), Moderatorzy (also approve and publish), Dyrektor (also the pages that
only the director may change, e.g. the ordinances register, and the residents'
messages), Sekretariat (the residents' messages only), and administrators
(superusers). Content apps grant their own models' permissions to these groups
in their own data migrations, and mark director-only page types with
``register_director_only`` in their ``AppConfig.ready``.
"""

from django.utils.translation import gettext_lazy as _

EDITORS = "Redaktorzy"
MODERATORS = "Moderatorzy"
DIRECTOR = "Dyrektor"
SECRETARIAT = "Sekretariat"
ROLE_GROUPS = (EDITORS, MODERATORS, DIRECTOR, SECRETARIAT)
# Residents' messages (names, phones, often about benefits): read and exported only by these.
MESSAGE_READERS = (SECRETARIAT, DIRECTOR)

# What each group may do, shown where users are given their groups.
ROLE_DESCRIPTIONS = {
    EDITORS: _(
        "Write and change pages, upload images and documents; publishing goes through "
        "a moderator's approval."
    ),
    MODERATORS: _(
        "Everything an editor does, plus approve and publish pages, ask for changes and "
        "manage the alerts on the site."
    ),
    DIRECTOR: _(
        "Everything a moderator does, plus the director's ordinances, the site settings, "
        "the consent log and the residents' messages from the contact form."
    ),
    SECRETARIAT: _(
        "Reads and exports the residents' messages from the contact form; changes no pages."
    ),
}

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


def can_read_messages(user):
    """Residents' contact-form messages: the secretariat, the director, administrators."""
    if not user.is_authenticated or not user.is_active:
        return False
    return user.is_superuser or user.groups.filter(name__in=MESSAGE_READERS).exists()


def can_manage_ordinances(user):
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    return user.groups.filter(name=DIRECTOR).exists()
