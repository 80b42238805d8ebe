"""No page promises what Feelmap does not do (yet).

Every page a person can reach from the home page (with realistic demo data behind it) is read
as a person would read it. A sentence promising a feature (sharing with a clinician, Insights,
export, practising saying it, reminders) may only appear once that feature's page exists.
Until then, a page may mention the feature only inside an element marked `class="coming"`, and
that element must say in words that it is coming. Every link on those pages must also lead
somewhere (no 404, no error).
"""

from __future__ import annotations

import re
from collections import deque
from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest
from django.core.management import call_command
from django.test import override_settings
from django.urls import NoReverseMatch, reverse

from feelmap.accounts.models import User

pytestmark = pytest.mark.django_db

# feature -> (URL names of the pages that would make the promise true, promising phrases)
PROMISES: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "sharing with a clinician or trusted person": (
        ("care:index",),
        (
            r"choose what (they|your clinician|a clinician) can see",
            r"share (it|this|them|your [a-z ]+|my [a-z ]+) with (your|my|a) clinician",
            r"you and your clinician",
            r"your clinician (can|will|is able to) (see|read)",
            r"shared? with (your|my) clinician",
            r"(they|your clinician) will be able to read",
        ),
    ),
    "Insights": (
        ("insights:index",),
        (r"\blets? insights\b", r"\binsights (can|will|sees?|shows?|uses?)\b", r"so (your )?insights"),
    ),
    "export": (
        ("portability:export", "portability:index", "accounts:export"),
        (r"\bexport (it|them|everything|your)\b", r"\bor export\b",
         r"\bdownload (it|them|everything|your (data|entries|answers|results))\b"),
    ),
    "practising saying it to someone": (
        ("saying:index", "say:index"),
        (r"practi[sc](e|ing) saying it",),
    ),
    "reminders or notifications": (
        ("program:reminders",),
        (r"\breminders?\b", r"\bremind me\b", r"\bwe('ll| will) (remind|notify|e-?mail|text|message) you\b",
         r"\b(clinician|care team) (is|will be) (told|notified|alerted)\b"),
    ),
}

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
        "track", "wbr"}
SAID_AS_COMING = re.compile(r"\bcoming\b|not built yet", re.I)


class ReadablePage(HTMLParser):
    """The words a person reads on a page (text, placeholders, labels), without what is marked
    coming; the coming parts and the page's links kept apart."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.words: list[str] = []
        self.coming: list[list[str]] = []
        self.links: list[str] = []
        self._stack: list[tuple[str, bool, bool]] = []  # (tag, hidden from reading, coming)

    def _inside(self) -> tuple[bool, bool]:
        return (any(h for _, h, _ in self._stack), any(c for _, _, c in self._stack))

    def handle_starttag(self, tag, attrs):
        found = dict(attrs)
        if tag == "a" and found.get("href"):
            self.links.append(found["href"])
        classes = (found.get("class") or "").split()
        coming = "coming" in classes
        if coming:
            self.coming.append([])
        for name in ("placeholder", "title", "aria-label", "alt"):
            if found.get(name):
                self._add(found[name])
        if tag not in VOID:
            self._stack.append((tag, tag in ("script", "style", "template"), coming))

    def handle_endtag(self, tag):
        while self._stack:
            if self._stack.pop()[0] == tag:
                break

    def handle_data(self, data):
        self._add(data)

    def _add(self, text: str) -> None:
        hidden, coming = self._inside()
        if hidden or not text.strip():
            return
        if coming:
            self.coming[-1].append(text)
        else:
            self.words.append(text)


def read(html: str) -> ReadablePage:
    page = ReadablePage()
    page.feed(html)
    return page


def feature_exists(names: tuple[str, ...]) -> bool:
    for name in names:
        try:
            reverse(name)
        except NoReverseMatch:
            continue
        return True
    return False


def broken_promises(text: str) -> list[str]:
    text = re.sub(r"\s+", " ", text)
    found = []
    for feature, (names, phrases) in PROMISES.items():
        if feature_exists(names):
            continue
        for phrase in phrases:
            for match in re.finditer(phrase, text, re.I):
                start = max(match.start() - 60, 0)
                found.append(f"{feature}: …{text[start:match.end() + 40]}…")
    return found


def shape(path: str) -> str:
    """URLs of the same kind share a shape (ids and word slugs blanked), to visit a few each."""
    path = re.sub(r"[0-9a-f]{8}-[0-9a-f-]{27}", "{id}", path)
    return re.sub(r"^/words/(?!family/|search/|quadrants/)[^/]+/", "/words/{word}/", path)


SKIP = re.compile(r"/(logout|delete|remove)/?$|/static/|^/api/|/draft|/autosave/")
PER_SHAPE = 2
MAX_PAGES = 120


def crawl(client, starts: list[str]) -> dict[str, ReadablePage]:
    seen_shapes: dict[str, int] = {}
    pages: dict[str, ReadablePage] = {}
    queue = deque(starts)
    while queue and len(pages) < MAX_PAGES:
        url = queue.popleft()
        if url in pages:
            continue
        response = client.get(url, follow=True)
        assert response.status_code < 400, f"{url} answered {response.status_code}"
        if "text/html" not in response.get("Content-Type", ""):
            continue
        page = read(response.content.decode())
        pages[url] = page
        for href in page.links:
            parts = urlsplit(href)
            if parts.scheme or parts.netloc or not parts.path.startswith("/"):
                continue  # tel:, sms:, https: and in-page links
            link = parts.path + (f"?{parts.query}" if parts.query else "")
            if SKIP.search(parts.path) or link in pages:
                continue
            kind = shape(parts.path)
            if seen_shapes.get(kind, 0) >= PER_SHAPE:
                continue
            seen_shapes[kind] = seen_shapes.get(kind, 0) + 1
            queue.append(link)
    return pages


@pytest.fixture(scope="module")
def demo_pages(django_db_setup, django_db_blocker):
    """Every page reachable from home for a person with a fortnight of demo data."""
    from django.test import Client

    with django_db_blocker.unblock():
        try:
            call_command("demo", days=10, per_day=1, username="promises", stdout=None,
                         stderr=None)
            client = Client()
            client.force_login(User.objects.get(username="promises"))
            pages = crawl(client, ["/", "/help/?from=phq9", "/safety/plan/"])
        finally:
            # Outside any test's transaction: leave nothing behind for the tests that follow.
            User.objects.filter(username="promises").delete()
    return pages


def test_it_reaches_the_main_pages(demo_pages):
    reached = {shape(urlsplit(url).path) for url in demo_pages}
    for expected in ("/", "/checkin/quick/", "/journal/write/", "/practice/", "/measures/",
                     "/safety/plan/", "/help/"):
        assert expected in reached, sorted(reached)


def test_no_signed_in_page_promises_a_feature_that_does_not_exist(demo_pages):
    broken = {url: found for url, page in demo_pages.items()
              if (found := broken_promises(" ".join(page.words)))}
    assert not broken, broken


def test_what_is_not_built_yet_is_said_to_be_coming(demo_pages):
    for url, page in demo_pages.items():
        for words in page.coming:
            assert SAID_AS_COMING.search(" ".join(words)), (url, words)


@override_settings(FEELMAP_MODE="local")
def test_no_signed_out_page_promises_a_feature_that_does_not_exist(client):
    for url in (reverse("accounts:welcome"), reverse("accounts:login"), reverse("core:crisis")):
        response = client.get(url)
        assert response.status_code == 200, url
        page = read(response.content.decode())
        assert not broken_promises(" ".join(page.words)), url


def test_it_finds_a_broken_promise_in_a_page():
    # The check itself: a promise outside a "coming" element is caught, inside one it is not.
    html = ("<p>Rating the same set lets Insights see how finely you tell feelings apart.</p>"
            "<p class='coming'>Coming: export your entries.</p>")
    page = read(html)
    if not feature_exists(PROMISES["Insights"][0]):
        assert broken_promises(" ".join(page.words))
    assert not broken_promises("Practise now.")
    assert page.coming == [["Coming: export your entries."]]
