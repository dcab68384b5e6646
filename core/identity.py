"""The centre's registry numbers and bank accounts: checked when staff type them.

A resident copies these into a transfer or an application; one wrong digit sends a
fee to nobody. NIP and REGON carry check digits, a Polish account number (NRB) is an
IBAN without "PL", so each is checked the way the registries and banks check it.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

NIP_WEIGHTS = (6, 5, 7, 2, 3, 4, 5, 6, 7)
REGON9_WEIGHTS = (8, 9, 2, 3, 4, 5, 6, 7)
REGON14_WEIGHTS = (2, 4, 8, 5, 0, 9, 7, 3, 6, 1, 2, 4, 8)


def digits_of(value):
    """The digits of what staff typed; spaces, hyphens and a "PL" prefix dropped."""
    text = (value or "").strip().upper().removeprefix("PL")
    if any(not (ch.isdigit() or ch in " -\u00a0") for ch in text):
        return None
    return "".join(ch for ch in text if ch.isdigit())


def _check_digit(digits, weights):
    return sum(int(d) * w for d, w in zip(digits, weights, strict=False)) % 11 % 10


def normalise_nip(value):
    digits = digits_of(value)
    if digits is None or len(digits) != 10:
        raise ValidationError(_("A NIP has 10 digits, e.g. 886-123-45-67."), code="nip_length")
    total = sum(int(d) * w for d, w in zip(digits, NIP_WEIGHTS, strict=False)) % 11
    if total == 10 or total != int(digits[9]):
        raise ValidationError(
            _("This NIP has a wrong check digit: compare it with the registration document."),
            code="nip_checksum",
        )
    return digits


def normalise_regon(value):
    digits = digits_of(value)
    if digits is None or len(digits) not in (9, 14):
        raise ValidationError(_("A REGON has 9 or 14 digits."), code="regon_length")
    if _check_digit(digits, REGON9_WEIGHTS) != int(digits[8]) or (
        len(digits) == 14 and _check_digit(digits, REGON14_WEIGHTS) != int(digits[13])
    ):
        raise ValidationError(
            _("This REGON has a wrong check digit: compare it with the registration document."),
            code="regon_checksum",
        )
    return digits


def normalise_account(value):
    """A Polish account number (NRB): 26 digits whose IBAN check (mod 97) holds."""
    digits = digits_of(value)
    if digits is None or len(digits) != 26:
        raise ValidationError(
            _("A bank account number has 26 digits, e.g. 12 3456 7890 1234 5678 9012 3456."),
            code="account_length",
        )
    # IBAN: the country code and the check digits go to the end, letters as numbers (P=25, L=21).
    if int(digits[2:] + "2521" + digits[:2]) % 97 != 1:
        raise ValidationError(
            _("This account number has a wrong check number: a digit is missing or swapped."),
            code="account_checksum",
        )
    return digits


def format_nip(digits):
    return f"{digits[:3]}-{digits[3:6]}-{digits[6:8]}-{digits[8:]}" if len(digits) == 10 else digits


def format_account(digits):
    """ "12 3456 7890 …": the grouping banks print, two digits then groups of four."""
    if len(digits) != 26:
        return digits
    return " ".join([digits[:2], *(digits[i : i + 4] for i in range(2, 26, 4))])
