"""Admin: the "Copy to a new date" action on events (page listing and page header)."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.menus.pages import PageMenuItem

from .models import EventPage
from .views import CopyToDateView


class CopyToDateButton(PageMenuItem):
    label = _("Copy to a new date")
    icon_name = "copy"

    @property
    def url(self):
        return reverse("events_copy_to_date", args=[self.page.pk])


def can_copy(page, user):
    if page.specific_class is not EventPage:
        return False
    parent = page.get_parent()
    return parent is not None and parent.permissions_for_user(user).can_add_subpage()


@hooks.register("register_page_listing_more_buttons")
def copy_to_date_listing_button(page, user, next_url=None):
    if can_copy(page, user):
        yield CopyToDateButton(page=page, priority=21)


@hooks.register("register_page_header_buttons")
def copy_to_date_header_button(page, user, view_name, next_url=None):
    if can_copy(page, user):
        yield CopyToDateButton(page=page, priority=31)


@hooks.register("register_admin_urls")
def register_copy_url():
    return [
        path(
            "wydarzenia/<int:page_id>/kopiuj/",
            CopyToDateView.as_view(),
            name="events_copy_to_date",
        )
    ]
