"""The kinds of a person's data that exist today, registered in the order an import needs
(check-ins before the practices that link to them). Apps that land later add one entry here."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field, StrictInt

from feelmap.accounts.models import User
from feelmap.assessments.models import AssessmentResponse, AssessmentSchedule
from feelmap.checkins.models import BodySensation, CheckIn, FixedRating, Label, RatingSet
from feelmap.checkins.models import Draft as CheckInDraft
from feelmap.heartbeat.models import HeartbeatSession, HeartbeatTrial
from feelmap.journal.models import EntryLabel, JournalDraft, JournalEntry
from feelmap.practices.models import PracticePreferences, PracticeSession
from feelmap.program.models import Booster, Enrollment, ProgramDay, ReminderSettings
from feelmap.safety.models import SafetyFlag, SafetyPlan
from feelmap.saying.models import SayingPractice

from .registry import FreeText, Kind, Number, Part, Plain, register

OWNED_STAMPS = ("created_at", "updated_at")
Words = Annotated[list[Annotated[Plain, Field(max_length=200)]], Field(max_length=1000)]
Answers = Annotated[list[FreeText], Field(max_length=1000)]

register(Kind(
    name="profile", label="Profile", model=User, key="owner", owner_field="pk", account=True,
    fields=("display_name", "time_zone"),
    # null only in what an older file is read as (registry.upgrade_record): left as it is
    types={"time_zone": Annotated[Plain, Field(max_length=64)] | None},
))
register(Kind(
    name="checkins", label="Check-ins", model=CheckIn,
    fields=("kind", "occurred_at", "pleasantness", "energy", "not_sure", "doing", "doing_own",
            "with_whom", "with_whom_own", "where", "where_own", "trigger", "need", "note"),
    parts=(
        Part("labels", Label, "checkin", ("position", "word", "own_word", "is_own", "family",
                                          "level", "intensity", "confidence")),
        Part("sensations", BodySensation, "checkin", ("region", "quality", "intensity", "side")),
        Part("ratings", FixedRating, "checkin", ("emotion", "value")),
    ),
    stamps=OWNED_STAMPS,
))
register(Kind(
    name="rating_set", label="Emotions you rate", model=RatingSet, key="owner",
    fields=("emotions",), types={"emotions": Words}, stamps=("updated_at",),
))
register(Kind(
    name="checkin_drafts", label="Unfinished check-ins", model=CheckInDraft, fields=("key", "payload"),
    stamps=OWNED_STAMPS,
))
register(Kind(
    name="journal_entries", label="Journal entries", model=JournalEntry,
    fields=("prompt_id", "title", "body", "steps", "minutes_spent", "written_at"),
    types={"steps": Answers},
    parts=(Part("labels", EntryLabel, "entry", ("word", "family", "added_from", "created_at")),),
    stamps=OWNED_STAMPS,
))
register(Kind(
    name="journal_drafts", label="Unfinished journal entries", model=JournalDraft,
    fields=("key", "prompt_id", "title", "body", "steps_json", "labels", "label_sources",
            "minutes_spent"),
    stamps=OWNED_STAMPS,
))
register(Kind(
    name="practice_sessions", label="Practices", model=PracticeSession,
    fields=("kind", "pattern", "minutes", "scan", "activity_id", "started_at", "ended_at",
            "completed_at", "what_noticed", "nothing_noticed", "quiet_regions"),
    links={"before_checkin": "checkins", "after_checkin": "checkins", "scan_checkin": "checkins"},
    types={"quiet_regions": Words},
    stamps=OWNED_STAMPS,
))
register(Kind(
    name="practice_preferences", label="Practice preferences", model=PracticePreferences,
    key="owner", fields=("style", "breathing_pattern", "breathing_minutes", "tone", "speech"),
    stamps=("updated_at",),
))
register(Kind(
    name="saying_practices", label="Saying it practices", model=SayingPractice,
    fields=("scenario_id", "goal", "feeling", "nuance", "also", "when", "need", "request", "text",
            "intensity", "answers", "spoken_seconds", "felt", "clarity", "practised_at"),
    types={"answers": Answers},
    stamps=OWNED_STAMPS,
))
register(Kind(
    name="assessment_responses", label="Questionnaires", model=AssessmentResponse,
    fields=("instrument", "answers", "started_at", "completed_at", "total", "subscales", "band",
            "prorated"),
    types={
        "answers": Annotated[dict[Annotated[str, Field(pattern=r"^[0-9]{1,3}$")],
                                  Annotated[StrictInt, Field(ge=0, le=1000)] | None],
                             Field(max_length=200)],
        "subscales": Annotated[dict[Annotated[Plain, Field(max_length=60)], Number | None],
                               Field(max_length=50)],
    },
    stamps=OWNED_STAMPS,
))
register(Kind(
    name="assessment_schedules", label="Questionnaire schedules", model=AssessmentSchedule,
    key="instrument", fields=("instrument", "interval_days", "active"), stamps=("updated_at",),
))
register(Kind(
    name="safety_plan", label="Safety plan", model=SafetyPlan, key="owner",
    fields=("sections", "shared_with_clinician", "version"),
    types={"sections": Annotated[dict[Annotated[Plain, Field(max_length=60)], Answers],
                                 Field(max_length=50)]},
    stamps=OWNED_STAMPS,
))
register(Kind(
    name="safety_flags", label="Moments the app offered help", model=SafetyFlag,
    fields=("source",), stamps=OWNED_STAMPS,
))

# The program (landed in main while portability was built). Reminder deliveries (the worker's
# queue) and the calendar feed's secret hash are not the person's data: they are not exported,
# and a person who imports sets up a calendar feed again.
register(Kind(
    name="program_enrollments", label="Program runs", model=Enrollment,
    fields=("start_week", "current_week", "emphasis", "reasons", "started_at", "week_started_at",
            "finished_at", "stopped_at"),
    types={"emphasis": Words, "reasons": Words},
    stamps=OWNED_STAMPS,
))
register(Kind(
    name="program_days", label="Program days practised", model=ProgramDay,
    fields=("week", "day", "practice", "tried_with_someone", "note"),
    links={"enrollment": "program_enrollments"},
    stamps=OWNED_STAMPS,
))
register(Kind(
    name="program_boosters", label="Program boosters", model=Booster,
    fields=("which", "completed_at"), links={"enrollment": "program_enrollments"},
    stamps=OWNED_STAMPS,
))
register(Kind(
    name="reminder_settings", label="Reminder settings", model=ReminderSettings, key="owner",
    fields=("email_enabled", "email", "times", "days", "time_zone", "quiet_start", "quiet_end",
            "purposes"),
    types={"times": Annotated[list[Annotated[str, Field(pattern=r"^[0-2][0-9]:[0-5][0-9]$")]],
                              Field(max_length=24)],
           "days": Annotated[list[Annotated[StrictInt, Field(ge=1, le=7)]], Field(max_length=7)],
           "purposes": Words},
    stamps=("updated_at",),
))
register(Kind(
    name="heartbeat_sessions", label="Heartbeat tasks", model=HeartbeatSession,
    fields=("kind", "source", "method", "feedback", "started_at", "guess_bpm", "measured_bpm",
            "accuracy", "other_accuracy", "guess_accuracy", "sensibility", "awareness"),
    parts=(Part("trials", HeartbeatTrial, "session",
                ("position", "practice", "seconds", "recorded", "counted", "confidence",
                 "delayed", "said_delayed")),),
    stamps=OWNED_STAMPS,
))

# Care (sharing with a clinician or a trusted person). These involve other people's accounts,
# so they travel as the person's own record of them and are never imported.
from feelmap.care.models import Assignment, AssignmentDone, AuditEntry, Comment  # noqa: E402
from feelmap.care.models import Link as CareLink  # noqa: E402

register(Kind(
    name="care_links", label="Who you shared with, and what", model=CareLink,
    owner_field="person",
    fields=("viewer_name", "role", "kinds", "journal_scope", "created_at", "revoked_at"),
    types={"viewer_name": Annotated[Plain, Field(max_length=160)], "kinds": Words,
           "journal_scope": Annotated[Plain, Field(max_length=8)]},
    export_only=True,
))
register(Kind(
    name="care_comments", label="Comments on what you shared", model=Comment,
    owner_field="person",
    fields=("kind", "target", "by_person", "author_name", "body", "created_at"),
    links={"link": "care_links"}, export_only=True,
))
register(Kind(
    name="care_assignments", label="Suggestions from your clinician", model=Assignment,
    owner_field="person",
    fields=("what", "key", "schedule", "starts_on", "due_on", "note", "created_at", "ended_at"),
    links={"link": "care_links"},
    parts=(Part("done", AssignmentDone, "assignment", ("period_start", "done_at")),),
    export_only=True,
))
register(Kind(
    name="care_audit", label="Who looked at your data", model=AuditEntry, key="at",
    owner_field="person",
    fields=("actor_name", "actor_role", "action", "kind", "detail", "at"),
    export_only=True,
))
