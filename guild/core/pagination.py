from dataclasses import dataclass
from math import ceil
from typing import Any


@dataclass
class PageOf:
    items: list[Any]
    number: int
    num_pages: int
    count: int

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    @property
    def has_next(self) -> bool:
        return self.number < self.num_pages


def paginate(queryset: Any, page: Any, per_page: int, *, count: int | None = None) -> PageOf:
    """One page of `queryset`. A page number that is not a number shows the first page;
    one past the end shows the last. `count` may come from a cache."""
    total = queryset.count() if count is None else count
    num_pages = max(1, ceil(total / per_page))
    number = min(max(int(page), 1), num_pages) if str(page or "").isdigit() else 1
    start = (number - 1) * per_page
    return PageOf(list(queryset[start : start + per_page]), number, num_pages, total)
