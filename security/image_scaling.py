"""Phone photos too big for the site are scaled down on upload, not refused (issue 21).

A 40-megapixel photo straight from a phone is over the pixel limit (and often the file size
limit) Wagtail enforces. Before those checks run, such a JPEG, PNG or WebP is turned the way
it was taken (EXIF orientation), scaled to 2,560 px on its long side, and saved again without
its metadata (EXIF, with the GPS position of where it was taken). Anything else - an image
within the limits, another format, a file Pillow cannot read - passes untouched, and
Wagtail's checks decide.
"""

import io

from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image, ImageOps

LONG_SIDE = 2560
SCALED_FORMATS = {"JPEG": {"quality": 88}, "WEBP": {"quality": 88}, "PNG": {"optimize": True}}


def over_limits(upload, image):
    max_size = getattr(settings, "WAGTAILIMAGES_MAX_UPLOAD_SIZE", None)
    max_pixels = getattr(settings, "WAGTAILIMAGES_MAX_IMAGE_PIXELS", None)
    too_big = max_size is not None and upload.size > max_size
    too_many = max_pixels is not None and image.width * image.height > max_pixels
    return too_big or too_many


def scaled_down(upload):
    """The upload, or a smaller copy of it when it is a photo over the limits."""
    if upload is None or not hasattr(upload, "seek"):
        return upload
    try:
        upload.seek(0)
        with Image.open(upload) as image:
            if image.format not in SCALED_FORMATS or not over_limits(upload, image):
                return upload
            image_format = image.format
            photo = ImageOps.exif_transpose(image)
            photo.thumbnail((LONG_SIDE, LONG_SIDE), Image.Resampling.LANCZOS)
            if image_format == "JPEG" and photo.mode not in ("RGB", "L"):
                photo = photo.convert("RGB")
            output = io.BytesIO()
            # No exif= argument: the copy carries no EXIF (and so no GPS position).
            photo.save(output, image_format, **SCALED_FORMATS[image_format])
    except (OSError, ValueError, Image.DecompressionBombError):
        return upload
    finally:
        upload.seek(0)
    content_type = getattr(upload, "content_type", None) or Image.MIME[image_format]
    return SimpleUploadedFile(upload.name, output.getvalue(), content_type=content_type)
