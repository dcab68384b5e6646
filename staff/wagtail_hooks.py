"""Admin for the centre's staff: roles guard, dashboard panels, review dates, editor's guide."""

import datetime

from django.apps import apps
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from . import content_checks  # noqa: F401 (registers the accessibility checks)
from .roles import can_manage_ordinances, can_read_messages, is_director_only

# --- Roles: only the director (and administrators) touch the ordinances register ---


def _is_director_only(page_or_class):
    model = page_or_class if isinstance(page_or_class, type) else type(page_or_class.specific)
    return is_director_only(model)


def _refuse(request, page=None):
    messages.error(
        request,
        _("Only the director or an administrator can change the ordinances register."),
    )
    if page is not None and page.get_parent():
        return redirect("wagtailadmin_explore", page.get_parent().pk)
    return redirect("wagtailadmin_home")


@hooks.register("before_create_page")
def guard_create(request, parent_page, page_class):
    if _is_director_only(page_class) and not can_manage_ordinances(request.user):
        return _refuse(request, parent_page.specific if parent_page else None)
    return None


@hooks.register("before_edit_page")
def guard_edit(request, page):
    if _is_director_only(page) and not can_manage_ordinances(request.user):
        return _refuse(request, page)
    return None


@hooks.register("before_edit_page")
def show_requested_changes(request, page):
    """After "żądanie zmian" the editor sees the moderator's comment on the edit page."""
    state = page.current_workflow_state
    if request.method != "GET" or state is None or state.status != state.STATUS_NEEDS_CHANGES:
        return None
    task_state = state.current_task_state
    if task_state is not None and task_state.comment:
        who = task_state.finished_by.get_full_name() if task_state.finished_by else ""
        messages.warning(
            request,
            _("%(who)s asked for changes: “%(comment)s”")
            % {"who": who or _("The moderator"), "comment": task_state.comment},
        )
    return None


@hooks.register("before_delete_page")
def guard_delete(request, page):
    return guard_edit(request, page)


@hooks.register("before_move_page")
def guard_move(request, page, destination):
    return guard_edit(request, page)


@hooks.register("before_copy_page")
def guard_copy(request, page):
    return guard_edit(request, page)


# --- Residents' messages: the secretariat and the director, not every page editor ---


@hooks.register("filter_form_submissions_for_user")
def only_message_readers(user, editable_forms):
    """Wagtail lists the forms a user may edit; messages go only to those who need them."""
    if not can_read_messages(user):
        return editable_forms.none()
    from wagtail.contrib.forms.utils import get_form_types
    from wagtail.models import Page

    # Readers who edit no page (the secretariat) still see every form's messages.
    return Page.objects.filter(content_type__in=get_form_types())


# --- Content review ---


def our_page_models():
    from core.models import BasePage

    return [
        model
        for model in apps.get_models()
        if issubclass(model, BasePage) and not model._meta.abstract
    ]


def pages_due_for_review(today=None, limit=50):
    """Live pages whose review date has passed, oldest first (one query per page type)."""
    today = today or timezone.localdate()
    due = []
    for model in our_page_models():
        due.extend(
            model.objects.filter(review_date__lte=today)
            .select_related("owner")
            .order_by("review_date")[:limit]
        )
    due.sort(key=lambda page: (page.review_date, page.title))
    return due[:limit]


class ReviewDuePanel(Component):
    name = "review_due"
    template_name = "staff/admin/panel_review_due.html"
    order = 120

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        context["pages"] = pages_due_for_review()
        return context


class GuidePanel(Component):
    name = "editor_guide"
    template_name = "staff/admin/panel_guide.html"
    order = 50


# Moderation first: what waits for this person's approval, then their own pages in it.
FIRST_PANELS = {"workflow_objects_to_moderate": 10, "user_objects_in_workflow_moderation": 20}


@hooks.register("construct_homepage_panels")
def add_staff_panels(request, panels):
    panels.append(GuidePanel())
    panels.append(ReviewDuePanel())
    for panel in panels:
        name = getattr(panel, "name", None)
        if name in FIRST_PANELS:
            panel.order = FIRST_PANELS[name]


# --- Editor's guide ---


class EditorGuideView(LoginRequiredMixin, WagtailAdminTemplateMixin, TemplateView):
    template_name = "staff/admin/editor_guide.html"
    page_title = gettext_lazy("Editor's guide")
    header_icon = "help"

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [{"url": "", "label": self.page_title}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["statement_deadline"] = datetime.date(timezone.localdate().year, 3, 31)
        return context


@hooks.register("register_admin_urls")
def register_guide_url():
    return [path("poradnik/", EditorGuideView.as_view(), name="editor_guide")]


# Wagtail's own help items link to English pages on the internet: our guide replaces them.
HIDDEN_HELP_ITEMS = ("editor-guide", "whats-new-in-wagtail-")


@hooks.register("construct_help_menu")
def hide_wagtails_english_help(request, menu_items):
    menu_items[:] = [item for item in menu_items if not item.name.startswith(HIDDEN_HELP_ITEMS)]


@hooks.register("register_help_menu_item")
def register_guide_help_item():
    return MenuItem(
        gettext_lazy("Editor's guide (Polish)"),
        reverse("editor_guide"),
        icon_name="help",
        order=10,
        name="ops-editor-guide",
    )
