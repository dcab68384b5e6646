from .pages import ProjectIndexPage, ProjectPage, Status, project_status
from .programmes import Period, Programme, ProgrammeLogo, logo_size_error
from .rows import ProjectDocument, ProjectIndicator

__all__ = [
    "Period",
    "Programme",
    "ProgrammeLogo",
    "ProjectDocument",
    "ProjectIndexPage",
    "ProjectIndicator",
    "ProjectPage",
    "Status",
    "logo_size_error",
    "project_status",
]
