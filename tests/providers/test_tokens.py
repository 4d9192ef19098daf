from __future__ import annotations

import pytest

from pytest_forge.providers.tokens import split_name


@pytest.mark.parametrize(
    ("name", "tokens"),
    [
        ("shippingAddress2", ("shipping", "address", "2")),
        ("HTTPServerURL", ("http", "server", "url")),
        ("address_line1", ("address", "line", "1")),
        ("first-name", ("first", "name")),
        ("ZIPCode", ("zip", "code")),
        ("FullName", ("full", "name")),
        ("lastName", ("last", "name")),
        ("userID", ("user", "id")),
        ("IPv4Address", ("ipv", "4", "address")),
        ("__private__field", ("private", "field")),
        ("EMAIL", ("email",)),
        ("capacity", ("capacity",)),
        ("straßeName", ("straßename",)),
        ("", ()),
    ],
)
def test_names_split_into_whole_lowercase_tokens(name, tokens):
    assert split_name(name) == tokens


def test_splitting_is_cached():
    split_name.cache_clear()
    split_name("customerEmail")
    split_name("customerEmail")
    assert split_name.cache_info().hits == 1
