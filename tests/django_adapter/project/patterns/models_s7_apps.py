"""Patterns the session-7 sweep of new apps found, one small model each (imported by models.py).

Each names the package whose model it stands for; the adapter handles each pattern generically.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import FileExtensionValidator
from django.db import models


class Pal(models.Model):
    """Stands for the user model two keys of one row point at."""

    handle = models.CharField(max_length=30)


class Follow(models.Model):
    """django-friendship's ``Follow``/``Friend``/``Block``: two keys to one model, and a ``save()``
    that refuses a row pointing twice at the same parent (the message names no field)."""

    follower = models.ForeignKey(Pal, on_delete=models.CASCADE, related_name="following")
    followee = models.ForeignKey(Pal, on_delete=models.CASCADE, related_name="followers")

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.follower_id == self.followee_id:
            raise ValidationError("Users cannot follow themselves.")
        super().save(*args, **kwargs)


class Journal(models.Model):
    """Stands for django-ledger's ``LedgerModel``: a parent some rows refuse (a locked one)."""

    name = models.CharField(max_length=30)
    locked = models.BooleanField(default=False)


class Posting(models.Model):
    """django-ledger's ``JournalEntryModel``: ``clean()`` refuses a locked parent, naming no field."""

    journal = models.ForeignKey(Journal, on_delete=models.CASCADE)
    memo = models.CharField(max_length=50)

    def clean(self) -> None:
        if self.journal_id is not None and self.journal.locked:
            raise ValidationError(f"Cannot add entries to locked journal {self.journal_id}.")


class Banner(models.Model):
    """django-admin-interface's ``Theme.logo``: a file field whose validator allows some extensions."""

    title = models.CharField(max_length=30)
    logo = models.FileField(
        upload_to="banners/", blank=True, validators=[FileExtensionValidator(["gif", "jpg", "png", "svg"])]
    )
    notes = models.FileField(upload_to="banners/", blank=True, validators=[FileExtensionValidator(["pdf"])])


class Remnant(models.Model):
    """djangocms-text's migration-time ``CKEditorText``: an unmanaged model over a table that is gone
    (its content type stays, so generic keys must not read its rows)."""

    body = models.TextField()

    class Meta:
        managed = False
        db_table = "patterns_remnant_dropped"
