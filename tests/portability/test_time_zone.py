"""The person's time zone (accounts.User.time_zone, what "today" is for them) leaves with the
profile since format version 3 and comes back on import; older files import as before."""

from __future__ import annotations

import copy
import io
import json

import pytest

from feelmap.accounts.models import User
from feelmap.portability.exporting import write_json
from feelmap.portability.importing import ImportRefused, import_file
from feelmap.portability.registry import VERSION

pytestmark = pytest.mark.django_db


def _export(user) -> dict:
    out = io.StringIO()
    write_json(user, out)
    return json.loads(out.getvalue())


def _import(user, doc: dict):
    return import_file(user, io.BytesIO(json.dumps(doc).encode()))


def _zoned(username: str, zone: str, name: str = "") -> User:
    user = User.objects.create_user(username=username, password="a long passphrase 7")
    user.time_zone, user.display_name = zone, name
    user.save(update_fields=["time_zone", "display_name"])
    return user


def test_the_time_zone_goes_out_and_comes_back(person):
    person.time_zone, person.display_name = "Pacific/Auckland", "Wren"
    person.save(update_fields=["time_zone", "display_name"])
    doc = _export(person)
    assert doc["version"] == VERSION == 3
    assert doc["data"]["profile"] == [{"display_name": "Wren", "time_zone": "Pacific/Auckland"}]
    person.delete()

    again = _zoned("kestrel", "")
    result = _import(again, doc)
    again.refresh_from_db()
    assert (again.time_zone, again.display_name) == ("Pacific/Auckland", "Wren")
    assert result.updated["profile"] == 1
    assert _export(again)["data"]["profile"] == doc["data"]["profile"]


def test_an_empty_time_zone_in_the_file_is_the_servers_and_is_restored_too(person):
    doc = _export(person)  # never chose one: ""
    assert doc["data"]["profile"][0]["time_zone"] == ""
    moved = _zoned("kestrel", "America/Los_Angeles")
    _import(moved, doc)
    moved.refresh_from_db()
    assert moved.time_zone == ""


@pytest.mark.parametrize("old_version", [1, 2])
def test_an_older_file_without_the_time_zone_imports_as_before(person, old_version):
    person.display_name = "Wren"
    person.save(update_fields=["display_name"])
    doc = _export(person)
    doc["version"] = old_version
    del doc["data"]["profile"][0]["time_zone"]
    somewhere = _zoned("kestrel", "Europe/Paris", name="River")
    result = _import(somewhere, doc)
    somewhere.refresh_from_db()
    assert somewhere.display_name == "Wren"  # the profile is read as it always was
    assert somewhere.time_zone == "Europe/Paris"  # and the zone the file lacks is kept
    assert result.updated["profile"] == 1


def test_a_current_file_without_the_time_zone_is_refused(person):
    doc = _export(person)
    del doc["data"]["profile"][0]["time_zone"]
    with pytest.raises(ImportRefused) as refused:
        _import(_zoned("kestrel", "Europe/Paris"), doc)
    assert any("profile[0]: time_zone:" in p for p in refused.value.problems)


@pytest.mark.parametrize("bad", ["Mars/Olympus_Mons", "europe/london ", "../../etc/passwd",
                                 "x" * 65, 5])
def test_a_time_zone_feelmap_does_not_know_is_refused_and_nothing_changes(person, bad):
    person.display_name = "Wren"
    person.save(update_fields=["display_name"])
    doc = copy.deepcopy(_export(person))
    doc["data"]["profile"][0]["time_zone"] = bad
    kept = _zoned("kestrel", "Europe/Paris", name="River")
    with pytest.raises(ImportRefused) as refused:
        _import(kept, doc)
    assert any(p.startswith("profile[0]: time_zone: ") for p in refused.value.problems), \
        refused.value.problems
    kept.refresh_from_db()
    assert (kept.time_zone, kept.display_name) == ("Europe/Paris", "River")


def test_the_data_page_names_a_bad_time_zone(person, other_client, other_person):
    doc = _export(person)
    doc["data"]["profile"][0]["time_zone"] = "Mars/Olympus_Mons"
    response = other_client.post("/accounts/data/import/",
                                 {"file": io.BytesIO(json.dumps(doc).encode())})
    page = response.content.decode()
    assert response.status_code == 422
    assert "Nothing was imported" in page and "not a time zone this Feelmap knows" in page
    other_person.refresh_from_db()
    assert other_person.time_zone == ""
