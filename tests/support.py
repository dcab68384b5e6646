"""Small helpers several test areas share: other processes on the test database, the sitemap."""

import os
import re
import socket
from urllib.parse import urlsplit

from django.db import connection
from django.test import RequestFactory

from pagecache import middleware as page_cache

BOT_UA = "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)"


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def database_url():
    """The test database as a DATABASE_URL, for a process the test starts."""
    settings = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{settings['NAME']}"
    user, host, port = settings["USER"], settings["HOST"], settings["PORT"] or 5432
    return f"postgres://{user}@{host}:{port}/{settings['NAME']}"


def process_env(file_cache, **extra):
    """Environment of another app process on this test's database and shared file cache."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "website.settings.test",
        "DATABASE_URL": database_url(),
        "OPS_TEST_FILE_CACHE": str(file_cache),
        **extra,
    }
    env.pop("REDIS_URL", None)
    return env


def sitemap_paths(client):
    xml = client.get("/sitemap.xml").content.decode()
    return [urlsplit(url).path for url in re.findall(r"<loc>([^<]+)</loc>", xml)]


def evict(path, user_agent=BOT_UA):
    """Drop one page from the page cache (shared and per-process copies), nothing else."""
    key = page_cache.entry_key(RequestFactory().get(path, HTTP_USER_AGENT=user_agent))
    page_cache.page_cache().delete(key)
    page_cache.local_entries.entries.pop(key, None)
