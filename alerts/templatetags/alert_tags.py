from django import template

from alerts.models import current_alerts_for

register = template.Library()


@register.inclusion_tag("includes/alerts.html", takes_context=True)
def site_alerts(context):
    """The alert banners that apply to the current page (one query)."""
    return {"alerts": current_alerts_for(context.get("page")), "request": context.get("request")}
