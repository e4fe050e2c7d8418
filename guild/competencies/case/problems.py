"""What goes wrong on import: every problem found, each with where it is (a JSON path such
as `$.CFItems[3].fullStatement`, or `row N, column NAME` in a CSV), raised together."""

from guild.competencies.framework import FrameworkError, Problem

__all__ = ["CaseImportError", "FrameworkError", "Problem"]


class CaseImportError(FrameworkError):
    """A CASE package or CSV file that cannot become a framework; `problems` lists why."""
