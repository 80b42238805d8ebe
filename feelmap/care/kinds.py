"""What a person can share, per link. Minimal by default: a new link shares nothing."""

from __future__ import annotations

from typing import Literal

Kind = Literal[
    "checkins", "journal", "practices", "questionnaires", "insights", "saying", "safety_plan",
    "heartbeat",
]

# key -> (label on screen, what it contains, in plain words)
KINDS: dict[str, tuple[str, str]] = {
    "checkins": ("Check-ins", "the feelings, body sensations, context and notes of your check-ins"),
    "journal": ("Journal", "every journal entry, with its words"),
    "practices": ("Practices", "the practices you did and what you noticed"),
    "questionnaires": ("Questionnaires", "your questionnaire scores"),
    "insights": ("Insights", "the patterns drawn from your check-ins, journal words, practices "
                 "and scores, including the contexts and needs you named"),
    "saying": ("Saying-it practices", "the messages you practised saying"),
    "safety_plan": ("Safety plan", "your safety plan, every section"),
    "heartbeat": ("Heartbeat results", "your heartbeat task results: how close your counts or "
                  "judgements were, and how sure you felt"),
}

# The journal is shared whole, or only the entries the person picks one by one.
JOURNAL_SCOPES: dict[str, str] = {
    "all": "All entries",
    "chosen": "Only entries I choose",
}

# Kinds whose single records can carry a comment thread (feedback), and the person's own page
# for each record (where they see the thread in context).
COMMENTABLE: dict[str, str] = {
    "journal": "journal:entry",
    "checkins": "checkins:detail",
    "saying": "saying:detail",
}

# A trusted person never sees more than a clinician could: their kinds are a subset of these.
CLINICIAN_KINDS: frozenset[str] = frozenset(KINDS)
TRUSTED_KINDS: frozenset[str] = frozenset(KINDS)


def allowed_kinds(role: str) -> frozenset[str]:
    """The kinds a link of this role ("clinician" or "trusted") may ever be granted."""
    return CLINICIAN_KINDS if role == "clinician" else TRUSTED_KINDS & CLINICIAN_KINDS


def label(kind: str) -> str:
    return KINDS[kind][0]
