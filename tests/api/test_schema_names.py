"""Two schemas with one name share one entry in the OpenAPI document, so one of them is
documented with the other's shape (issue 10 found it for the check-in and journal `LabelIn`).
Every schema class named in the document must be the only feelmap class with that name."""

from __future__ import annotations

import importlib
import pkgutil
from collections import defaultdict

from pydantic import BaseModel

import feelmap

# Every clash found when this test was written is fixed; a new one fails here.
KNOWN: dict[str, str] = {}


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
