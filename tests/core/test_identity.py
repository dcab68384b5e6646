"""The centre's NIP, REGON and bank accounts: checked in the admin, shown to residents."""

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from wagtail.models import Site
from wagtail.rich_text import RichText
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from core.identity import format_account, normalise_account, normalise_nip, normalise_regon
from core.models import SiteSettings
from pages.models import ContactPage

VALID_ACCOUNT = "54 0000 0000 0000 0000 0000 1234"


@pytest.mark.parametrize(
    ("normalise", "typed", "stored"),
    [
        (normalise_nip, "000-123-45-62", "0001234562"),
        (normalise_nip, "PL 526 104 08 28", "5261040828"),
        (normalise_regon, "001234562", "001234562"),
        (normalise_regon, "12345678512347", "12345678512347"),
        (normalise_account, VALID_ACCOUNT, "54000000000000000000001234"),
        (normalise_account, "PL61 1090 1014 0000 0712 1981 2874", "61109010140000071219812874"),
    ],
)
def test_valid_numbers_are_stored_as_digits(normalise, typed, stored):
    assert normalise(typed) == stored


@pytest.mark.parametrize(
    ("normalise", "typed", "code"),
    [
        (normalise_nip, "000-123-45-63", "nip_checksum"),
        (normalise_nip, "000-123-45-6", "nip_length"),
        (normalise_nip, "000-123-45-6x", "nip_length"),
        (normalise_regon, "001234563", "regon_checksum"),
        (normalise_regon, "12345678512348", "regon_checksum"),
        (normalise_regon, "1234", "regon_length"),
        # Two neighbouring digits swapped, one digit wrong, one missing.
        (normalise_account, "45 0000 0000 0000 0000 0000 1234", "account_checksum"),
        (normalise_account, "54 0000 0000 0000 0000 0000 1243", "account_checksum"),
        (normalise_account, "54 0000 0000 0000 0000 0000 123", "account_length"),
    ],
)
def test_a_wrong_digit_is_refused(normalise, typed, code):
    with pytest.raises(ValidationError) as caught:
        normalise(typed)
    assert caught.value.code == code


def test_account_is_printed_in_bank_groups():
    assert format_account("54000000000000000000001234") == "54 0000 0000 0000 0000 0000 1234"


@pytest.fixture
def admin_client(client, home):
    user = get_user_model().objects.create_superuser("dyrektor", "d@example.pl", "haslo-123456")
    client.force_login(user)
    return client


def settings_form(**overrides):
    data = {
        "name": "Ośrodek Pomocy Społecznej w Lipowie",
        "short_name": "",
        "street_address": "ul. Słoneczna 12",
        "postal_code": "58-321",
        "city": "Lipowo",
        "email": "",
        "epuap_address": "",
        "opening_hours": "",
        "nip": "000 123 45 62",
        "regon": "001234562",
        "cash_desk_hours": "poniedziałek: 9:00–15:00",
        "bip_url": "",
        "visits_starting_total": "0",
        "form_retention_days": "365",
        "phones": inline_formset([]),
        "footer_links": inline_formset([]),
        "bank_accounts": inline_formset(
            [{"purpose": "Opłaty za DPS", "number": VALID_ACCOUNT, "transfer_title": "Imię"}]
        ),
    }
    data.update(overrides)
    return nested_form_data(data)


def edit_url():
    return f"/admin/settings/website/sitesettings/{Site.objects.get(is_default_site=True).pk}/"


def test_staff_save_identity_and_residents_see_it(admin_client, home):
    response = admin_client.post(edit_url(), settings_form())
    assert response.status_code == 302, response.context["form"].errors
    settings = SiteSettings.objects.get()
    assert (settings.nip, settings.regon) == ("0001234562", "001234562")
    assert settings.bank_accounts.get().number == "54000000000000000000001234"
    contact = ContactPage(
        title="Kontakt",
        slug="kontakt",
        privacy_notice=RichText("<p>Administratorem danych jest ośrodek.</p>"),
        to_address="k@example.pl",
    )
    home.add_child(instance=contact)
    page = admin_client.get(contact.url).content.decode()
    assert "54 0000 0000 0000 0000 0000 1234" in page
    assert "NIP: 000-123-45-62" in page  # the footer
    assert "Godziny pracy kasy" in page and "Tytuł przelewu" in page


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"nip": "000-123-45-63"}, "Ten NIP ma błędną cyfrę kontrolną"),
        ({"regon": "12"}, "REGON ma 9 lub 14 cyfr."),
        (
            {
                "bank_accounts": inline_formset(
                    [{"purpose": "DPS", "number": "45" + "0" * 20 + "1234"}]
                )
            },
            "Ten numer rachunku ma błędną liczbę kontrolną",
        ),
    ],
)
def test_a_wrong_number_gets_a_polish_message_and_nothing_is_saved(
    admin_client, overrides, message
):
    response = admin_client.post(edit_url(), settings_form(**overrides))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not SiteSettings.objects.filter(nip="0001234562").exists()
