from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting


@register_setting(icon="globe")
class ServicesSettings(BaseSiteSetting):
    """Links every service page uses for applying online, entered once."""

    epuap_url = models.URLField(
        _("ePUAP address"),
        default="https://epuap.gov.pl/",
        blank=True,
        help_text=_("Where residents send a general letter (pismo ogólne) to the centre."),
    )
    gov_pl_url = models.URLField(
        _("gov.pl services address"),
        default="https://www.gov.pl/web/gov/uslugi-dla-obywatela",
        blank=True,
    )
    empatia_url = models.URLField(
        _("Emp@tia address"),
        default="https://empatia.mrips.gov.pl/",
        blank=True,
        help_text=_("The ministry's portal for applications for benefits."),
    )
    appeal_body = models.CharField(
        _("appeal body"),
        max_length=200,
        blank=True,
        default="Samorządowe Kolegium Odwoławcze",
        help_text=_("Where appeals against the centre's decisions go (through the centre)."),
    )

    panels = [
        FieldPanel("epuap_url"),
        FieldPanel("gov_pl_url"),
        FieldPanel("empatia_url"),
        FieldPanel("appeal_body"),
    ]

    class Meta:
        verbose_name = _("services: online links")
