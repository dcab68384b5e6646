"""'Jak załatwić sprawę' (``data/services.toml``): audiences, topics and services, the forms
library with generated PDFs, the self-check, the social workers' areas of the demo gmina.

Everything is made under "Jak pomagamy" (key ``help``) and looked up by slug (areas by
name) before it is made, so loading twice gives the same tree and the same rows.
"""

import json

from services.models import (
    AudienceFacility,
    AudienceIndexPage,
    AudiencePage,
    Criterion,
    EligibilityCheckPage,
    FormsLibraryPage,
    ServiceFormPage,
    ServiceIndexPage,
    ServicePage,
    WorkerArea,
    WorkerAreaStreet,
    WorkerSearchPage,
)

from . import blocks
from .loader import data, ensure_page, resolve_date, today
from .media import demo_document

ONLINE = {"epuap": "online_epuap", "gov_pl": "online_gov_pl", "empatia": "online_empatia"}
# Keys of a service's table that are not ServicePage fields as they are.
SPECIAL = {
    "topic",
    "slug",
    "criteria",
    "documents",
    "steps",
    "online",
    "law",
    "audiences",
    "rule",
    "office",
    "appeal",
    "body",
    "last_reviewed",
}


def load(ctx):
    spec = data("services")
    help_page = ctx["pages"]["help"]
    audiences = load_audiences(ctx, help_page, spec)
    topics = {"financial": ctx["pages"]["financial"]}
    for topic in spec["topic"]:
        topics[topic["key"]] = ctx["pages"][topic["key"]] = ensure_page(
            help_page,
            ServiceIndexPage,
            topic["slug"],
            lambda topic=topic: ServiceIndexPage(
                title=topic["title"], lead=topic["lead"], show_in_menus=True
            ),
        )
    criteria = {criterion.key: criterion for criterion in Criterion.objects.all()}
    services = {}
    for service in spec["service"]:
        services[service["slug"]] = ctx["pages"][service["slug"]] = ensure_page(
            topics[service["topic"]],
            ServicePage,
            service["slug"],
            lambda service=service: service_page(service, spec, ctx, criteria, audiences),
        )
    load_forms(ctx, help_page, spec, services)
    ctx["pages"]["selfcheck"] = ensure_page(
        help_page,
        EligibilityCheckPage,
        spec["selfcheck"]["slug"],
        lambda: EligibilityCheckPage(
            title=spec["selfcheck"]["title"], intro=spec["selfcheck"]["intro"], show_in_menus=True
        ),
    )
    ctx["pages"]["workers"] = ensure_page(
        help_page,
        WorkerSearchPage,
        spec["workers"]["slug"],
        lambda: WorkerSearchPage(
            title=spec["workers"]["title"], intro=spec["workers"]["intro"], show_in_menus=True
        ),
    )
    load_areas(spec["area"])
    return ctx


def load_audiences(ctx, help_page, spec):
    index = ctx["pages"]["audiences"] = ensure_page(
        help_page,
        AudienceIndexPage,
        spec["audiences"]["slug"],
        lambda: AudienceIndexPage(
            title=spec["audiences"]["title"], intro=spec["audiences"]["intro"], show_in_menus=True
        ),
    )
    made = {}
    for audience in spec["audience"]:

        def build(audience=audience):
            page = AudiencePage(title=audience["title"], intro=audience["intro"])
            page.facilities = [
                AudienceFacility(unit=ctx["units"][slug], sort_order=order)
                for order, slug in enumerate(audience["facilities"])
                if slug in ctx.get("units", {})
            ]
            return page

        made[audience["slug"]] = ensure_page(index, AudiencePage, audience["slug"], build)
    return made


def service_page(spec, data_file, ctx, criteria, audiences):
    fields = {name: value for name, value in spec.items() if name not in SPECIAL}
    for name in ("eligibility_plain", "eligibility_legal", "amounts"):
        if name in fields:
            fields[name] = blocks.rich(fields[name])
    if spec.get("appeal") == "standard":
        fields["appeal"] = blocks.rich(data_file["standard_appeal"])
    for channel in spec.get("online", []):
        fields[ONLINE[channel]] = True
    page = ServicePage(
        eligibility_rule=spec.get("rule", ""),
        last_reviewed=resolve_date(spec["last_reviewed"], today(ctx)),
        office=ctx["units"].get(spec["office"]) if "office" in spec else None,
        documents=json.dumps(
            [
                {"type": "document", "value": {"name": n, "note": note}}
                for n, note in spec["documents"]
            ]
        ),
        steps=json.dumps(
            [
                {"type": "step", "value": {"title": title, "text": blocks.rich(text)}}
                for title, text in spec["steps"]
            ]
        ),
        legal_basis=json.dumps(
            [
                {"type": "act", "value": {"act": act, "article": article, "url": url}}
                for act, article, url in spec.get("law", [])
            ]
        ),
        body=blocks.stream(spec.get("body", []), ctx),
        **fields,
    )
    page.criteria = [criteria[key] for key in spec.get("criteria", []) if key in criteria]
    page.audiences = [audiences[slug] for slug in spec.get("audiences", [])]
    return page


def load_forms(ctx, help_page, spec, services):
    library = ctx["pages"]["forms"] = ensure_page(
        help_page,
        FormsLibraryPage,
        spec["library"]["slug"],
        lambda: FormsLibraryPage(
            title=spec["library"]["title"], intro=spec["library"]["intro"], show_in_menus=True
        ),
    )
    for form in spec["form"]:

        def build(form=form):
            return ServiceFormPage(
                title=form["title"],
                kind=form["kind"],
                service=services.get(form["service"]),
                document=demo_document(form["title"], form["file"], form["text"]),
                version_date=form["version_date"],
                description=form.get("description", ""),
            )

        ensure_page(library, ServiceFormPage, form["slug"], build)


def load_areas(areas):
    for order, spec in enumerate(areas):
        if WorkerArea.objects.filter(name=spec["name"]).exists():
            continue
        area = WorkerArea(
            name=spec["name"],
            worker_name=spec["worker_name"],
            phone=spec["phone"],
            room=spec.get("room", ""),
            duty_hours=spec.get("duty_hours", ""),
            sort_order=order,
        )
        area.streets = [
            WorkerAreaStreet(
                locality=row["locality"],
                street=row.get("street", ""),
                number_from=row.get("number_from"),
                number_to=row.get("number_to"),
                parity=row.get("parity", "all"),
                sort_order=number,
            )
            for number, row in enumerate(spec["streets"])
        ]
        area.save()
