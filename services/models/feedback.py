""" "Czy ta strona była pomocna?": one row per answer, no personal data."""

from django.db import models
from django.utils.translation import gettext_lazy as _

MAX_COMMENT = 500
REPORT_DAYS = 90


class Feedback(models.Model):
    page = models.ForeignKey(
        "wagtailcore.Page", verbose_name=_("page"), on_delete=models.CASCADE, related_name="+"
    )
    helpful = models.BooleanField(_("helpful"))
    comment = models.TextField(_("comment"), blank=True, max_length=MAX_COMMENT)
    created_at = models.DateTimeField(_("sent"), auto_now_add=True, db_index=True)
    handled = models.BooleanField(_("handled"), default=False)

    class Meta:
        verbose_name = _("page feedback")
        verbose_name_plural = _("page feedback")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["page", "created_at"])]

    def __str__(self):
        return f"{self.page_id}: {'+' if self.helpful else '-'}"
