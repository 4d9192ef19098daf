"""Patterns found by the real-world sweep (bench/django_sweep.py), one small model each.

Every model here names the package whose model it stands for; the adapter handles each pattern
generically (none of these names appears in its code).
"""

from __future__ import annotations

import os
import re
from typing import Any

from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import models
from django.db.models.signals import post_save, pre_save


def random_hex() -> str:
    """A callable default of random (unseeded) values, as django-otp's ``default_key``."""
    return os.urandom(20).hex()


def hex_only(value: str) -> None:
    try:
        bytes.fromhex(value)
    except ValueError:
        raise ValidationError(f"{value} is not valid hex-encoded data.") from None


class Device(models.Model):
    """django-otp's TOTPDevice: a validator the adapter cannot read, a callable default that passes it."""

    name = models.CharField(max_length=64)
    key = models.CharField(max_length=80, validators=[hex_only], default=random_hex)


class ListOnlyJSONField(models.JSONField):
    """django-oauth-toolkit's ResourceJSONField: anything but a list of strings is refused when saved."""

    def get_db_prep_value(self, value, connection, prepared=False):  # type: ignore[no-untyped-def]
        if value is not None and not (isinstance(value, list) and all(isinstance(v, str) for v in value)):
            raise ValidationError("Resource must be a list of URI strings")
        return super().get_db_prep_value(value, connection, prepared)


class Client(models.Model):
    """django-oauth-toolkit's Application: space-separated redirect URIs its clean() checks."""

    name = models.CharField(max_length=64)
    redirect_uris = models.TextField(help_text="Allowed URIs list, space separated")
    resource = ListOnlyJSONField(blank=True, default=list)

    def clean(self) -> None:
        uris = self.redirect_uris.split()
        if not uris:
            raise ValidationError({"redirect_uris": "redirect_uris cannot be empty"})
        for uri in uris:
            URLValidator(schemes=["http", "https"])(uri)


class Revision(models.Model):
    """django-cms' UrlconfRevision: save() keeps one row (its key is always 1)."""

    revision = models.CharField(max_length=255)

    def save(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        self.pk = 1
        super().save(*args, **kwargs)


class Flow(models.Model):
    """wagtail's WorkflowState: an optional one-to-one to a Step, whose required key points back."""

    title = models.CharField(max_length=64)
    current_step = models.OneToOneField(
        "Step", null=True, blank=True, on_delete=models.SET_NULL, related_name="current_of"
    )


class Step(models.Model):
    flow = models.ForeignKey(Flow, on_delete=models.CASCADE, related_name="steps")
    label = models.CharField(max_length=64)


class Job(models.Model):
    """django-celery-beat's PeriodicTask: save() refuses a row with both expiry fields set."""

    name = models.CharField(max_length=64)
    expires = models.DateTimeField(null=True, blank=True)
    expire_seconds = models.PositiveIntegerField(null=True, blank=True)

    def save(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        if self.expires is not None and self.expire_seconds is not None:
            raise ValidationError("Only one can be set, in expires and expire_seconds")
        super().save(*args, **kwargs)


class Right(models.Model):
    """django.contrib.auth's Permission: a right on one content type."""

    codename = models.CharField(max_length=64)
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)


class Grant(models.Model):
    """django-guardian's UserObjectPermission: save() wants the object to be of the right's type."""

    right = models.ForeignKey(Right, on_delete=models.CASCADE)
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_pk = models.CharField(max_length=255)
    content_object = GenericForeignKey(fk_field="object_pk")

    def save(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        if self.content_type_id != self.right.content_type_id:
            raise ValidationError("Cannot persist permission not designed for this class")
        super().save(*args, **kwargs)


class Account(models.Model):
    handle = models.CharField(max_length=64)


class Profile(models.Model):
    """wagtail's SQLiteFTSIndexEntry (a trigger makes it with its parent), or a profile a post_save
    signal makes: the row exists once its parent is saved."""

    account = models.OneToOneField(Account, primary_key=True, on_delete=models.CASCADE)
    bio = models.TextField(blank=True)


def _make_profile(sender: type[Account], instance: Account, created: bool, **kwargs: object) -> None:
    if created:
        Profile.objects.create(account=instance, bio="")


post_save.connect(_make_profile, sender=Account)


class Host(models.Model):
    """wagtail's Site: its own ``clean_fields`` allows one default host."""

    name = models.CharField(max_length=64)
    is_default = models.BooleanField(default=False)

    def clean_fields(self, exclude=None):  # type: ignore[no-untyped-def]
        super().clean_fields(exclude)
        if self.is_default and Host.objects.filter(is_default=True).exclude(pk=self.pk).exists():
            raise ValidationError({"is_default": "Another host is already the default."})


class Schedule(models.Model):
    """django-celery-beat's PeriodicTask: its own ``validate_unique`` wants a schedule set."""

    name = models.CharField(max_length=64)
    every = models.PositiveIntegerField(null=True, blank=True)
    at = models.TimeField(null=True, blank=True)

    def validate_unique(self, exclude=None):  # type: ignore[no-untyped-def]
        super().validate_unique(exclude)
        if self.every is None and self.at is None:
            raise ValidationError("One of every or at must be set.")


class Note(models.Model):
    """wagtail's Page: its own ``full_clean`` sets derived fields before Django's checks."""

    title = models.CharField(max_length=64)
    slug = models.SlugField(max_length=64)

    def full_clean(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        from django.utils.text import slugify

        self.slug = slugify(self.title)[:64] or "note"
        super().full_clean(*args, **kwargs)


class ThreadTooDeep(Exception):
    pass


class Comment(models.Model):
    """django-comments-xtd's XtdComment: save() raises its own exception past a thread depth."""

    body = models.CharField(max_length=64)
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.CASCADE)

    def save(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        if self.parent is not None and self.parent.parent_id is not None:
            raise ThreadTooDeep(f"Max thread level reached for comment {self.parent_id}")
        super().save(*args, **kwargs)


class Feed(models.Model):
    """django-newsletter's Newsletter: a pre_save receiver imports the class path the row names."""

    title = models.CharField(max_length=64)
    generator_class = models.CharField(max_length=200, blank=True, null=True)


def _import_generator(sender: type[Feed], instance: Feed, **kwargs: object) -> None:
    import importlib

    if instance.generator_class:
        if "." not in instance.generator_class:
            raise ModuleNotFoundError("missing module for generator class")
        module, _, name = instance.generator_class.rpartition(".")
        getattr(importlib.import_module(module), name)


pre_save.connect(_import_generator, sender=Feed)


class Ledger(models.Model):
    """A save() that refuses the row after its INSERT: nothing of it may stay."""

    amount = models.IntegerField()

    def save(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        super().save(*args, **kwargs)
        if self.amount % 2:
            raise ValueError("odd amounts are refused")


def a_list(value: object) -> None:
    if not isinstance(value, list):
        raise ValidationError("Must be a list.")


def emails(value: list[str]) -> None:
    from django.core.validators import validate_email

    for item in value:
        validate_email(item)


class CommaSeparatedField(models.TextField):
    """django-post-office's CommaSeparatedEmailField: to_python splits, its validator wants the list."""

    default_validators = [a_list]  # noqa: RUF012 - as Django declares it

    def to_python(self, value):  # type: ignore[no-untyped-def]
        if isinstance(value, str):
            return [part.strip() for part in value.split(",")] if value else []
        return value

    def from_db_value(self, value, expression, connection):  # type: ignore[no-untyped-def]
        return self.to_python(value)

    def get_prep_value(self, value):  # type: ignore[no-untyped-def]
        return value if isinstance(value, str) else ", ".join(value)


def text_extension(value: Any) -> None:
    if not value.name.endswith(".txt"):
        raise ValidationError("Unsupported file extension.")


class Upload(models.Model):
    """django-helpdesk's Attachment: a file validator reads the file's name; a list-valued text field."""

    file = models.FileField(upload_to="uploads", validators=[text_extension])
    recipients = CommaSeparatedField()
    copies = CommaSeparatedField(validators=[emails])


class Bill(models.Model):
    """dj-stripe's Charge: a key the database may leave NULL (``null=True``) that full_clean requires."""

    number = models.CharField(max_length=32)
    account = models.ForeignKey(Account, null=True, on_delete=models.SET_NULL)


def texts_only(value: object) -> None:
    if not isinstance(value, list) or not all(isinstance(item, str) and item.strip() for item in value):
        raise ValidationError(f"{value} is not a list of texts")


class Checklist(models.Model):
    """django-helpdesk's ChecklistTemplate: a JSONField whose validator wants a list of texts."""

    name = models.CharField(max_length=64)
    task_list = models.JSONField(validators=[texts_only])


class Payment(models.Model):
    """dj-stripe's Charge: its invoice is required by full_clean though the column accepts NULL."""

    amount = models.PositiveIntegerField()
    receipt = models.ForeignKey("Receipt", null=True, on_delete=models.CASCADE, related_name="payments")


class Receipt(models.Model):
    """dj-stripe's Invoice: a one-to-one back to the payment, required the same way (a cycle)."""

    number = models.CharField(max_length=32)
    payment = models.OneToOneField(
        Payment, null=True, on_delete=models.CASCADE, related_name="latest_receipt"
    )


class MailTemplate(models.Model):
    """django-post-office's EmailTemplate: a required reference to the model itself (the first row can
    only point at itself), in a unique_together with plain fields."""

    name = models.CharField(max_length=64)
    language = models.CharField(max_length=12, blank=True, default="")
    default_template = models.ForeignKey(
        "self", null=True, default=None, on_delete=models.CASCADE, related_name="translations"
    )

    class Meta:
        unique_together = ("name", "language", "default_template")


class Shelf(models.Model):
    """One half of a cycle of keys whose columns are NOT NULL: no row can be saved first."""

    label = models.CharField(max_length=32)
    first_volume = models.ForeignKey("Volume", on_delete=models.PROTECT, related_name="+")


class Volume(models.Model):
    """The other half: each volume stands on a shelf."""

    title = models.CharField(max_length=64)
    shelf = models.ForeignKey(Shelf, on_delete=models.CASCADE, related_name="volumes")


class Lease(models.Model):
    """A cycle where only this side's column accepts NULL: the lease is saved first, then its deposit."""

    tenant = models.CharField(max_length=64)
    deposit = models.ForeignKey("Deposit", null=True, on_delete=models.CASCADE, related_name="+")


class Deposit(models.Model):
    """The other side: a one-to-one back to its lease whose column is NOT NULL."""

    amount = models.PositiveIntegerField()
    lease = models.OneToOneField(Lease, on_delete=models.CASCADE, related_name="+")


class Refund(models.Model):
    """A required key to a model in a cycle: its Payment is a parent a bulk batch holds back."""

    amount = models.PositiveIntegerField()
    payment = models.ForeignKey(Payment, on_delete=models.CASCADE, related_name="refunds")


class Preview(models.Model):
    """dj-stripe's UpcomingInvoice: a model whose save() stores nothing (a preview of a row)."""

    title = models.CharField(max_length=64)

    def save(self, *args: Any, **kwargs: Any) -> None:
        return  # never stored


# -- session 6 (docs/dev-notes/2026-12-06-s6/issue-15-sweep.md) ------------------------------------


class Voucher(models.Model):
    """A model keyed by text (django-q2's Task, Django's Session): its keys are no integer ids."""

    code = models.CharField(max_length=20, primary_key=True)


class Reminder(models.Model):
    """django-background-tasks' Task: an optional generic ``creator`` whose object id is an integer."""

    name = models.CharField(max_length=64)
    creator_content_type = models.ForeignKey(ContentType, null=True, blank=True, on_delete=models.CASCADE)
    creator_object_id = models.PositiveIntegerField(null=True, blank=True)
    creator = GenericForeignKey("creator_content_type", "creator_object_id")


class Period(models.Model):
    minutes = models.PositiveIntegerField()


class Moment(models.Model):
    at = models.DateTimeField()


class Beat(models.Model):
    """django-celery-beat's PeriodicTask: exactly one of its optional schedule keys, checked by its own
    ``validate_unique``."""

    name = models.CharField(max_length=64)
    period = models.ForeignKey(Period, null=True, blank=True, on_delete=models.CASCADE)
    moment = models.ForeignKey(Moment, null=True, blank=True, on_delete=models.CASCADE)

    def validate_unique(self, exclude=None):  # type: ignore[no-untyped-def]
        super().validate_unique(exclude)
        chosen = [name for name in ("period", "moment") if getattr(self, name) is not None]
        if not chosen:
            raise ValidationError("One of period or moment must be set.")
        if len(chosen) > 1:
            raise ValidationError(dict.fromkeys(chosen, "Only one of period or moment must be set"))


_CRON_RANGES = ((0, 59), (0, 23), (1, 31), (1, 12), (0, 7))
_CRON_PART = re.compile(r"(\*|(\d+)(?:-(\d+))?)(?:/(\d+))?")


def cron_syntax(value: str) -> None:
    """The five-field cron grammar croniter reads (numbers only), as django-q2's ``validate_cron``."""
    fields = value.split()
    if len(fields) != len(_CRON_RANGES):
        raise ValidationError(f"{value!r} is not a cron expression: five fields expected")
    for text, (low, high) in zip(fields, _CRON_RANGES, strict=True):
        for part in text.split(","):
            found = _CRON_PART.fullmatch(part)
            _, start, end, step = found.groups() if found else ("", "-1", None, None)
            bounds = [int(n) for n in (start, end) if n is not None]
            if any(n < low or n > high for n in bounds) or step in ("0", "00"):
                raise ValidationError(f"{value!r} is not a cron expression: bad field {text!r}")


class Chore(models.Model):
    """django-q2's Schedule: a cron expression its validator parses (realism by the field's name)."""

    name = models.CharField(max_length=64)
    cron = models.CharField(max_length=100, validators=[cron_syntax])
    cron_expression = models.CharField(max_length=12, validators=[cron_syntax])


class Member(models.Model):
    name = models.CharField(max_length=64)


class Preference(models.Model):
    """django-helpdesk's UserSettings: its own key, a one-to-one to a parent whose ``post_save``
    receiver makes each new parent's row."""

    member = models.OneToOneField(Member, on_delete=models.CASCADE, related_name="preference")
    page_size = models.IntegerField(choices=[(10, "10"), (25, "25"), (50, "50")], default=25)
    theme = models.CharField(max_length=20, blank=True, default="")


def _make_preference(sender: type[Member], instance: Member, created: bool, **kwargs: object) -> None:
    if created:
        Preference.objects.create(member=instance)


post_save.connect(_make_preference, sender=Member)

from tests.django_adapter.project.patterns.models_s7 import *  # noqa: E402, F403  (session 7's models)
from tests.django_adapter.project.patterns.models_s7_apps import *  # noqa: E402, F403  (and the new apps')
