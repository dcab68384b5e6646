"""Media on S3-compatible object storage (issue 24): ``MEDIA_STORAGE=s3``.

django-storages' S3 backend, with what the site needs around it:

- short timeouts and one retry, so an unreachable bucket makes an upload fail in
  seconds instead of holding a worker;
- every error of the object store surfaces as ``MediaStorageUnavailable``, an
  ``OSError``: Wagtail turns an unreadable original into its "not found" rendition
  instead of a 500, so pages with images keep answering while the bucket is away;
- ``storage_problem()``: one HEAD of the bucket, used by the start-up check
  (``core.checks``) and by the upload forms before they save anything.

Works the same with any S3 API: AWS, OVHcloud, e24cloud, Oktawave, MinIO, Ceph RGW
(path-style addressing, Signature V4). Documents are never linked by their bucket
URL: Wagtail's document view reads them through this storage after its access checks.
"""

import functools

from botocore.config import Config
from botocore.exceptions import BotoCoreError, ClientError
from django.core.files.storage import storages
from storages.backends.s3 import S3Storage

CLIENT_CONFIG = Config(
    connect_timeout=2,
    read_timeout=10,
    retries={"max_attempts": 2, "mode": "standard"},
)


class MediaStorageUnavailable(OSError):
    """The object store did not answer or refused the request."""


def _unavailable(method):
    @functools.wraps(method)
    def wrapper(self, *args, **kwargs):
        try:
            return method(self, *args, **kwargs)
        except (BotoCoreError, ClientError) as error:
            raise MediaStorageUnavailable(f"{self.bucket_name}: {error}") from error

    return wrapper


class S3MediaStorage(S3Storage):
    def __init__(self, **settings):
        settings.setdefault("client_config", CLIENT_CONFIG)
        super().__init__(**settings)

    _open = _unavailable(S3Storage._open)
    _save = _unavailable(S3Storage._save)
    delete = _unavailable(S3Storage.delete)
    exists = _unavailable(S3Storage.exists)
    listdir = _unavailable(S3Storage.listdir)
    size = _unavailable(S3Storage.size)
    get_modified_time = _unavailable(S3Storage.get_modified_time)


def media_storage():
    """The S3 media storage in use, or None when media live on local disk."""
    storage = storages["default"]
    return storage if isinstance(storage, S3Storage) else None


def storage_problem(storage=None):
    """None when the bucket answers; otherwise what is wrong, in English, for the log."""
    storage = storage or media_storage()
    if storage is None:
        return None
    client = storage.connection.meta.client
    where = f"bucket {storage.bucket_name!r} at {storage.endpoint_url or 'AWS'}"
    try:
        client.head_bucket(Bucket=storage.bucket_name)
    except ClientError as error:
        code = str(error.response.get("Error", {}).get("Code", ""))
        status = error.response.get("ResponseMetadata", {}).get("HTTPStatusCode")
        if status == 404 or code in {"404", "NoSuchBucket"}:
            return f"{where} does not exist (S3_BUCKET)"
        if status in {401, 403} or code in {"403", "InvalidAccessKeyId", "SignatureDoesNotMatch"}:
            return f"{where} refused the key (S3_ACCESS_KEY_ID / S3_SECRET_ACCESS_KEY): {code}"
        return f"{where} answered {status} {code}"
    except BotoCoreError as error:
        return f"{where} cannot be reached (S3_ENDPOINT_URL): {error}"
    return None


def rendition_or_none(image, spec):
    """``image``'s rendition, or None when the original cannot be read to make it.

    For renditions code asks for itself (the og:image of a post); Wagtail's
    ``{% image %}`` tag already shows its "not found" rendition in that case.
    """
    from wagtail.images.models import SourceImageIOError

    if image is None:
        return None
    try:
        return image.get_rendition(spec)
    except SourceImageIOError:
        return None
