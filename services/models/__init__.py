""" "Jak załatwić sprawę": services, shared criteria, forms, worker areas, audiences, feedback."""

from .areas import WorkerArea, WorkerAreaStreet, WorkerSearchPage
from .audiences import AudienceFacility, AudienceIndexPage, AudiencePage
from .criteria import Criterion, CriterionValue
from .feedback import Feedback
from .forms_library import FormsLibraryPage, ServiceFormPage
from .selfcheck import EligibilityCheckPage
from .services import ServiceIndexPage, ServicePage
from .settings import ServicesSettings

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
