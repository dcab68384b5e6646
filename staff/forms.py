"""Wagtail's user forms with each group's description beside its name (issue 21)."""

from django.utils.html import format_html
from django.utils.translation import gettext_lazy
from wagtail.admin.forms.auth import LoginForm
from wagtail.users.forms import UserCreationForm, UserEditForm
from wagtail.users.views.users import UserViewSet

from .roles import ROLE_DESCRIPTIONS


def describe(group):
    description = ROLE_DESCRIPTIONS.get(group.name)
    if not description:
        return group.name
    return format_html("<strong>{}</strong> – {}", group.name, description)


class DescribedGroupsMixin:
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "groups" in self.fields:
            self.fields["groups"].label_from_instance = describe


class StaffUserCreationForm(DescribedGroupsMixin, UserCreationForm):
    pass


class StaffUserEditForm(DescribedGroupsMixin, UserEditForm):
    pass


class StaffUserViewSet(UserViewSet):
    """Wagtail's user screens with the described groups (named in staff.apps)."""

    def get_form_class(self, for_update=False):
        return StaffUserEditForm if for_update else StaffUserCreationForm


class StaffLoginForm(LoginForm):
    """Wagtail's login form declares the password field without a label, so Django shows
    the untranslated "Password"; the label is given here, as Django's own form has it."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["password"].label = gettext_lazy("Password")
