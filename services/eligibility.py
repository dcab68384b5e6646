"""The self-check "Sprawdź, czy możesz dostać pomoc": a GET form and indicative rules.

Nothing is stored or logged: the figures live in the query string of one request,
the page is never cached (its query parameters are not on the page cache's list,
and the response says ``no-store``), and links leave with no referrer.
"""

import re
from decimal import Decimal, InvalidOperation

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .models.criteria import Criterion, format_pln

MAX_HOUSEHOLD = 20
MAX_INCOME = Decimal("1000000")


class Situation:
    AGE_DISABILITY = "wiek"
    UNEMPLOYED = "bezrobocie"
    ILLNESS = "choroba"
    CARE = "opieka"
    CHILDREN_DIFFICULTIES = "dzieci"
    LARGE_FAMILY = "wielodzietna"
    HOUSING = "mieszkanie"
    HOMELESS = "bezdomnosc"
    VIOLENCE = "przemoc"
    EMERGENCY = "zdarzenie"

    CHOICES = [
        (AGE_DISABILITY, _("I cannot work because of my age or a disability")),
        (UNEMPLOYED, _("I am out of work")),
        (ILLNESS, _("I have a long illness")),
        (CARE, _("I or someone at home needs help with everyday tasks")),
        (CHILDREN_DIFFICULTIES, _("We have difficulties raising our children")),
        (LARGE_FAMILY, _("We have three or more children")),
        (HOUSING, _("It is hard to pay for the flat or house")),
        (HOMELESS, _("I have nowhere to live")),
        (VIOLENCE, _("Someone at home hurts me or my family")),
        (EMERGENCY, _("A fire, flood or other event has hit us")),
    ]


def parse_amount(raw):
    """A złoty amount as residents type it: "2450", "2 450,50", "2450.5 zł"; None if not one."""
    text = re.sub(r"(?i)\s|zł|zl|pln", "", str(raw)).replace(",", ".")
    if not re.fullmatch(r"-?[0-9]+(\.[0-9]{1,2})?", text):
        return None
    try:
        return Decimal(text)
    except InvalidOperation:
        return None


class SelfCheckForm(forms.Form):
    osoby = forms.CharField(
        label=_("How many people live in your household, you included?"),
        help_text=_("People who live and keep house together, e.g. 3."),
        max_length=10,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off", "size": 4}),
        error_messages={"required": _("Enter the number of people in the household.")},
    )
    dochod = forms.CharField(
        label=_("Net income of the whole household last month, in złoty"),
        help_text=_("Everything together, after tax: wages, pensions, benefits. E.g. 2450,50."),
        max_length=30,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off", "size": 12}),
        error_messages={"required": _("Enter the household's income (0 if there is none).")},
    )
    sytuacja = forms.MultipleChoiceField(
        label=_("Your situation (optional)"),
        choices=Situation.CHOICES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": _("Choose only from the listed situations.")},
    )

    summary_labels = {
        "osoby": _("Number of people"),
        "dochod": _("Income"),
        "sytuacja": _("Situation"),
    }

    def clean_osoby(self):
        raw = self.cleaned_data["osoby"].strip()
        if not raw.isdigit() or not 1 <= int(raw) <= MAX_HOUSEHOLD:
            raise forms.ValidationError(
                _("Enter a whole number of people from 1 to %(max)s.") % {"max": MAX_HOUSEHOLD}
            )
        return int(raw)

    def clean_dochod(self):
        amount = parse_amount(self.cleaned_data["dochod"])
        if amount is None:
            raise forms.ValidationError(
                _("Enter the income as a number of złoty, e.g. 2450 or 2450,50.")
            )
        if amount < 0:
            raise forms.ValidationError(
                _("The income cannot be negative; enter 0 if there is none.")
            )
        if amount > MAX_INCOME:
            raise forms.ValidationError(
                _("This amount is too large for a monthly household income; check the number.")
            )
        return amount


def assess(household, income, situations, table):
    """Indicative results: [(rule, reason)] in the order residents should read them.

    ``table`` is the day's ``CriteriaTable``; a criterion missing from it leaves out
    the rules that need it.
    """
    situations = set(situations)
    single = household == 1
    limit = table.value(Criterion.Key.INCOME_SINGLE if single else Criterion.Key.INCOME_FAMILY)
    per_person = (income / household).quantize(Decimal("0.01"))
    results = []
    facts = {"income": format_pln(per_person)}
    below = limit is not None and per_person <= limit
    if limit is not None:
        facts["limit"] = format_pln(limit)
        if below:
            base = (
                gettext(
                    "Your income per person (%(income)s) is not above the criterion (%(limit)s)."
                )
                % facts
            )
        else:
            base = (
                gettext("Your income per person (%(income)s) is above the criterion (%(limit)s).")
                % facts
            )
    else:
        base = ""
    S = Situation
    if below and S.AGE_DISABILITY in situations:
        maximum = table.value(Criterion.Key.PERMANENT_ALLOWANCE_MAX)
        extra = (
            " "
            + gettext("The allowance is at most %(max)s a month.") % {"max": format_pln(maximum)}
            if maximum is not None
            else ""
        )
        results.append(("permanent", base + extra))
    if below and situations & {S.UNEMPLOYED, S.ILLNESS, S.AGE_DISABILITY}:
        results.append(("periodic", base))
    if below:
        results.append(
            ("purpose", base + " " + gettext("For a particular need: food, medicine, fuel."))
        )
    elif S.EMERGENCY in situations or S.ILLNESS in situations:
        results.append(
            (
                "special_purpose",
                base + " " + gettext("In particularly justified cases the centre may still help."),
            )
        )
    meals = table.meals_limits()
    if meals is not None:
        meals_limit = meals[0] if single else meals[1]
        if per_person <= meals_limit:
            results.append(
                (
                    "meals",
                    gettext(
                        "Your income per person (%(income)s) is within %(limit)s, "
                        "the limit for meals."
                    )
                    % {
                        "income": facts["income"],
                        "limit": format_pln(meals_limit.quantize(Decimal("0.01"))),
                    },
                )
            )
    if S.CARE in situations:
        results.append(
            ("care", gettext("Help at home is for people who need it; the cost depends on income."))
        )
        results.append(("nursing_home", gettext("When help at home is no longer enough.")))
    if S.HOUSING in situations:
        results.append(("housing", gettext("The housing allowance has its own income limits.")))
        results.append(("energy", gettext("For people who receive the housing allowance.")))
    if S.LARGE_FAMILY in situations:
        results.append(("large_family", gettext("The card does not depend on income.")))
    if S.CHILDREN_DIFFICULTIES in situations:
        results.append(
            ("family_assistant", gettext("Help for families; it does not depend on income."))
        )
    if S.HOMELESS in situations:
        results.append(("homelessness", gettext("Shelter and help do not depend on income.")))
    if S.VIOLENCE in situations:
        results.append(
            ("violence", gettext("Help for people experiencing violence never depends on income."))
        )
    return results, per_person
