import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_it_answers_the_floor_view(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.content == b"ok"


def test_it_shows_the_loop_on_the_home_page(person_client):
    response = person_client.get("/")
    body = response.content.decode()
    for label in ["Check in", "Journal", "Practice", "Insights", "Care"]:
        assert label in body
    assert "Need help now?" in body


def test_it_shows_a_friendly_404(person_client):
    response = person_client.get("/no/such/page/")
    assert response.status_code == 404
    assert b"couldn't find that page" in response.content
    assert b"Need help now?" in response.content


def test_it_sends_strict_security_headers(person_client):
    response = person_client.get("/")
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp
    assert "unsafe-inline" not in csp
    assert "frame-ancestors 'none'" in csp
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cache-Control"] == "no-store"
    assert response["Referrer-Policy"] == "same-origin"


def test_it_has_no_inline_script_in_any_template():
    import re
    from pathlib import Path

    root = Path(__file__).resolve().parents[2] / "feelmap"
    offenders = []
    for template in root.rglob("templates/**/*.html"):
        text = template.read_text()
        for tag in re.findall(r"<script\b[^>]*>", text):
            if "src=" not in tag and 'type="application/json"' not in tag:
                offenders.append(f"{template.name}: {tag}")
        if re.search(r"\son[a-z]+=", text) or "style=" in text:
            offenders.append(f"{template.name}: inline handler or style")
    assert not offenders


def test_it_shows_crisis_resources_to_anyone(client):
    response = client.get(reverse("core:crisis"))
    body = response.content.decode()
    assert response.status_code == 200
    assert "Nobody monitors Feelmap" in body
    assert "tel:" in body or "http" in body


def test_it_picks_crisis_resources_from_the_browser_language(client):
    response = client.get(reverse("core:crisis"), HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.8")
    assert "116 123" in response.content.decode()


def test_it_picks_crisis_resources_from_the_chosen_locale(client):
    response = client.get(reverse("core:crisis") + "?locale=US")
    assert "988" in response.content.decode()


def test_it_says_which_country_is_shown_and_puts_the_choice_above_the_list(client):
    body = client.get(reverse("core:crisis"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.8").content.decode()
    assert "Showing services in <strong>United States</strong>, guessed from your browser" in body
    # An English (US) browser in Australia must meet the country choice before 911 and 988.
    assert body.index('id="locale"') < body.index('class="resources"') < body.index("tel:911")
    chosen = client.get(reverse("core:crisis") + "?locale=AU").content.decode()
    assert "Showing services in <strong>Australia</strong>." in chosen and "13 11 14" in chosen
    unknown = client.get(reverse("core:crisis"), HTTP_ACCEPT_LANGUAGE="pt-BR").content.decode()
    assert "Showing <strong>international</strong> help: Feelmap could not tell which country" in unknown


def test_it_never_implies_someone_is_listening(client, person_client):
    for response in (client.get(reverse("core:crisis") + "?from=phq9"),
                     person_client.get(reverse("core:crisis") + "?from=phq9")):
        body = response.content.decode()
        assert "Thank you for telling us" not in body
        assert "Nobody monitors Feelmap" in body


def test_it_shows_the_services_added_for_ireland_and_new_zealand(client):
    ireland = client.get(reverse("core:crisis") + "?locale=IE").content.decode()
    assert "tel:1800247247" in ireland and "sms:50808" in ireland
    new_zealand = client.get(reverse("core:crisis") + "?locale=NZ").content.decode()
    assert "tel:0800543354" in new_zealand and "tel:0508828865" in new_zealand


def test_it_is_clean_under_the_clinic_deploy_checklist(monkeypatch):
    """`check --deploy` must be clean with clinic settings; run it in a fresh interpreter."""
    import subprocess
    import sys

    env = {
        "PATH": "/usr/bin:/bin",
        "FEELMAP_MODE": "clinic",
        # Clinic mode on SQLite is itself a deploy error; the database need not answer.
        "DATABASE_URL": "postgres://feelmap@127.0.0.1:9/feelmap",
        "FEELMAP_SECRET_KEY": "x" * 20 + "a-long-random-looking-secret-key-for-the-check-only",
        "FEELMAP_ENCRYPTION_KEYS": "Z2V0LWEtcmVhbC1rZXktZnJvbS1mZXJuZXQtMTIzNDU=",
        "FEELMAP_ALLOWED_HOSTS": "feelmap.example.org",
        "DJANGO_SETTINGS_MODULE": "feelmap.settings",
    }
    result = subprocess.run(
        [sys.executable, "-m", "django", "check", "--deploy", "--fail-level", "WARNING"],
        env=env, capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_it_ties_help_and_errors_to_their_inputs(client):
    import re

    response = client.post(reverse("accounts:welcome"), {"username": "", "password1": "x", "password2": "y"})
    html = response.content.decode()
    for described in re.findall(r'aria-describedby="([^"]+)"', html):
        for target in described.split():
            assert f'id="{target}"' in html, f"aria-describedby points at a missing id {target}"
    assert 'aria-invalid="true"' in html


def test_it_offers_a_practice_and_the_latest_check_in_on_the_home_page(person_client, person):
    from django.utils import timezone

    from feelmap.checkins.models import CheckIn

    body = person_client.get("/").content.decode()
    assert "A suggestion for today" in body
    assert "No check-ins yet" in body
    checkin = CheckIn.objects.create(owner=person, kind="quick", occurred_at=timezone.now())
    body = person_client.get("/").content.decode()
    assert f"/checkin/{checkin.public_id}/" in body


def test_it_never_shows_another_persons_check_in_on_the_home_page(person_client, other_person):
    from django.utils import timezone

    from feelmap.checkins.models import CheckIn

    theirs = CheckIn.objects.create(owner=other_person, kind="quick", occurred_at=timezone.now())
    assert str(theirs.public_id) not in person_client.get("/").content.decode()


def test_the_main_nav_marks_the_section_of_the_page(person_client):
    import re

    def current(path):
        body = person_client.get(path).content.decode()
        nav = body[body.index('<ul class="nav">'):body.index("</ul>", body.index('<ul class="nav">'))]
        return re.findall(r'<a href="([^"]+)" aria-current="page">([^<]+)</a>', nav)

    assert current("/checkin/timeline/") == [("/checkin/", "Check in")]
    assert current("/words/search/?q=calm") == [("/words/", "Words")]
    assert current("/") == []
    home = person_client.get("/").content.decode()
    assert 'href="/checkin/">Check in</a>' in home and 'href="/say/">Practise saying it</a>' in home
    assert current("/say/build/") == [("/say/", "Say")]
