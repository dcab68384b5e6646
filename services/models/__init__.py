""" "Jak załatwić sprawę": services, shared criteria, forms, worker areas, audiences, feedback."""

from .areas import WorkerArea, WorkerAreaStreet, WorkerSearchPage
from .audiences import AudienceFacility, AudienceIndexPage, AudiencePage
from .criteria import Criterion, CriterionValue
from .feedback import Feedback
from .forms_library import FormsLibraryPage, ServiceFormPage
from .selfcheck import EligibilityCheckPage
from .services import ServicePage
from .settings import ServicesSettings
from .topics import ServiceIndexPage

__all__ = [
    "AudienceFacility",
    "AudienceIndexPage",
    "AudiencePage",
    "Criterion",
    "CriterionValue",
    "EligibilityCheckPage",
    "Feedback",
    "FormsLibraryPage",
    "ServiceFormPage",
    "ServiceIndexPage",
    "ServicePage",
    "ServicesSettings",
    "WorkerArea",
    "WorkerAreaStreet",
    "WorkerSearchPage",
]
