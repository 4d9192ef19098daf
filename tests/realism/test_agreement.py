"""Text that agrees with its record: reviews with their rating, products with their description,
titles and subjects that read like titles (issue 13)."""

from __future__ import annotations

import re

from pytest_forge import Forge
from tests.realism.models import Product, Review, Ticket

#: a small sentiment lexicon, independent of the templates' wording where it can be
POSITIVE = {"love", "excellent", "great", "perfect", "perfectly", "happy", "recommend", "new", "friendly",
            "better", "wanted", "value", "early", "quick"}  # fmt: skip
NEGATIVE = {"regret", "broke", "disappointed", "disappointing", "waste", "damaged", "crushed", "poor",
            "cheap", "stopped", "never", "worse", "uncomfortable", "frustrating", "returned", "not",
            "save"}  # fmt: skip
MIXED = {"okay", "mixed", "mostly", "decent", "flaws", "although", "average", "fine", "but", "some"}


def sentiment(text: str) -> str:
    words = re.findall(r"[a-z]+", text.lower())
    pos, neg = sum(w in POSITIVE for w in words), sum(w in NEGATIVE for w in words)
    if any(w in MIXED for w in words) and not (neg > pos + 1 or pos > neg + 2):
        return "mixed"
    return "positive" if pos > neg else "negative"


def expected(rating: int) -> str:
    return "negative" if rating <= 2 else ("mixed" if rating == 3 else "positive")


def test_review_text_agrees_with_its_rating_in_at_least_95_percent():
    reviews = Forge(seed=13).create_batch(Review, count=600)
    assert {r.rating for r in reviews} == {1, 2, 3, 4, 5}
    agreeing = sum(sentiment(r.body) == expected(r.rating) for r in reviews)
    assert agreeing / len(reviews) >= 0.95


def test_no_one_star_review_is_glowing():
    reviews = [r for r in Forge(seed=13).create_batch(Review, count=600) if r.rating == 1]
    assert reviews
    assert not any("buy again" in r.body and "not" not in r.body for r in reviews)
    assert not any("love" in r.body.lower() for r in reviews)


def test_review_titles_agree_with_the_rating_and_read_like_titles():
    for review in Forge(seed=13).create_batch(Review, count=300):
        assert not review.title.endswith(".")
        assert len(review.title) <= 40
        title = sentiment(review.title)
        if review.rating == 1:
            assert title != "positive" or "not" in review.title.lower()


def test_ticket_subjects_are_short_subject_lines():
    for ticket in Forge(seed=13).create_batch(Ticket, count=200):
        assert not ticket.subject.endswith(".")
        assert len(ticket.subject.split()) <= 8
        assert ticket.subject[0].isupper()


def test_a_products_description_names_it_and_its_price_suits_it():
    products = Forge(seed=13).create_batch(Product, count=300)
    assert all(p.name in p.description for p in products)
    socks = [p for p in products if p.name.endswith("Socks")]
    tents = [p for p in products if p.name.endswith("Tent")]
    assert all(p.price < 30 for p in socks)
    assert all(p.price > 80 for p in tents)
    furniture = {"Chair", "Desk", "Bookshelf"}
    for product in products:
        if product.name.split()[-1] in furniture:
            assert product.category in ("Furniture", "Home & Kitchen", "Office Products")


ORDER_WORDS = {"parcel", "package", "deliver", "delivery", "order", "gift", "arrive", "arrival", "bell",
               "door", "invoice", "packaging", "shipping", "ships", "address", "addresses", "signature",
               "wrap", "replaces", "updates"}  # fmt: skip
BLOG_WORDS = {"post", "sharing", "article", "helpful", "blog", "subscribed", "read"}


def _words(text: str) -> set[str]:
    return set(re.findall(r"[a-z]+", text.lower()))


def test_an_orders_comment_and_notes_read_like_order_notes_not_blog_comments():
    from pydantic import BaseModel

    class PurchaseOrder(BaseModel):
        comment: str
        notes: str
        delivery_note: str

    for order in Forge(seed=5).create_batch(PurchaseOrder, count=200):
        for text in (order.comment, order.notes, order.delivery_note):
            assert _words(text) & ORDER_WORDS, text
            assert not _words(text) & BLOG_WORDS, text


def test_a_comment_outside_orders_stays_a_comment():
    from pydantic import BaseModel

    class BlogComment(BaseModel):
        comment: str

    comments = Forge(seed=5).create_batch(BlogComment, count=200)
    assert sum(bool(_words(c.comment) & ORDER_WORDS) for c in comments) < 20
