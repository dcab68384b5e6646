"""Sections of the home page contributed by other apps.

A content app registers ``home_section(request, home_page)`` in its
``AppConfig.ready`` with ``register_home_section(function, order)``; the
function returns ``{"template": "...", "context": {...}}`` or None, and the
home page template includes the sections by ascending order. Each app keeps
its own queries; the home page does not know the apps that fill it.
"""

_SECTIONS: list[tuple[int, str, object]] = []


def register_home_section(function, order=100):
    """Add a home-page section (idempotent: registering a function again replaces it)."""
    name = f"{function.__module__}.{function.__qualname__}"
    _SECTIONS[:] = [entry for entry in _SECTIONS if entry[1] != name]
    _SECTIONS.append((order, name, function))
    _SECTIONS.sort(key=lambda entry: (entry[0], entry[1]))


def home_sections(request, home_page):
    sections = []
    for _order, _name, function in _SECTIONS:
        section = function(request, home_page)
        if section:
            sections.append(section)
    return sections
