"""The director's ordinances register (``data/ordinances.toml``)."""

import datetime

from pages.models import OrdinanceAttachment, OrdinanceIndexPage, OrdinancePage

from . import blocks
from .loader import data, ensure_page, today
from .media import demo_document, scanned_document


def load(ctx):
    spec = data("ordinances")
    register = ensure_page(
        ctx["home"], OrdinanceIndexPage, spec["register"]["slug"], lambda: register_page(spec)
    )
    ctx["pages"]["register"] = register
    by_number = {}
    for item in spec["ordinance"]:
        number, signed = number_and_date(item, today(ctx))
        if signed > today(ctx):
            continue  # not signed yet: a later run adds it
        by_number[number] = ensure_ordinance(register, spec, item, number, signed)
    for old, new in spec["repeals"].items():
        page, newer = by_number[old], by_number[new]
        if page.repealed_by_id != newer.pk:
            page.status = OrdinancePage.STATUS_REPEALED
            page.repealed_by = newer
            page.save_revision().publish()
    add_scanned_annex(by_number[spec["scanned_annex"]["number"]], spec["scanned_annex"])
    if ctx.get("large"):
        from .scale import ORDINANCE_COUNT, load_many_ordinances

        load_many_ordinances(register, ORDINANCE_COUNT)
    return ctx


def register_page(spec):
    fields = spec["register"]
    return OrdinanceIndexPage(
        title=fields["title"], show_in_menus=True, intro=blocks.rich(fields["intro"])
    )


def number_and_date(item, day):
    """``("12/2020", date)``: fixed in the data, or in a year counted back from today."""
    if "date" in item:
        return item["number"], item["date"]
    year = day.year - item["years_ago"]
    return f"{item['number']}/{year}", datetime.date(year, item["month"], item["day"])


def ensure_ordinance(register, spec, item, number, signed):
    slug = "zarzadzenie-" + number.replace("/", "-").lower()
    existing = register.get_children().filter(slug=slug).first()
    if existing is not None:
        return existing.specific
    words = {"year": signed.year, "next_year": signed.year + 1}
    subject = item["subject"].format(**words)
    summary = item["summary"].format(**words)
    title = f"Zarządzenie nr {number} {subject}"
    text = [
        line.format(
            number=number,
            director=spec["document"]["director"],
            date=signed.strftime("%d.%m.%Y"),
            subject=subject,
            summary=summary,
            signed_by=spec["document"]["signed_by"],
        )
        for line in spec["document"]["text"]
    ]
    document = demo_document(title, f"{slug}.pdf", text, pages=item.get("pages", 1))
    page = OrdinancePage(
        title=title, slug=slug, number=number, date_signed=signed, subject=subject, summary=summary
    )
    page.attachments.add(OrdinanceAttachment(document=document))
    register.add_child(instance=page)
    page.save_revision().publish()
    return OrdinancePage.objects.get(pk=page.pk)


def add_scanned_annex(page, spec):
    if page.attachments.filter(title=spec["link"]).exists():
        return
    document = scanned_document(spec["title"], spec["file"])
    page.attachments.add(OrdinanceAttachment(document=document, title=spec["link"]))
    page.save_revision().publish()
