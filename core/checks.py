"""System checks of the deployment (issue 24)."""

from django.core import checks


def media_storage_reachable(app_configs=None, **kwargs):
    """With MEDIA_STORAGE=s3: the bucket answers with the configured key, at start-up.

    Runs with every ``manage.py check`` (and the commands that run checks) when the
    media storage is an S3 bucket; nothing is asked of local disk. The gunicorn unit
    runs ``check --tag storage`` before it starts (deploy/systemd/ops.service).
    """
    from .media import media_storage, storage_problem

    storage = media_storage()
    if storage is None:
        return []
    problem = storage_problem(storage)
    if problem is None:
        return []
    return [
        checks.Error(
            f"Media storage: {problem}.",
            hint="Check S3_ENDPOINT_URL, S3_BUCKET, S3_ACCESS_KEY_ID, S3_SECRET_ACCESS_KEY "
            "and S3_REGION in the environment (website/settings/production.py).",
            id="website.E024",
        )
    ]
