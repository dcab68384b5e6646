"""Admin of cookie consent (issue 7): groups, cookies and the consent log as snippets.

Staff edit the cookie groups and the cookies in each group (the banner, the
settings page and the cookie policy are generated from them; adding a cookie to
a group asks every visitor again). The consent log is read-only: django-cookie-
consent writes one row per group and decision (accepted or declined, the
group's version, the time), with no address, identifier or other personal data.
"""

from cookie_consent.models import Cookie, CookieGroup, LogItem
from django.http import HttpResponseForbidden
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, HelpPanel
from wagtail.admin.ui.tables import BooleanColumn, Column
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views import snippets as snippet_views
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup


class ReadOnlyPermissionPolicy(ModelPermissionPolicy):
    """Staff with the "view" permission may look; nobody adds, edits or deletes log rows."""

    READ_ONLY_ACTIONS = {"view"}

    def user_has_permission(self, user, action):
        return action in self.READ_ONLY_ACTIONS and super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)


register_permission_policy(LogItem, ReadOnlyPermissionPolicy(LogItem))


class CookieGroupViewSet(SnippetViewSet):
    model = CookieGroup
    icon = "folder-open-inverse"
    menu_label = _("Cookie groups")
    list_display = [
        "name",
        "varname",
        BooleanColumn("is_required", label=CookieGroup._meta.get_field("is_required").verbose_name),
        "ordering",
    ]
    copy_view_enabled = False
    panels = [
        HelpPanel(
            content=_(
                "Groups are shown in the cookie banner, on the cookie settings page and in "
                "the cookie policy, in this order. Visitors decide about each optional group."
            )
        ),
        FieldPanel("name"),
        FieldPanel("description"),
        FieldPanel("varname"),
        FieldPanel("is_required"),
        FieldPanel("is_deletable"),
        FieldPanel("ordering"),
    ]


class CookieViewSet(SnippetViewSet):
    model = Cookie
    icon = "clipboard-list"
    menu_label = _("Cookies")
    list_display = ["name", "cookiegroup", "domain", "created"]
    list_filter = ["cookiegroup"]
    copy_view_enabled = False
    panels = [
        HelpPanel(
            content=_(
                "Adding a cookie to an optional group changes the group's version: visitors "
                "who agreed before are asked again."
            )
        ),
        FieldPanel("cookiegroup"),
        FieldPanel("name"),
        FieldPanel("description"),
        FieldPanel("domain"),
        FieldPanel("path"),
    ]


class RefusedOnTheLog:
    """Adding, editing or deleting a consent record answers 403 Forbidden, for everyone.

    Wagtail would answer a denied action with a redirect to the dashboard; the log
    is evidence of each visitor's choice, so a change to it is refused outright.
    """

    def dispatch(self, request, *args, **kwargs):
        return HttpResponseForbidden(
            gettext(
                "The consent log is read-only: its records cannot be added, changed or deleted."
            )
        )


class LogItemCreateView(RefusedOnTheLog, snippet_views.CreateView):
    pass


class LogItemEditView(RefusedOnTheLog, snippet_views.EditView):
    pass


class LogItemDeleteView(RefusedOnTheLog, snippet_views.DeleteView):
    pass


class LogItemViewSet(SnippetViewSet):
    model = LogItem
    add_view_class = LogItemCreateView
    edit_view_class = LogItemEditView
    delete_view_class = LogItemDeleteView
    icon = "list-ul"
    menu_label = _("Consent log")
    list_display = [
        "created",
        "cookiegroup",
        Column("get_action_display", label=_("Decision")),
        "version",
    ]
    list_filter = ["action", "cookiegroup"]
    list_export = ["created", "cookiegroup", "action", "version"]
    export_filename = "rejestr-zgod-cookies"
    inspect_view_enabled = True
    copy_view_enabled = False
    list_per_page = 50


class CookieConsentViewSetGroup(SnippetViewSetGroup):
    menu_label = _("Cookies")
    menu_icon = "lock"
    menu_order = 800
    items = (CookieGroupViewSet, CookieViewSet, LogItemViewSet)


register_snippet(CookieConsentViewSetGroup)
