"""An editor's phone photo over the limits ends as a scaled image (issue 21, item 4)."""

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation
from PIL import Image
from wagtail.images import get_image_model
from wagtail.models import Collection

from tests.staff.test_admin_polish import login, site  # noqa: F401 (the fixture)

ORIENTATION, GPS_INFO = 0x0112, 0x8825


def phone_photo(width=7800, height=5200):
    """A 40.6-megapixel JPEG taken sideways (EXIF orientation 6), with a GPS position."""
    exif = Image.Exif()
    exif[ORIENTATION] = 6
    exif.get_ifd(GPS_INFO).update({1: "N", 2: (52.0, 13.0, 0.0)})
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), (90, 140, 60)).save(buffer, "JPEG", exif=exif, quality=60)
    return buffer.getvalue()


def test_an_editors_40_megapixel_photo_is_scaled_not_refused(client, site):  # noqa: F811
    login(client, "editor")
    upload = SimpleUploadedFile("IMG_20260314.jpg", phone_photo(), content_type="image/jpeg")
    with translation.override("pl"):
        response = client.post(
            "/admin/images/add/",
            {
                "title": "Wydawanie żywności",
                "file": upload,
                "collection": Collection.get_first_root_node().pk,
                "tags": "",
            },
        )
    assert response.status_code == 302, response.content.decode()[-2000:]
    image = get_image_model().objects.get(title="Wydawanie żywności")
    # Turned the way it was taken (portrait), 2,560 px on the long side, no metadata left.
    assert (image.width, image.height) == (1707, 2560)
    with image.file.open("rb") as handle, Image.open(handle) as stored:
        assert stored.size == (1707, 2560)
        assert dict(stored.getexif()) == {}


def test_the_image_description_says_it_is_the_alt_text(client, site):  # noqa: F811
    login(client, "editor")
    with translation.override("pl"):
        markup = client.get("/admin/images/add/").content.decode()
    assert "Opis (tekst alternatywny)" in markup
    assert "Czytnik ekranu odczyta go osobom niewidomym" in markup
