"""The benchmarked GET requests, shared by the load runner and the diagnosis: the
directory's three, then the questionnaire results page and the competency gap page when
their generators have written what they need into the info file; and the public
verification page of certificates (`verify_target`), whose requests each name a code."""

from dataclasses import dataclass, field
from typing import Any

TRIVIAL = "healthz"


@dataclass(frozen=True)
class Target:
    name: str
    label: str
    path: str
    headers: dict[str, str] = field(default_factory=dict)
    section: str = "directory"  # which part of the report shows it


def targets(info: dict[str, Any]) -> list[Target]:
    """`info` is the generators' JSON: token, session and department to list."""
    department = info["department_id"]
    # Production cookies are Secure; a plain-HTTP client sends the cookie itself.
    session = {"Cookie": f"{info['session_cookie']}={info['session_key']}"}
    found = [
        Target(TRIVIAL, "Trivial view `/healthz`", "/healthz"),
        Target(
            "directory",
            "Directory page `/en/members/?department=…` (session)",
            f"/en/members/?department={department}",
            session,
        ),
        Target(
            "api",
            "API `/api/v1/members?department=…` (bearer token)",
            f"/api/v1/members?department={department}",
            {"Authorization": f"Bearer {info['token']}"},
        ),
    ]
    questionnaire = info.get("questionnaire") or {}
    if questionnaire.get("results_path"):
        committee = {"Cookie": f"{info['session_cookie']}={questionnaire['committee_session_key']}"}
        found.append(
            Target(
                "results",
                f"Results by department `{questionnaire['results_path']}` (committee, cached)",
                questionnaire["results_path"],
                committee,
                section="questionnaires",
            )
        )
    if questionnaire.get("overview_path"):
        found.append(
            Target(
                "results_overview",
                f"Service-wide results `{questionnaire['overview_path']}` (member, cached)",
                questionnaire["overview_path"],
                session,
                section="questionnaires",
            )
        )
    competencies = info.get("competencies")
    if competencies and competencies.get("gaps_path"):
        found.append(
            Target(
                "gaps",
                f"Member's gap page `{competencies['gaps_path']}` (session)",
                competencies["gaps_path"],
                session,
                section="competencies",
            )
        )
    return found


VERIFY = "verify"
VERIFY_CONCURRENCY = 8  # issue 12: p95 under 8 concurrent clients, whatever --concurrency says


def verify_target(info: dict[str, Any]) -> Target | None:
    """The public verification page, when `benchmarks.generate_learning` issued certificates;
    `verify_paths` gives the codes to ask for."""
    learning = info.get("learning") or {}
    if not learning.get("verify_codes"):
        return None
    return Target(
        VERIFY,
        f"Public verification page `{learning['verify_path'].format(code='<code>')}` "
        f"({len(learning['verify_codes'])} codes of active, expired and revoked certificates, "
        "no session)",
        learning["verify_path"].format(code=learning["verify_codes"][0]),
        section="certification",
    )


def verify_paths(info: dict[str, Any], total: int, offset: int = 0) -> list[str]:
    """`total` verification paths, going round the generated codes from `offset`."""
    codes, path = info["learning"]["verify_codes"], info["learning"]["verify_path"]
    return [path.format(code=codes[(offset + i) % len(codes)]) for i in range(total)]
