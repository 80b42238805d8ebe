"""Check-ins: what the body reported, where on the affect grid, which words, and the context.

Free text a person writes (notes, own words, trigger, need, own context) is encrypted at rest.
Choice keys (regions, qualities, vocabulary words, context choices) stay plain so that the
insights can count them without decrypting anything.
"""

from __future__ import annotations

from datetime import UTC, datetime

from django.conf import settings
from django.db import models

from feelmap.lexicon.body import load_body_catalogue
from feelmap.lexicon.vocabulary import quadrant_of
from feelmap.lib.crypto import EncryptedTextField
from feelmap.lib.models import OwnedModel


class Kind(models.TextChoices):
    QUICK = "quick", "Quick check-in"
    FULL = "full", "Full check-in"
    PRACTICE_BEFORE = "practice-before", "Before a practice"
    PRACTICE_AFTER = "practice-after", "After a practice"
    BODYSCAN = "bodyscan", "Body scan"


class CheckInQuerySet(models.QuerySet):
    def for_owner(self, user) -> CheckInQuerySet:
        return self.filter(owner=user)

    def with_details(self) -> CheckInQuerySet:
        """Everything a list of check-ins shows, in four queries whatever the page size."""
        return self.prefetch_related("labels", "sensations", "ratings")


class CheckIn(OwnedModel):
    kind = models.CharField(max_length=24, choices=Kind.choices, default=Kind.QUICK)
    occurred_at = models.DateTimeField()
    # Affect grid: both set or both empty (checked in validation.py).
    pleasantness = models.FloatField(null=True, blank=True)
    energy = models.FloatField(null=True, blank=True)
    not_sure = models.BooleanField(default=False)
    # Context: a common choice key (see choices.py) and/or the person's own words.
    doing = models.CharField(max_length=32, blank=True)
    doing_own = EncryptedTextField(blank=True)
    with_whom = models.CharField(max_length=32, blank=True)
    with_whom_own = EncryptedTextField(blank=True)
    where = models.CharField(max_length=32, blank=True)
    where_own = EncryptedTextField(blank=True)
    trigger = EncryptedTextField(blank=True)
    need = EncryptedTextField(blank=True)
    note = EncryptedTextField(blank=True)
    # Raised by every change; an edit based on an older one is refused (lib/versions.py).
    version = models.PositiveIntegerField(default=0)

    objects = CheckInQuerySet.as_manager()

    # Not stored: set by services.checkin_create/update to "strong" or "gentle" when what was
    # written sounds like the person may not be safe, so the page or the API can offer help.
    help_level: str = ""

    class Meta:
        ordering = ["-occurred_at", "-id"]
        # Read backwards, this index gives the lists' order (newest first, then newest id)
        # without a sort, however many check-ins share a time.
        indexes = [
            models.Index(fields=["owner", "occurred_at", "id"], name="checkin_owner_time_id"),
        ]
        constraints = [
            # Behind the schema's Moment: no row, however written, can hold a date that a
            # database driver cannot read back (a year-1 date with an offset is BC on PostgreSQL).
            models.CheckConstraint(
                condition=models.Q(occurred_at__gte=datetime(2000, 1, 1, tzinfo=UTC)),
                name="checkin_occurred_from_2000",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} at {self.occurred_at:%Y-%m-%d %H:%M}"

    @property
    def has_affect(self) -> bool:
        return self.pleasantness is not None and self.energy is not None

    @property
    def affect_label(self) -> str:
        if self.pleasantness is None or self.energy is None:
            return ""
        return quadrant_of(self.pleasantness, self.energy).label

    @property
    def body_summary(self) -> str:
        """"Chest: tightness, warmth; Belly: churning" from prefetched sensations."""
        by_region: dict[str, list[str]] = {}
        for s in self.sensations.all():
            where = f"{s.region_label} ({s.side})" if s.side else s.region_label
            by_region.setdefault(where, []).append(s.quality.replace("-", " "))
        return "; ".join(f"{r}: {', '.join(q)}" for r, q in by_region.items())


class BodySensation(models.Model):
    class Side(models.TextChoices):
        BOTH = "", "Both sides or the middle"
        LEFT = "left", "Left"
        RIGHT = "right", "Right"

    checkin = models.ForeignKey(CheckIn, on_delete=models.CASCADE, related_name="sensations")
    region = models.CharField(max_length=32)  # a key of the body catalogue
    quality = models.CharField(max_length=32)  # a key of the body catalogue
    intensity = models.PositiveSmallIntegerField(null=True, blank=True)  # 0-10
    side = models.CharField(max_length=8, choices=Side.choices, blank=True, default="")

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return f"{self.quality} in {self.region}"

    @property
    def region_label(self) -> str:
        body = load_body_catalogue()
        return body.region(self.region).label if body.has_region(self.region) else self.region


class Label(models.Model):
    """A word for the feeling: a vocabulary word, or the person's own word (encrypted)."""

    checkin = models.ForeignKey(CheckIn, on_delete=models.CASCADE, related_name="labels")
    position = models.PositiveSmallIntegerField(default=1)  # 1-3, the order the person chose
    word = models.CharField(max_length=60, blank=True)  # vocabulary word; empty for own words
    own_word = EncryptedTextField(blank=True)
    is_own = models.BooleanField(default=False)
    # None for own words: "no family" differs from an empty key when insights group words.
    family = models.CharField(max_length=16, blank=True, null=True)  # noqa: DJ001
    level = models.PositiveSmallIntegerField(null=True, blank=True)  # vocabulary specificity
    intensity = models.PositiveSmallIntegerField(null=True, blank=True)  # 0-10
    confidence = models.PositiveSmallIntegerField(null=True, blank=True)  # 0-100

    class Meta:
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return self.text

    @property
    def text(self) -> str:
        return self.own_word if self.is_own else self.word


class FixedRating(models.Model):
    """How much of one emotion from the person's fixed set (0 not at all - 6 very much)."""

    checkin = models.ForeignKey(CheckIn, on_delete=models.CASCADE, related_name="ratings")
    emotion = models.CharField(max_length=60)
    value = models.PositiveSmallIntegerField()

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return f"{self.emotion}: {self.value}"


class RatingSet(models.Model):
    """A person's own choice of emotions to rate; without one, choices.DEFAULT_RATINGS."""

    owner = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    emotions = models.JSONField(default=list)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return ", ".join(self.emotions)


class Draft(OwnedModel):
    """An unfinished form, saved as the person types so a reload or crash loses nothing."""

    key = models.CharField(max_length=80)
    payload = EncryptedTextField(blank=True)  # JSON text

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["owner", "key"], name="checkin_draft_owner_key")
        ]


class ContrastAnswer(OwnedModel):
    """An answer to "more like X, or more like Y?" in the suggestions: which family fitted.

    Only family keys are kept (no text). An empty `chosen` means "not sure" (no preference).
    Read back by suggestions.py and turned into a small bias (contrast.py).
    """

    family_a = models.CharField(max_length=16)
    family_b = models.CharField(max_length=16)
    chosen = models.CharField(max_length=16, blank=True)

    class Meta:
        indexes = [models.Index(fields=["owner", "-created_at"], name="checkin_contrast_recent")]
