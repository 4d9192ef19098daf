"""Patterns the sweep found in session 7 (docs/dev-notes/2026-12-06-s7/issue-15-parents.md), imported
by models.py (this app's models module, already long)."""

from __future__ import annotations

from typing import Any, ClassVar

from django.core.exceptions import ValidationError
from django.db import models


class Grade(models.Model):
    name = models.CharField(max_length=64)


class Listing(models.Model):
    """django-oscar's Product: its ``clean`` wants an optional key set, and names it by its verbose
    name ("must have a product class")."""

    title = models.CharField(max_length=64)
    listing_grade = models.ForeignKey(Grade, null=True, blank=True, on_delete=models.PROTECT)

    def clean(self) -> None:
        if self.listing_grade is None:
            raise ValidationError("Your listing must have a listing grade.")


class Bid(models.Model):
    """django-oscar's ProductRecord: a required key whose parent (a Listing) is made for it."""

    listing = models.ForeignKey(Listing, on_delete=models.CASCADE)
    amount = models.PositiveIntegerField()


class Club(models.Model):
    name = models.CharField(max_length=64)


class Membership(models.Model):
    club = models.ForeignKey(Club, on_delete=models.CASCADE, related_name="memberships")
    nickname = models.CharField(max_length=64)


class ClubMismatch(Exception):
    """Not a ValidationError: what django-organizations' ``OrganizationMismatch`` is."""


class Ownership(models.Model):
    """django-organizations' OrganizationOwner: two one-to-ones whose parents must agree
    (``membership.club`` is ``club``), checked by its own ``save``."""

    membership = models.OneToOneField(Membership, on_delete=models.CASCADE)
    club = models.OneToOneField(Club, on_delete=models.CASCADE, related_name="ownership")

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.membership.club_id != self.club_id:
            raise ClubMismatch
        super().save(*args, **kwargs)


class Reader(models.Model):
    name = models.CharField(max_length=64)


class Book(models.Model):
    title = models.CharField(max_length=64)
    owner = models.ForeignKey(Reader, on_delete=models.CASCADE, related_name="books")


class Loan(models.Model):
    """The same shape as Ownership with no rule: a loan's reader need not own the book."""

    reader = models.ForeignKey(Reader, on_delete=models.CASCADE, related_name="loans")
    book = models.ForeignKey(Book, on_delete=models.CASCADE)


class Endorsement(models.Model):
    """django-oscar's review Vote: the same shape wanting the two to differ ("you cannot vote on your
    own reviews"), and refused as a whole for another reason too."""

    reader = models.ForeignKey(Reader, on_delete=models.CASCADE, related_name="endorsements")
    book = models.ForeignKey(Book, on_delete=models.CASCADE, related_name="endorsements")
    stars = models.PositiveSmallIntegerField()

    def clean(self) -> None:
        if self.book.owner_id == self.reader_id:
            raise ValidationError("You cannot endorse your own book.")
        if self.stars % 2:
            raise ValidationError("Endorsements come in even numbers.")


class Stamp(models.Model):
    """A ``clean`` that reads its required key (oscar's Vote reads ``self.review``) and refuses the row
    as a whole a number of times (``refusals_left``): long enough that re-draws leave fields out."""

    book = models.ForeignKey(Book, on_delete=models.CASCADE, related_name="stamps")
    label = models.CharField(max_length=20, blank=True)

    refusals_left: ClassVar[int] = 0

    def clean(self) -> None:
        if not self.book.title:
            raise ValidationError("A stamp needs a titled book.")
        if Stamp.refusals_left > 0:
            Stamp.refusals_left -= 1
            raise ValidationError("Not yet.")
