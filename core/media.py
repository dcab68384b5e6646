"""Media storage helpers that cost nothing on local disk (issue 24).

botocore is imported only when the media storage is an S3 bucket
(core.media_storage), so an install on local disk never loads boto3.
"""

from django.core.files.storage import storages


def media_storage():
    """The S3 media storage in use, or None when media live on local disk."""
    storage = storages["default"]
    return storage if hasattr(storage, "bucket_name") and hasattr(storage, "connection") else None


def storage_problem(storage=None):
    """None when the bucket answers; otherwise what is wrong, in English, for the log."""
    storage = storage or media_storage()
    if storage is None:
        return None
    from botocore.exceptions import BotoCoreError, ClientError

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
