"""Statistical disclosure control for published tables of counts about people.

Nothing a page, the API or an export publishes about questionnaire answers (a count, a
percentage, a mean, a chart bar) may describe fewer than ``threshold`` people. The
threshold is 10 unless a questionnaire sets its own, and is never below 5
(:func:`check_threshold`).

Pure standard-library code: callers count answers, then pass the counts through here and
render what comes back. Every value that comes back is a :data:`Cell`: either the published
``int`` or a :class:`Suppressed` marker whose ``reason`` says why it is hidden:

``"small"``
    primary suppression: the value itself is above 0 and below the threshold.
``"complementary"``
    secondary suppression: the value is at least the threshold, but publishing it would let
    a reader work a hidden value out from the totals.

Render both reasons with the same public symbol. The reason is for audit logs and for
explaining a hidden cell to staff: a reader who knows which hidden cells are the small ones
knows more about their range than the published numbers alone tell.

The rules
---------
* **Zero is publishable.** A 0 names nobody. (It can still tell that everyone in a group
  lacks an attribute, which is why groups below the threshold are pooled before their table
  is suppressed.) Every other published count is at least the threshold, totals included.
* **Primary suppression.** Every cell, row total, column total and grand total above 0 and
  below the threshold is hidden with reason ``"small"``.
* **Complementary suppression**, on the table extended by its totals (the row totals form
  one more column and the column totals one more row, meeting at the grand total, so the
  totals are protected exactly as cells are):

  1. every line (row or column, the total line included) of the extended table with
     hidden values gets enough of them to leave room: at least two, adding up to at least
     the threshold plus their number (:func:`line_has_room`). The value added is the
     smallest non-zero published value on that line, ties to the lowest index (cells come
     before their line's total), except that a value whose crossing line also needs one
     comes first (one value then serves two lines, and a single small cell costs a block
     of four rather than a chain). Lines are taken rows first, top to bottom, then
     columns, left to right, until none needs more;
  2. **protection levels** (:mod:`guild.core.disclosure.cycles`): every hidden value must
     keep a feasible range at least the threshold wide for a reader who knows every
     published value of the table and that a hidden value is at least 1. Moving a value
     is a flow around cycles of hidden values (one node per line, one edge per hidden
     value); its range is the largest flow one way plus the largest the other way. Where
     that is too narrow, the cheapest chain of published values that widens it is hidden
     (fewest people, then fewest values, then a fixed order of the lines), through values
     with room for all that is missing when there is such a chain: the complements are
     values large enough to give the protection, not merely the smallest. This repeats,
     top to bottom, left to right, until every hidden value, complements included, is
     protected. The totals always offer a chain (its row total, the grand total and its
     column total), so this ends; values named ``keep_published`` are never used, and
     :class:`CannotProtect` says when that leaves no chain.

  No hidden value can then be recovered, or narrowed to a range under the threshold,
  whatever combination of published cells and totals a reader tries.
* **Pooling.** Groups (departments, say) below the threshold are merged into one group with
  a label the caller supplies, topped up with the next-smallest groups while it is still
  below the threshold (:func:`pool_small_groups`). Pool first, then suppress the pooled
  counts.
* **Thin questions are not broken down.** A question answered by only some of the
  respondents, fewer than ``BREAKDOWN_BASE`` times the threshold (its n as published),
  is published as a whole only: never crossed with another question, either way round
  (:func:`too_few_to_break_down`).
* **Percentages and means** are published only where their count and their base are
  (:func:`percent`, :func:`mean`).

Several breakdowns of one question
----------------------------------
A reader can subtract one published breakdown of a question from another (service-wide
counts by department minus those for one region leave the other regions). Such differences
reveal nothing only when every breakdown is read off one suppressed two-way table: rows for
what is counted (the options, or the departments), columns for the groups it is broken down
by (the regions); call :func:`suppress_table` once, then publish
:meth:`SuppressedTable.breakdown` for the service-wide figures (the row totals over the grand
total) and for each column. Never suppress one breakdown separately from another, and never
publish a number worked out from the raw counts that the table does not publish itself (a
coarser grouping of its columns, say): each is one more equation the suppression did not
account for. A question where a person may pick several options is one yes/no question per
option: each person must be counted in exactly one cell of a table.

Figures about people: the one rule
----------------------------------
Every figure Guild publishes about members (questionnaire tables, competency heat maps,
learning needs, the counts on home pages) follows one rule, decided only in this module:

* **A count shown is 0 or at least the threshold**, or it is shown only as a share of a
  group of at least the threshold. This holds for every count a page or an answer lets a
  reader work out from one group's figures too: the members below target *and* those at
  target (``n`` minus below), not only ``n``.
* **A hidden group hides everything derived from it**: its ``n``, its counts, its sums
  (total gap), its means and shares, and its zeros (a 0 below target in a hidden group would
  say "everyone in it is at target"). :func:`suppress_linked_tables` hides positions, not
  values: every measure at a hidden position is hidden. That holds too for a 0 that a
  published 0 of a larger group already gives away ("no one on this role profile is below
  target" says it of the profile in every department): such a 0 is no secret, and it stays
  hidden with its group.
* **Nothing published lets a hidden value be worked back.** Every published figure is a cell
  or a total of one suppressed table, or a sum of published ones (:func:`merge_columns`);
  tables of the same people by different groupings share their totals and are suppressed
  together (:func:`suppress_linked_tables`); suppression leaves every hidden value a
  feasible range at least the threshold wide, whatever published figures a reader combines
  (the tests check it with an exact linear-programming audit), and where it cannot, more
  is hidden, up to the whole group. The one exception is a value that published zeros add
  up (every part of a sum published as 0, the zeros a role profile's targets give
  included): it is 0 for every reader, whatever is hidden, and the audit reports it apart
  (ADR 14).
* **Small groups are pooled** before they are published one by one
  (:func:`pool_small_groups`, :func:`pool_with_room` for lists of group sizes).
* **Only people who agreed to be counted are counted.** Callers leave out members who
  declined "use my answers for statistics" and inactive members before counting, and the
  pages say that ``n`` excludes them.
"""

from guild.core.disclosure.cells import (
    BREAKDOWN_BASE,
    COMPLEMENTARY,
    DEFAULT_THRESHOLD,
    MINIMUM_THRESHOLD,
    SMALL,
    Cell,
    Frequencies,
    Percentage,
    Reason,
    Suppressed,
    check_threshold,
    mean,
    percent,
    suppress_frequencies,
    too_few_to_break_down,
)
from guild.core.disclosure.cycles import LOWEST_HIDDEN, CannotProtect
from guild.core.disclosure.linked import merge_columns, suppress_linked_tables
from guild.core.disclosure.pooling import (
    PooledCounts,
    pool_breakdown,
    pool_small_groups,
    pool_with_room,
    shown,
)
from guild.core.disclosure.tables import (
    SuppressedTable,
    line_has_room,
    protect_with_known_totals,
    suppress_table,
)

__all__ = [
    "BREAKDOWN_BASE",
    "COMPLEMENTARY",
    "DEFAULT_THRESHOLD",
    "LOWEST_HIDDEN",
    "MINIMUM_THRESHOLD",
    "SMALL",
    "CannotProtect",
    "Cell",
    "Frequencies",
    "Percentage",
    "PooledCounts",
    "Reason",
    "Suppressed",
    "SuppressedTable",
    "check_threshold",
    "line_has_room",
    "mean",
    "merge_columns",
    "percent",
    "pool_breakdown",
    "pool_small_groups",
    "pool_with_room",
    "protect_with_known_totals",
    "shown",
    "suppress_frequencies",
    "suppress_linked_tables",
    "suppress_table",
    "too_few_to_break_down",
]
