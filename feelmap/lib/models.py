import uuid
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db import models
from django.db.models import F, Q

if TYPE_CHECKING:  # Django's fields are generic only in django-stubs, not at run time
    _DateTimeField = models.DateTimeField[Any, datetime]
else:
    _DateTimeField = models.DateTimeField


class StampField(_DateTimeField):
    """A DateTimeField for auto_now/auto_now_add stamps that an import can set exactly: on an
    instance with ``keep_stamps = True`` the value already on it is saved as it is. Migrations
    see a plain DateTimeField."""

    def pre_save(self, model_instance: models.Model, add: bool) -> Any:
        if getattr(model_instance, "keep_stamps", False):
            return getattr(model_instance, self.attname)
        return super().pre_save(model_instance, add)

    def deconstruct(self) -> tuple[str, str, Sequence[Any], dict[str, Any]]:
        name, _path, args, kwargs = super().deconstruct()
        return name, "django.db.models.DateTimeField", args, kwargs


class OwnedModel(models.Model):
    """Something that belongs to one person: a UUID for URLs, an owner, and timestamps."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created_at = StampField(auto_now_add=True, db_index=True)
    updated_at = StampField(auto_now=True)

    class Meta:
        abstract = True


# The range every stored moment must fall in, enforced by the database as well as by
# `feelmap.lib.validation.Moment` (which also refuses the future). The upper bound is fixed,
# since a CHECK constraint cannot use "now"; it keeps years that drivers can't convert out.
STORED_EARLIEST = datetime(2000, 1, 1, tzinfo=UTC)
STORED_LATEST = datetime(2100, 1, 1, tzinfo=UTC)


def moment_in_range(field: str, name: str, *, nullable: bool = False) -> models.CheckConstraint:
    """A CHECK constraint: ``field`` is from 2000 to before 2100 (or null when allowed)."""
    in_range = Q(**{f"{field}__gte": STORED_EARLIEST}) & Q(**{f"{field}__lt": STORED_LATEST})
    if nullable:
        in_range = Q(**{f"{field}__isnull": True}) | in_range
    return models.CheckConstraint(condition=in_range, name=name)


def repair_moments(model: type[models.Model], field: str, *, replacement: str = "created_at") -> int:
    """Set ``field`` to the row's ``replacement`` (a timestamp column) where it lies outside the
    stored range or in the future; for data migrations, before adding `moment_in_range`.

    One UPDATE: the bad values are never read into Python (PostgreSQL can store a BC date that
    its driver cannot hand back)."""
    from django.utils import timezone

    latest = min(STORED_LATEST, timezone.now() + timedelta(minutes=5))
    bad = Q(**{f"{field}__lt": STORED_EARLIEST}) | Q(**{f"{field}__gte": latest})
    changed: int = model._default_manager.filter(bad).update(**{field: F(replacement)})
    # A replacement that is itself out of range (it never should be) is clamped.
    changed += model._default_manager.filter(**{f"{field}__lt": STORED_EARLIEST}).update(
        **{field: STORED_EARLIEST})
    changed += model._default_manager.filter(**{f"{field}__gte": latest}).update(**{field: latest})
    return changed
