"""Funding programmes (snippets) and their logo strip ("zestawienie znaków").

Staff upload the signs once per programme; the order they are shown in is fixed
here, by the programme's period, as the visual-identity rules of that period ask:

- 2021–2027: the Fundusze Europejskie sign with the programme's name, the colours of
  the Republic of Poland, the EU sign "Dofinansowane przez Unię Europejską", and an
  optional regional sign after a vertical separator;
- 2014–2020: the Fundusze Europejskie sign with the programme's name, the colours of
  the Republic of Poland, an optional regional sign, and the EU sign (with the fund's
  name) always last, on the right;
- national or local funds: no EU strip at all.

Other logos (a partner's, the gmina's) may not be larger than the EU flag: the
programme's form refuses one that is (``logo_size_error``).
"""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.text import slugify
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable

from core.search import fold

# The EU flag is 3:2 and as tall as the EU sign it stands in (the words sit beside it).
FLAG_ASPECT = 1.5
# Height of the strip's signs on the page, in CSS pixels (renditions are twice as tall).
STRIP_HEIGHT = 60


class Period(models.TextChoices):
    EU_2021_2027 = "2021-2027", _("European Funds 2021–2027")
    EU_2014_2020 = "2014-2020", _("European Funds 2014–2020")
    NATIONAL = "national", _("National or local funds (no EU logo strip)")


# Signs of the strip, by the field that holds each one's image.
FE, RP, EU, REGIONAL = "fe", "rp", "eu", "regional"
# Per period: the signs in the order the rules fix, and which of them are mandatory.
STRIP_ORDER = {
    Period.EU_2021_2027: [FE, RP, EU, REGIONAL],
    Period.EU_2014_2020: [FE, RP, REGIONAL, EU],
    Period.NATIONAL: [],
}
MANDATORY = {FE, RP, EU}
# 2021–2027 puts the regional sign after a vertical separator.
SEPARATED = {Period.EU_2021_2027: {REGIONAL}}


def sign_labels():
    return {
        FE: gettext("Fundusze Europejskie sign"),
        RP: gettext("Colours of the Republic of Poland"),
        EU: gettext("European Union sign"),
        REGIONAL: gettext("Regional sign"),
    }


@dataclass
class Sign:
    """One sign of a strip as a template shows it."""

    kind: str
    image: object
    alt: str
    separated: bool = False
    height: int = STRIP_HEIGHT

    @property
    def width(self):
        if not self.image.height:
            return self.height
        return max(1, round(self.image.width * self.height / self.image.height))


def logo_size_error(image, eu_sign):
    """Why ``image`` may not stand beside ``eu_sign`` (it would be larger than the EU flag).

    The signs are uploaded at one scale and shown at one scale, so pixels compare: the
    flag is as tall as the EU sign and one and a half times as wide as it is tall.
    """
    if image is None or eu_sign is None or not eu_sign.height:
        return None
    max_height = eu_sign.height
    max_width = int(eu_sign.height * FLAG_ASPECT)
    if image.height <= max_height and image.width <= max_width:
        return None
    return gettext(
        "This logo (%(width)s × %(height)s px) is larger than the EU flag in the European "
        "Union sign. Other logos may be at most %(max_width)s px wide and %(max_height)s px "
        "tall: make it smaller and upload it again."
    ) % {
        "width": image.width,
        "height": image.height,
        "max_width": max_width,
        "max_height": max_height,
    }


class ProgrammeForm(WagtailAdminModelForm):
    """Refuses another logo larger than the EU flag, next to the logo concerned."""

    def clean(self):
        cleaned_data = super().clean()
        eu_sign = cleaned_data.get("eu_sign")
        formset = self.formsets.get("other_logos")
        if eu_sign is None or formset is None or not formset.is_valid():
            return cleaned_data
        for form in formset.forms:
            if not form.cleaned_data or form.cleaned_data.get("DELETE"):
                continue
            error = logo_size_error(form.cleaned_data.get("image"), eu_sign)
            if error:
                form.add_error("image", error)
        return cleaned_data


def _sign_field(verbose_name, help_text):
    return models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=verbose_name,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=help_text,
    )


def _alt_field(verbose_name, help_text):
    return models.CharField(verbose_name, max_length=200, blank=True, help_text=help_text)


class Programme(ClusterableModel):
    name = models.CharField(
        _("name"),
        max_length=200,
        unique=True,
        help_text=_(
            "The programme's full name, e.g. 'Fundusze Europejskie dla Dolnego Śląska "
            "2021–2027' or 'Środki własne Gminy Lipowo'."
        ),
    )
    slug = models.SlugField(
        _("address fragment"),
        max_length=80,
        unique=True,
        blank=True,
        help_text=_("Used in the address of the filtered list of projects. Made from the name."),
    )
    period = models.CharField(
        _("financial period"),
        max_length=20,
        choices=Period.choices,
        default=Period.EU_2021_2027,
        help_text=_("Decides which signs the logo strip has and in what order."),
    )
    fe_sign = _sign_field(
        _("Fundusze Europejskie sign"),
        _("The sign with the programme's name, from the programme's visual identity book."),
    )
    fe_alt = _alt_field(
        _("text of the Fundusze Europejskie sign"),
        _("What the sign says, e.g. 'Fundusze Europejskie dla Dolnego Śląska'."),
    )
    rp_sign = _sign_field(
        _("colours of the Republic of Poland"),
        _("The white and red sign with the words 'Rzeczpospolita Polska'."),
    )
    eu_sign = _sign_field(
        _("European Union sign"),
        _(
            "2021–2027: the flag with 'Dofinansowane przez Unię Europejską'; 2014–2020: "
            "the flag with 'Unia Europejska' and the fund's name."
        ),
    )
    eu_alt = _alt_field(
        _("text of the European Union sign"),
        _(
            "Leave empty for 'Dofinansowane przez Unię Europejską' (2021–2027); for "
            "2014–2020 e.g. 'Unia Europejska – Europejski Fundusz Społeczny'."
        ),
    )
    regional_sign = _sign_field(
        _("regional sign"),
        _("Optional: the sign of the voivodeship, when the programme asks for it."),
    )
    regional_alt = _alt_field(
        _("text of the regional sign"), _("E.g. 'Dolny Śląsk'. Needed with a regional sign.")
    )
    website = models.URLField(
        _("programme website"), blank=True, help_text=_("E.g. https://funduszeue.dolnyslask.pl")
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("period"),
        FieldPanel("website"),
        MultiFieldPanel(
            [
                FieldPanel("fe_sign"),
                FieldPanel("fe_alt"),
                FieldPanel("rp_sign"),
                FieldPanel("eu_sign"),
                FieldPanel("eu_alt"),
                FieldPanel("regional_sign"),
                FieldPanel("regional_alt"),
            ],
            heading=_("Logo strip"),
            help_text=_(
                "Upload each sign once; the site shows them in the order the rules of the "
                "period fix. All signs in the same scale, as in the visual identity book."
            ),
        ),
        InlinePanel(
            "other_logos",
            label=_("Other logo"),
            heading=_("Other logos"),
            help_text=_("E.g. a partner's logo; none may be larger than the EU flag."),
        ),
    ]
    base_form_class = ProgrammeForm

    class Meta:
        ordering = ["name"]
        verbose_name = _("funding programme")
        verbose_name_plural = _("funding programmes")

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            name = fold(self.name).replace("–", "-").replace("—", "-")
            self.slug = slugify(name)[:80].strip("-") or "program"
        super().save(*args, **kwargs)

    def clean(self):
        super().clean()
        if self.regional_sign_id and not self.regional_alt.strip():
            raise ValidationError(
                {"regional_alt": _("Give the text of the regional sign (its alternative text).")}
            )

    # The strip ------------------------------------------------------------------

    @property
    def has_eu_strip(self):
        return bool(STRIP_ORDER.get(self.period))

    def default_alt(self, kind):
        if kind == FE:
            text = self.fe_alt or self.name
            return (
                text if "fundusze europejskie" in text.lower() else f"Fundusze Europejskie – {text}"
            )
        if kind == RP:
            return "Rzeczpospolita Polska"
        if kind == EU:
            if self.eu_alt:
                return self.eu_alt
            if self.period == Period.EU_2014_2020:
                return "Unia Europejska"
            return "Dofinansowane przez Unię Europejską"
        return self.regional_alt

    def missing_signs(self):
        """Labels of the mandatory signs not uploaded yet (empty for national funds)."""
        if not self.has_eu_strip:
            return []
        labels = sign_labels()
        order = STRIP_ORDER[self.period]
        return [labels[kind] for kind in order if kind in MANDATORY and not self.sign_image(kind)]

    def sign_image(self, kind):
        return getattr(self, f"{kind}_sign") if getattr(self, f"{kind}_sign_id") else None

    def strip(self):
        """The signs in the period's order; empty until every mandatory sign is uploaded.

        An incomplete strip would break the rules, so none is shown (staff see a warning).
        """
        if not self.has_eu_strip or self.missing_signs():
            return []
        separated = SEPARATED.get(self.period, set())
        return [
            Sign(kind, self.sign_image(kind), self.default_alt(kind), kind in separated)
            for kind in STRIP_ORDER[self.period]
            if self.sign_image(kind)
        ]

    def logo_signs(self, logos):
        """Other logos at the scale of the strip: never taller than the EU sign."""
        eu_height = self.eu_sign.height if self.eu_sign_id and self.eu_sign else 0
        signs = []
        for logo in logos:
            height = STRIP_HEIGHT
            if eu_height and logo.image.height:
                height = min(STRIP_HEIGHT, round(STRIP_HEIGHT * logo.image.height / eu_height))
            signs.append(Sign("other", logo.image, logo.alt_text, height=max(1, height)))
        return signs

    @classmethod
    def strip_related(cls, prefix=""):
        """``select_related`` paths that bring a programme's signs in the same query."""
        return [f"{prefix}{kind}_sign" for kind in (FE, RP, EU, REGIONAL)]


class ProgrammeLogo(Orderable):
    """Another logo shown with the programme's projects (a partner's, the gmina's)."""

    programme = ParentalKey(Programme, related_name="other_logos", on_delete=models.CASCADE)
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("logo"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    alt_text = models.CharField(
        _("alternative text"),
        max_length=200,
        help_text=_("What the logo says, e.g. 'Gmina Lipowo Zdrojowe'."),
    )

    panels = [FieldPanel("image"), FieldPanel("alt_text")]

    class Meta(Orderable.Meta):
        verbose_name = _("other logo")
        verbose_name_plural = _("other logos")
