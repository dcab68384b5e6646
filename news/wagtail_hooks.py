"""Admin: news categories as snippets staff manage, and the dashboard's recent news."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.components import Component
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import NewsCategory, NewsPage


class NewsCategoryViewSet(SnippetViewSet):
    model = NewsCategory
    icon = "tag"
    menu_label = _("News categories")
    list_display = ["name", "slug"]
    search_fields = ["name"]


register_snippet(NewsCategoryViewSet)


class RecentNewsPanel(Component):
    name = "recent_news"
    template_name = "news/admin/panel_recent_news.html"
    order = 130

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        # Wagtail's status: a post waiting for approval reads "czeka na zatwierdzenie". (Its
        # prefetch_workflow_states() finds nothing on a concrete model's queryset: five
        # posts ask for their workflow state one by one.)
        context["posts"] = (
            NewsPage.objects.select_related("owner")
            .annotate_approved_schedule()
            .order_by("-latest_revision_created_at")[:5]
        )
        return context


@hooks.register("construct_homepage_panels")
def add_recent_news_panel(request, panels):
    panels.append(RecentNewsPanel())
