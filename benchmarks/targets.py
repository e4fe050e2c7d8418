"""The three benchmarked requests, shared by the load runner and the diagnosis."""

from dataclasses import dataclass, field
from typing import Any

TRIVIAL = "healthz"


@dataclass(frozen=True)
class Target:
    name: str
    label: str
    path: str
    headers: dict[str, str] = field(default_factory=dict)


def targets(info: dict[str, Any]) -> list[Target]:
    """`info` is the generator's JSON: token, session and department to list."""
    department = info["department_id"]
    return [
        Target(TRIVIAL, "Trivial view `/healthz`", "/healthz"),
        Target(
            "directory",
            "Directory page `/en/members/?department=…` (session)",
            f"/en/members/?department={department}",
            # Production cookies are Secure; a plain-HTTP client sends the cookie itself.
            {"Cookie": f"{info['session_cookie']}={info['session_key']}"},
        ),
        Target(
            "api",
            "API `/api/v1/members?department=…` (bearer token)",
            f"/api/v1/members?department={department}",
            {"Authorization": f"Bearer {info['token']}"},
        ),
    ]
