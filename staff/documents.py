"""Who may replace the file of a document residents already read (issue 21, item 3).

An ordinance's PDF linked from a published page is the centre's public record: an editor
must not swap it silently. Replacing the file of a document a live page links to needs a
moderator, the director or an administrator; the document form refuses it for others
(security.uploads), with a message saying whom to ask. Uploading new documents and
replacing files nobody links to yet stay open to every role.
"""

from django.contrib.contenttypes.models import ContentType
from wagtail.models import Page, ReferenceIndex

from .roles import DIRECTOR, MODERATORS

MAY_REPLACE_PUBLISHED = (MODERATORS, DIRECTOR)


def live_pages_linking_to(document):
    """Live pages whose content links to or embeds the document."""
    references = ReferenceIndex.get_references_to(document).filter(
        base_content_type=ContentType.objects.get_for_model(Page)
    )
    ids = {int(object_id) for object_id in references.values_list("object_id", flat=True)}
    return Page.objects.live().filter(pk__in=ids)


def can_replace_published_file(user):
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    return user.is_superuser or user.groups.filter(name__in=MAY_REPLACE_PUBLISHED).exists()


def may_replace_file(user, document):
    """False when the document is on a live page and the user may not change public files."""
    if document is None or document.pk is None or can_replace_published_file(user):
        return True
    return not live_pages_linking_to(document).exists()
