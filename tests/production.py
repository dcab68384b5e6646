"""Production settings as a given environment builds them, read in one subprocess per environment.

Settings modules read the environment once, at import, so each environment
needs its own process; every test asking about the same environment shares it.
Values come back as JSON (tuples as lists, anything else as its ``repr``).
"""

import json
import os
import subprocess
import sys
from functools import lru_cache
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SECRET_KEY = "k" * 20 + "-Zq8!pW3xL0vN7rT5yB2mC9dF6gH1jK4"
DUMP = (
    "import json, django; django.setup(); from django.conf import settings as s; "
    "print('SETTINGS=' + json.dumps({n: getattr(s, n) for n in dir(s) if n.isupper()}, "
    "default=repr))"
)


def production_env(**env):
    """The process environment of a production server: ours without test or DJANGO_ variables."""
    base = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "OPS_TEST_")) and key not in {"DATABASE_URL", "REDIS_URL"}
    }
    base.update(
        DJANGO_SETTINGS_MODULE="website.settings.production",
        DJANGO_SECRET_KEY=SECRET_KEY,
        DJANGO_ALLOWED_HOSTS="ops.example.pl",
    )
    base.update(env)
    return {key: value for key, value in base.items() if value is not None}


@lru_cache(maxsize=32)
def _dump(env_items):
    result = subprocess.run(  # noqa: S603 - our own settings module
        [sys.executable, "-c", DUMP],
        cwd=ROOT,
        env=dict(env_items),
        capture_output=True,
        text=True,
        timeout=120,
    )
    if result.returncode:
        raise RuntimeError(result.stderr[-3000:])
    return json.loads(result.stdout.split("SETTINGS=", 1)[1])


def production_settings(**env):
    """Every setting of ``website.settings.production`` under ``env`` (None removes a variable)."""
    return _dump(tuple(sorted(production_env(**env).items())))
