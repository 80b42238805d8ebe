import uuid

from django.conf import settings
from django.db import models


class OwnedModel(models.Model):
    """Something that belongs to one person: a UUID for URLs, an owner, and timestamps."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True
