"""The criteria every install starts with (ustawa o pomocy społecznej and its regulations).

Income criteria: 701 / 528 zł from 1 October 2018, 776 / 600 zł from 1 January 2022,
1010 / 823 zł from 1 January 2025; the maximum zasiłek stały 1229 zł from 2025; the
meals programme ("Posiłek w szkole i w domu" 2024–2028) 200 % of the income criterion.
Rows are added only when the criterion is missing, so staff's changes are kept.
"""

import datetime
from decimal import Decimal

from django.db import migrations

CRITERIA = [
    (
        "income_single",
        "Kryterium dochodowe osoby samotnie gospodarującej",
        "pln",
        "dochód netto miesięcznie",
        [("701", (2018, 10, 1)), ("776", (2022, 1, 1)), ("1010", (2025, 1, 1))],
    ),
    (
        "income_family",
        "Kryterium dochodowe na osobę w rodzinie",
        "pln",
        "dochód netto miesięcznie na osobę",
        [("528", (2018, 10, 1)), ("600", (2022, 1, 1)), ("823", (2025, 1, 1))],
    ),
    (
        "permanent_allowance_max",
        "Najwyższa kwota zasiłku stałego",
        "pln",
        "miesięcznie",
        [("1229", (2025, 1, 1))],
    ),
    (
        "meals_percent",
        "Kryterium w programie dożywiania",
        "percent",
        "procent kryterium dochodowego",
        [("200", (2024, 1, 1))],
    ),
]


def seed(apps, schema_editor):
    Criterion = apps.get_model("services", "Criterion")
    CriterionValue = apps.get_model("services", "CriterionValue")
    for key, name, unit, note, values in CRITERIA:
        if Criterion.objects.filter(key=key).exists():
            continue
        criterion = Criterion.objects.create(key=key, name=name, unit=unit, note=note)
        for order, (value, day) in enumerate(values):
            CriterionValue.objects.create(
                criterion=criterion,
                value=Decimal(value),
                applies_from=datetime.date(*day),
                sort_order=order,
            )


class Migration(migrations.Migration):
    dependencies = [("services", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
