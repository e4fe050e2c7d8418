"""Action learning groups (a pure module: no ORM): a cohort dealt into groups of five to
seven people that mix departments.

The number of groups is the fewest that keep every group at seven or fewer
(⌈n ÷ 7⌉); sizes then differ by one at most, so every group has five to seven people for
any cohort of 5 to 7 or of 10 and more. Eight or nine people cannot be split into groups of
five to seven: they form one group, which the administrator can divide by hand.

Mixing: people are lined up department by department, the largest departments first, and
dealt round the groups like cards. Each department is then spread as evenly as the number
of groups allows (no group holds more than ⌈d ÷ groups⌉ of a department of d people), so no
two colleagues share a group whenever no department has more people than there are groups,
and otherwise the number of pairs of colleagues in a group is the fewest possible.

The result depends only on the people and their departments, never on the order given:
ties are broken by department, then by id.
"""

from collections import Counter
from collections.abc import Hashable, Sequence
from dataclasses import dataclass

from django.utils.translation import gettext as _

from guild.core.errors import ApplicationError

SMALLEST = 5
LARGEST = 7


@dataclass(frozen=True)
class Person:
    id: int
    department: Hashable


class GroupingError(ApplicationError):
    pass


def group_count(people: int) -> int:
    """How many groups `people` participants form (at least five of them)."""
    if people < SMALLEST:
        raise GroupingError(
            _(
                "Action learning groups need at least %(smallest)d participants; the cohort "
                "has %(count)d."
            )
            % {"smallest": SMALLEST, "count": people},
            code="too_few_participants",
        )
    groups = -(-people // LARGEST)
    if people // groups < SMALLEST:
        return 1
    return groups


def form_groups(people: Sequence[Person]) -> list[list[int]]:
    """The groups, as lists of participant ids, largest groups first."""
    if len({person.id for person in people}) != len(people):
        raise GroupingError(_("A participant is listed twice."), code="duplicate_participant")
    groups = group_count(len(people))
    sizes = Counter(person.department for person in people)
    lined_up = sorted(people, key=lambda p: (-sizes[p.department], str(p.department), p.id))
    dealt: list[list[int]] = [[] for _ in range(groups)]
    for index, person in enumerate(lined_up):
        dealt[index % groups].append(person.id)
    return [sorted(group) for group in dealt]


def repeats(groups: Sequence[Sequence[int]], departments: dict[int, Hashable]) -> int:
    """Pairs of people from the same department sharing a group (the measure mixing keeps
    as low as possible)."""
    total = 0
    for group in groups:
        for count in Counter(departments[pid] for pid in group).values():
            total += count * (count - 1) // 2
    return total
