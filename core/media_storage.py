"""Media on S3-compatible object storage (issue 24): ``MEDIA_STORAGE=s3``.

django-storages' S3 backend, with what the site needs around it:

- short timeouts and one retry, so an unreachable bucket makes an upload fail in
  seconds instead of holding a worker;
- every error of the object store surfaces as ``MediaStorageUnavailable``, an
  ``OSError``: Wagtail turns an unreadable original into its "not found" rendition
  instead of a 500, so pages with images keep answering while the bucket is away;
- ``core.media.storage_problem()``: one HEAD of the bucket, used by the start-up
  check (``core.checks``) and by the upload forms before they save anything.

Works the same with any S3 API: AWS, OVHcloud, e24cloud, Oktawave, MinIO, Ceph RGW
(path-style addressing, Signature V4). Documents are never linked by their bucket
URL: Wagtail's document view reads them through this storage after its access checks.
"""

import functools

from botocore.config import Config
from botocore.exceptions import BotoCoreError, ClientError
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
