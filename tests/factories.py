"""Factories shared by the tests: small, fast, built with the models' own API."""

import io
from datetime import timedelta

from django.core.files.images import ImageFile
from django.utils import timezone
from PIL import Image as PILImage
from wagtail.images import get_image_model

from news.models import NewsCategory, NewsIndexPage, NewsPage


def make_image(title="Zdjęcie", alt="", size=(120, 80), colour=(40, 90, 160)):
    buffer = io.BytesIO()
    PILImage.new("RGB", size, colour).save(buffer, "JPEG")
    image = get_image_model()(title=title, description=alt)
    image.file = ImageFile(buffer, name="test.jpg")
    image.save()
    return image


def make_index(home, **kwargs):
    kwargs.setdefault("title", "Aktualności")
    kwargs.setdefault("slug", "aktualnosci")
    index = NewsIndexPage(**kwargs)
    home.add_child(instance=index)
    index.save_revision().publish()
    return NewsIndexPage.objects.get(pk=index.pk)


def make_category(name, slug=None):
    return NewsCategory.objects.create(name=name, slug=slug or "")


def make_post(index, title, *, days_ago=1, publish=True, **kwargs):
    """A post dated ``days_ago`` days back (negative: in the future), published by default."""
    kwargs.setdefault("lead", f"Wstęp: {title}.")
    kwargs.setdefault("date", timezone.now() - timedelta(days=days_ago))
    post = NewsPage(title=title, **kwargs)
    if not publish:
        post.live = False
    index.add_child(instance=post)
    if publish:
        post.save_revision().publish()
    else:
        post.save_revision()
    return NewsPage.objects.get(pk=post.pk)


def make_many_posts(index, count, *, images=True, start=0, category=None, spacing=None):
    """``count`` live posts, each with its own image, quickly (no revisions).

    Post ``n`` is dated ``(n + 1) * spacing`` ago (an hour by default), so a later
    batch (``start``) is older; a spacing of days spreads them over months and years.
    """
    spacing = spacing or timedelta(hours=1)
    now = timezone.now()
    posts = []
    for number in range(start, start + count):
        image = make_image(f"Obraz {number}", alt=f"Opis obrazu {number}") if images else None
        post = NewsPage(
            title=f"Wiadomość {number}",
            slug=f"wiadomosc-{number}",
            lead=f"Wstęp wiadomości {number}.",
            date=now - (number + 1) * spacing,
            image=image,
            category=category,
        )
        index.add_child(instance=post)
        posts.append(post)
    return posts
