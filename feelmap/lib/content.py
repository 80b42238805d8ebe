"""Content files (word lists, prompts, scripts, questionnaires) checked by pydantic models.

Every JSON content file has a model built from `ContentModel`: unknown fields are refused,
numbers and flags are strict (``true`` is not the number 1), text must not be blank and ids are
lowercase slugs. Checks that span records (a parent in the same family, a band inside the total
range) are model validators; one that finds several problems reports them all, one per line.

`parse_content` validates raw data and raises `ContentError`, whose message lists every problem
as "file: record, field: what is wrong", naming records by their id rather than their position:

    vocabulary.json: word 'happy', pleasantness: must be from -5 to 5.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Annotated, Any, Generic, Protocol, TypeVar

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    RootModel,
    StrictBool,
    StrictFloat,
    StrictInt,
    StrictStr,
    ValidationError,
)

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")

# How a record is named in messages: the first of these fields it has.
ID_FIELDS: tuple[str, ...] = ("id", "key", "word", "number")


def _not_blank(value: str) -> str:
    if not value.strip():
        raise ValueError("must not be empty.")
    return value


def _slug(value: str) -> str:
    if not SLUG.match(value):
        raise ValueError(f"{value!r} must be a lowercase slug like 'one-two' (a-z, 0-9, hyphens).")
    return value


Text = Annotated[StrictStr, AfterValidator(_not_blank)]
Slug = Annotated[StrictStr, AfterValidator(_slug)]
Whole = StrictInt
Number = StrictFloat  # a whole number is fine too; a flag is not
Flag = StrictBool


class ContentModel(BaseModel):
    """Base for every content record: unknown fields refused, read-only once loaded."""

    model_config = ConfigDict(extra="forbid", frozen=True)


def one_of(value: str, known: Iterable[str]) -> str:
    """For a field validator: `value` if it is one of `known`; a ValueError naming them if not."""
    keys = list(known)
    if value not in keys:
        raise ValueError(f"{value!r} is not one of {', '.join(keys)}.")
    return value


def fail(problems: Iterable[str]) -> None:
    """From a model validator: report every problem found (one line each), if any."""
    found = [p for p in problems if p]
    if found:
        raise ValueError("\n".join(found))


def duplicates(values: Iterable[Any]) -> list[Any]:
    """Values that appear more than once, in first-seen order."""
    seen: set[Any] = set()
    twice: list[Any] = []
    for value in values:
        if value in seen and value not in twice:
            twice.append(value)
        seen.add(value)
    return twice


def collection_problems(
    records: Sequence[Any],
    *,
    noun: str,
    plural: str,
    group: str,
    groups: Iterable[str],
    minimum: int,
    in_group: str,
) -> list[str]:
    """Checks of a whole file of records that each carry an ``id`` and a ``group`` field:
    every id used once, and at least `minimum` records in each of `groups`. Messages such as
    "prompt id 'x' is used more than once." and "only 2 prompts of kind 'labeling'; at least 3
    expected." (`in_group` is the words before the group's key: "of kind", "in")."""
    problems = [f"{noun} id {i!r} is used more than once." for i in
                duplicates(record.id for record in records)]
    for key in groups:
        count = sum(getattr(record, group) == key for record in records)
        if count < minimum:
            problems.append(f"only {count} {plural} {in_group} {key!r}; at least {minimum} "
                            "expected.")
    return problems


class ContentError(ValueError):
    """A content file that does not pass its model; `problems` holds one sentence each."""

    def __init__(self, source: str, problems: Sequence[str]) -> None:
        self.source = source
        self.problems = list(problems)
        count = f"{len(problems)} problem{'s' if len(problems) != 1 else ''}"
        super().__init__(f"Invalid {source} ({count}):\n- " + "\n- ".join(problems))


_MESSAGES = {
    "missing": "is missing.",
    "extra_forbidden": "is not a known field (check the spelling).",
    "model_type": "must be a JSON object.",
    "model_attributes_type": "must be a JSON object.",
    "dict_type": "must be a JSON object.",
    "tuple_type": "must be a list.",
    "list_type": "must be a list.",
    "string_type": "must be text.",
    "int_type": "must be a whole number.",
    "float_type": "must be a number.",
    "bool_type": "must be true or false.",
}


def _record_name(noun: str, index: int, item: Any) -> str:
    if isinstance(item, Mapping):
        for field in ID_FIELDS:
            value = item.get(field)
            if isinstance(value, str | int) and not isinstance(value, bool) and value != "":
                return f"{noun} {value!r}"
    return f"{noun} #{index + 1}"


def _singular(name: str) -> str:
    for plural, single in (("ies", "y"), ("ses", "s"), ("s", "")):
        if name.endswith(plural):
            return name[: -len(plural)] + single
    return name


def describe_location(raw: Any, loc: Sequence[str | int], nouns: Mapping[str, str]) -> str:
    """Where an error sits, named for a person: "word 'happy', sensation #2, region"."""
    parts: list[str] = []
    node = raw
    container = nouns.get("", "record")
    for position, step in enumerate(loc):
        last = position == len(loc) - 1
        if isinstance(step, int) and isinstance(node, list) and 0 <= step < len(node):
            node = node[step]
            parts.append(_record_name(container, step, node))
            continue
        if step == "[key]":  # a bad key of a mapping: the key itself is already named
            continue
        if position == 0 and isinstance(node, Mapping) and "" in nouns and step in node:
            parts.append(f"{nouns['']} {step!r}")  # a file of named records: {"short": {...}}
            node = node[step]
            continue
        if isinstance(node, Mapping) and step in node:
            child = node[step]
            if isinstance(child, list) and not last:
                container = nouns.get(str(step), _singular(str(step)))
                node = child
                continue
            if isinstance(child, Mapping) and str(step) in nouns:
                parts.append(f"{nouns[str(step)]} {step!r}")
                node = child
                continue
            node = child
        else:
            node = None
        parts.append(str(step))
    return ", ".join(parts)


def content_problems(
    exc: ValidationError, raw: Any, nouns: Mapping[str, str] | None = None
) -> list[str]:
    """Pydantic's errors as plain sentences naming the record (by id) and the field."""
    nouns = nouns or {}
    problems: list[str] = []
    for error in exc.errors():
        loc = [part for part in error.get("loc", ()) if isinstance(part, str | int)]
        # A tagged or function validator adds its own name to the path: drop it.
        loc = [part for part in loc if not (isinstance(part, str) and part.startswith("function-"))]
        where = describe_location(raw, loc, nouns)
        ctx = error.get("ctx") or {}
        if error["type"] == "too_short":
            message = f"needs at least {ctx.get('min_length')}; there are {ctx.get('actual_length')}."
        elif error["type"] == "too_long":
            message = f"has {ctx.get('actual_length')}; at most {ctx.get('max_length')} allowed."
        elif error["type"] in _MESSAGES:
            message = _MESSAGES[error["type"]]
        else:
            # "Input should be less than or equal to 5" -> "must be less than or equal to 5."
            message = str(error.get("msg", "is not valid.")).replace("Input should be", "must be")
            message = message if message.endswith(".") else message + "."
        message = message.removeprefix("Value error, ").removeprefix("Assertion failed, ")
        for line in message.split("\n"):
            problems.append(f"{where}: {line}" if where else line)
    return problems


M = TypeVar("M", bound=BaseModel)


def parse_content(
    model: type[M],
    raw: Any,
    *,
    source: str,
    nouns: Mapping[str, str] | None = None,
    context: Mapping[str, Any] | None = None,
) -> M:
    """Validate raw content against its model; ContentError listing every problem otherwise."""
    try:
        return model.model_validate(raw, context=dict(context or {}))
    except ValidationError as exc:
        problems = content_problems(exc, raw, nouns)
        raise ContentError(source, [f"{source}: {p}" for p in problems]) from None


def problems_in(
    model: type[BaseModel],
    raw: Any,
    *,
    source: str,
    nouns: Mapping[str, str] | None = None,
    context: Mapping[str, Any] | None = None,
) -> list[str]:
    """Every problem with raw content, as plain sentences; [] if it is sound."""
    try:
        parse_content(model, raw, source=source, nouns=nouns, context=context)
    except ContentError as exc:
        return exc.problems
    return []


def read_json(path: Path) -> Any:
    """The raw data of a JSON content file (UTF-8), before validation."""
    with path.open(encoding="utf-8") as f:
        return json.load(f)


class Record(Protocol):
    @property
    def id(self) -> str: ...


R = TypeVar("R", bound=Record)


class RecordFile(Generic[R]):
    """A shipped JSON file that is a list of records with unique ``id`` slugs, each in one group
    (prompts by kind, activities by category): `model` is its RootModel of a tuple of records.
    Read and validated on first use, then kept; lookups by id and by group."""

    def __init__(
        self,
        model: type[RootModel[tuple[R, ...]]],
        path: Path,
        *,
        noun: str,
        group: str,
        groups: Iterable[str],
    ) -> None:
        self.model = model
        self.path = path
        self.source = path.name
        self.noun = noun
        self.group = group
        self.groups = tuple(groups)
        self._records: tuple[R, ...] | None = None
        self._by_id: dict[str, R] | None = None

    def problems(self, raw: Any) -> list[str]:
        """Problems with raw data (a list of records), naming record and field; [] if none."""
        return problems_in(self.model, raw, source=self.source, nouns={"": self.noun})

    def parse(self, raw: Any) -> tuple[R, ...]:
        """Validated records; ContentError (a ValueError) listing every problem otherwise."""
        return parse_content(self.model, raw, source=self.source, nouns={"": self.noun}).root

    def validate(self) -> list[str]:
        """Problems with the shipped file; [] if it is sound."""
        return self.problems(read_json(self.path))

    def load(self) -> tuple[R, ...]:
        """Every record, in file order (read and validated once)."""
        if self._records is None:
            self._records = self.parse(read_json(self.path))
        return self._records

    def get(self, record_id: str) -> R | None:
        """The record with this id, or None."""
        if self._by_id is None:
            self._by_id = {record.id: record for record in self.load()}
        return self._by_id.get(record_id)

    def in_group(self, key: str) -> list[R]:
        """The records of one group, in file order; ValueError for an unknown group."""
        if key not in self.groups:
            raise ValueError(f"Unknown {self.noun} {self.group} {key!r}; choose one of: "
                             f"{', '.join(self.groups)}.")
        return [record for record in self.load() if getattr(record, self.group) == key]
