"""Every page whose address holds an id answers an id beyond 64 bits with a 4xx page, never
a 500 (SQLite and PostgreSQL refuse such integers differently)."""

import re
from collections.abc import Iterator
from typing import Any

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

BIG = 2**64 + 5


def _routes(resolver: URLResolver, prefix: str = "") -> Iterator[str]:
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            yield from _routes(pattern, prefix + str(pattern.pattern))
        elif isinstance(pattern, URLPattern):
            yield prefix + str(pattern.pattern)


def _pages() -> list[str]:
    found = set()
    for route in _routes(get_resolver()):
        if "<int:" not in route or route.startswith(("api/", "^admin", "admin/")):
            continue
        path = re.sub(r"<(str|slug):\w+>", "x", route)
        path = re.sub(r"<int:\w+>", str(BIG), path).replace("^", "").replace("$", "")
        found.add("/" + path.removeprefix("en/").lstrip("/"))
    return sorted(found)


@pytest.mark.django_db
def test_every_page_refuses_a_huge_id_without_an_error(cast: dict[str, Any], login: Any) -> None:
    client = login(cast["admin"].user)
    client.raise_request_exception = False
    pages = _pages()
    assert len(pages) > 50  # the routes were found
    failed = []
    for page in pages:
        response = client.get(f"/en{page}")
        if not 400 <= response.status_code < 500:
            failed.append((page, response.status_code))
    assert failed == []
