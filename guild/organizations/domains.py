"""E-mail domains a community accepts: parsing the declared list and matching an address.
Pure: no ORM. A domain accepts itself and its subdomains (``gc.ca`` would accept
``tbs-sct.gc.ca``), never a look-alike (``evil-tbs-sct.gc.ca`` is not ``tbs-sct.gc.ca``)."""

import re

# One DNS label: letters, digits, hyphens inside; at least two labels in a domain.
_LABEL = r"(?!-)[a-z0-9-]{1,63}(?<!-)"
DOMAIN_RE = re.compile(rf"^{_LABEL}(\.{_LABEL})+$")


def normalise_domain(value: str) -> str:
    return value.strip().strip(".").lower().removeprefix("@")


def parse_domains(text: str) -> list[str]:
    """The domains of a one-per-line (or comma- or space-separated) list, normalised and
    without duplicates, in the order given."""
    seen: dict[str, None] = {}
    for token in re.split(r"[\s,;]+", text or ""):
        domain = normalise_domain(token)
        if domain:
            seen.setdefault(domain, None)
    return list(seen)


def invalid_domains(domains: list[str]) -> list[str]:
    return [domain for domain in domains if not DOMAIN_RE.match(domain)]


def email_domain(email: str) -> str:
    """The domain part of an address, normalised; empty when there is none."""
    local, at, domain = (email or "").strip().rpartition("@")
    if not at or not local:
        return ""
    return normalise_domain(domain)


def email_matches_domains(email: str, domains: list[str]) -> bool:
    """Whether the address is at one of `domains` or at a subdomain of one."""
    domain = email_domain(email)
    if not domain:
        return False
    return any(domain == accepted or domain.endswith("." + accepted) for accepted in domains)
