"""The news post's admin form: one publication date, whichever control staff use."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.forms import BasePageForm


def to_the_minute(moment):
    return moment.replace(second=0, microsecond=0) if moment else None


class NewsPageForm(BasePageForm):
    """The post's "Data publikacji" and Wagtail's scheduled publishing are one date.

    The post's date is what residents see and what orders the news; a date in the future
    schedules the post (``NewsPage.clean``). A time set in Wagtail's "Zaplanuj publikację"
    dialog becomes the post's date too, so the date shown is the moment the post
    appeared; moving the date back to now or the past drops a schedule left over from an
    earlier future date, so the post is not held back by a time nobody sees any more.
    """

    go_live_help = _(
        "For news the “Publication date” field does the same: a date in the future schedules "
        "the post. A time set here becomes the post's publication date."
    )

    def changed_to_the_minute(self, name):
        """Whether the editor changed a time: the form shows minutes, stored times have
        seconds (Django's ``changed_data`` would call every such date changed)."""
        if name not in self.fields:
            return False
        initial = self.get_initial_for_field(self.fields[name], name)
        value = self.cleaned_data.get(name)
        return to_the_minute(initial) != to_the_minute(value)

    def clean(self):
        cleaned = super().clean()
        date, go_live = cleaned.get("date"), cleaned.get("go_live_at")
        changed = {name for name in ("date", "go_live_at") if self.changed_to_the_minute(name)}
        now = timezone.now()
        if go_live and go_live > now and "go_live_at" in changed and "date" not in changed:
            cleaned["date"] = go_live
        elif (
            date
            and date <= now
            and go_live
            and go_live > now
            and "date" in changed
            and "go_live_at" not in changed
        ):
            cleaned["go_live_at"] = None
        return cleaned
