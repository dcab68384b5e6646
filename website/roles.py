"""The staff roles of a centre and what they may do.

Groups are created by a data migration (website 0005): Redaktorzy (write and
submit), Moderatorzy (also approve and publish), Dyrektor (also the ordinances
register), and administrators (superusers).
"""

EDITORS = "Redaktorzy"
MODERATORS = "Moderatorzy"
DIRECTOR = "Dyrektor"
ROLE_GROUPS = (EDITORS, MODERATORS, DIRECTOR)

# Page types only the director may create, edit, move or delete.
DIRECTOR_ONLY_PAGE_TYPES = {"pages.OrdinanceIndexPage", "pages.OrdinancePage"}


def can_manage_ordinances(user):
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    return user.groups.filter(name=DIRECTOR).exists()
