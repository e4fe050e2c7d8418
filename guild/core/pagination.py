from dataclasses import dataclass
from typing import Any

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator


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


def paginate(queryset: Any, page: Any, per_page: int) -> PageOf:
    paginator = Paginator(queryset, per_page)
    try:
        current = paginator.page(page or 1)
    except (EmptyPage, PageNotAnInteger):
        current = paginator.page(1 if not str(page).isdigit() else paginator.num_pages)
    return PageOf(list(current.object_list), current.number, paginator.num_pages, paginator.count)
