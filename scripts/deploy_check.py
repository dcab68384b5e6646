"""Deployment check (issue 24, ``make deploy-check``): nginx from deploy/ in front of gunicorn.

1. installs nginx from Debian's packages when it is missing (as .ci/run does for
   Chromium), writes a throw-away certificate for localhost / 127.0.0.1;
2. builds the embedded default (SQLite, production settings: collectstatic, migrate,
   load_demo) with the scale check's environment (scripts/soak.py SqliteEnvironment),
   adds a video, a document in a login-only collection, and starts gunicorn with
   TRUSTED_PROXY_COUNT=1 and DOCUMENTS_SENDFILE=nginx;
3. renders deploy/nginx/ops.conf.template with deploy/render.py (loopback ports, the
   work folder's media and static roots) and runs nginx in the foreground with its own
   prefix, pid, logs and temp folders;
4. checks through nginx: pages and documents over HTTPS with the app's security
   headers, HTTP → HTTPS, every image and rendition on those pages with the right type
   and the uploads' sandbox CSP, static files immutable and gzipped, a video's Range
   request, private documents closed, the upload limit (413), the visit counter
   seeing each client's own address, the app's own limit below nginx's (signed in);
5. unless DEPLOY_CHECK_S3=0: moto's S3 server on loopback with the bucket policy of
   deploy/s3, two more app servers with MEDIA_STORAGE=s3 and no shared media folder:
   an image uploaded through A is rendered by B (served from the bucket) and deleted
   through B, and the bucket's objects follow;
6. prints check / expected / observed / result, stops what it started.

Exit status 0 when every check held, 1 otherwise.
"""

import concurrent.futures
import http.client
import io
import json
import logging
import os
import re
import secrets
import shutil
import socket
import ssl
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from html.parser import HTMLParser
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
sys.path.insert(0, str(ROOT / "deploy"))

import render  # noqa: E402 - deploy/render.py, the template's own renderer
import scale_check  # noqa: E402
from scale_check import Findings, free_port  # noqa: E402 - the scale check's table and ports
from soak import SqliteEnvironment  # noqa: E402 - SQLite + file cache, production settings

BROWSER_UA = (
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/124.0 Safari/537.36 deploy-check"
)
APP_HEADERS = ("strict-transport-security", "content-security-policy", "referrer-policy")
SANDBOX_CSP = "sandbox; default-src 'none'"
ADMIN_USER, ADMIN_PASSWORD = "deploy-check", secrets.token_urlsafe(16)
S3_KEYS = {"S3_ACCESS_KEY_ID": "deploy-check", "S3_SECRET_ACCESS_KEY": secrets.token_urlsafe(16)}
# A minimal ISO media file: an ftyp box, then padding (nginx does not parse it).
VIDEO_BYTES = b"\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00mp42isom" + bytes(range(256)) * 16

SHELL_TARGETS = """
import json
from django.core.files.base import ContentFile
from wagtail.documents import get_document_model
from wagtail.models import Collection, CollectionViewRestriction
from news.models import NewsPage
from units.models import UnitPage
Document = get_document_model()
def path(url):
    return "/" + url.split("://", 1)[-1].split("/", 1)[-1] if "://" in url else url
public = Document.objects.filter(collection__depth=1).order_by("pk").first()
video = Document(title="Film w PJM (deploy-check)")
video.file.save("film-pjm.mp4", ContentFile({video!r}), save=False)
video.save()
internal = Collection.get_first_root_node().add_child(name="Wewnętrzne (deploy-check)")
CollectionViewRestriction.objects.create(collection=internal, restriction_type="login")
private = Document(title="Dokument wewnętrzny", collection=internal)
private.file.save("wewnetrzny.pdf", ContentFile(b"%PDF-1.4 internal"), save=False)
private.save()
from django.contrib.auth import get_user_model
get_user_model().objects.create_superuser({user!r}, "deploy@example.pl", {password!r})
print("TARGETS=" + json.dumps({{
    "news": path(NewsPage.objects.live().public().order_by("path").first().url),
    "unit": path(UnitPage.objects.live().public().order_by("path").first().url),
    "document": path(public.url), "video": path(video.url), "video_size": video.file.size,
    "private": path(private.url), "private_file": "/media/" + private.file.name,
}}))
"""


STARTED = time.monotonic()


def log(message):
    print(f"[deploy-check {time.monotonic() - STARTED:5.1f} s] {message}", flush=True)


scale_check.log = log  # Findings.add logs each row with the scale check's log()


def nginx_binary():
    """nginx, installed from Debian's packages when missing."""
    found = shutil.which("nginx") or shutil.which("nginx", path="/usr/sbin:/sbin")
    if found:
        return found
    log("nginx missing: apt-get install nginx")
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    subprocess.run(["apt-get", "update", "-qq"], check=True, env=env)  # noqa: S607
    subprocess.run(["apt-get", "install", "-y", "-qq", "nginx"], check=True, env=env)  # noqa: S607
    return shutil.which("nginx", path="/usr/sbin:/usr/bin:/sbin")


def make_certificate(folder):
    """A self-signed certificate for localhost and 127.0.0.1, valid for one day."""
    cert, key = folder / "cert.pem", folder / "key.pem"
    openssl = shutil.which("openssl") or "/usr/bin/openssl"
    subprocess.run(  # noqa: S603 - our own arguments
        [openssl, "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
         "-nodes", "-days", "1", "-subj", "/CN=localhost", "-keyout", str(key), "-out", str(cert),
         "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1"],
        check=True, capture_output=True,
    )  # fmt: skip
    return cert, key


def main_conf(work, site_conf):
    """A self-contained nginx.conf: runs in the foreground, writes only under ``work``."""
    temp = work / "nginx-temp"
    for name in ("body", "proxy", "fastcgi", "uwsgi", "scgi"):
        (temp / name).mkdir(parents=True, exist_ok=True)
    user = "user root;\n" if os.geteuid() == 0 else ""
    return (
        f"{user}daemon off;\nworker_processes 1;\npid {work}/nginx.pid;\n"
        f"error_log {work}/logs/error.log warn;\nevents {{ worker_connections 256; }}\n"
        "http {\n    include /etc/nginx/mime.types;\n    default_type application/octet-stream;\n"
        "    sendfile on;\n    server_tokens off;\n"
        + "".join(f"    {name}_temp_path {temp / name.split('_')[0]};\n"
                  for name in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
        + f"    include {site_conf};\n}}\n"
    )  # fmt: skip


def write_nginx(work, cert, key, upstreams, media_root, static_root, https_port, http_port):
    (work / "logs").mkdir(exist_ok=True)
    site = work / "ops.conf"
    site.write_text(
        render.render(
            server_name="localhost 127.0.0.1",
            upstreams=tuple(upstreams),
            ssl_certificate=str(cert),
            ssl_certificate_key=str(key),
            static_root=static_root,
            media_root=media_root,
            https_listen=f"127.0.0.1:{https_port}",
            http_listen=f"127.0.0.1:{http_port}",
            log_dir=work / "logs",
            acme_root=work / "acme",
        )  # fmt: skip
    )
    conf = work / "nginx.conf"
    conf.write_text(main_conf(work, site))
    return conf


class Client:
    """HTTPS (verified against the throw-away certificate) and plain HTTP to nginx."""

    def __init__(self, cert, https_port, http_port):
        self.context = ssl.create_default_context(cafile=str(cert))
        self.https_port, self.http_port = https_port, http_port

    def request(self, path, method="GET", headers=None, body=None, source=None, tls=True):
        headers = {"User-Agent": "deploy-check (bot)", **(headers or {})}
        source_address = (source, 0) if source else None
        if tls:
            conn = http.client.HTTPSConnection(
                "127.0.0.1", self.https_port, context=self.context, timeout=60,
                source_address=source_address,
            )  # fmt: skip
        else:
            conn = http.client.HTTPConnection(
                "127.0.0.1", self.http_port, timeout=60, source_address=source_address
            )
        try:
            conn.request(method, path, body=body, headers=headers)
            response = conn.getresponse()
            data = response.read()
            return response.status, {k.lower(): v for k, v in response.getheaders()}, data
        finally:
            conn.close()

    def declared_length_only(self, path, length):
        """Sends the headers of a POST of ``length`` bytes and reads the answer, no body."""
        conn = http.client.HTTPSConnection(
            "127.0.0.1", self.https_port, context=self.context, timeout=60
        )
        try:
            conn.putrequest("POST", path)
            conn.putheader("Content-Type", "multipart/form-data; boundary=x")
            conn.putheader("Content-Length", str(length))
            conn.endheaders()
            response = conn.getresponse()
            return response.status, response.read()
        finally:
            conn.close()


class ImageSources(HTMLParser):
    """Every image address a page shows: img src and srcset, picture source srcset."""

    def __init__(self):
        super().__init__()
        self.urls = set()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "img" and attrs.get("src"):
            self.urls.add(attrs["src"])
        if tag in {"img", "source"} and attrs.get("srcset"):
            for candidate in attrs["srcset"].split(","):
                if candidate.strip():
                    self.urls.add(candidate.split()[0])


class MediaReferences(ImageSources):
    """Images as above, plus every other address of an upload: video and audio sources,
    posters, and links or stylesheets into /media/."""

    def handle_starttag(self, tag, attrs):
        super().handle_starttag(tag, attrs)
        attrs = dict(attrs)
        for name in ("src", "poster", "href"):
            value = attrs.get(name) or ""
            if tag in {"video", "audio", "source", "track", "a", "link"} and "/media/" in value:
                self.urls.add(value)


def crawl_media(findings, client):
    """Every page of the sitemap through the proxy: each upload it references answers 200."""
    status, _headers, body = client.request("/sitemap.xml")
    pages = sorted({local_path(loc) for loc in re.findall(r"<loc>([^<]+)</loc>", body.decode())})
    pages = [page for page in pages if page]
    references, failed_pages = set(), []
    for page in pages:
        page_status, _h, page_body = client.request(page)
        if page_status != 200:
            failed_pages.append(f"{page} {page_status}")
            continue
        parser = MediaReferences()
        parser.feed(page_body.decode("utf-8", "replace"))
        references |= {p for p in map(local_path, parser.urls) if p and p.startswith("/media/")}
    unserved = []
    for reference in sorted(references):
        media_status, _h, _b = client.request(reference.split("#", 1)[0])
        if media_status != 200:
            unserved.append(f"{reference} {media_status}")
    findings.add(
        "link crawl: uploads on every sitemap page", "each page 200, 0 unserved media files",
        f"{len(pages)} pages ({len(failed_pages)} not 200 {failed_pages[:1]}), "
        f"{len(references)} media files, {len(unserved)} unserved {unserved[:2]}",
        status == 200 and len(pages) >= 10 and references and not failed_pages and not unserved,
    )  # fmt: skip


def local_path(url):
    """'/media/x.jpg' for our own addresses, None for data: and other hosts."""
    if url.startswith("data:"):
        return None
    match = re.match(r"^https?://(?:localhost|127\.0\.0\.1)(?::\d+)?(/.*)$", url)
    if match:
        return match.group(1)
    return url if url.startswith("/") and not url.startswith("//") else None


IMAGE_TYPES = {"jpg": "image/jpeg", "jpeg": "image/jpeg", "png": "image/png",
               "gif": "image/gif", "webp": "image/webp", "avif": "image/avif",
               "svg": "image/svg+xml", "ico": "image/x-icon"}  # fmt: skip


def visitors(environment):
    return json.loads(environment.manage("visits").strip().splitlines()[-1])["month"]


def check_page(findings, client, name, path):
    status, headers, body = client.request(path, headers={"Accept-Encoding": "gzip"})
    missing = [h for h in APP_HEADERS if h not in headers]
    findings.add(
        f"{name} {path[:40]} over HTTPS", "200, HSTS + CSP + Referrer-Policy from the app",
        f"{status}, missing {missing or 'none'}", status == 200 and not missing,
    )  # fmt: skip
    if name == "home":
        findings.add(
            "home page gzipped by nginx", "Content-Encoding: gzip",
            headers.get("content-encoding", "-"), headers.get("content-encoding") == "gzip",
        )  # fmt: skip
        status, _h, body = client.request(path)
    parser = ImageSources()
    parser.feed(body.decode("utf-8", "replace"))
    return {p for p in map(local_path, parser.urls) if p}


def check_images(findings, client, paths):
    wrong, sandboxed, media = [], 0, 0
    for path in sorted(paths):
        status, headers, _body = client.request(path)
        extension = path.rsplit(".", 1)[-1].lower()
        expected = IMAGE_TYPES.get(extension, "image/")
        if status != 200 or not headers.get("content-type", "").startswith(expected):
            wrong.append(f"{path} {status} {headers.get('content-type')}")
        if path.startswith("/media/"):
            media += 1
            sandboxed += headers.get("content-security-policy") == SANDBOX_CSP and (
                headers.get("x-content-type-options") == "nosniff"
            )
    findings.add(
        "every image and rendition on those pages", "200 with its image type",
        f"{len(paths) - len(wrong)}/{len(paths)} ok {wrong[:2]}", paths and not wrong,
    )  # fmt: skip
    findings.add(
        "/media/ uploads sandboxed", f"CSP '{SANDBOX_CSP}' + nosniff on each",
        f"{sandboxed}/{media}", media > 0 and sandboxed == media,
    )  # fmt: skip


def check_static(findings, client, static_root):
    manifest = json.loads((static_root / "staticfiles.json").read_text())["paths"]
    hashed = next(v for k, v in manifest.items() if k.endswith(".css"))
    status, headers, _b = client.request(f"/static/{hashed}", headers={"Accept-Encoding": "gzip"})
    cache = headers.get("cache-control", "")
    findings.add(
        "hashed static file", "200, immutable for a year, gzip",
        f"{status}, {cache}, {headers.get('content-encoding', '-')}",
        status == 200 and "immutable" in cache and "max-age=31536000" in cache
        and headers.get("content-encoding") == "gzip",
    )  # fmt: skip


def check_documents(findings, client, targets):
    status, headers, body = client.request(targets["document"])
    missing = [h for h in (*APP_HEADERS, "x-content-type-options") if h not in headers]
    findings.add(
        f"document {targets['document'][:40]}", "200 via the app (nginx sends it), app headers",
        f"{status}, {len(body)} bytes, missing {missing or 'none'}",
        status == 200 and len(body) > 0 and not missing,
    )  # fmt: skip
    status, headers, body = client.request(targets["video"], headers={"Range": "bytes=0-99"})
    findings.add(
        "video: Range bytes=0-99", "206, 100 bytes, video/mp4",
        f"{status}, {len(body)} bytes, {headers.get('content-type')}, "
        f"{headers.get('content-range')}",
        status == 206 and len(body) == 100 and body == VIDEO_BYTES[:100]
        and headers.get("content-type") == "video/mp4",
    )  # fmt: skip
    status, headers, _b = client.request(targets["private"])
    findings.add(
        "document in a login-only collection", "not served (redirect to login)",
        f"{status} → {headers.get('location', '-')[:40]}", status in {302, 403},
    )  # fmt: skip
    status, _h, _b = client.request(targets["private_file"])
    findings.add(
        "its file under /media/documents/", "404 (documents only via the app)",
        status, status == 404,
    )  # fmt: skip
    status, _h, _b = client.request("/_protected_media/" + targets["private_file"][7:])
    findings.add("nginx's internal document location from outside", "404", status, status == 404)


def check_limits(findings, client):
    status, headers, _b = client.request("/aktualnosci/?x=1", tls=False)
    location = headers.get("location", "")
    findings.add(
        "HTTP → HTTPS", f"301 to https://…:{client.https_port}/aktualnosci/?x=1",
        f"{status} {location}",
        status == 301 and location.startswith("https://")
        and location.endswith(f":{client.https_port}/aktualnosci/?x=1"),
    )  # fmt: skip
    limit, size = render.upload_limit(), render.body_size()
    over = int(size.rstrip("m")) * 2**20 + 1
    status, body = client.declared_length_only("/admin/documents/multiple/add/", over)
    findings.add(
        f"upload of {over} bytes (app limit {limit // 2**20} MB)",
        f"413 from nginx (client_max_body_size {size})", status, status == 413,
    )  # fmt: skip


def check_client_address(findings, client, environment):
    before = visitors(environment)
    agent = {"User-Agent": BROWSER_UA, "Accept": "text/html"}
    statuses = []
    # Each forged address is different: an app that believed the client's header would
    # count 7, one that saw only nginx's address 1.
    for n, source in enumerate(("127.0.0.2", "127.0.0.3", "127.0.0.4")):
        for forged in ("", f"203.0.113.{10 * n + 1}", f"198.51.100.{10 * n + 2}"):
            headers = {**agent, **({"X-Forwarded-For": forged} if forged else {})}
            statuses.append(client.request("/", headers=headers, source=source)[0])
    time.sleep(3)  # the servers close their spool files and fold them within 2 s
    counted = visitors(environment) - before
    findings.add(
        "visit counter: 3 addresses × 3 requests, 2 with a forged X-Forwarded-For",
        "3 new visitors (nginx's address for each, not 1, not 7)",
        f"{counted} (statuses {sorted(set(statuses))})",
        counted == 3 and set(statuses) == {200},
    )  # fmt: skip


class Session:
    """A signed-in admin session over HTTP or HTTPS: cookies, CSRF token, multipart posts."""

    def __init__(self, connect, origin):
        self.connect, self.origin, self.cookies = connect, origin, {}

    def call(self, path, method="GET", fields=None, files=None, urlencoded=None):
        headers = {"User-Agent": "deploy-check (bot)", "Origin": self.origin,
                   "Referer": self.origin + path}  # fmt: skip
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if method == "POST":
            headers["X-CSRFToken"] = self.cookies.get("csrftoken", "")
            if urlencoded is not None:
                body = urllib.parse.urlencode(urlencoded).encode()
                headers["Content-Type"] = "application/x-www-form-urlencoded"
            else:
                body, headers["Content-Type"] = multipart(fields or {}, files or {})
        conn = self.connect()
        try:
            conn.request(method, path, body=body, headers=headers)
            response = conn.getresponse()
            data = response.read()
            for name, value in response.getheaders():
                if name.lower() == "set-cookie":
                    key, _sep, rest = value.partition("=")
                    self.cookies[key.strip()] = rest.split(";", 1)[0]
            return response.status, dict(response.getheaders()), data
        finally:
            conn.close()

    def csrf_field(self, path):
        _status, _h, body = self.call(path)
        match = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', body)
        return match.group(1).decode() if match else self.cookies.get("csrftoken", "")

    def login(self, username, password):
        token = self.csrf_field("/admin/login/")
        status, headers, _b = self.call(
            "/admin/login/", "POST",
            urlencoded={"username": username, "password": password, "next": "/admin/",
                        "csrfmiddlewaretoken": token},
        )  # fmt: skip
        return status == 302 and "sessionid" in self.cookies


def multipart(fields, files):
    boundary = "deploy-check-" + secrets.token_hex(8)
    parts = []
    for name, value in fields.items():
        parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'
                     f"{value}\r\n".encode())  # fmt: skip
    for name, (filename, data, content_type) in files.items():
        parts.append(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; '
            f'filename="{filename}"\r\nContent-Type: {content_type}\r\n\r\n'.encode()
            + data
            + b"\r\n"
        )
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


def check_app_upload_limit(findings, client):
    """Below nginx's limit, above the app's: the app refuses it with its Polish message (the
    refusal itself, not the limit the form always shows under the field)."""
    session = Session(
        lambda: http.client.HTTPSConnection(
            "127.0.0.1", client.https_port, context=client.context, timeout=120
        ),
        f"https://127.0.0.1:{client.https_port}",
    )
    if not session.login(ADMIN_USER, ADMIN_PASSWORD):
        findings.add("admin sign-in through nginx", "302 and a session", session.cookies, False)
        return
    limit = render.upload_limit()
    token = session.csrf_field("/admin/documents/add/")
    data = b"%PDF-1.4\n" + b"0" * (limit + 512 * 1024)
    status, _h, body = session.call(
        "/admin/documents/add/", "POST",
        fields={"csrfmiddlewaretoken": token, "title": "Za duży", "collection": "1"},
        files={"file": ("za-duzy.pdf", data, "application/pdf")},
    )  # fmt: skip
    refused = "Ten plik jest za duży" in body.decode("utf-8", "replace")
    findings.add(
        f"document of {len(data) // 1024} KiB through nginx (app limit {limit // 2**20} MB)",
        "app's form again with 'Ten plik jest za duży'",
        f"{status}, Polish message {refused}",
        status == 200 and refused,
    )  # fmt: skip


def png_bytes():
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (640, 480), (30, 120, 200)).save(buffer, "PNG")
    return buffer.getvalue()


def start_bucket():
    """moto's S3 server on loopback with the bucket README describes (images public)."""
    import boto3
    from moto.server import ThreadedMotoServer

    logging.getLogger("werkzeug").setLevel(logging.ERROR)  # moto's request log
    port = free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    endpoint = f"http://127.0.0.1:{port}"
    client = boto3.client(
        "s3", endpoint_url=endpoint, region_name="eu-central-1",
        aws_access_key_id=S3_KEYS["S3_ACCESS_KEY_ID"],
        aws_secret_access_key=S3_KEYS["S3_SECRET_ACCESS_KEY"],
    )  # fmt: skip
    client.create_bucket(
        Bucket="ops-media", CreateBucketConfiguration={"LocationConstraint": "eu-central-1"}
    )
    policy = (ROOT / "deploy" / "s3" / "bucket-policy.json").read_text()
    client.put_bucket_policy(Bucket="ops-media", Policy=policy.replace("BUCKET", "ops-media"))
    return server, client, endpoint


def bucket_keys(client):
    listed = client.list_objects_v2(Bucket="ops-media").get("Contents", [])
    return sorted(item["Key"] for item in listed)


def check_s3_two_servers(findings, environment):
    """Two app servers, no shared media disk, one bucket: upload via A, render and delete via B."""
    server, client, endpoint = start_bucket()
    saved = environment.env
    environment.env = {
        **saved, **S3_KEYS, "MEDIA_STORAGE": "s3", "S3_ENDPOINT_URL": endpoint,
        "S3_BUCKET": "ops-media", "S3_REGION": "eu-central-1",
        "MEDIA_ROOT": str(environment.work / "no-shared-media"),
    }  # fmt: skip
    try:
        urls = {name: environment.start_server(name) for name in ("S3-A", "S3-B")}
    finally:
        environment.env = saved
    try:
        environment.wait_for_servers()
        sessions = {}
        for name, url in urls.items():
            host = url.split("://", 1)[1]
            sessions[name] = Session(
                lambda host=host: http.client.HTTPConnection(*host.split(":"), timeout=60), url
            )
            sessions[name].login(ADMIN_USER, ADMIN_PASSWORD)
        a, b = sessions["S3-A"], sessions["S3-B"]
        a.csrf_field("/admin/images/multiple/add/")
        status, _h, body = a.call(
            "/admin/images/multiple/add/", "POST",
            fields={"collection": "1"},
            files={"files[]": ("s3-check.png", png_bytes(), "image/png")},
        )  # fmt: skip
        answer = json.loads(body or b"{}") if status == 200 else {}
        image_id = answer.get("image_id")
        uploaded = bucket_keys(client)
        findings.add(
            "S3: image uploaded through app server A", "its original in the bucket",
            f"{status}, id {image_id}, {uploaded} {answer.get('error_message', '')}",
            bool(image_id) and any(k.startswith("original_images/s3-check") for k in uploaded),
        )  # fmt: skip
        if not image_id:
            return
        status, _h, body = b.call(f"/admin/images/{image_id}/")
        made = [k for k in bucket_keys(client) if k.startswith("images/s3-check")]
        shown = re.findall(
            rf"{re.escape(endpoint)}/ops-media/images/s3-check[^\"' ]+", body.decode()
        )
        fetched = [get_status_and_type(url) for url in sorted(set(shown))]
        findings.add(
            "S3: app server B renders it (no shared disk)",
            "rendition made by B in the bucket, served from it as image/png",
            f"{status}, {len(made)} renditions, {fetched[:2]}",
            status == 200 and made and fetched and all(f == (200, "image/png") for f in fetched),
        )  # fmt: skip
        token = b.csrf_field(f"/admin/images/{image_id}/delete/")
        status, _h, _body = b.call(
            f"/admin/images/{image_id}/delete/", "POST", fields={"csrfmiddlewaretoken": token}
        )
        left = [k for k in bucket_keys(client) if "s3-check" in k]
        findings.add(
            "S3: deleted through B", "302, its original and renditions gone from the bucket",
            f"{status}, left {left}", status == 302 and not left,
        )  # fmt: skip
    finally:
        server.stop()


def get_status_and_type(url):
    try:
        with urllib.request.urlopen(url, timeout=10) as answer:  # noqa: S310 - loopback moto
            answer.read()
            return answer.status, answer.headers.get("Content-Type")
    except urllib.error.HTTPError as error:
        return error.code, error.headers.get("Content-Type")


def run(findings, environment):
    nginx = nginx_binary()
    work = environment.work
    work.chmod(0o755)
    media_root, static_root = (
        Path(environment.env["MEDIA_ROOT"]),
        Path(environment.env["STATIC_ROOT"]),
    )
    https_port, http_port = free_port(), free_port()
    environment.env.update({
        "TRUSTED_PROXY_COUNT": "1", "DOCUMENTS_SENDFILE": "nginx",
        "DJANGO_ALLOWED_HOSTS": "localhost,127.0.0.1",
        # nginx passes $host (no port): the admin's forms post from this origin.
        "DJANGO_CSRF_TRUSTED_ORIGINS": f"https://127.0.0.1:{https_port}",
    })  # fmt: skip
    cert, key = make_certificate(work)
    log(f"work folder {work}: collectstatic, migrate, load_demo (production settings, SQLite)…")
    # collectstatic (minifying, compressing) and migrate do not depend on each other.
    with concurrent.futures.ThreadPoolExecutor(max_workers=2) as pool:
        jobs = [pool.submit(environment.manage, "collectstatic", "--noinput", "-v", "0"),
                pool.submit(environment.manage, "migrate", "--noinput", "-v", "0")]  # fmt: skip
        for job in jobs:
            job.result()
    environment.manage("load_demo", "-v", "0")
    out = environment.manage(
        "shell",
        "-c",
        SHELL_TARGETS.format(video=VIDEO_BYTES, user=ADMIN_USER, password=ADMIN_PASSWORD),
    )
    targets = json.loads(out.split("TARGETS=", 1)[1])
    upstream = environment.start_server("A").split("://", 1)[1]
    conf = write_nginx(work, cert, key, [upstream], media_root, static_root, https_port, http_port)
    test = subprocess.run([nginx, "-t", "-c", str(conf), "-e", str(work / "logs/error.log")],  # noqa: S603
                          capture_output=True, text=True)  # fmt: skip
    findings.add("rendered site passes nginx -t", "exit 0", test.returncode, test.returncode == 0)
    if test.returncode:
        log(test.stderr)
        return
    proxy = subprocess.Popen(  # noqa: S603 - our own arguments
        [nginx, "-c", str(conf), "-e", str(work / "logs/error.log")],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        environment.wait_for_servers()
        wait_for_port(https_port, proxy)
        client = Client(cert, https_port, http_port)
        images = set()
        for name, path in (("home", "/"), ("news post", targets["news"]),
                           ("unit page", targets["unit"])):  # fmt: skip
            images |= check_page(findings, client, name, path)
        check_images(findings, client, images)
        crawl_media(findings, client)
        check_static(findings, client, static_root)
        check_documents(findings, client, targets)
        check_limits(findings, client)
        check_client_address(findings, client, environment)
        check_app_upload_limit(findings, client)
        if os.environ.get("DEPLOY_CHECK_S3", "1") != "0":
            check_s3_two_servers(findings, environment)
    finally:
        proxy.terminate()
        try:
            proxy.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proxy.kill()
        errors = (
            (work / "logs/error.log").read_text(errors="replace")
            if (work / "logs/error.log").exists()
            else ""
        )
        serious = [
            line
            for line in errors.splitlines()
            if "[error]" in line or "[crit]" in line or "[emerg]" in line
        ]
        findings.add("nginx error log", "no [error]/[crit]", serious[:1] or "clean", not serious)


def wait_for_port(port, process, seconds=10):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError("nginx exited")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError("nginx did not listen")


def main():
    findings = Findings()
    started = time.monotonic()
    environment = SqliteEnvironment()
    try:
        run(findings, environment)
    except Exception as error:  # noqa: BLE001 - reported in the table, then cleaned up
        findings.add("deploy check ran to the end", "no exception", repr(error)[-300:], False)
        for name, (_p, _u, handle, log_path) in environment.servers.items():
            handle.flush()
            log(f"server {name} log tail:\n{log_path.read_text(errors='replace')[-2000:]}")
    finally:
        environment.teardown()
    print()
    print("Deployment check: nginx from deploy/ in front of gunicorn (production settings)")
    print(findings.table())
    print(f"{sum(r[3] == 'held' for r in findings.rows)}/{len(findings.rows)} held "
          f"in {time.monotonic() - started:.0f} s")  # fmt: skip
    return 0 if findings.all_held and findings.rows else 1


if __name__ == "__main__":
    sys.exit(main())
