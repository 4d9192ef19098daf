"""Natural keys unique by default: duplicates in a long stream, and what uniqueness costs.

    python bench/unique_bench.py                  # 1,000,000 streamed customers
    python bench/unique_bench.py --count 100000   # a quicker look

Streams ``count`` customers through ``Forge.create_stream`` (chunked, constant memory) and counts
repeated emails and usernames (expected: zero); then times the same model with its keys marked
``NotUnique`` over ``--timed`` records, in the same run, and prints the cost as a ratio.
"""

from __future__ import annotations

import argparse
import hashlib
import time
from typing import Annotated

from pydantic import BaseModel, EmailStr

from pytest_forge import Forge, NotUnique


class Customer(BaseModel):
    first_name: str
    last_name: str
    email: EmailStr
    username: str


class LooseCustomer(BaseModel):
    first_name: str
    last_name: str
    email: Annotated[EmailStr, NotUnique]
    username: Annotated[str, NotUnique]


def _key(value: str) -> int:
    return int.from_bytes(hashlib.blake2b(value.encode(), digest_size=8).digest(), "big")


def duplicates(count: int) -> tuple[int, int, int, float]:
    """(records, repeated emails, repeated usernames, seconds) over one stream."""
    emails: set[int] = set()
    usernames: set[int] = set()
    dup_email = dup_user = seen = 0
    start = time.perf_counter()
    for customer in Forge(seed=42).create_stream(Customer, count):
        seen += 1
        key_e, key_u = _key(customer.email), _key(customer.username)
        dup_email += key_e in emails
        dup_user += key_u in usernames
        emails.add(key_e)
        usernames.add(key_u)
    return seen, dup_email, dup_user, time.perf_counter() - start


def rate(model: type, count: int) -> float:
    forge = Forge(seed=42)
    forge.create_batch(model, count=1_000)
    start = time.perf_counter()
    forge.create_batch(model, count=count)
    return count / (time.perf_counter() - start)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=1_000_000)
    parser.add_argument("--timed", type=int, default=50_000)
    args = parser.parse_args()
    seen, dup_email, dup_user, seconds = duplicates(args.count)
    print(
        f"streamed {seen:,} customers in {seconds:.1f}s: {dup_email} repeated emails, {dup_user} repeated usernames"
    )
    unique, loose = rate(Customer, args.timed), rate(LooseCustomer, args.timed)
    print(
        f"unique keys {unique:,.0f} records/s, NotUnique {loose:,.0f} records/s: cost {loose / unique:.2f}x"
    )
    # a key hashed to 64 bits could collide by chance, which would only over-count duplicates
    raise SystemExit(1 if dup_email or dup_user else 0)


if __name__ == "__main__":
    main()
