"""Admin: copy an event to a new date (two clicks: "Copy to a new date", then the date)."""

import datetime
import re

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.widgets import AdminDateInput

from .models import EventPage

DATE_SUFFIX = re.compile(r"-\d{4}-\d{2}-\d{2}(-\d+)?$")


class NewDateForm(forms.Form):
    start_date = forms.DateField(
        label=gettext_lazy("New date"),
        widget=AdminDateInput,
        help_text=gettext_lazy(
            "The copy keeps the times, the place and the description; for a recurring "
            "event the repeats move by the same number of days."
        ),
    )


def free_slug(event, day):
    base = DATE_SUFFIX.sub("", event.slug)[:70]
    slug = f"{base}-{day:%Y-%m-%d}"
    siblings = set(event.get_parent().get_children().values_list("slug", flat=True))
    number = 2
    candidate = slug
    while candidate in siblings:
        candidate = f"{slug}-{number}"
        number += 1
    return candidate


def copy_to_date(event, day, user=None):
    """A draft copy of ``event`` on ``day``, planned, with no places taken yet."""
    shift = day - event.start_date

    def moved(value):
        return value + shift if value else None

    copy = event.copy(
        to=event.get_parent(),
        update_attrs={
            "title": event.title,
            "slug": free_slug(event, day),
            "start_date": day,
            "end_date": moved(event.end_date),
            "repeat_until": moved(event.repeat_until),
            "status": EventPage.Status.PLANNED,
            "original_date": None,
            "status_note": "",
            "places_taken": 0,
        },
        copy_revisions=False,
        keep_live=False,
        user=user,
    )
    copy = EventPage.objects.get(pk=copy.pk)
    copy.save_revision(user=user, log_action=True)
    return copy


class CopyToDateView(WagtailAdminTemplateMixin, FormView):
    template_name = "events/admin/copy_to_date.html"
    form_class = NewDateForm
    page_title = gettext_lazy("Copy to a new date")
    header_icon = "copy"

    def dispatch(self, request, page_id):
        self.event = get_object_or_404(EventPage, pk=page_id)
        parent = self.event.get_parent()
        if not parent.permissions_for_user(request.user).can_add_subpage():
            raise PermissionDenied
        return super().dispatch(request, page_id)

    def get_page_subtitle(self):
        return self.event.get_admin_display_title()

    def get_initial(self):
        return {"start_date": self.event.start_date + datetime.timedelta(days=7)}

    def get_context_data(self, **kwargs):
        return super().get_context_data(event=self.event, **kwargs)

    def form_valid(self, form):
        day = form.cleaned_data["start_date"]
        copy = copy_to_date(self.event, day, self.request.user)
        messages.success(
            self.request,
            _("A draft of '%(title)s' on %(date)s is ready: check it and submit it.")
            % {"title": copy.title, "date": date_format(day, "j E Y")},
        )
        return redirect("wagtailadmin_pages:edit", copy.pk)
