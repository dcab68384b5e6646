"""Template tags of cookie consent (issue 7).

Everything here reads the visitor's consent through ``consent.state`` (the
consent cookie only), so what a page shows is a function of
``cache_variant(request)`` and the page cache can share it.
"""

from django import template
from django.db.models import Prefetch

from consent import state as consent
from pagecache.middleware import canonical_full_path

register = template.Library()


@register.filter
def consent_accepted(request, varname):
    """{% if request|consent_accepted:"external_media" %}: the group's cookies are allowed."""
    return consent.is_accepted(request, varname)


@register.simple_tag(takes_context=True)
def consent_banner(context):
    """What the banner needs: whether to show it and the optional groups with their state."""
    request = context.get("request")
    state = consent.consent_state(request)
    groups = consent.optional_groups()
    return {
        "show": any(value == consent.UNDECIDED for value in state.values()),
        "choices": [
            {
                "group": group,
                "state": state.get(group.varname, consent.UNDECIDED),
                "accepted": state.get(group.varname) == consent.ACCEPTED,
            }
            for group in groups
        ],
        # Never the visitor's tracking parameters: the page is cached for everyone.
        "next": canonical_full_path(request) if request is not None else "/",
    }


@register.simple_tag(takes_context=True)
def consent_choices(context, groups):
    """Every group (required ones too) paired with the visitor's state, for the settings form."""
    state = consent.consent_state(context.get("request"))
    return [
        {
            "group": group,
            "state": state.get(group.varname, consent.UNDECIDED),
            "accepted": state.get(group.varname) == consent.ACCEPTED,
        }
        for group in groups
    ]


@register.simple_tag
def cookie_policy_groups():
    """Every cookie group with its cookies, from the database (the policy is never stale)."""
    from cookie_consent.models import Cookie, CookieGroup

    return list(
        CookieGroup.objects.order_by("ordering", "name").prefetch_related(
            Prefetch("cookie_set", queryset=Cookie.objects.order_by("name"))
        )
    )


@register.filter
def cookie_domain(cookie):
    """The domain a cookie belongs to, without the leading dot; empty for this site's own."""
    return (cookie.domain or "").lstrip(".")


@register.simple_tag(takes_context=True)
def canonical_path(context):
    """This page's path and own query parameters (no tracking ones), for forms in cached pages."""
    request = context.get("request")
    return canonical_full_path(request) if request is not None else "/"
