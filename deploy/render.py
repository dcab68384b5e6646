"""Render the nginx site of the OPS website from ``deploy/nginx/ops.conf.template``.

    python deploy/render.py --server-name ops.example.pl \\
        --upstream 127.0.0.1:8001 --upstream 10.0.0.12:8001 > /etc/nginx/sites-available/ops.conf

Every value has a default for a one-server install under /srv/ops; the body-size
limit is read from the app's own upload limit (website/settings/base.py), so the
proxy and the app always agree. ``scripts/deploy_check.py`` renders the same
template with loopback ports and a throw-away certificate, and tests the result.
"""

import argparse
import ast
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
TEMPLATE = HERE / "nginx" / "ops.conf.template"
SETTINGS = HERE.parent / "website" / "settings" / "base.py"
PLACEHOLDER = re.compile(r"\{\{ (\w+) \}\}")
# Multipart boundaries, the title and the other fields of an upload form.
FORM_OVERHEAD = 1024 * 1024


def arithmetic(node):
    """The value of a constant integer expression such as ``20 * 1024 * 1024``."""
    if isinstance(node, ast.Constant) and isinstance(node.value, int):
        return node.value
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Mult | ast.Add | ast.Pow):
        left, right = arithmetic(node.left), arithmetic(node.right)
        if isinstance(node.op, ast.Mult):
            return left * right
        return left + right if isinstance(node.op, ast.Add) else left**right
    raise ValueError(f"not a constant integer expression: {ast.unparse(node)}")


def upload_limit(settings_path=SETTINGS):
    """The largest of the app's upload limits in bytes, read from the settings source.

    Read without importing Django: the script runs on the proxy host too.
    """
    names = {"WAGTAILDOCS_MAX_UPLOAD_SIZE", "WAGTAILIMAGES_MAX_UPLOAD_SIZE"}
    found = {}
    for node in ast.parse(settings_path.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.Assign) and len(node.targets) == 1:
            target = node.targets[0]
            if isinstance(target, ast.Name) and target.id in names:
                found[target.id] = arithmetic(node.value)
    if set(found) != names:
        raise SystemExit(
            f"upload limits not found in {settings_path}: {sorted(names - set(found))}"
        )
    return max(found.values())


def body_size(limit=None):
    """nginx's client_max_body_size for an upload limit: whole mebibytes, rounded up."""
    total = (limit if limit is not None else upload_limit()) + FORM_OVERHEAD
    return f"{-(-total // (1024 * 1024))}m"


def values(
    server_name="ops.example.pl",
    upstreams=("127.0.0.1:8001",),
    ssl_certificate=None,
    ssl_certificate_key=None,
    static_root="/srv/ops/staticfiles",
    media_root="/srv/ops/media",
    https_listen="443",
    http_listen="80",
    log_dir="/var/log/nginx",
    acme_root="/var/www/letsencrypt",
    client_max_body_size=None,
):
    first = server_name.split()[0]
    port = https_listen.rsplit(":", 1)[-1]
    return {
        "server_name": server_name,
        "upstream_servers": "\n".join(
            f"    server {address} max_fails=3 fail_timeout=10s;" for address in upstreams
        ),
        "ssl_certificate": ssl_certificate or f"/etc/letsencrypt/live/{first}/fullchain.pem",
        "ssl_certificate_key": ssl_certificate_key or f"/etc/letsencrypt/live/{first}/privkey.pem",
        "static_root": str(static_root).rstrip("/"),
        "media_root": str(media_root).rstrip("/"),
        "https_listen": https_listen,
        "http_listen": http_listen,
        "https_port_suffix": "" if port == "443" else f":{port}",
        "log_dir": str(log_dir).rstrip("/"),
        "acme_root": str(acme_root).rstrip("/"),
        "client_max_body_size": client_max_body_size or body_size(),
    }


def render(template=None, **options):
    """The template with every placeholder replaced; an unknown one is an error."""
    text = template if template is not None else TEMPLATE.read_text(encoding="utf-8")
    given = values(**options)
    missing = sorted(set(PLACEHOLDER.findall(text)) - set(given))
    if missing:
        raise KeyError(f"no value for placeholders {missing}")
    return PLACEHOLDER.sub(lambda match: given[match.group(1)], text)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--server-name", default="ops.example.pl", help="host name(s), spaces")
    parser.add_argument(
        "--upstream",
        action="append",
        dest="upstreams",
        help="an app server host:port (repeat for several; default 127.0.0.1:8001)",
    )
    parser.add_argument("--ssl-certificate", help="default the Let's Encrypt fullchain.pem")
    parser.add_argument("--ssl-certificate-key", help="default the Let's Encrypt privkey.pem")
    parser.add_argument("--static-root", default="/srv/ops/staticfiles")
    parser.add_argument("--media-root", default="/srv/ops/media")
    parser.add_argument("--https-listen", default="443", help="e.g. 443 or 127.0.0.1:8443")
    parser.add_argument("--http-listen", default="80")
    parser.add_argument("--log-dir", default="/var/log/nginx")
    parser.add_argument("--acme-root", default="/var/www/letsencrypt")
    parser.add_argument("--client-max-body-size", help="default: the app's upload limit + 1 MB")
    args = parser.parse_args(argv)
    options = vars(args)
    options["upstreams"] = tuple(args.upstreams or ("127.0.0.1:8001",))
    sys.stdout.write(render(**options))
    return 0


if __name__ == "__main__":
    sys.exit(main())
