"""The admin form every page of ours uses: scheduling explained in the centre's words."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm

GO_LIVE_HELP = _(
    "Leave empty to publish when you click “Opublikuj”. With a date and time the page "
    "waits and appears on the site by itself at that moment."
)
EXPIRE_HELP = _(
    "Optional: when the page should disappear from the site by itself, e.g. after an "
    "event or when a recruitment ends. It stays in the admin and can be published again."
)


class BasePageForm(WagtailAdminPageForm):
    go_live_help = GO_LIVE_HELP
    expire_help = EXPIRE_HELP

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "go_live_at" in self.fields:
            self.fields["go_live_at"].help_text = self.go_live_help
        if "expire_at" in self.fields:
            self.fields["expire_at"].help_text = self.expire_help
