"""Patterns the real-world sweep (bench/django_sweep.py) found in session 7, one test each.

The models (tests/django_adapter/project/patterns/models_s7.py, migration 0005_sweep_s7_parents, and
``Beat`` of session 6) reproduce what django-celery-beat, django-oscar and django-organizations do;
nothing here is handled by name.
"""

from __future__ import annotations

import pytest

from pytest_forge import Forge
from pytest_forge.errors import ValidationRejectedError
from tests.django_adapter.project.patterns.models import (
    Beat,
    Bid,
    Book,
    Club,
    Endorsement,
    Grade,
    Listing,
    Loan,
    Membership,
    Moment,
    Ownership,
    Period,
    Reader,
    Stamp,
)

pytestmark = pytest.mark.django_db


def _valid(rows):
    for row in rows:
        type(row)._default_manager.get(pk=row.pk).full_clean()


def test_the_optional_key_kept_after_a_whole_model_refusal_makes_a_parent_when_none_exists():
    beats = Forge(seed=1, none_p=1.0).create_batch(Beat, 6)  # no Period nor Moment exists
    _valid(beats)
    assert all((b.period_id is None) != (b.moment_id is None) for b in beats)
    assert Period.objects.count() + Moment.objects.count() >= 1  # made in the call, and kept


def test_a_parent_made_for_a_kept_optional_key_inside_build_is_not_saved():
    listing = Forge(seed=1, none_p=1.0).build(Listing)  # its clean() runs in build (unlike unique checks)
    assert listing.listing_grade is not None
    assert listing.listing_grade.pk is None
    assert Grade.objects.count() == Listing.objects.count() == 0


def test_a_kept_optional_key_makes_no_parent_with_generate_fk_false():
    with pytest.raises(ValidationRejectedError):
        Forge(seed=1, none_p=1.0).create(Beat, generate_fk=False)
    assert Period.objects.count() == Moment.objects.count() == 0


def test_an_optional_key_a_refusal_names_by_its_words_gets_a_parent():
    bids = Forge(seed=1).create_batch(Bid, 4)  # each Bid makes its Listing; no Grade exists
    _valid(bids)
    assert all(Listing.objects.get(pk=b.listing_id).listing_grade_id is not None for b in bids)
    assert Grade.objects.exists()
    listings = Forge(seed=2, none_p=1.0).create_batch(Listing, 3)
    _valid(listings)


def test_two_parents_a_save_wants_to_agree_are_made_to_agree_after_its_refusal():
    owners = Forge(seed=1).create_batch(Ownership, 4)
    _valid(owners)
    for owner in Ownership.objects.select_related("membership"):
        assert owner.membership.club_id == owner.club_id
    assert len({o.club_id for o in owners}) == 4


def test_a_given_parent_is_the_one_the_other_is_made_to_agree_with():
    club, *_ = [Club.objects.create(name=name) for name in ("chess", "go", "bridge", "poker", "darts")]
    owner = Forge(seed=2).create(Ownership, club=club)
    assert Membership.objects.get(pk=owner.membership_id).club_id == club.pk


def test_two_parents_are_not_made_to_agree_when_nothing_refuses_the_row():
    forge = Forge(seed=1)
    forge.create_batch(Reader, 4)
    forge.create_batch(Book, 4)
    loans = forge.create_batch(Loan, 8)
    _valid(loans)
    owners = {loan.pk: Book.objects.get(pk=loan.book_id).owner_id for loan in loans}
    assert any(owners[loan.pk] != loan.reader_id for loan in loans)  # drawn as before: independent


def test_parents_made_to_agree_in_vain_get_their_drawn_parents_back():
    forge = Forge(seed=1)
    forge.create_batch(Reader, 4)
    forge.create_batch(Book, 6)
    endorsements = forge.create_batch(Endorsement, 8)  # odd stars refused as a whole: a mend is tried
    _valid(endorsements)
    assert all(Book.objects.get(pk=e.book_id).owner_id != e.reader_id for e in endorsements)


def test_a_long_refusal_never_leaves_out_a_required_key_its_clean_reads(monkeypatch):
    monkeypatch.setattr(Stamp, "refusals_left", 14)  # re-draws leave out a share of fields from the 8th
    stamp = Forge(seed=1).create(Stamp)
    _valid([stamp])
    assert stamp.book_id is not None


def test_optional_keys_refused_each_for_being_one_of_several_set_are_left_out_but_one():
    Forge(seed=1).create_batch(Period, 3)
    Forge(seed=1).create_batch(Moment, 3)
    beats = Forge(seed=3, none_p=0.0).create_batch(Beat, 6)  # both keys always drawn set
    _valid(beats)
    assert all((b.period_id is None) != (b.moment_id is None) for b in beats)
