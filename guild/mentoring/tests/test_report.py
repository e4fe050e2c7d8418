"""The published report: counts of fewer than the threshold, and what would give them
away, are hidden; rates only where their counts are published."""

from guild.core.disclosure import SMALL, Suppressed
from guild.mentoring.report import pool_report


def test_large_groups_are_published_and_small_ones_hidden_with_a_complement() -> None:
    report = pool_report(
        {("cra", "ncr"): 30, ("esdc", "ncr"): 25, ("esdc", "bc"): 3, ("cra", "bc"): 12},
        accepted=40,
        declined=10,
        completed=20,
        ended=2,
        threshold=10,
    )
    assert report.departments == ["cra", "esdc"]
    assert report.regions == ["bc", "ncr"]
    assert report.cells[1][0] == SMALL
    assert all(isinstance(v, Suppressed) for v in (report.cells[0][0], report.cells[1][1]))
    assert report.people == 70
    assert (report.acceptance.counts["accepted"], report.acceptance_rate) == (40, 80.0)
    assert isinstance(report.completion.counts["ended"], Suppressed)
    assert isinstance(report.completion_rate, Suppressed)


def test_an_empty_pool_reports_zeros() -> None:
    report = pool_report({}, accepted=0, declined=0, completed=0, ended=0, threshold=10)
    assert (report.people, report.cells, report.acceptance.n) == (0, [], 0)
