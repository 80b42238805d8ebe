"""Practice records: each breathing, body scan or senses session a person did, and their
practice preferences (program style and breathing defaults)."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from feelmap.lib.crypto import EncryptedTextField
from feelmap.lib.models import OwnedModel, moment_in_range

from .pacer import DEFAULT_PATTERN, PATTERNS


class PracticeKind(models.TextChoices):
    BREATHING = "breathing", "Breathing"
    BODYSCAN = "bodyscan", "Body scan"
    SENSES = "senses", "Senses activity"


class Style(models.TextChoices):
    STRUCTURED = "structured", "Structured: a fixed weekly rhythm"
    EXPLORATORY = "exploratory", "Exploratory: whatever you haven't tried lately"


PATTERN_CHOICES = [(key, p.label) for key, p in PATTERNS.items()]
SCAN_CHOICES = [("short", "Short (about 3 minutes)"), ("long", "Long (about 10 minutes)")]


class PracticeSessionQuerySet(models.QuerySet):
    def for_owner(self, user):
        return self.filter(owner=user)

    def history(self, user):
        """Newest first, with the linked check-ins fetched in the same query."""
        return (
            self.filter(owner=user)
            .select_related(*CHECKIN_LINKS)
            .prefetch_related(
                # As plain lists (`listed_labels`, `listed_sensations` on each check-in): no
                # related manager and queryset made per check-in, which cost more than the query.
                # The history shows no labels of a body scan's check-in.
                *(
                    models.Prefetch(f"{link}__{part}", to_attr=f"listed_{part}")
                    for link in CHECKIN_LINKS
                    for part in ("labels", "sensations")
                    if (link, part) != ("scan_checkin", "labels")
                )
            )
            .order_by("-started_at", "-id")
        )


# The check-in links, by field name.
CHECKIN_LINKS: tuple[str, ...] = ("before_checkin", "after_checkin", "scan_checkin")


def _checkin_link(help_text: str) -> models.ForeignKey:
    # SET_NULL: deleting a check-in keeps the practice record (it just loses its link).
    return models.ForeignKey(
        "checkins.CheckIn",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text=help_text,
    )


class PracticeSession(OwnedModel):
    kind = models.CharField(max_length=16, choices=PracticeKind.choices)
    # Breathing: which pattern and for how long.
    pattern = models.CharField(max_length=32, blank=True, default="")
    minutes = models.PositiveSmallIntegerField(null=True, blank=True)
    # Body scan: which script.
    scan = models.CharField(max_length=16, blank=True, default="")
    # Senses: which activity (a slug from data/activities.json).
    activity_id = models.CharField(max_length=64, blank=True, default="")
    started_at = models.DateTimeField(db_index=True)
    # When the person stopped, whether or not they finished; null while under way.
    ended_at = models.DateTimeField(null=True, blank=True)
    # Null when the session was stopped early: it is kept all the same.
    completed_at = models.DateTimeField(null=True, blank=True)
    what_noticed = EncryptedTextField(blank=True, default="")
    nothing_noticed = models.BooleanField(default=False)
    before_checkin = _checkin_link("The mini check-in before a breathing practice.")
    after_checkin = _checkin_link("The mini check-in after a breathing practice.")
    scan_checkin = _checkin_link("What a body scan logged, as a body-map check-in.")
    # Body scan: catalogue regions where the person chose "nothing noticed" (a real answer).
    quiet_regions = models.JSONField(default=list, blank=True)
    # Raised by every change; an edit based on an older one is refused (lib/versions.py).
    version = models.PositiveIntegerField(default=0)

    objects = PracticeSessionQuerySet.as_manager()

    # Set by the write services (not stored): "strong" or "gentle" when the note sounds
    # like the person may not be safe, so the page offers help and the API says so.
    help_level: str = ""

    @property
    def offer_help(self) -> bool:
        return bool(self.help_level)

    class Meta:
        ordering = ["-started_at"]
        indexes = [models.Index(fields=["owner", "-started_at"])]
        constraints = [
            moment_in_range("started_at", "practice_started_at_in_range"),
            moment_in_range("ended_at", "practice_ended_at_in_range", nullable=True),
            moment_in_range("completed_at", "practice_completed_at_in_range", nullable=True),
        ]

    def __str__(self) -> str:
        return f"{self.kind} practice {self.public_id}"

    @property
    def completed(self) -> bool:
        return self.completed_at is not None


class PracticePreferences(models.Model):
    """One row per person; missing means the defaults below."""

    owner = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="practice_preferences"
    )
    style = models.CharField(max_length=16, choices=Style.choices, default=Style.EXPLORATORY)
    breathing_pattern = models.CharField(
        max_length=32, choices=PATTERN_CHOICES, default=DEFAULT_PATTERN
    )
    breathing_minutes = models.PositiveSmallIntegerField(default=3)
    tone = models.BooleanField(default=False)
    speech = models.BooleanField(default=False)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"practice preferences of user {self.owner_id}"

    @classmethod
    def for_user(cls, user) -> PracticePreferences:
        """The saved preferences, or unsaved defaults (reading never writes)."""
        found = cls.objects.filter(owner=user).first()
        return found if found is not None else cls(owner=user)
