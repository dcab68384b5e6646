"""The centre itself (``data/site.toml``): the home page, the site settings, the footer.

``finish`` runs after every area: it links the pages that the home page and the
settings point to, and puts the contact page last in the menu.
"""

from django.db import transaction
from wagtail.models import Page, Site

from core.models import (
    FooterLink,
    HomePage,
    SiteSettings,
    SiteSettingsBankAccount,
    SiteSettingsPhone,
)

from . import blocks
from .loader import data, page_fields


def load(ctx):
    spec = data("site")
    home = ctx.get("home") or ensure_home(spec)
    site = Site.objects.get(is_default_site=True)
    ctx.update(home=home, site=site)
    ctx.setdefault("pages", {})["home"] = home
    ensure_settings(site, spec["settings"])
    blocks.picture(spec["logo"])
    return ctx


@transaction.atomic
def ensure_home(spec):
    existing = HomePage.objects.first()
    if existing:
        return existing
    root = Page.get_first_root_node()
    home = HomePage(**page_fields(HomePage, spec["home"], {}, skip={"task_links"}))
    root.add_child(instance=home)
    home.save_revision().publish()
    site = Site.objects.filter(is_default_site=True).first()
    old_root = site.root_page if site else None
    name, hostname, port = (spec["site"][key] for key in ("name", "hostname", "port"))
    if site is None:
        Site.objects.create(
            hostname=hostname, port=port, root_page=home, is_default_site=True, site_name=name
        )
    else:
        site.root_page, site.site_name = home, name
        site.hostname, site.port = hostname, port
        site.save()
    # Wagtail's placeholder "Welcome" page is not part of our site.
    if old_root and old_root.pk != home.pk and old_root.specific_class is Page:
        old_root.delete()
    return HomePage.objects.get(pk=home.pk)


def ensure_settings(site, spec):
    settings = SiteSettings.for_site(site)
    if settings.street_address:
        return settings
    for name, value in spec.items():
        if not isinstance(value, (dict, list)):
            setattr(settings, name, value)
    settings.clean()  # the registry numbers stored as digits, as the admin stores them
    settings.save()
    for order, phone in enumerate(spec["phones"]):
        SiteSettingsPhone.objects.create(settings=settings, sort_order=order, **phone)
    for order, link in enumerate(spec["footer_links"]):
        FooterLink.objects.create(settings=settings, sort_order=order, **link)
    for order, account in enumerate(spec.get("bank_accounts", [])):
        account = SiteSettingsBankAccount(settings=settings, sort_order=order, **account)
        account.full_clean(exclude=["settings"])
        account.save()
    return settings


def finish(ctx):
    spec = data("site")
    link_settings(ctx, spec["settings"]["pages"])
    set_task_links(ctx, spec["home"]["task_links"])
    contact_last(ctx["home"])


def link_settings(ctx, wanted):
    settings = SiteSettings.for_site(ctx["site"])
    changed = False
    for field, key in wanted.items():
        if getattr(settings, f"{field}_id") is None and key in ctx["pages"]:
            setattr(settings, field, ctx["pages"][key])
            changed = True
    if changed:
        settings.save()


def set_task_links(ctx, links):
    home = ctx["home"]
    if len(home.task_links):
        return
    home.task_links = blocks.stream([link for link in links if link["page"] in ctx["pages"]], ctx)
    home.save_revision().publish()


def contact_last(home):
    """Contact goes last in the menu, where residents look for it."""
    from pages.models import ContactPage

    contact = ContactPage.objects.child_of(home).first()
    last = home.get_children().last()
    if contact is not None and last.pk != contact.pk:
        contact.move(last, pos="right")
