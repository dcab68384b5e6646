"""Sections of the home page contributed by other apps.

Each module listed here has ``home_section(request, home_page)`` returning a
dict ``{"template": "...", "context": {...}}`` or None; the home page template
includes them in this order. Apps keep their own queries; the home page does
not import their models.
"""

import importlib

HOME_SECTION_MODULES = ["news.home", "units.home", "pages.home"]


def home_sections(request, home_page):
    sections = []
    for name in HOME_SECTION_MODULES:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as error:
            if error.name != name:
                raise
            continue
        section = module.home_section(request, home_page)
        if section:
            sections.append(section)
    return sections
