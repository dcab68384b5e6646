"""The layout shows the architecture: dependencies point one way, modules stay small."""

import ast
import re
from pathlib import Path

import pytest
from django.apps import apps

ROOT = Path(__file__).resolve().parents[2]
# Apps every content app may use; none of them may import or name a content app.
BASE_APPS = ["core", "pagecache", "visits", "consent", "security", "alerts", "staff", "search"]
PROJECT_PACKAGE = "website"
NON_DATA_LINE_LIMIT = 400


def content_apps():
    """Installed apps of ours that are neither base apps nor the project package."""
    ours = [config.name for config in apps.get_app_configs() if Path(config.path).parent == ROOT]
    return sorted(set(ours) - set(BASE_APPS))


def python_files(app):
    return [
        path
        for path in (ROOT / app).rglob("*.py")
        if "migrations" not in path.relative_to(ROOT).parts
    ]


def imported_modules(tree):
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            yield node.module


def test_content_apps_are_found():
    assert {"news", "pages", "units", "demo"} <= set(content_apps())


@pytest.mark.parametrize("app", BASE_APPS)
def test_base_apps_never_import_or_name_a_content_app(app):
    names = content_apps()
    alternatives = "|".join(map(re.escape, names))
    label_or_module = re.compile(rf"^({alternatives})(\.|$)")
    dotted = re.compile(rf"^({alternatives})[./]")
    offences = []
    for path in python_files(app):
        tree = ast.parse(path.read_text(), filename=str(path))
        for module in imported_modules(tree):
            if label_or_module.match(module):
                offences.append(f"{path.relative_to(ROOT)} imports {module}")
        for node in ast.walk(tree):
            is_text = isinstance(node, ast.Constant) and isinstance(node.value, str)
            if is_text and dotted.match(node.value):
                offences.append(f"{path.relative_to(ROOT)} names {node.value!r}")
    assert offences == []


def test_base_app_templates_never_name_a_content_app():
    names = content_apps()
    alternatives = "|".join(map(re.escape, names))
    pattern = re.compile(rf"""["']({alternatives})/""")
    offences = []
    for app in BASE_APPS:
        for path in (ROOT / "templates" / app).rglob("*.html"):
            if pattern.search(path.read_text()):
                offences.append(str(path.relative_to(ROOT)))
    assert offences == []


def non_data_lines(path):
    """Lines of code that are not docstrings, comments, blank or string/list data."""
    source = path.read_text()
    tree = ast.parse(source)
    data_lines = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant):
            data_lines.update(range(node.lineno, node.end_lineno + 1))
    count = 0
    for number, line in enumerate(source.splitlines(), start=1):
        stripped = line.strip()
        if stripped and not stripped.startswith("#") and number not in data_lines:
            count += 1
    return count


def test_no_module_outside_the_project_package_is_too_long():
    too_long = {}
    for path in ROOT.rglob("*.py"):
        parts = path.relative_to(ROOT).parts
        if parts[0] in {".venv", PROJECT_PACKAGE, "tests", "scripts"} or "migrations" in parts:
            continue
        if parts[0].startswith("."):
            continue
        lines = non_data_lines(path)
        if lines > NON_DATA_LINE_LIMIT:
            too_long[str(path.relative_to(ROOT))] = lines
    assert too_long == {}


def test_project_package_holds_only_settings_urls_and_wsgi():
    package = ROOT / PROJECT_PACKAGE
    modules = {p.name for p in package.iterdir() if p.suffix == ".py" or p.is_dir()}
    modules -= {"__init__.py", "__pycache__"}
    assert modules <= {"settings", "urls.py", "wsgi.py", "asgi.py"}


def test_signals_are_connected_in_app_ready_only():
    """No ``@receiver`` and no ``.connect()`` at import time: AppConfig.ready() connects them."""
    offences = []
    for config in apps.get_app_configs():
        if Path(config.path).parent != ROOT:
            continue
        for path in python_files(config.name):
            tree = ast.parse(path.read_text())
            for node in ast.walk(tree):
                decorators = getattr(node, "decorator_list", [])
                for decorator in decorators:
                    call = decorator.func if isinstance(decorator, ast.Call) else decorator
                    if getattr(call, "id", None) == "receiver":
                        offences.append(f"{path.relative_to(ROOT)}:{node.lineno} @receiver")
            for statement in tree.body:  # module level only
                for node in ast.walk(statement):
                    if isinstance(statement, ast.FunctionDef | ast.ClassDef):
                        break
                    is_call = isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                    if is_call and node.func.attr == "connect":
                        offences.append(f"{path.relative_to(ROOT)}:{node.lineno} .connect()")
    assert offences == []
