"""What lists events: the index (upcoming, month view, archive), the home page, facility pages.

Every list reads the occurrence rows (``EventOccurrence``) with the event and the
facility joined in: one query for the rows and one for the count, however many
events there are. The small lists on other pages (home, facility) are kept under
the page cache's generation and filtered by the clock on every render, so they
cost no query on a warm page.
"""

import datetime

from django.core.cache import cache
from django.db.models import Min, Q
from django.http import Http404, HttpResponseRedirect
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.http import urlencode
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from core.pagination import paginate
from core.restrictions import restricted_paths
from pagecache.middleware import cached_until_publish

from .models import Audience, EventOccurrence, EventPage
from .models.index import AUDIENCE_PARAM, FACILITY_PARAM, MONTH_PARAM

PER_PAGE = 20
PER_MONTH_PAGE = 60
MIN_YEAR = 2000
YEARS_AHEAD = 2
MONTHS_IN_NAV = 6
NEXT_CHANGE_KEY = "events:next-change"
# Rows kept for the small lists of other pages (filtered by the clock when shown).
SUMMARY_ROWS = 40


def live_occurrences(index=None):
    """Occurrences of live, public events (of ``index``), event and facility joined."""
    rows = EventOccurrence.objects.filter(event__live=True)
    if index is not None:
        rows = rows.filter(event__path__startswith=index.path)
    private = Q()
    for path in restricted_paths():
        private |= Q(event__path__startswith=path)
    if private:
        rows = rows.exclude(private)
    return rows.select_related("event", "unit").defer("event__body")


def summary(row, request=None):
    """A plain, cacheable description of one occurrence for the templates."""
    event = row.event
    place = row.unit.title if row.unit else event.address
    return {
        "event_id": event.pk,
        "title": event.title,
        "url": event.get_url(request),
        "lead": event.lead,
        "start": row.start,
        "end": row.end,
        "all_day": row.all_day,
        "has_end_time": event.end_time is not None and not row.all_day,
        "several_days": row.several_days,
        "last_day": row.last_day,
        "status": event.status,
        "status_label": str(event.get_status_display()),
        "is_cancelled": event.is_cancelled,
        "is_postponed": event.is_postponed,
        "original_date": event.original_date,
        "status_note": event.status_note,
        "place": place,
        "place_url": row.unit.get_url(request) if row.unit else "",
        "audience": str(event.get_audience_display()),
        "is_recurring": event.is_recurring,
    }


def by_day(items):
    """``[{"date": day, "items": [...]}, ...]`` in the order given."""
    groups = []
    for item in items:
        day = timezone.localtime(item["start"]).date()
        if not groups or groups[-1]["date"] != day:
            groups.append({"date": day, "items": []})
        groups[-1]["items"].append(item)
    return groups


def month_label(day):
    label = date_format(day, "F Y")
    return label.lower() if get_language().startswith("pl") else label


def month_bounds(year, month):
    tz = timezone.get_current_timezone()
    first = datetime.date(year, month, 1)
    following = datetime.date(year + (month == 12), month % 12 + 1, 1)
    return (
        datetime.datetime.combine(first, datetime.time(), tzinfo=tz),
        datetime.datetime.combine(following, datetime.time(), tzinfo=tz),
        first,
        following,
    )


def add_months(day, count):
    index = day.year * 12 + day.month - 1 + count
    return datetime.date(index // 12, index % 12 + 1, 1)


# Filters -----------------------------------------------------------------------


def facilities(index, request):
    """Facilities that have live events under ``index`` (kept until the next publish)."""
    from units.models import UnitPage

    def build():
        units = (
            UnitPage.objects.live()
            .filter(events__live=True, events__path__startswith=index.path)
            .distinct()
            .order_by("path")
        )
        return [{"pk": u.pk, "slug": u.slug, "title": u.title} for u in units]

    return cached_until_publish(f"events:facilities:{index.pk}", build, request)


def read_filters(index, request):
    """The chosen facility and audience; an unknown one is a 404."""
    units = facilities(index, request)
    unit = None
    raw_unit = request.GET.get(FACILITY_PARAM, "")
    if raw_unit:
        unit = next((u for u in units if u["slug"] == raw_unit), None)
        if unit is None:
            raise Http404("No such facility.")
    audience = request.GET.get(AUDIENCE_PARAM, "")
    if audience and audience not in Audience.values:
        raise Http404("No such audience.")
    return units, unit, audience


def filtered(rows, unit, audience):
    if unit:
        rows = rows.filter(unit_id=unit["pk"])
    if audience:
        rows = rows.filter(audience=audience)
    return rows


def filter_query(unit, audience, page_number=1):
    params = {}
    if unit:
        params[FACILITY_PARAM] = unit["slug"]
    if audience:
        params[AUDIENCE_PARAM] = audience
    if page_number > 1:
        params["page"] = page_number
    return urlencode(params)


# Views -------------------------------------------------------------------------


def base_context(index, request, units, unit, audience, page_obj, route=""):
    base = index.url or ""
    today = timezone.localdate()
    this_month = today.replace(day=1)
    filters = filter_query(unit, audience)
    suffix = f"?{filters}" if filters else ""
    canonical = (index.get_full_url(request) or "") + route.lstrip("/")
    query = filter_query(unit, audience, page_obj.number if page_obj else 1)
    if query:
        canonical += "?" + query
    return {
        "facilities": units,
        "current_unit": unit,
        "current_audience": audience,
        "current_audience_label": str(Audience(audience).label) if audience else "",
        "audiences": Audience.choices,
        "page_obj": page_obj,
        "filter_suffix": suffix,
        "is_filtered": bool(unit or audience),
        "canonical_url": canonical,
        "upcoming_url": base,
        "archive_url": base + "archiwum/",
        "months_nav": [
            {
                "date": month,
                "label": month_label(month),
                "url": f"{base}{month.year:04d}/{month.month:02d}/{suffix}",
            }
            for month in (add_months(this_month, n) for n in range(MONTHS_IN_NAV))
        ],
        "rss_url": base + "rss/",
        "atom_url": base + "atom/",
        "ical_url": base + "ical/" + (f"{unit['slug']}/" if unit else ""),
    }


def page_items(page_obj, request):
    return [summary(row, request) for row in page_obj.object_list]


def redirect_to_month(index, request):
    """``?miesiac=2026-12`` (the month form without JavaScript) -> the month's own address."""
    raw = request.GET.get(MONTH_PARAM, "")
    try:
        year, month = (int(part) for part in raw.split("-"))
    except ValueError:
        raise Http404("Bad month.") from None
    check_month(year, month)
    _units, unit, audience = read_filters(index, request)
    query = filter_query(unit, audience)
    url = f"{index.url}{year:04d}/{month:02d}/" + (f"?{query}" if query else "")
    return HttpResponseRedirect(url)


def upcoming_view(index, request):
    if MONTH_PARAM in request.GET:
        return redirect_to_month(index, request)
    units, unit, audience = read_filters(index, request)
    rows = filtered(live_occurrences(index), unit, audience).filter(end__gt=timezone.now())
    page_obj = paginate(request, rows.order_by("start", "pk"), PER_PAGE)
    context = base_context(index, request, units, unit, audience, page_obj)
    context.update({"view": "upcoming", "days": by_day(page_items(page_obj, request))})
    return index.render(request, context_overrides=context)


def check_month(year, month):
    if not 1 <= month <= 12:
        raise Http404("No such month.")
    if not MIN_YEAR <= year <= timezone.localdate().year + YEARS_AHEAD:
        raise Http404("No events for this year.")


def month_view(index, request, year, month):
    check_month(year, month)
    units, unit, audience = read_filters(index, request)
    start, end, first, following = month_bounds(year, month)
    rows = filtered(live_occurrences(index), unit, audience).filter(start__lt=end, end__gt=start)
    page_obj = paginate(request, rows.order_by("start", "pk"), PER_MONTH_PAGE)
    route = f"{year:04d}/{month:02d}/"
    context = base_context(index, request, units, unit, audience, page_obj, route)
    suffix = context["filter_suffix"]
    previous = add_months(first, -1)
    nav = {}
    if previous.year >= MIN_YEAR:
        nav["previous"] = {
            "label": month_label(previous),
            "url": f"{index.url}{previous.year:04d}/{previous.month:02d}/{suffix}",
        }
    if following.year <= timezone.localdate().year + YEARS_AHEAD:
        nav["next"] = {
            "label": month_label(following),
            "url": f"{index.url}{following.year:04d}/{following.month:02d}/{suffix}",
        }
    context.update(
        {
            "view": "month",
            "month": first,
            "period": month_label(first),
            "month_nav": nav,
            "days": by_day(page_items(page_obj, request)),
        }
    )
    return index.render(request, context_overrides=context)


def archive_view(index, request):
    units, unit, audience = read_filters(index, request)
    now = timezone.now()
    past = filtered(live_occurrences(index), unit, audience).filter(end__lte=now)
    page_obj = paginate(request, past.order_by("-start", "-pk"), PER_PAGE)
    suffix = f"?{filter_query(unit, audience)}" if unit or audience else ""
    months = [
        {
            "label": month_label(moment.date()),
            "url": f"{index.url}{moment.year:04d}/{moment.month:02d}/{suffix}",
        }
        for moment in past.order_by().datetimes("start", "month", order="DESC")
    ]
    context = base_context(index, request, units, unit, audience, page_obj, "archiwum/")
    context.update(
        {
            "view": "archive",
            "period": _("past events"),
            "archive_months": months,
            "days": by_day(page_items(page_obj, request)),
        }
    )
    return index.render(request, context_overrides=context)


# Lists on other pages ------------------------------------------------------------


def still_on(items, now=None, limit=None, one_per_event=False):
    """The cached items that have not ended by ``now``."""
    now = now or timezone.now()
    kept, seen = [], set()
    for item in items:
        if item["end"] <= now or (one_per_event and item["event_id"] in seen):
            continue
        seen.add(item["event_id"])
        kept.append(item)
        if limit and len(kept) >= limit:
            break
    return kept


def index_url_of(event_url):
    """The index's address from an event's (an event always sits right under it)."""
    if not event_url:
        return ""
    return event_url[: event_url.rstrip("/").rfind("/") + 1]


def upcoming_summaries(request, *, root=None, unit_id=None):
    """``{"index_url", "items"}`` of the next occurrences, kept until the next publish."""

    def build():
        rows = live_occurrences().filter(end__gt=timezone.now())
        if root is not None:
            rows = rows.filter(event__path__startswith=root.path)
        if unit_id is not None:
            rows = rows.filter(unit_id=unit_id)
        items = [summary(row, request) for row in rows.order_by("start", "pk")[:SUMMARY_ROWS]]
        return {"index_url": index_url_of(items[0]["url"]) if items else "", "items": items}

    name = f"events:upcoming:{root.pk if root else ''}:{unit_id or ''}"
    return cached_until_publish(name, build, request)


# Page cache and upkeep -------------------------------------------------------------


def seconds_until_next_change(now=None, horizon=24 * 3600):
    """Seconds until some live event starts or ends (capped at ``horizon``), cached briefly.

    The page cache keeps no page longer than this (``PAGE_CACHE_TIMEOUT_LIMITS``), so
    a cached list stops showing an event as upcoming once it has ended.
    """
    now = now or timezone.now()
    cached = cache.get(NEXT_CHANGE_KEY)
    if cached is None or (cached and cached <= now.timestamp()):
        found = EventOccurrence.objects.filter(event__live=True, end__gt=now).aggregate(
            next_start=Min("start", filter=Q(start__gt=now)), next_end=Min("end")
        )
        moments = [moment for moment in found.values() if moment]
        cached = min(moments).timestamp() if moments else 0
        cache.set(NEXT_CHANGE_KEY, cached, 60)
    if not cached:
        return horizon
    return max(1, min(horizon, int(cached - now.timestamp())))


def forget_next_change():
    cache.delete(NEXT_CHANGE_KEY)


def regenerate_unit_events(sender, instance, **kwargs):
    """A facility was published: its closed days may have changed (page_published)."""
    for event in EventPage.objects.filter(unit_id=instance.pk):
        event.regenerate_occurrences()
