"""Crisis resources per locale, read from reviewed data.

The shipped data is ``data/resources.json``. Every number and web address in it must also be
in ``data/reviewed_helplines.json``, an independent reviewed list (a test checks this): several
mental-health apps have shipped wrong helpline numbers, so a number only changes after checking
it against the service's own site or a government source.

A deployment can pass its own file in the same shape (the Django layer passes
``settings.FEELMAP_CRISIS_RESOURCES_FILE``); it is checked for shape and gives a clear error
naming the file and the bad field.

Locale lookup accepts "en-GB", "en_GB", "GB", "gb" and aliases such as "UK"; a bare
two-letter code is read as a country ("fr" -> France). Region codes of EU countries without
their own entry use the "EU" entry (112). Anything else ("en", "pt-BR", None) uses the
international entry: the directory plus "call your local emergency number".
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import quote

__all__ = [
    "DEFAULT_FILE",
    "HOWS",
    "Contact",
    "KINDS",
    "Resource",
    "ResourcesFileError",
    "all_locales",
    "load_resources",
    "locale_name",
    "resolve_locale",
    "resources_for",
    "sms_href",
    "tel_href",
]

DEFAULT_FILE = Path(__file__).with_name("data") / "resources.json"
HOWS = ("call", "text", "web")
KINDS = ("emergency", "helpline", "health-advice", "directory")
DEFAULT_LOCALE = "INTL"

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_NUMBER = re.compile(r"^\+?[0-9][0-9 \-]{1,24}$")
_LOCALE_KEY = re.compile(r"^[A-Z]{2,4}$")
_TEXT_LIMITS = {"name": 120, "hours": 120, "description": 400, "keyword": 30}


class ResourcesFileError(ValueError):
    """The crisis resources file is missing, not JSON, or not in the expected shape."""


@dataclass(frozen=True, slots=True)
class Contact:
    """One link to show: a tel:, sms: or https: address and the words on the button."""

    href: str
    label: str


@dataclass(frozen=True, slots=True)
class Resource:
    """One way to get help: a phone line, a text line or a web page."""

    name: str
    kind: str  # one of KINDS
    how: str  # one of HOWS
    hours: str
    description: str
    reviewed_on: str  # ISO date the entry was last checked
    number: str | None = None
    url: str | None = None
    keyword: str | None = None  # word to text, e.g. "HOME"

    @property
    def href(self) -> str | None:
        """tel:, sms: or https: link for this resource, or None for plain advice."""
        if self.how == "call" and self.number:
            return tel_href(self.number)
        if self.how == "text" and self.number:
            return sms_href(self.number, self.keyword)
        return self.url

    @property
    def label(self) -> str:
        """Short action text for a button: "Call 116 123", "Text HOME to 741741"."""
        if self.how == "call" and self.number:
            return f"Call {self.number}"
        if self.how == "text" and self.number:
            if self.keyword:
                return f"Text {self.keyword} to {self.number}"
            return f"Text {self.number}"
        if self.url:
            return "Visit " + self.url.removeprefix("https://").removeprefix("www.").rstrip("/")
        return ""

    @property
    def contacts(self) -> tuple[Contact, ...]:
        """The links to show for this resource (none for plain advice)."""
        href = self.href
        out = [Contact(href=href, label=self.label)] if href else []
        if self.url and self.url != href:
            out.append(Contact(href=self.url, label="Website"))
        return tuple(out)

    def as_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "kind": self.kind,
            "how": self.how,
            "number": self.number,
            "url": self.url,
            "keyword": self.keyword,
            "hours": self.hours,
            "description": self.description,
            "reviewed_on": self.reviewed_on,
            "href": self.href,
            "label": self.label,
        }


@dataclass(frozen=True, slots=True)
class _Catalogue:
    default_locale: str
    aliases: dict[str, str]
    eu_members: frozenset[str]
    locales: dict[str, tuple[Resource, ...]]
    names: dict[str, str]


def _digits(number: str) -> str:
    plus = "+" if number.strip().startswith("+") else ""
    return plus + re.sub(r"\D", "", number)


def tel_href(number: str) -> str:
    """``tel:`` link for a number as written ("116 123" -> "tel:116123")."""
    return "tel:" + _digits(number)


def sms_href(number: str, body: str | None = None) -> str:
    """``sms:`` link, with the message pre-filled when given ("sms:741741?body=HOME")."""
    href = "sms:" + _digits(number)
    if body:
        href += "?body=" + quote(body)
    return href


# --- loading and validation --------------------------------------------------------------


def _fail(path: Path, where: str, message: str) -> ResourcesFileError:
    return ResourcesFileError(f"crisis resources file {path}: {where}: {message}")


def _text(path: Path, where: str, item: dict[str, Any], key: str, required: bool) -> str | None:
    value = item.get(key)
    if value is None:
        if required:
            raise _fail(path, where, f"'{key}' is required")
        return None
    if not isinstance(value, str) or not value.strip():
        raise _fail(path, where, f"'{key}' must be a non-empty string")
    limit = _TEXT_LIMITS.get(key)
    if limit and len(value) > limit:
        raise _fail(path, where, f"'{key}' is longer than {limit} characters")
    return value.strip()


def _resource(path: Path, where: str, item: Any) -> Resource:
    if not isinstance(item, dict):
        raise _fail(path, where, "each resource must be an object")
    known = {"name", "kind", "how", "number", "url", "keyword", "hours", "description"}
    known.add("reviewed_on")
    unknown = sorted(set(item) - known)
    if unknown:
        raise _fail(path, where, f"unknown field(s): {', '.join(unknown)}")
    name = _text(path, where, item, "name", True)
    kind = _text(path, where, item, "kind", True)
    how = _text(path, where, item, "how", True)
    hours = _text(path, where, item, "hours", True)
    description = _text(path, where, item, "description", True)
    reviewed_on = _text(path, where, item, "reviewed_on", True)
    number = _text(path, where, item, "number", False)
    url = _text(path, where, item, "url", False)
    keyword = _text(path, where, item, "keyword", False)
    if kind not in KINDS:
        raise _fail(path, where, f"'kind' must be one of {', '.join(KINDS)}, not {kind!r}")
    if how not in HOWS:
        raise _fail(path, where, f"'how' must be one of {', '.join(HOWS)}, not {how!r}")
    if not _DATE.match(reviewed_on or ""):
        raise _fail(path, where, "'reviewed_on' must be a date like 2025-06-01")
    if number is not None and not _NUMBER.match(number):
        raise _fail(path, where, f"'number' {number!r} must contain only digits, spaces, '-'")
    if url is not None and not url.startswith("https://"):
        raise _fail(path, where, "'url' must start with https://")
    if how in ("call", "text") and number is None and kind != "emergency":
        raise _fail(path, where, f"a '{how}' resource needs a 'number'")
    if how == "web" and url is None:
        raise _fail(path, where, "a 'web' resource needs a 'url'")
    if keyword is not None and how != "text":
        raise _fail(path, where, "'keyword' only makes sense for a 'text' resource")
    return Resource(
        name=name or "",
        kind=kind,
        how=how,
        hours=hours or "",
        description=description or "",
        reviewed_on=reviewed_on or "",
        number=number,
        url=url,
        keyword=keyword,
    )


def _parse(path: Path, raw: Any) -> _Catalogue:
    if not isinstance(raw, dict):
        raise _fail(path, "top level", "must be a JSON object")
    locales_raw = raw.get("locales")
    if not isinstance(locales_raw, dict) or not locales_raw:
        raise _fail(path, "locales", "must be a non-empty object of locale -> entry")
    default = raw.get("default_locale", DEFAULT_LOCALE)
    locales: dict[str, tuple[Resource, ...]] = {}
    names: dict[str, str] = {}
    for key, entry in locales_raw.items():
        where = f"locales.{key}"
        if not isinstance(key, str) or not _LOCALE_KEY.match(key):
            raise _fail(path, where, "locale keys must be 2-4 upper-case letters, e.g. GB")
        if not isinstance(entry, dict):
            raise _fail(path, where, "must be an object with 'name' and 'resources'")
        name = _text(path, where, entry, "name", True)
        items = entry.get("resources")
        if not isinstance(items, list) or not items:
            raise _fail(path, where, "'resources' must be a non-empty list")
        locales[key] = tuple(
            _resource(path, f"{where}.resources[{i}]", item) for i, item in enumerate(items)
        )
        names[key] = name or key
    if default not in locales:
        raise _fail(path, "default_locale", f"{default!r} has no entry in 'locales'")
    aliases_raw = raw.get("aliases", {})
    if not isinstance(aliases_raw, dict) or not all(
        isinstance(k, str) and isinstance(v, str) and v in locales for k, v in aliases_raw.items()
    ):
        raise _fail(path, "aliases", "must map codes to locales that exist in 'locales'")
    eu_raw = raw.get("eu_members", [])
    if not isinstance(eu_raw, list) or not all(isinstance(c, str) for c in eu_raw):
        raise _fail(path, "eu_members", "must be a list of country codes")
    return _Catalogue(
        default_locale=default,
        aliases={k.upper(): v for k, v in aliases_raw.items()},
        eu_members=frozenset(c.upper() for c in eu_raw),
        locales=locales,
        names=names,
    )


@lru_cache(maxsize=8)
def _load_cached(path: str, mtime_ns: int) -> _Catalogue:
    p = Path(path)
    try:
        raw = json.loads(p.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ResourcesFileError(f"crisis resources file {p}: cannot be read ({exc})") from exc
    except json.JSONDecodeError as exc:
        raise ResourcesFileError(f"crisis resources file {p}: not valid JSON ({exc})") from exc
    return _parse(p, raw)


def load_resources(override_path: str | Path | None = None) -> dict[str, list[Resource]]:
    """All locales of a resources file (the shipped one by default), validated."""
    catalogue = _catalogue(override_path)
    return {key: list(items) for key, items in catalogue.locales.items()}


def _catalogue(path: str | Path | None) -> _Catalogue:
    p = Path(path) if path else DEFAULT_FILE
    try:
        mtime = p.stat().st_mtime_ns
    except OSError as exc:
        raise ResourcesFileError(f"crisis resources file {p}: cannot be read ({exc})") from exc
    return _load_cached(str(p.resolve()), mtime)


# --- lookup ------------------------------------------------------------------------------


def resolve_locale(locale: str | None, override_path: str | Path | None = None) -> str:
    """The locale key that :func:`resources_for` will use for ``locale``."""
    catalogue = _catalogue(override_path)
    if not locale or not isinstance(locale, str):
        return catalogue.default_locale
    code = locale.strip().replace("_", "-").upper()
    candidates = [code]
    parts = [part for part in code.split("-") if part]
    if len(parts) > 1:
        # "en-GB", "zh-Hant-TW": the region is the last two-letter (or 3-digit) part
        regions = [part for part in parts[1:] if len(part) == 2 and part.isalpha()]
        candidates = regions[-1:] + candidates
    for candidate in candidates:
        candidate = catalogue.aliases.get(candidate, candidate)
        if candidate in catalogue.locales:
            return candidate
        if candidate in catalogue.eu_members and "EU" in catalogue.locales:
            return "EU"
    return catalogue.default_locale


def resources_for(locale: str | None, override_path: str | Path | None = None) -> list[Resource]:
    """Crisis resources for ``locale``; the international list when it is unknown or None.

    ``override_path`` is an optional resources file in the same shape as the shipped one
    (e.g. ``settings.FEELMAP_CRISIS_RESOURCES_FILE``); an empty value means the shipped file.
    """
    catalogue = _catalogue(override_path)
    return list(catalogue.locales[resolve_locale(locale, override_path)])


def all_locales(override_path: str | Path | None = None) -> list[tuple[str, str]]:
    """(key, display name) of every locale entry: the default first, then by name."""
    catalogue = _catalogue(override_path)
    rest = sorted(
        (k for k in catalogue.locales if k != catalogue.default_locale),
        key=lambda k: catalogue.names[k],
    )
    return [(k, catalogue.names[k]) for k in [catalogue.default_locale, *rest]]


def locale_name(locale: str, override_path: str | Path | None = None) -> str:
    """Display name of a locale entry ("GB" -> "United Kingdom")."""
    catalogue = _catalogue(override_path)
    return catalogue.names[resolve_locale(locale, override_path)]
