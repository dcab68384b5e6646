"""Site-wide alert banner: staff set a message, a level, an optional page scope and dates.

An alert shows between its start and end without a deploy and disappears by
itself. Cached pages follow: saving an alert empties the page cache (it is a
snippet), and the page cache never keeps a page past the next start or end of
an alert (``seconds_until_next_change``).
"""

from django.core.cache import cache
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel

NEXT_CHANGE_CACHE_KEY = "alerts:next-change"


class AlertQuerySet(models.QuerySet):
    def active_at(self, moment):
        return self.filter(
            Q(starts_at__lte=moment),
            Q(ends_at__isnull=True) | Q(ends_at__gt=moment),
            enabled=True,
        )


class Alert(models.Model):
    LEVEL_INFO = "info"
    LEVEL_WARNING = "warning"
    LEVEL_URGENT = "urgent"
    LEVELS = [
        (LEVEL_INFO, _("Information")),
        (LEVEL_WARNING, _("Warning")),
        (LEVEL_URGENT, _("Urgent")),
    ]

    message = models.CharField(
        _("message"),
        max_length=300,
        help_text=_("A short notice, e.g. '2 maja ośrodek będzie nieczynny.'"),
    )
    link_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("read more on page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Optional page with details."),
    )
    level = models.CharField(
        _("level"),
        max_length=10,
        choices=LEVELS,
        default=LEVEL_INFO,
        help_text=_("Urgent alerts stand out most; use them sparingly."),
    )
    scope_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("show only on page"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        help_text=_("Leave empty to show the alert on every page."),
    )
    include_children = models.BooleanField(
        _("also on its subpages"),
        default=True,
        help_text=_("Show the alert on the chosen page and all pages below it."),
    )
    starts_at = models.DateTimeField(
        _("show from"), default=timezone.now, help_text=_("When the alert appears.")
    )
    ends_at = models.DateTimeField(
        _("show until"),
        null=True,
        blank=True,
        help_text=_("When the alert disappears by itself. Leave empty to remove it by hand."),
    )
    enabled = models.BooleanField(
        _("enabled"), default=True, help_text=_("Untick to hide the alert at once.")
    )

    objects = AlertQuerySet.as_manager()

    panels = [
        FieldPanel("message"),
        FieldPanel("level"),
        FieldPanel("link_page"),
        MultiFieldPanel(
            [FieldPanel("scope_page"), FieldPanel("include_children")],
            heading=_("Where"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("starts_at"), FieldPanel("ends_at")]),
                FieldPanel("enabled"),
            ],
            heading=_("When"),
        ),
    ]

    class Meta:
        db_table = "website_alert"
        verbose_name = _("alert")
        verbose_name_plural = _("alerts")
        ordering = ["-starts_at"]
        indexes = [models.Index(fields=["enabled", "starts_at", "ends_at"])]

    def __str__(self):
        return self.message

    def clean(self):
        from django.core.exceptions import ValidationError

        if self.ends_at and self.starts_at and self.ends_at <= self.starts_at:
            raise ValidationError({"ends_at": _("The end must be after the start.")})

    def applies_to(self, page):
        if self.scope_page_id is None:
            return True
        if page is None or not getattr(page, "path", None):
            return False
        if page.pk == self.scope_page_id:
            return True
        return self.include_children and page.path.startswith(self.scope_page.path)


LEVEL_ORDER = {Alert.LEVEL_URGENT: 0, Alert.LEVEL_WARNING: 1, Alert.LEVEL_INFO: 2}


def most_urgent_first(alerts):
    return sorted(
        alerts, key=lambda alert: (LEVEL_ORDER.get(alert.level, 9), -alert.starts_at.timestamp())
    )


def alerts_for(page, moment=None):
    """Alerts to show on ``page`` now, most urgent first (one query)."""
    moment = moment or timezone.now()
    alerts = Alert.objects.active_at(moment).select_related("scope_page", "link_page")
    shown = [alert for alert in alerts if alert.applies_to(page)]
    return most_urgent_first(shown)


def current_alerts_for(page):
    """``alerts_for(page)`` now, without a query while the published state is the same.

    The enabled alerts that have not ended (current and upcoming) are kept under
    the page cache's generation: only saving an alert changes that list (and
    empties it), while the passing of time only moves alerts in and out of
    their dates, which is checked here on every render. No cache expiry is
    relied on, so a banner starts and ends on time whatever the cache's clock.
    """
    from pagecache.middleware import cached_until_publish

    def not_ended():
        return list(
            Alert.objects.filter(enabled=True)
            .filter(Q(ends_at__isnull=True) | Q(ends_at__gt=timezone.now()))
            .select_related("scope_page", "link_page")
        )

    now = timezone.now()
    shown = [
        alert
        for alert in cached_until_publish("alerts:not-ended", not_ended)
        if alert.starts_at <= now
        and (alert.ends_at is None or alert.ends_at > now)
        and alert.applies_to(page)
    ]
    return most_urgent_first(shown)


def seconds_until_next_change(now=None, horizon=24 * 3600):
    """Seconds until some alert starts or ends (capped at ``horizon``), cached briefly.

    The page cache stores no page longer than this, so a banner appears and
    disappears on time on cached pages too.
    """
    now = now or timezone.now()
    cached = cache.get(NEXT_CHANGE_CACHE_KEY)
    if cached is None:
        upcoming = Alert.objects.filter(enabled=True).filter(
            Q(starts_at__gt=now) | Q(ends_at__gt=now)
        )
        moments = []
        for starts_at, ends_at in upcoming.values_list("starts_at", "ends_at"):
            moments.extend(m for m in (starts_at, ends_at) if m and m > now)
        cached = min(moments).timestamp() if moments else 0
        cache.set(NEXT_CHANGE_CACHE_KEY, cached, 60)
    if not cached:
        return horizon
    return max(1, min(horizon, int(cached - now.timestamp())))


def forget_next_change(**kwargs):
    cache.delete(NEXT_CHANGE_CACHE_KEY)
