"""Projects (``data/projects.toml``): programmes with placeholder signs, projects, linked posts.

Runs after ``demo.news``: the posts about a project go under the news index. The signs
are drawn by ``demo.media`` (shapes and words, never the real logos).
"""

from decimal import Decimal

from django.utils import timezone

from news.models import NewsCategory
from projects.models import (
    Programme,
    ProgrammeLogo,
    ProjectDocument,
    ProjectIndexPage,
    ProjectIndicator,
    ProjectPage,
)

from . import blocks
from .loader import data, ensure_page, resolve_date, today
from .media import SIGN_DRAWINGS, logo_image
from .news import ensure_post

SIGN_FIELDS = ["fe_sign", "rp_sign", "eu_sign", "regional_sign"]
AMOUNTS = ["total_value", "eu_contribution", "national_contribution"]
# Keys of a project's table that are not ProjectPage fields.
SPECIAL = {"slug", "programme", "indicators", "documents", "start_date", "end_date", *AMOUNTS}


def load(ctx):
    spec = data("projects")
    signs = {sign["key"]: sign_image(sign) for sign in spec["sign"]}
    programmes = {item["key"]: ensure_programme(item, signs) for item in spec["programme"]}
    index = ensure_page(
        ctx["home"], ProjectIndexPage, spec["index"]["slug"], lambda: index_page(spec)
    )
    day = today(ctx)
    for item in spec["project"]:
        page = ensure_page(
            index,
            ProjectPage,
            item["slug"],
            lambda item=item: project_page(item, programmes[item["programme"]], day),
        )
        ctx["pages"][item["slug"]] = page
    ctx["projects_index"] = ctx["pages"]["projects"] = index
    load_posts(ctx, spec["post"])
    return ctx


def sign_image(spec):
    size = tuple(spec.get("size", (620, 160)))
    return logo_image(
        spec["title"], SIGN_DRAWINGS[spec["drawing"]], spec["lines"], spec["alt"], size
    )


def ensure_programme(spec, signs):
    existing = Programme.objects.filter(name=spec["name"]).first()
    if existing is not None:
        return existing
    programme = Programme(name=spec["name"], period=spec["period"])
    for field in SIGN_FIELDS:
        if field in spec:
            setattr(programme, field, signs[spec[field]])
    for field in ("fe_alt", "eu_alt", "regional_alt", "website"):
        setattr(programme, field, spec.get(field, ""))
    programme.other_logos = [
        ProgrammeLogo(image=signs[key], alt_text=signs[key].description, sort_order=order)
        for order, key in enumerate(spec.get("other_logos", []))
    ]
    programme.full_clean()
    programme.save()
    return programme


def index_page(spec):
    fields = {name: value for name, value in spec["index"].items() if name != "slug"}
    return ProjectIndexPage(show_in_menus=True, **fields)


def amount(value):
    return Decimal(value) if value is not None else None


def project_page(spec, programme, day):
    fields = {name: value for name, value in spec.items() if name not in SPECIAL}
    for name in ("aims", "results"):
        if name in fields:
            fields[name] = blocks.rich(fields[name])
    project = ProjectPage(
        programme=programme,
        start_date=resolve_date(spec["start_date"], day),
        end_date=resolve_date(spec["end_date"], day),
        **{name: amount(spec.get(name)) for name in AMOUNTS},
        **fields,
    )
    project.indicators = [
        ProjectIndicator(
            name=row["name"],
            target=Decimal(row["target"]),
            achieved=amount(row.get("achieved")),
            sort_order=order,
        )
        for order, row in enumerate(spec.get("indicators", []))
    ]
    project.documents = [
        ProjectDocument(document=blocks.document(item), title=item["link"], sort_order=order)
        for order, item in enumerate(spec.get("documents", []))
    ]
    return project


def load_posts(ctx, posts):
    index = ctx["news_index"]
    categories = {category.slug: category for category in NewsCategory.objects.all()}
    caption = data("news")["index"]["image_caption"]
    now = ctx.get("now") or timezone.now()
    for spec in posts:
        project = ctx["pages"][spec["project"]]
        ensure_post(index, categories, spec, now, caption, ctx, project=project)
