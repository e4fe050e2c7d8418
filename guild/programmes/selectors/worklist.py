"""What the leadership programme puts on a person's home worklist. Each function belongs to
the step's own selectors; this module only names them for guild.reports.worklist."""

from guild.programmes.selectors.cohort import my_participations, sessions_to_mark
from guild.programmes.selectors.nominations import nominations_waiting_for
from guild.programmes.selectors.reports import report_intakes
from guild.programmes.selectors.selection import intakes_to_review

__all__ = [
    "intakes_to_review",
    "my_participations",
    "nominations_waiting_for",
    "report_intakes",
    "sessions_to_mark",
]
