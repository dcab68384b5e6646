from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    verbose_name = _("Events")
    name = "events"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from wagtail.signals import page_published

        from core.home import register_home_section
        from projects.linked import register_linked_source
        from units.models import UnitPage

        from .home import home_section
        from .listing import regenerate_unit_events
        from .projects import linked_events

        register_home_section(home_section, order=15)
        register_linked_source(linked_events, order=20)
        # A facility's closures (its opening-hours exceptions) change which days its
        # recurring events skip: they are worked out again when it is published.
        page_published.connect(
            regenerate_unit_events, sender=UnitPage, dispatch_uid="events-unit-published"
        )
