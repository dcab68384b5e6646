"""`make run ADDR=…`: the site's own links name the address actually served (issue 23)."""

import re
import subprocess
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from wagtail.models import Site

from core.addresses import served_host_and_port, this_machine_address

ROOT = Path(__file__).resolve().parents[2]


def test_make_run_passes_its_address_on():
    dry = subprocess.run(  # noqa: S603 - our own arguments
        ["make", "-n", "-W", ".venv/.installed", "run", "ADDR=0.0.0.0:8080"],  # noqa: S607
        cwd=ROOT, capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    assert "site_address 0.0.0.0:8080" in dry
    served = r"OPS_SERVED_AT=0\.0\.0\.0:8080 .*runserver_with_scheduler 0\.0\.0\.0:8080"
    assert re.search(served, dry)


def test_all_interfaces_mean_this_machine():
    assert served_host_and_port("127.0.0.1:8000") == ("127.0.0.1", 8000)
    assert served_host_and_port("0.0.0.0:8080") == (this_machine_address(), 8080)
    assert served_host_and_port("8081") == ("127.0.0.1", 8081)
    for bad in ("localhost:http", "1.2.3.4:0", "1.2.3.4:70000"):
        with pytest.raises(ValueError, match="Not an address"):
            served_host_and_port(bad)


def test_canonical_links_and_sitemap_follow_the_address(client, demo_site, settings):
    settings.ALLOWED_HOSTS = ["*"]
    call_command("site_address", "192.0.2.7:8080", stdout=open("/dev/null", "w"))  # noqa: SIM115
    site = Site.objects.get(is_default_site=True)
    assert (site.hostname, site.port) == ("192.0.2.7", 8080)
    home = client.get("/", HTTP_HOST="192.0.2.7:8080").content.decode()
    assert '<link rel="canonical" href="http://192.0.2.7:8080/">' in home
    sitemap = client.get("/sitemap.xml", HTTP_HOST="192.0.2.7:8080").content.decode()
    locations = re.findall(r"<loc>([^<]+)</loc>", sitemap)
    assert locations and all(loc.startswith("http://192.0.2.7:8080/") for loc in locations)
    with pytest.raises(CommandError, match="Not an address"):
        call_command("site_address", "192.0.2.7:abc")
