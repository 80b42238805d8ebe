"""Two schemas with one name share one entry in the OpenAPI document, so one of them is
documented with the other's shape (issue 10 found it for the check-in and journal `LabelIn`).
Every schema class named in the document must be the only feelmap class with that name."""

from __future__ import annotations

import importlib
import pkgutil
from collections import defaultdict

from pydantic import BaseModel

import feelmap

# Found when this test was written; each belongs to another area. Remove an entry when fixed.
KNOWN = {
    "Error": "feelmap.saying.schemas defines its own; import feelmap.lib.schemas.Error",
    "ValidationErrorOut": "feelmap.saying.schemas defines its own; import it from feelmap.lib.schemas",
    "SensationIn": "feelmap.checkins.api and feelmap.lexicon.api both define one",
    "SensationOut": "feelmap.checkins.schemas and feelmap.lexicon.api both define one (the "
    "lexicon answer is documented with the check-in's required 'intensity')",
    "PracticeOut": "feelmap.program.schemas and feelmap.saying.schemas both define one",
    "ListParams": "feelmap.checkins.api and feelmap.saying.schemas both define one",
}


def _subclasses(cls: type) -> set[type]:
    found = set()
    for sub in cls.__subclasses__():
        found.add(sub)
        found |= _subclasses(sub)
    return found


def test_each_documented_schema_name_belongs_to_one_class():
    for module in pkgutil.walk_packages(feelmap.__path__, "feelmap."):
        if module.name.rsplit(".", 1)[-1] in ("api", "schemas"):
            importlib.import_module(module.name)
    from feelmap.api.urls import api

    documented = set(api.get_openapi_schema()["components"]["schemas"])
    by_name: dict[str, set[str]] = defaultdict(set)
    for cls in _subclasses(BaseModel):
        if cls.__module__.startswith("feelmap.") and cls.__name__ in documented:
            by_name[cls.__name__].add(f"{cls.__module__}.{cls.__qualname__}")
    clashes = {name: sorted(where) for name, where in by_name.items() if len(where) > 1}
    unexpected = {name: where for name, where in clashes.items() if name not in KNOWN}
    assert not unexpected, f"schema names used by more than one class: {unexpected}"
