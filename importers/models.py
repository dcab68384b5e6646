"""What the imports remember: which source item became which object, and the admin's jobs."""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _


class ImportedItem(models.Model):
    """One item of a source (a post, a page, a file, a row) and the object it became.

    A second run looks items up here by (source, source id) and creates nothing new.
    """

    source = models.CharField(_("source"), max_length=200)
    source_id = models.CharField(_("id in the source"), max_length=255)
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.PositiveBigIntegerField(_("object id"))
    created_at = models.DateTimeField(_("imported at"), auto_now_add=True)

    class Meta:
        verbose_name = _("imported item")
        verbose_name_plural = _("imported items")
        constraints = [
            models.UniqueConstraint(fields=["source", "source_id"], name="importers_item_unique")
        ]

    def __str__(self):
        return f"{self.source} {self.source_id}"

    @property
    def target(self):
        model = self.content_type.model_class()
        return model._default_manager.filter(pk=self.object_id).first() if model else None


class ImportJob(models.Model):
    """An import started from the admin, run in the background; its progress and report."""

    KIND_WORDPRESS = "wordpress"
    KIND_FEED = "feed"
    KIND_ORDINANCES = "ordinances"
    KIND_CHOICES = [
        (KIND_WORDPRESS, _("WordPress export (WXR)")),
        (KIND_FEED, _("RSS or Atom feed")),
        (KIND_ORDINANCES, _("Ordinances register (CSV or XLSX)")),
    ]
    STATUS_PENDING = "pending"
    STATUS_RUNNING = "running"
    STATUS_DONE = "done"
    STATUS_FAILED = "failed"
    STATUS_CHOICES = [
        (STATUS_PENDING, _("waiting")),
        (STATUS_RUNNING, _("running")),
        (STATUS_DONE, _("finished")),
        (STATUS_FAILED, _("failed")),
    ]

    kind = models.CharField(_("kind"), max_length=20, choices=KIND_CHOICES)
    status = models.CharField(
        _("status"), max_length=10, choices=STATUS_CHOICES, default=STATUS_PENDING
    )
    file_name = models.CharField(_("file name"), max_length=255)
    options = models.JSONField(_("options"), default=dict, blank=True)
    total = models.PositiveIntegerField(_("items"), default=0)
    done = models.PositiveIntegerField(_("items done"), default=0)
    report = models.JSONField(_("report"), default=dict, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("started at"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    class Meta:
        verbose_name = _("import")
        verbose_name_plural = _("imports")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.file_name}"

    @property
    def is_finished(self):
        return self.status in (self.STATUS_DONE, self.STATUS_FAILED)

    @property
    def percent(self):
        return int(100 * self.done / self.total) if self.total else 0
