"""A small blog covering Django's field kinds and relations (the adapter's test project)."""

from __future__ import annotations

import uuid

import django
from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey, GenericRelation
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import F, Q

#: CheckConstraint's keyword: ``condition`` since Django 5.1, ``check`` before (Django 4.2 LTS)
CHECK = "condition" if django.VERSION >= (5, 1) else "check"


LOW_BELOW_HIGH = Q(low__lt=F("high"))


class Status(models.TextChoices):
    DRAFT = "draft", "Draft"
    PUBLISHED = "published", "Published"


class Priority(models.IntegerChoices):
    LOW = 1, "Low"
    HIGH = 3, "High"


KIND_CHOICES = [
    ("Media", [("video", "Video"), ("audio", "Audio")]),
    ("Text", [("essay", "Essay"), ("note", "Note")]),
]


class Category(models.Model):
    name = models.CharField(max_length=50, unique=True)
    slug = models.SlugField(max_length=20, unique=True)
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.CASCADE)


class Tag(models.Model):
    name = models.CharField(max_length=30, unique=True)


class Author(models.Model):
    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    bio = models.TextField(blank=True)
    website = models.URLField(blank=True)
    rating = models.PositiveSmallIntegerField(validators=[MaxValueValidator(5)])


class TimeStamped(models.Model):
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True


class Entry(TimeStamped):
    title = models.CharField(max_length=120)
    slug = models.SlugField()
    author = models.ForeignKey(Author, on_delete=models.CASCADE)
    category = models.ForeignKey(Category, null=True, blank=True, on_delete=models.SET_NULL)
    tags = models.ManyToManyField(Tag, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    priority = models.IntegerField(choices=Priority.choices)
    kind = models.CharField(max_length=5, choices=KIND_CHOICES)
    body = models.TextField()
    published = models.DateTimeField(null=True, blank=True)
    uid = models.UUIDField(default=uuid.uuid4, unique=True)
    price = models.DecimalField(max_digits=6, decimal_places=2, validators=[MinValueValidator(0)])
    contact = models.EmailField()
    server = models.GenericIPAddressField(protocol="IPv4")
    data = models.JSONField(default=dict)
    duration = models.DurationField()
    blob = models.BinaryField(max_length=16)
    code = models.CharField(max_length=8, validators=[RegexValidator(r"^[A-Z]{3}-[0-9]{4}$")])
    score = models.FloatField()
    day = models.DateField()
    at = models.TimeField()
    big = models.BigIntegerField()
    small = models.SmallIntegerField()
    flag = models.BooleanField()

    class Meta:
        verbose_name_plural = "entries"
        constraints = (models.UniqueConstraint(fields=["title", "slug"], name="entry_title_slug"),)


class EntryProxy(Entry):
    class Meta:
        proxy = True


class Comment(TimeStamped):
    entry = models.ForeignKey(Entry, on_delete=models.CASCADE, related_name="comments")
    text = models.CharField(max_length=200)
    rank = models.PositiveIntegerField(validators=[MinValueValidator(1), MaxValueValidator(10)])

    class Meta:
        unique_together = (("entry", "rank"),)


class Person(models.Model):
    name = models.CharField(max_length=60)


class Group(models.Model):
    name = models.CharField(max_length=40)
    members = models.ManyToManyField(Person, through="Membership")


class Membership(models.Model):
    person = models.ForeignKey(Person, on_delete=models.CASCADE)
    group = models.ForeignKey(Group, on_delete=models.CASCADE)
    joined = models.DateField()


class Place(models.Model):
    name = models.CharField(max_length=50)
    address = models.CharField(max_length=80)


class Restaurant(Place):
    serves_pizza = models.BooleanField()
    seats = models.IntegerField(validators=[MinValueValidator(1), MaxValueValidator(500)])


class Ticket(models.Model):
    code = models.CharField(max_length=12, primary_key=True)
    seat = models.CharField(max_length=3)
    row = models.PositiveSmallIntegerField(validators=[MaxValueValidator(3)])

    class Meta:
        unique_together = (("seat", "row"),)


class Document(models.Model):
    """Files written through the storage, limited parents (dict and Q) and a check constraint."""

    title = models.CharField(max_length=40)
    attachment = models.FileField(upload_to="docs/")
    picture = models.ImageField(upload_to="pictures/", blank=True)
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, limit_choices_to={"is_staff": True}
    )
    featured = models.ForeignKey(
        Category, null=True, blank=True, on_delete=models.SET_NULL, limit_choices_to=Q(slug__startswith="a")
    )
    low = models.IntegerField(validators=[MinValueValidator(0), MaxValueValidator(100)])
    high = models.IntegerField(validators=[MinValueValidator(0), MaxValueValidator(100)])

    class Meta:
        constraints = (models.CheckConstraint(name="document_low_below_high", **{CHECK: LOW_BELOW_HIGH}),)


class Patient(models.Model):
    """A model the sensitive gate closes (a social security number)."""

    name = models.CharField(max_length=60)
    ssn = models.CharField(max_length=11)


class TaggedItem(models.Model):
    """A generic relation: points at any row through its content type and id."""

    label = models.SlugField(max_length=20)
    content_type = models.ForeignKey("contenttypes.ContentType", on_delete=models.CASCADE)
    object_id = models.PositiveIntegerField()
    content_object = GenericForeignKey("content_type", "object_id")


class Badge(models.Model):
    """A unique field with five possible values: new rows must avoid the ones already stored."""

    level = models.PositiveSmallIntegerField(
        unique=True, validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    holder = models.OneToOneField(Person, null=True, blank=True, on_delete=models.CASCADE)


def inbox() -> str:
    """Where Report's paths point (a folder in the tests' temporary MEDIA_ROOT)."""
    import os

    return os.path.join(settings.MEDIA_ROOT, "inbox")


class Report(models.Model):
    """FilePathField: a file matching ``match``, and a folder."""

    source = models.FilePathField(path=inbox, match=r"^[a-z]{4}\.csv$")
    folder = models.FilePathField(path=inbox, allow_files=False, allow_folders=True, match=r"^box[0-9]$")


class Bookmark(models.Model):
    """The reverse side of a generic relation: ``create(Bookmark, tags=2)`` makes two TaggedItems."""

    url = models.URLField()
    tags = GenericRelation(TaggedItem)


def cron_minute(value: str) -> None:
    """A validator no pattern describes (like django-celery-beat's cron fields)."""
    from django.core.exceptions import ValidationError

    parts = value.split("/")
    if not (
        value == "*"
        or (len(parts) == 2 and parts[0] == "*" and parts[1].isdigit() and 0 < int(parts[1]) < 60)
    ):
        raise ValidationError(f"{value!r} is not a cron minute")


class Schedule(models.Model):
    """A field whose validator the adapter cannot read, with a default that passes it."""

    minute = models.CharField(max_length=64, validators=[cron_minute], default="*")
