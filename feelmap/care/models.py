"""Links between a person and someone who supports them, what each link shares, and the
audit of every read. Codes are stored only as a hash; the audit keeps no content."""

from __future__ import annotations

import hashlib
import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone

from feelmap.lib.crypto import EncryptedTextField

from .kinds import KINDS


def code_digest(raw: str) -> str:
    """The stored form of a link code: case, spaces and dashes do not matter."""
    normal = "".join(ch for ch in raw.upper() if ch.isalnum())
    return hashlib.sha256(normal.encode()).hexdigest()


class LinkCodeQuerySet(models.QuerySet):
    def usable(self) -> LinkCodeQuerySet:
        return self.filter(used_at=None, expires_at__gt=timezone.now())


class LinkCode(models.Model):
    """A one-time code a person gives to their clinician or a trusted person."""

    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    digest = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)

    objects = LinkCodeQuerySet.as_manager()

    def __str__(self) -> str:
        return f"link code {self.pk} of {self.person_id}"


class LinkQuerySet(models.QuerySet):
    def live(self) -> LinkQuerySet:
        return self.filter(revoked_at=None)


class Link(models.Model):
    """The person lets `viewer` (a clinician, or a trusted person with their own account) see
    the kinds granted on this link, until they revoke it."""

    class Role(models.TextChoices):
        CLINICIAN = "clinician", "Clinician"
        TRUSTED = "trusted", "Trusted person"

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    viewer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    role = models.CharField(max_length=16, choices=Role.choices)
    created_at = models.DateTimeField(auto_now_add=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    # The program style a clinician set for the person through this link (blank: never), the
    # style it replaced (so the person can change it back) and when.
    style_set = models.CharField(max_length=16, blank=True, default="")
    style_before = models.CharField(max_length=16, blank=True, default="")
    style_set_at = models.DateTimeField(null=True, blank=True)
    # The newest safety flag of the person this clinician can see and has not marked seen
    # (empty: none, and always for a trusted person): kept by attention.py on every write that
    # can change it, read by the clinician's list.
    new_safety_at = models.DateTimeField(null=True, blank=True)

    objects = LinkQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            # The clinician's people with a new safety flag, newest first.
            models.Index(fields=["viewer", "-new_safety_at"], name="care_link_new_safety",
                         condition=models.Q(revoked_at=None, new_safety_at__isnull=False)),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "viewer"], condition=models.Q(revoked_at=None),
                name="one_live_link_per_pair",
            ),
        ]

    def __str__(self) -> str:
        return f"link {self.public_id}"

    def _grants(self) -> dict[str, str]:
        """{kind: scope} of this link's grants, read once per instance (prefetched grants or
        `granted` set by a bulk reader are used when present)."""
        if not hasattr(self, "_granted"):
            self._granted = {g.kind: g.scope for g in self.grants.all()}
        return self._granted

    def set_granted(self, granted: dict[str, str]) -> None:
        self._granted = granted

    @property
    def kinds(self) -> list[str]:
        """Granted kinds in the order of KINDS."""
        granted = self._grants()
        return [k for k in KINDS if k in granted]

    @property
    def viewer_name(self) -> str:
        return self.viewer.shown_name

    @property
    def journal_scope(self) -> str:
        """"all" or "chosen" when the journal is shared, "" when it is not."""
        granted = self._grants()
        return (granted["journal"] or "all") if "journal" in granted else ""


class Grant(models.Model):
    """One kind shared on one link: a consent row, removed when the person stops sharing it."""

    link = models.ForeignKey(Link, on_delete=models.CASCADE, related_name="grants")
    kind = models.CharField(max_length=24, choices=[(k, v[0]) for k, v in KINDS.items()])
    # Journal only: "all" entries, or "chosen" (only those in SharedEntry for this link).
    scope = models.CharField(max_length=8, blank=True, default="")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["link", "kind"], name="one_grant_per_kind")]

    def __str__(self) -> str:
        return f"{self.kind} on {self.link_id}"


class AuditEntry(models.Model):
    """Who did what with whose data, and when. Never any content. Rows are never changed."""

    class Action(models.TextChoices):
        READ = "read", "looked at"
        LINKED = "linked", "linked with"
        SHARING = "sharing", "changed sharing with"
        REVOKED = "revoked", "ended the link with"
        COMMENTED = "commented", "commented on"
        REPLIED = "replied", "replied on"
        REMOVED = "removed", "removed comments on"
        ASSIGNED = "assigned", "suggested"
        STYLE = "style", "set the program style"
        DONE = "done", "marked as done"

    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    actor_name = models.CharField(max_length=160)  # kept if the actor's account goes
    actor_role = models.CharField(max_length=16)
    action = models.CharField(max_length=16, choices=Action.choices)
    kind = models.CharField(max_length=24, blank=True, default="")
    detail = models.CharField(max_length=200, blank=True, default="")  # kinds, never content
    at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return f"{self.actor_name} {self.action} {self.kind} at {self.at:%Y-%m-%d %H:%M}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValueError("Audit entries are never changed.")
        super().save(*args, **kwargs)


class SharedEntry(models.Model):
    """One journal entry the person chose to share on a link whose journal scope is "chosen"."""

    link = models.ForeignKey(Link, on_delete=models.CASCADE, related_name="shared_entries")
    entry = models.ForeignKey("journal.JournalEntry", on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["link", "entry"], name="one_share_per_entry")]

    def __str__(self) -> str:
        return f"entry {self.entry_id} on {self.link_id}"


class Comment(models.Model):
    """One message in a feedback thread: the viewer of `link` and the person, about one shared
    record (`kind` + its public id `target`). A thread is (link, kind, target): the person
    sees every thread on their record, each viewer only their own."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    link = models.ForeignKey(Link, on_delete=models.CASCADE, related_name="comments")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=24)
    target = models.UUIDField()
    by_person = models.BooleanField(default=False)
    author_name = models.CharField(max_length=160)
    body = EncryptedTextField()
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["person", "kind", "target"], name="care_comment_target")]

    def __str__(self) -> str:
        return f"comment {self.public_id}"


class Assignment(models.Model):
    """Something a clinician suggests: a practice, questionnaire, saying-it scenario or booster,
    once, daily or weekly from `starts_on` until `due_on`. Done when the person does the
    linked thing in that period, or marks it done by hand (AssignmentDone)."""

    class What(models.TextChoices):
        PRACTICE = "practice", "Practice"
        QUESTIONNAIRE = "questionnaire", "Questionnaire"
        SAYING = "saying", "Saying-it scenario"
        BOOSTER = "booster", "Booster"

    class Schedule(models.TextChoices):
        ONCE = "once", "Once"
        DAILY = "daily", "Every day"
        WEEKLY = "weekly", "Every week"

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    link = models.ForeignKey(Link, on_delete=models.CASCADE, related_name="assignments")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    what = models.CharField(max_length=16, choices=What.choices)
    key = models.CharField(max_length=60, blank=True, default="")
    schedule = models.CharField(max_length=8, choices=Schedule.choices)
    starts_on = models.DateField()
    due_on = models.DateField()
    note = EncryptedTextField(blank=True, default="")
    created_at = models.DateTimeField(default=timezone.now)
    ended_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["due_on", "id"]
        indexes = [models.Index(fields=["person", "due_on"], name="care_assignment_person")]

    def __str__(self) -> str:
        return f"assignment {self.public_id}"


class AssignmentDone(models.Model):
    """The person marked one period of an assignment done by hand."""

    assignment = models.ForeignKey(Assignment, on_delete=models.CASCADE, related_name="done")
    period_start = models.DateField()
    done_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["assignment", "period_start"],
                                               name="one_done_per_period")]

    def __str__(self) -> str:
        return f"{self.assignment_id} done for {self.period_start}"


class FlagSeen(models.Model):
    """A clinician marked a dashboard flag as seen for one link, up to the moment of the
    evidence they saw; later evidence makes the flag new again."""

    link = models.ForeignKey(Link, on_delete=models.CASCADE, related_name="flags_seen")
    flag = models.CharField(max_length=24)
    seen_up_to = models.DateTimeField()
    seen_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["link", "flag"], name="one_seen_per_flag")]

    def __str__(self) -> str:
        return f"{self.flag} seen on {self.link_id}"


class AuditErasure(models.Model):
    """While an account is being deleted, one row names it: the database lets the audit entries
    about that person go, and lets their name be cut from entries they made (`actor` set to
    NULL; `actor_name` stays). Written and removed in the deletion's own transaction
    (care/erasure.py), so no other connection ever sees one. Every other UPDATE or DELETE of an
    audit entry is refused by a trigger (migration 0002). `user_id` 0 names everyone: only the
    test suite's flush between browser tests uses it (tests/conftest.py)."""

    user_id = models.BigIntegerField(db_index=True)

    def __str__(self) -> str:
        return f"erasing the audit of {self.user_id}"


class Activity(models.Model):
    """One person's activity summary, for the clinician's list: the latest moment of each kind
    they can share, of each safety flag source, and their first and latest PHQ-9 and GAD-7
    totals. Worked out again inside every write of their records (activity.py); never any
    content. Which of it a viewer sees is decided per link, from the grants."""

    person = models.OneToOneField(settings.AUTH_USER_MODEL, primary_key=True,
                                  on_delete=models.CASCADE, related_name="care_activity")
    checkins = models.DateTimeField(null=True)
    journal = models.DateTimeField(null=True)
    practices = models.DateTimeField(null=True)
    questionnaires = models.DateTimeField(null=True)
    saying = models.DateTimeField(null=True)
    safety_plan = models.DateTimeField(null=True)
    heartbeat = models.DateTimeField(null=True)
    # The latest flag from question 9 of the PHQ-9, and from risk words in each kind of text.
    item9 = models.DateTimeField(null=True)
    journal_words = models.DateTimeField(null=True)
    checkin_words = models.DateTimeField(null=True)
    saying_words = models.DateTimeField(null=True)
    phq9_first = models.FloatField(null=True)
    phq9_last = models.FloatField(null=True)
    phq9_at = models.DateTimeField(null=True)
    gad7_first = models.FloatField(null=True)
    gad7_last = models.FloatField(null=True)
    gad7_at = models.DateTimeField(null=True)

    def __str__(self) -> str:
        return f"activity of {self.person_id}"
