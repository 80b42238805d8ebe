"""The authorization matrix: every page route and every API operation × role × method.

The routes come from Django's URL table (walked recursively) and the API operations from the
OpenAPI document, so a new route is checked without anyone adding it here. A route with a URL
parameter this module cannot fill fails `test_every_parameter_can_be_filled` until a value is
added to `SLUG_VALUES`; a page anonymous people may read must be listed in `PUBLIC_PAGES`.

One owner gets every kind of record through the apps' own demo generators and services; the
other roles then try every door with the owner's real ids. Each request runs in a savepoint that
is rolled back, so the owner's data stays the same for every request.

Linked viewers (the care app): the owner links a clinician and a trusted person with every
grant, a clinician whose link was revoked, and one viewer per grant kind (clinicians and trusted
people in turn). Kinds come from `feelmap.care.kinds.KINDS`, so a new kind gets its role. For
them `care:shared` must answer 200 exactly for the granted kinds (404 otherwise) and
`care:person` 200 exactly for a live link; every other owner route is shut as for anyone else,
and a shared page shows only text of the kinds granted. Links and grants are read only by
`feelmap.care`, so the single-grant roles and the revoked one try the care routes (page
namespace and API segment `care`), while the two all-grants roles try every route.
"""

from __future__ import annotations

import functools
import importlib
import json
import random
import re
import uuid
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import timedelta

from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import timezone

from tests.digest import owned_models, person_digest

METHODS = ("get", "post", "put", "patch", "delete")


@dataclass(frozen=True)
class Linked:
    """A viewer the owner linked with: "clinician" or "trusted", the kinds granted, live or
    revoked."""

    viewer: str
    kinds: frozenset[str]
    live: bool = True


def _linked_roles() -> dict[str, Linked]:
    from feelmap.care.kinds import KINDS

    every = frozenset(KINDS)
    roles = {"clinician_with_all": Linked("clinician", every),
             "trusted_with_all": Linked("trusted", every),
             "revoked_clinician": Linked("clinician", every, live=False)}
    for n, kind in enumerate(KINDS):
        viewer = "clinician" if n % 2 == 0 else "trusted"
        roles[f"{viewer}_with_{kind}"] = Linked(viewer, frozenset({kind}))
    return roles


LINKED = _linked_roles()
# Roles that try every route; the single-grant roles try the care routes only (see above).
FULL_ROLES = ("anonymous", "owner", "other", "clinician", "clinician_with_all",
              "trusted_with_all")
ROLES = FULL_ROLES + tuple(r for r in LINKED if r not in FULL_ROLES)
# Care addresses for viewers: never the owner's own door (the owner is no viewer of
# themselves), proven open by the linked roles instead. "link": open (GET 200) for any live
# link; "kind": open only when the `kind` in the address is granted; "report": open when a kind
# the PDF report reads is granted. A new viewer route is added here; one not in this repository
# yet is simply not tried.
# Care routes whose ids the owner's own GET cannot open here: records made through a link
# (comments, suggestions, flags) or ids of another app's record; their access (no link, grant
# missing, ended link, another person, trusted person) is tested in tests/care/test_access_new.py.
CARE_MADE_THROUGH_A_LINK = {
    "care:record", "care:reply", "care:delete_thread", "care:share_entry", "care:undo_style",
    "care:assignment_done", "care:end_assignment", "care:assign", "care:set_style",
    "care:flag_seen", "put /api/v1/care/people/{person_id}/style",
    "post /api/v1/care/people/{person_id}/assignments"}
VIEWER_ROUTES = {"care:person": "link", "care:shared": "kind", "care:report": "report",
                 "get /api/v1/care/people/{person_id}/{kind}": "kind"}
# What a clinician (not a trusted person) may do on any live link, whatever it shares: suggest
# practices and set the path's style (the person is told and can undo it). Open (any answer
# but 404) for a live clinician link; 404 for trusted people, ended links and everyone else.
CLINICIAN_LINK_ROUTES = {
    "care:assign", "care:set_style", "put /api/v1/care/people/{person_id}/style",
    "get /api/v1/care/people/{person_id}/assignments",
    "post /api/v1/care/people/{person_id}/assignments"}
# Which apps' text each shared kind may show (insights draw on check-ins, journal words,
# practices and questionnaires).
KIND_APPS = {"checkins": {"checkins"}, "journal": {"journal"}, "practices": {"practices"},
             "questionnaires": {"assessments"}, "saying": {"saying"}, "safety_plan": {"safety"},
             "insights": {"insights", "checkins", "journal", "practices", "assessments"}}

# Pages anyone may open without signing in (content, sign-in and the crisis page). Anything
# else that answers 200 to an anonymous visitor is a finding.
PUBLIC_PAGES = {
    "accounts:welcome", "accounts:login", "accounts:invitation",
    "core:crisis", "core:healthz", "core:coming", "api:openapi-json",
    "lexicon:index", "lexicon:quadrants", "lexicon:search", "lexicon:family", "lexicon:word",
}
# URLs of the API that are not operations in its document: tried as pages.
API_PAGES = {"api/v1/", "api/v1/openapi.json"}
# API operations without authentication.
PUBLIC_API: set[tuple[str, str]] = {("get", "/api/v1/openapi.json")}

# The API's first path segment → the app whose records its ids name.
API_APPS = {"checkins": "checkins", "journal": "journal", "practices": "practices",
            "heartbeat": "heartbeat", "say": "saying", "assessments": "assessments",
            "safety": "safety", "program": "program", "insights": "insights", "tokens": "accounts"}

MARKER = "Quillfen"  # a word in none of the content files, put in the owner's free text


@functools.cache
def _slug_values() -> dict[tuple[str, str], list[str]]:
    """Plausible values for non-id URL parameters: real content keys where they exist."""
    from feelmap.assessments.instruments import all_instruments
    from feelmap.care.kinds import KINDS
    from feelmap.lexicon.views import word_slug
    from feelmap.lexicon.vocabulary import load_vocabulary
    from feelmap.portability.files import FORMATS
    from feelmap.practices.activities import load_activities
    from feelmap.program.content import load_pages
    from feelmap.saying.scenarios import load_library

    vocabulary = load_vocabulary()
    now = timezone.localdate()
    return {
        ("assessments", "key"): [all_instruments()[0].key],
        ("lexicon", "slug"): [word_slug(vocabulary.words[0].word)],
        ("lexicon", "key"): [vocabulary.words[0].family],
        ("lexicon", "word"): [vocabulary.words[0].word],
        ("saying", "scenario_id"): [load_library().scenarios[0].id],
        ("practices", "activity_id"): [load_activities()[0].id],
        ("program", "slug"): [load_pages().pages[0].slug],
        ("core", "section"): ["care"],
        ("care", "kind"): sorted(KINDS),
        ("care", "flag"): ["item9", "silence"],
        ("portability", "fmt"): sorted(FORMATS),
        ("checkins", "key"): ["new"],
        ("journal", "key"): ["new"],
        ("journal", "word"): [vocabulary.words[0].word],
        ("checkins", "year"): [str(now.year)],
        ("checkins", "month"): [str(now.month)],
        # Secrets in the address: the owner's real ones are only stored hashed, so a made-up
        # one checks the refusal path; the owner's own feed and invitations are tested in
        # their apps.
        ("accounts", "token"): ["not-a-real-invitation"],
        ("program", "token"): ["not-a-real-feed-token"],
    }


# --- routes ------------------------------------------------------------------------------

@dataclass(frozen=True)
class Route:
    kind: str  # "page" or "api"
    name: str  # "journal:entry" or "put /api/v1/journal/{public_id}"
    template: str  # "/journal/<uuid:public_id>/" or "/api/v1/journal/{public_id}"
    app: str
    params: tuple[tuple[str, str], ...]  # (converter, name)
    methods: tuple[str, ...] = METHODS
    body_schema: dict | None = None


def _walk(resolver, prefix="", namespace=""):
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            ns = entry.namespace or namespace
            yield from _walk(entry, prefix + str(entry.pattern), ns)
        elif isinstance(entry, URLPattern):
            yield prefix + str(entry.pattern), namespace, entry.name


PARAM = re.compile(r"<(?:(\w+):)?(\w+)>")


def page_routes() -> list[Route]:
    routes = []
    for pattern, namespace, name in _walk(get_resolver()):
        if namespace == "api" and pattern not in API_PAGES:
            continue  # the API is covered operation by operation from its OpenAPI document
        assert not pattern.startswith("^"), f"regex route {pattern!r}: teach this module its parameters"
        params = tuple((conv or "str", pname) for conv, pname in PARAM.findall(pattern))
        # Pages answer GET and POST; the other methods matter where an address names a record
        # (a view that treats PUT like GET would otherwise only re-render a public page).
        methods = METHODS if params else ("get", "post")
        routes.append(Route("page", f"{namespace}:{name}", "/" + pattern, namespace, params, methods))
    return routes


def api_routes(document: dict) -> list[Route]:
    routes = []
    for path, operations in document["paths"].items():
        segment = path.removeprefix("/api/v1/").split("/")[0]
        for method, operation in operations.items():
            app = API_APPS.get(segment, segment)
            params = tuple(
                ("uuid" if p.get("schema", {}).get("format") == "uuid"
                 or ((p["name"] == "id" or p["name"].endswith("_id"))
                     and (app, p["name"]) not in _slug_values()) else "str", p["name"])
                for p in operation.get("parameters", []) if p["in"] == "path"
            )
            body = (operation.get("requestBody", {}).get("content", {})
                    .get("application/json", {}).get("schema"))
            routes.append(Route("api", f"{method} {path}", path, app,
                                params, (method,), body))
    return routes


# --- the owner's world -------------------------------------------------------------------

def _free_text(value) -> list[str]:
    """Longer strings in a stored value (JSON is opened up), to look for in others' answers."""
    if isinstance(value, str):
        try:
            inner = json.loads(value)
        except ValueError:
            return [value] if len(value) >= 20 else []
        if isinstance(inner, str):
            return [inner] if len(inner) >= 20 else []
        return _free_text(inner)
    if isinstance(value, dict):
        return [s for v in value.values() for s in _free_text(v)]
    if isinstance(value, list):
        return [s for v in value for s in _free_text(v)]
    return []


@dataclass
class World:
    owner: object
    users: dict[str, object | None]
    ids_by_app: dict[str, list[str]]
    secrets: list[str]
    secret_apps: dict[str, set[str]] = field(default_factory=dict)  # secret → apps it is from
    checked: Counter = field(default_factory=Counter)
    statuses: Counter = field(default_factory=Counter)  # (role, kind, method, status)
    owner_reached: dict[str, bool] = field(default_factory=dict)  # object route → a GET worked
    viewer_opened: set[str] = field(default_factory=set)  # care viewer routes a viewer opened
    problems: list[str] = field(default_factory=list)


def _build_owner():
    from feelmap.accounts.models import User
    from feelmap.accounts.schemas import TokenCreate
    from feelmap.accounts.services import token_create
    from feelmap.core.management.commands.demo import DEMO_PARTS
    from feelmap.heartbeat import services as heartbeat
    from feelmap.heartbeat.schemas import GuessIn
    from feelmap.journal import services as journal
    from feelmap.journal.schemas import JournalEntryIn
    from feelmap.practices import services as practices
    from feelmap.practices.schemas import PracticeSessionIn
    from feelmap.safety.plan import empty_plan
    from feelmap.safety.services import save_plan

    owner = User.objects.create_user(username="owner_matrix", password="a long owner passphrase")
    rng = random.Random(7)
    for dotted in DEMO_PARTS:
        importlib.import_module(dotted).generate(
            owner, days=3, per_day=1, rng=rng, progress=lambda *a: None)
    journal.create_entry(owner=owner, data=JournalEntryIn(
        title=f"{MARKER} title", body=f"{MARKER} wrote this about the weekend and the rain."))
    plan = empty_plan()
    plan[next(iter(plan))] = [f"{MARKER} walks to the river when it gets bad"]
    save_plan(owner, plan, shared=False, based_on=None)
    heartbeat.record_guess(owner, GuessIn(
        started_at=timezone.now() - timedelta(minutes=5), source="simulated",
        guess_bpm=70, measured_bpm=72.0))
    token_create(owner, TokenCreate(label=f"{MARKER} laptop"))
    # A body scan still under way (its page only opens before it ends).
    practices.record_session(owner=owner, data=PracticeSessionIn(
        kind="bodyscan", scan="short", started_at=timezone.now() - timedelta(minutes=2)))
    return owner


def _snapshot(owner) -> str:
    """A digest of every row the owner has (tests/digest.py), their links and grants included;
    the audit is left out: a viewer's read adds an entry, as it should."""
    return person_digest(owner, leave_out=("care.AuditEntry",))


def _extra_roles(owner) -> dict[str, object]:
    """The linked viewers of LINKED: each their own account, linked with the owner."""
    from feelmap.accounts.models import User
    from feelmap.care.models import Grant, Link

    users = {}
    for name, linked in LINKED.items():
        viewer = User.objects.create_user(
            username=f"{name}_matrix", password="a viewer passphrase",
            role="clinician" if linked.viewer == "clinician" else "person")
        link = Link.objects.create(person=owner, viewer=viewer, role=linked.viewer)
        if linked.live:
            Grant.objects.bulk_create([Grant(link=link, kind=k) for k in sorted(linked.kinds)])
        else:
            link.revoked_at = timezone.now()  # ending a link deletes its grants
            link.save(update_fields=["revoked_at"])
        users[name] = viewer
    return users


@contextmanager
def owner_world() -> Iterator[World]:
    """The owner with every kind of record, the other roles' accounts and links, the owner's
    ids and free text; all rolled back on leaving."""
    from feelmap.accounts.models import User

    with transaction.atomic():
        owner = _build_owner()
        users = {
            "anonymous": None,
            "owner": owner,
            "other": User.objects.create_user(username="other_matrix", password="another long one"),
            "clinician": User.objects.create_user(username="clin_matrix", password="a clinician one",
                                                  role="clinician"),
            **_extra_roles(owner),
        }
        from feelmap.care.models import Link

        ids: dict[str, list[str]] = {
            # The owner's own links, one live and one ended, for the link addresses.
            "care": [str(Link.objects.get(viewer=users[name]).public_id)
                     for name in ("clinician_with_all", "revoked_clinician")],
        }
        secrets = [MARKER]
        secret_apps: dict[str, set[str]] = {}
        for model, owner_field in owned_models():
            rows = list(model.objects.filter(**{owner_field: owner}))
            if rows and any(f.name == "public_id" for f in model._meta.fields):
                # One record of each kind (a body scan and a breathing session open different
                # pages), or the first record.
                by_kind = {getattr(row, "kind", None): row for row in reversed(rows)}
                ids.setdefault(model._meta.app_label, []).extend(
                    str(row.public_id) for row in by_kind.values())
            for row in rows:
                for f in model._meta.fields:
                    if f.get_internal_type() == "TextField" or type(f).__name__ == "EncryptedTextField":
                        found = _free_text(getattr(row, f.attname))
                        secrets += found
                        for text in found:
                            secret_apps.setdefault(text, set()).add(model._meta.app_label)
        yield World(owner, users, ids, sorted(set(secrets)), secret_apps)
        transaction.set_rollback(True)


# --- filling URLs and bodies ---------------------------------------------------------------

def _fills(route: Route, world: World) -> list[dict[str, str]]:
    """Every way to fill the route's parameters from the owner's real objects."""
    values = _slug_values()
    combos: list[dict[str, str]] = [{}]
    for conv, name in route.params:
        if conv == "uuid" and name == "person_id":
            options = [str(world.owner.public_id)]  # a person's own id, as care addresses use
        elif conv == "uuid":
            options = world.ids_by_app.get(route.app) or [str(uuid.uuid4())]
        else:
            options = values.get((route.app, name))
            if options is None:
                raise LookupError(f"{route.name}: no value for parameter {name!r}")
        combos = [{**c, name: v} for c in combos for v in options]
    return combos


def _url(route: Route, filled: dict[str, str]) -> str:
    if route.kind == "page":
        return PARAM.sub(lambda m: filled[m.group(2)], route.template)
    return re.sub(r"\{(\w+)\}", lambda m: filled[m.group(1)], route.template)


def _example(schema: dict, components: dict, depth: int = 0):
    """A small value that fits the JSON schema, so the request reaches the view."""
    if "$ref" in schema:
        return _example(components[schema["$ref"].split("/")[-1]], components, depth)
    for key in ("anyOf", "oneOf", "allOf"):
        if key in schema:
            options = [s for s in schema[key] if s.get("type") != "null"] or schema[key]
            return _example(options[0], components, depth)
    if "default" in schema:
        return schema["default"]
    if "enum" in schema:
        return schema["enum"][0]
    if "const" in schema:
        return schema["const"]
    kind = schema.get("type")
    if kind == "object" or "properties" in schema:
        if depth > 4:
            return {}
        required = schema.get("required", list(schema.get("properties", {})))
        return {k: _example(v, components, depth + 1)
                for k, v in schema.get("properties", {}).items() if k in required}
    if kind == "array":
        item = _example(schema.get("items", {}), components, depth + 1)
        return [item] * max(schema.get("minItems", 0), 1 if depth < 3 else 0)
    if kind == "string":
        if schema.get("format") == "date-time":
            return (timezone.now() - timedelta(hours=1)).isoformat()
        if schema.get("format") == "date":
            return timezone.localdate().isoformat()
        if schema.get("format") == "uuid":
            return str(uuid.uuid4())
        return "calm" if schema.get("maxLength", 10) >= 4 else "a"
    if kind == "integer":
        return int(schema.get("minimum", 1))
    if kind == "number":
        return float(schema.get("minimum", 1))
    if kind == "boolean":
        return False
    return None


def _body(route: Route, url: str, document: dict, owner_client: Client):
    if route.body_schema is None:
        return None
    components = document.get("components", {}).get("schemas", {})
    schema = route.body_schema
    if "$ref" in schema:
        schema = components[schema["$ref"].split("/")[-1]]
    body = _example(schema, components)
    if route.params and isinstance(body, dict):
        # For edits, the owner's own record (as the API shows it) is the most plausible body.
        shown = owner_client.get(url)
        if shown.status_code == 200 and isinstance(shown.json(), dict):
            body.update({k: v for k, v in shown.json().items() if k in schema.get("properties", {})})
    return body


# --- one request, judged -----------------------------------------------------------------

def _client(world: World, role: str) -> Client:
    client = Client(raise_request_exception=False)
    if world.users[role] is not None:
        client.force_login(world.users[role])
    return client


def _forbidden_secrets(world: World, role: str, route: Route, filled: dict[str, str],
                       opened: bool) -> list[str]:
    """The owner's text this response may not show: all of it, except on a shared page the
    role may open, where the text of the granted kind is expected."""
    if role not in LINKED or VIEWER_ROUTES.get(route.name) != "kind" or not opened:
        return world.secrets
    allowed_apps = KIND_APPS.get(filled["kind"], set())
    allowed = {s for s, found_in in world.secret_apps.items() if found_in & allowed_apps}
    # The marker word alone is in several kinds; the longer texts tell them apart.
    return [s for s in world.secrets if s not in allowed and s != MARKER
            and not any(s in text for text in allowed)]


def _linked_expectation(role: str, route: Route, filled: dict[str, str]) -> bool | None:
    """For a linked viewer on a care viewer page: must it open (True) or stay shut (False)?
    None for every other route."""
    linked = LINKED.get(role)
    if linked is not None and route.name in CLINICIAN_LINK_ROUTES:
        return linked.live and linked.viewer == "clinician"
    if linked is None or route.name not in VIEWER_ROUTES:
        return None
    rule = VIEWER_ROUTES[route.name]
    if rule == "link":
        return linked.live
    if rule == "report":
        from feelmap.care.report import kinds_used

        return linked.live and bool(kinds_used(linked.kinds))
    return linked.live and filled["kind"] in linked.kinds


def _try(world: World, role: str, client: Client, route: Route, method: str, url: str, body,
         filled: dict[str, str]):
    before = _snapshot(world.owner) if method != "get" else None
    with transaction.atomic():
        if route.kind == "api":
            kwargs = {"data": json.dumps(body), "content_type": "application/json"} if body is not None else {}
        else:
            kwargs = {"data": {"note": f"{role} was here"}} if method == "post" else {}
        response = getattr(client, method)(url, **kwargs)
        if response.streaming:  # a download: read it inside the savepoint
            content = b"".join(response.streaming_content)
        else:
            content = response.content
        after = _snapshot(world.owner) if before is not None else None
        transaction.set_rollback(True)
    world.checked[(route.kind, role, method)] += 1
    world.statuses[(role, route.kind, method, response.status_code)] += 1
    where = f"{role} {method.upper()} {url} ({route.name})"
    status = response.status_code
    if status >= 500:
        world.problems.append(f"{where}: {status}")
    if role == "owner":
        if any(conv == "uuid" for conv, _ in route.params):
            opened = status not in (404, 405)
            world.owner_reached[route.name] = world.owner_reached.get(route.name, False) or opened
        return status
    if before != after and not (role in LINKED and route.name in CARE_MADE_THROUGH_A_LINK
                                and status < 400):
        # A linked clinician may set the path style (the person is told and can undo it).
        world.problems.append(f"{where}: changed the owner's data (answered {status})")
    must_open = _linked_expectation(role, route, filled)
    text = content.decode(errors="replace")
    for secret in _forbidden_secrets(world, role, route, filled, bool(must_open)):
        if secret in text:
            world.problems.append(f"{where}: shows the owner's text {secret[:40]!r}")
            break
    if must_open is not None:
        if must_open and route.name in CLINICIAN_LINK_ROUTES:
            if status == 404:
                world.problems.append(f"{where}: 404, but a linked clinician may do this")
        elif must_open and method == "get":
            if status != 200:
                world.problems.append(f"{where}: {status}, but this was shared with them")
            else:
                world.viewer_opened.add(route.name)
        elif not must_open and status not in (404, 405):
            world.problems.append(f"{where}: answered {status}, but this is not shared with them")
        return status
    owner_object = any(conv == "uuid" for conv, _ in route.params)
    if role == "anonymous":
        public = route.name in PUBLIC_PAGES or (method, route.template) in PUBLIC_API
        if status == 200 and not public:
            world.problems.append(f"{where}: 200 for someone not signed in")
        location = response.get("Location", "")
        if status in (301, 302) and not public and not (location.startswith("/accounts/") or location == "/"):
            world.problems.append(f"{where}: redirects to {response['Location']}, not to sign in")
    elif owner_object:
        if status not in (403, 404, 405, 422):
            world.problems.append(f"{where}: answered {status} on the owner's object")
    return status


def _run(world: World, role: str, routes: list[Route], document: dict) -> None:
    owner_client = _client(world, "owner")
    client = _client(world, role)
    for route in routes:
        for filled in _fills(route, world):
            url = _url(route, filled)
            body = _body(route, url, document, owner_client) if route.kind == "api" else None
            for method in route.methods:
                if role != "anonymous" and client.session.session_key is None:
                    client.force_login(world.users[role])  # a logout page ended the session
                _try(world, role, client, route, method, url, body, filled)


# --- the parts ---------------------------------------------------------------------------
# The roles are split over test modules so pytest-xdist (which hands out whole files) can run
# them on different workers: test_authz_matrix_<part>.py runs the roles of one part, every
# route for each. A role lands in a part by rule, so a new role (a new care kind) is tried
# without anyone adding it; test_authz_matrix.py checks every role is in exactly one part and
# every part has its module.

PARTS = ("people", "linked", "grants")


def part_of(role: str) -> str:
    """"people": no link with the owner (the owner too); "linked": viewers linked with every
    grant, live or ended; "grants": viewers linked with one kind each."""
    linked = LINKED.get(role)
    if linked is None:
        return "people"
    from feelmap.care.kinds import KINDS

    return "linked" if linked.kinds == frozenset(KINDS) else "grants"


def roles_in(part: str) -> list[str]:
    return [role for role in ROLES if part_of(role) == part]


def check_role(world: World, document: dict, role: str) -> None:
    """Every route (the care routes only for the single-grant roles) × method for one role,
    judged request by request; fails with the problems found."""
    routes = page_routes() + api_routes(document)
    if role not in FULL_ROLES:
        routes = [r for r in routes if r.app == "care"]
    _run(world, role, routes, document)
    counts = {k: v for k, v in world.checked.items() if k[1] == role}
    total = sum(counts.values())
    print(f"\nrole {role}: {len(routes)} routes, {total} requests, "
          f"{sum(1 for p in world.problems if p.startswith(role + ' '))} problems")
    print(sorted((k[1:], v) for k, v in world.statuses.items() if k[0] == role))
    mine = [p for p in world.problems if p.startswith(role + " ")]
    if role == "owner":
        # The doors are only tried for real if the owner's own ids open them.
        unreached = sorted(name for name, ok in world.owner_reached.items()
                           if not ok and name not in VIEWER_ROUTES
                           and name not in CARE_MADE_THROUGH_A_LINK
                           and not name.split(" ")[-1].startswith("/api/v1/care/"))
        assert unreached == [], f"no method opened the owner's own record at {unreached}"
    assert mine == [], "\n".join(mine[:60])

