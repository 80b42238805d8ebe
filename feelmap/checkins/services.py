"""Every write to check-ins: one function each, called by the pages, the API, practices and
the demo. Each runs in one transaction (all of it is stored or none), and the safety check on
what the person wrote runs inside it, so every way in gets it."""

from __future__ import annotations

import json
import uuid
from typing import Any

from django.db import transaction

from feelmap.accounts.services import page_sent, page_was_sent, person_data_changed
from feelmap.lexicon.vocabulary import load_vocabulary
from feelmap.lib.validation import clean_text
from feelmap.lib.versions import StaleVersion, lock_at_version
from feelmap.safety.detector import GENTLE
from feelmap.safety.nudge import help_level
from feelmap.safety.services import record_language_flags

from .choices import DEFAULT_RATINGS
from .models import BodySensation, CheckIn, ContrastAnswer, Draft, FixedRating, Label, RatingSet
from .schemas import ContrastAnswerIn
from .validation import CheckInData

SCALAR_FIELDS = (
    "kind", "occurred_at", "pleasantness", "energy", "not_sure",
    "doing", "doing_own", "with_whom", "with_whom_own", "where", "where_own",
    "trigger", "need", "note",
)
DRAFT_MAX_BYTES = 200_000
DRAFT_MAX_DEPTH = 20  # a form's state is a few levels deep


def _children(pairs: list[tuple[CheckIn, CheckInData]], batch: int | None = None) -> None:
    """The body marks, words and ratings of saved check-ins: one INSERT per table."""
    BodySensation.objects.bulk_create([
        BodySensation(checkin=checkin, region=s.region, quality=s.quality,
                      intensity=s.intensity, side=s.side)
        for checkin, data in pairs for s in data.sensations
    ], batch_size=batch)
    Label.objects.bulk_create([
        Label(checkin=checkin, position=i, word="" if lab.is_own else lab.text,
              own_word=lab.text if lab.is_own else "", is_own=lab.is_own, family=lab.family,
              level=lab.level, intensity=lab.intensity, confidence=lab.confidence)
        for checkin, data in pairs for i, lab in enumerate(data.labels, start=1)
    ], batch_size=batch)
    FixedRating.objects.bulk_create([
        FixedRating(checkin=checkin, emotion=emotion, value=value)
        for checkin, data in pairs for emotion, value in data.ratings.items()
    ], batch_size=batch)


def _heavy_word_chosen(data: CheckInData, before: set[str]) -> bool:
    """True when a newly chosen word is a heavy one (hopeless, worthless, despairing,
    self-loathing, unsafe...: the vocabulary words that carry a kind note and the way to help).
    A word the check-in already had is not chosen again by editing something else."""
    vocabulary = load_vocabulary()
    for lab in data.labels:
        if lab.text.lower() in before:
            continue
        found = vocabulary.by_word(lab.text)
        if found is not None and found.offer_help:
            return True
    return False


def _check_safety(checkin: CheckIn, data: CheckInData, before: set[str] | None = None) -> None:
    """Sets `checkin.help_level`: the page shows the offer of help, the API returns it.
    What was written decides first; choosing a heavy word brings the gentle offer."""
    level = help_level(data.note, data.trigger, data.need,
                       *(lab.text for lab in data.labels if lab.is_own))
    if not level and _heavy_word_chosen(data, before or set()):
        level = GENTLE
    checkin.help_level = level
    record_language_flags(checkin.owner, "checkin-language", [level])


def checkin_create(*, owner, data: CheckInData, draft_key: str = "",
                   page: uuid.UUID | None = None) -> CheckIn:
    """A new check-in; its draft (`draft_key`) goes, and so do later autosaves from the `page`
    it was written on."""
    with transaction.atomic():
        checkin = CheckIn.objects.create(owner=owner, **{f: getattr(data, f) for f in SCALAR_FIELDS})
        _children([(checkin, data)])
        person_data_changed(owner.pk, checkin.occurred_at, kind="checkins")
        if draft_key:
            draft_clear(owner, draft_key)
        page_sent(owner.pk, page)
    _check_safety(checkin, data)
    return checkin


class CheckInConflict(StaleVersion):
    """The check-in was changed elsewhere since the version this edit was based on."""


def checkin_update(*, checkin: CheckIn, data: CheckInData, draft_key: str = "",
                   based_on: int | None = None, page: uuid.UUID | None = None) -> CheckIn:
    """Replace a check-in. With `based_on` (the version the edit started from), a check-in
    changed since in another tab or device is left alone and CheckInConflict carries it.
    Its draft goes, and so do later autosaves from the `page` it was edited on."""
    before = {lab.text.lower() for lab in checkin.labels.all()}
    with transaction.atomic():
        try:
            current = lock_at_version(CheckIn.objects.with_details(), checkin.pk, based_on)
        except StaleVersion as stale:
            raise CheckInConflict(stale.current) from None
        was = checkin.occurred_at
        for f in SCALAR_FIELDS:
            setattr(checkin, f, getattr(data, f))
        checkin.version = current.version + 1
        checkin.save()
        # Replacing the few child rows is simpler and as cheap as diffing them.
        checkin.sensations.all().delete()
        checkin.labels.all().delete()
        checkin.ratings.all().delete()
        _children([(checkin, data)])
        person_data_changed(checkin.owner_id, was, checkin.occurred_at, kind="checkins")
        if draft_key:
            draft_clear(checkin.owner, draft_key)
        page_sent(checkin.owner_id, page)
    _check_safety(checkin, data, before)
    return checkin


def checkins_import(*, owner, items: list[CheckInData], batch: int = 1000) -> int:
    """Many check-ins at once (the demo's years of data): the rows `checkin_create` writes, a
    few statements per batch. Nobody is reading along, so there is no offer of help."""
    with transaction.atomic():
        checkins = CheckIn.objects.bulk_create(
            [CheckIn(owner=owner, **{f: getattr(data, f) for f in SCALAR_FIELDS}) for data in items],
            batch_size=batch)
        _children(list(zip(checkins, items, strict=True)), batch)
        person_data_changed(owner.pk, *{c.occurred_at for c in checkins}, kind="checkins")
    return len(checkins)


def checkin_delete(*, checkin: CheckIn) -> None:
    with transaction.atomic():
        Draft.objects.filter(owner_id=checkin.owner_id, key=f"edit-{checkin.public_id}").delete()
        checkin.delete()
        person_data_changed(checkin.owner_id, checkin.occurred_at, kind="checkins")


def rating_emotions_for(user) -> tuple[str, ...]:
    found = RatingSet.objects.filter(owner=user).values_list("emotions", flat=True).first()
    return tuple(found) if found else DEFAULT_RATINGS


def rating_set_save(*, owner, emotions: list[str]) -> RatingSet:
    with transaction.atomic():  # the insights group the fixed ratings by this set
        found, _created = RatingSet.objects.update_or_create(
            owner=owner, defaults={"emotions": list(emotions)})
        person_data_changed(owner.pk)
    return found


# --- drafts ---------------------------------------------------------------------------------

def draft_load(owner, key: str) -> dict[str, Any] | None:
    draft = Draft.objects.filter(owner=owner, key=key).first()
    if draft is None or not draft.payload:
        return None
    try:
        payload = json.loads(draft.payload)
    except ValueError:
        return None
    return {"payload": payload, "saved_at": draft.updated_at.isoformat()}


def _clean_draft(value: Any, depth: int = 0) -> Any:
    """The page's form state with every string cleaned as free text is (no NUL, no direction
    overrides, no lone surrogates, which no database can store)."""
    if depth > DRAFT_MAX_DEPTH:
        raise ValueError("This draft is nested too deeply to keep.")
    if isinstance(value, str):
        return clean_text(value)
    if isinstance(value, list):
        return [_clean_draft(item, depth + 1) for item in value]
    if isinstance(value, dict):
        return {clean_text(str(k)): _clean_draft(v, depth + 1) for k, v in value.items()}
    return value


class StaleDraft(Exception):  # noqa: N818 - named for what it is, like StaleVersion
    """A draft from a page whose form was already sent (accounts.services.page_sent)."""

    message = "The form on this page was already sent, so this draft is not kept."


def draft_save(owner, key: str, payload: Any, *, page: uuid.UUID | None = None) -> Draft:
    """Keep an unfinished form. A draft from a `page` whose form was sent (an autosave still
    on its way when the check-in was saved) is refused with StaleDraft: kept, it would offer
    words already saved back as unfinished."""
    text = json.dumps(_clean_draft(payload), ensure_ascii=False)
    if len(text.encode()) > DRAFT_MAX_BYTES:
        raise ValueError("This draft is too large to keep.")
    with transaction.atomic():
        if page_was_sent(owner.pk, page):
            raise StaleDraft(StaleDraft.message)
        draft, _ = Draft.objects.update_or_create(owner=owner, key=key, defaults={"payload": text})
    return draft


def draft_clear(owner, key: str, *, page: uuid.UUID | None = None) -> None:
    """Remove a draft; with `page`, the page whose form let it go, whose late autosaves are
    then refused."""
    with transaction.atomic():
        Draft.objects.filter(owner=owner, key=key).delete()
        page_sent(owner.pk, page)


def contrast_answer_record(*, owner, data: ContrastAnswerIn) -> ContrastAnswer:
    """Keep an answer to "more like X, or more like Y?" ("not_sure" is kept as no preference)."""
    return ContrastAnswer.objects.create(
        owner=owner, family_a=data.family_a, family_b=data.family_b,
        chosen="" if data.chosen == "not_sure" else data.chosen)
