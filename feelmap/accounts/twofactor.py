"""Two-step sign-in: an authenticator app (TOTP, RFC 6238: 6 digits, 30-second steps, SHA-1,
the defaults every authenticator app uses) and ten single-use recovery codes.

Every write of two-step sign-in is one function here, called by the pages (views_twostep.py).
The secret is encrypted at rest (EncryptedTextField); recovery codes are stored only as
password hashes. A code is accepted one step either side of now (clock drift), and never twice:
the step of the last accepted code is kept, and a code of that step or earlier is refused.
Wrong codes at sign-in are throttled by django-axes together with wrong passwords (the views).
"""

from __future__ import annotations

import secrets
from datetime import datetime

import pyotp
import segno
from django.conf import settings
from django.contrib.auth.hashers import Argon2PasswordHasher, check_password
from django.db import transaction
from django.utils import timezone
from pyotp.utils import strings_equal

from .models import RecoveryCode, TotpDevice, User

ISSUER = "Feelmap"
RECOVERY_COUNT = 10
# Easy to read and type: no 0/O, 1/I/L. 10 symbols of 31 is about 49 bits per code.
RECOVERY_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
RECOVERY_LENGTH = 10
DRIFT_STEPS = 1


class TwoStepError(Exception):
    """A refusal with a message the person can read; nothing was changed."""


def now() -> datetime:
    """The clock every check reads (tests fix it)."""
    return timezone.now()


def required_for(user: User) -> bool:
    """Clinicians must use two-step sign-in in clinic mode; anyone may choose it."""
    return bool(settings.FEELMAP_TWO_STEP_FOR_CLINICIANS) and user.is_clinician


def device_of(user: User) -> TotpDevice | None:
    return TotpDevice.objects.filter(user=user).first()


def is_on(user: User) -> bool:
    return TotpDevice.objects.filter(user=user, confirmed_at__isnull=False).exists()


def _normal(code: str) -> str:
    return "".join(ch for ch in code.upper() if ch.isalnum())


def _matching_step(secret: str, code: str, at: datetime) -> int | None:
    """The 30-second step whose code this is (now, or one step either side), else None."""
    code = _normal(code)
    if len(code) != 6 or not code.isdigit():
        return None
    totp = pyotp.TOTP(secret)
    current = totp.timecode(at)
    for step in range(current - DRIFT_STEPS, current + DRIFT_STEPS + 1):
        if strings_equal(totp.generate_otp(step), code):
            return step
    return None


def start_setup(user: User) -> TotpDevice:
    """The person's authenticator not yet confirmed: made with a new secret if there is none.
    Refused when two-step sign-in is already on (turn it off first)."""
    with transaction.atomic():
        device = TotpDevice.objects.select_for_update().filter(user=user).first()
        if device is not None and device.confirmed_at is not None:
            raise TwoStepError("Two-step sign-in is already on.")
        if device is None:
            device = TotpDevice.objects.create(user=user, secret=pyotp.random_base32(32))
    return device


def provisioning_uri(user: User, device: TotpDevice) -> str:
    return pyotp.TOTP(device.secret).provisioning_uri(name=user.username, issuer_name=ISSUER)


def qr_svg(uri: str) -> str:
    """The otpauth address as an inline SVG drawn here (no script, no image request)."""
    qr = segno.make(uri, error="m", micro=False)
    svg = qr.svg_inline(scale=5, border=4, dark="#000", light="#fff", omitsize=False,
                        title="QR code for your authenticator app", svgclass="qr",
                        lineclass=None)
    return svg.replace("<svg ", '<svg role="img" aria-label="QR code for your authenticator '
                       'app; the same key is written out below" ', 1)


def grouped_secret(secret: str) -> str:
    """The secret in groups of four, for typing into an app by hand."""
    return " ".join(secret[i:i + 4] for i in range(0, len(secret), 4))


class RecoveryCodeHasher(Argon2PasswordHasher):
    """Django's Argon2id hasher with OWASP's minimum parameters (19 MiB, 2 passes, 1 lane)
    instead of its password ones (100 MiB, 8 lanes: about 0.8 s each on a busy 2-core machine,
    so ten codes took 8 s to make and a wrong one up to 7 s to check). A code has about 49 random
    bits, so even these parameters put an offline search out of reach. The parameters are in
    each stored hash, so Django's `check_password` verifies them."""

    time_cost = 2
    memory_cost = 19456
    parallelism = 1


def _hash(code: str) -> str:
    hasher = RecoveryCodeHasher()
    return hasher.encode(code, hasher.salt())


def _new_recovery_codes(user: User) -> list[str]:
    """Replace the person's recovery codes with ten new ones; the raw codes, shown once."""
    raw = ["".join(secrets.choice(RECOVERY_ALPHABET) for _ in range(RECOVERY_LENGTH))
           for _ in range(RECOVERY_COUNT)]
    RecoveryCode.objects.filter(user=user).delete()
    RecoveryCode.objects.bulk_create([RecoveryCode(user=user, code_hash=_hash(code))
                                      for code in raw])
    return [f"{code[:5]}-{code[5:]}" for code in raw]


def confirm(user: User, code: str) -> list[str]:
    """Turn two-step sign-in on with a code from the newly set-up app; the ten recovery codes."""
    at = now()
    with transaction.atomic():
        device = TotpDevice.objects.select_for_update().filter(user=user).first()
        if device is None:
            raise TwoStepError("Start the set-up again: there is no authenticator waiting.")
        if device.confirmed_at is not None:
            raise TwoStepError("Two-step sign-in is already on.")
        step = _matching_step(device.secret, code, at)
        if step is None:
            raise TwoStepError("That code does not match. Check that the app shows Feelmap "
                               "and type the 6 digits it shows now.")
        device.confirmed_at, device.last_step = at, step
        device.save(update_fields=["confirmed_at", "last_step"])
        return _new_recovery_codes(user)


def check_code(user: User, code: str) -> str | None:
    """Sign-in's second step: "app" for a fresh authenticator code, "recovery" for an unused
    recovery code (now used up), None otherwise (a replayed code is None too)."""
    device = TotpDevice.objects.filter(user=user, confirmed_at__isnull=False).first()
    if device is None:
        return None
    step = _matching_step(device.secret, code, now())
    if step is not None:
        # Only one request can move the step on: the same code twice, even at once, works once.
        moved = TotpDevice.objects.filter(pk=device.pk, last_step__lt=step).update(last_step=step)
        return "app" if moved == 1 else None
    normal = _normal(code)
    if len(normal) != RECOVERY_LENGTH:
        return None
    for stored in RecoveryCode.objects.filter(user=user, used_at=None):
        if check_password(normal, stored.code_hash):
            used = RecoveryCode.objects.filter(pk=stored.pk, used_at=None).update(used_at=now())
            return "recovery" if used == 1 else None
    return None


def recovery_codes_left(user: User) -> int:
    return RecoveryCode.objects.filter(user=user, used_at=None).count()


def regenerate_recovery_codes(user: User) -> list[str]:
    """Ten new recovery codes; the old ones stop working."""
    if not is_on(user):
        raise TwoStepError("Turn on two-step sign-in first.")
    with transaction.atomic():
        return _new_recovery_codes(user)


def turn_off(user: User, code: str) -> None:
    """Turn two-step sign-in off, with a current code (from the app or a recovery code).
    Refused where it is required (clinicians in clinic mode)."""
    if required_for(user):
        raise TwoStepError("Clinicians need two-step sign-in here, so it cannot be turned off. "
                           "To move to a new phone, use a recovery code to sign in, then ask "
                           "your administrator to reset it.")
    if check_code(user, code) is None:
        raise TwoStepError("That code does not match. Type the 6 digits your app shows now, "
                           "or one of your recovery codes.")
    with transaction.atomic():
        TotpDevice.objects.filter(user=user).delete()
        RecoveryCode.objects.filter(user=user).delete()


def reset(user: User) -> None:
    """For an administrator (`feelmap two-step --reset USER`): the person sets it up again at
    their next sign-in."""
    with transaction.atomic():
        TotpDevice.objects.filter(user=user).delete()
        RecoveryCode.objects.filter(user=user).delete()
