"""Positions in an IM team: tiers, job profiles (bilingual titles, work streams and
group-levels) and the IT streams nearest to IM ones. Data, with the `JobProfile` type."""

from dataclasses import dataclass


@dataclass(frozen=True)
class JobProfile:
    """A position: its title in each language ("masculine|feminine" where French differs),
    its IM work streams, and the group-levels it is classified at."""

    weight: int
    title_en: str
    title_fr: str
    streams: tuple[str, ...]
    levels: tuple[str, ...]

    def title(self, language: str, gender: str) -> str:
        if language == "en":
            return self.title_en
        forms = self.title_fr.split("|")
        return forms[-1] if gender == "f" else forms[0]


# Tiers, top down: a director general in large teams, directors, managers, then teams
# of senior advisors and officers.
DG, DIRECTOR, MANAGER, SENIOR, OFFICER = "dg", "director", "manager", "senior", "officer"
DEPTH = {DG: 0, DIRECTOR: 1, MANAGER: 2, SENIOR: 3, OFFICER: 3}

PROFILES: dict[str, tuple[JobProfile, ...]] = {
    DG: (
        JobProfile(
            1,
            "Director General, Information Management",
            "Directeur général, Gestion de l'information|"
            "Directrice générale, Gestion de l'information",
            ("im-leadership", "policy-development"),
            ("EX-03",),
        ),
    ),
    DIRECTOR: (
        JobProfile(
            4,
            "Director, Information Management",
            "Directeur, Gestion de l'information|Directrice, Gestion de l'information",
            ("im-leadership",),
            ("EX-01", "EX-01", "EX-02"),
        ),
        JobProfile(
            1,
            "Director, Data and Information Governance",
            "Directeur, Gouvernance des données et de l'information|"
            "Directrice, Gouvernance des données et de l'information",
            ("im-leadership", "data-management"),
            ("EX-01", "EX-02"),
        ),
    ),
    MANAGER: (
        JobProfile(
            10,
            "Manager, Information Management",
            "Gestionnaire, Gestion de l'information",
            ("im-leadership", "records-management"),
            ("IS-06", "AS-07", "PM-06"),
        ),
        JobProfile(
            3,
            "Manager, Records Management",
            "Gestionnaire, Gestion des documents",
            ("im-leadership", "records-management"),
            ("AS-07", "IS-05", "IS-06"),
        ),
        JobProfile(
            3,
            "Manager, Access to Information and Privacy",
            "Gestionnaire, Accès à l'information et protection des renseignements personnels",
            ("im-leadership", "atip"),
            ("PM-06", "AS-07", "EC-06"),
        ),
        JobProfile(
            2,
            "Chief Librarian",
            "Bibliothécaire en chef",
            ("im-leadership", "library-services"),
            ("LS-05",),
        ),
        JobProfile(
            2,
            "Manager, Data Governance",
            "Gestionnaire, Gouvernance des données",
            ("im-leadership", "data-management"),
            ("EC-06", "IS-06"),
        ),
        JobProfile(
            1,
            "Manager, Web Content",
            "Gestionnaire, Contenu Web",
            ("im-leadership", "web-content-management"),
            ("IS-05", "IS-06"),
        ),
    ),
    SENIOR: (
        JobProfile(
            4,
            "Senior Records Management Advisor",
            "Conseiller principal en gestion des documents|"
            "Conseillère principale en gestion des documents",
            ("records-management", "policy-development"),
            ("AS-05", "AS-06", "IS-04", "IS-05"),
        ),
        JobProfile(
            4,
            "Senior ATIP Advisor",
            "Conseiller principal en AIPRP|Conseillère principale en AIPRP",
            ("atip",),
            ("PM-05", "PM-06", "AS-05", "AS-06"),
        ),
        JobProfile(
            2,
            "Senior Librarian",
            "Bibliothécaire principal|Bibliothécaire principale",
            ("library-services",),
            ("LS-03", "LS-04"),
        ),
        JobProfile(
            3,
            "Data Steward",
            "Intendant des données|Intendante des données",
            ("data-management",),
            ("IS-05", "EC-05", "EC-06"),
        ),
        JobProfile(
            3,
            "Information Architect",
            "Architecte de l'information",
            ("information-architecture",),
            ("IS-05",),
        ),
        JobProfile(
            4,
            "Senior IM Advisor",
            "Conseiller principal en GI|Conseillère principale en GI",
            ("knowledge-management", "policy-development"),
            ("IS-05", "AS-06"),
        ),
        JobProfile(
            2,
            "Senior Archivist",
            "Archiviste principal|Archiviste principale",
            ("archives",),
            ("IS-04", "IS-05", "LS-04"),
        ),
        JobProfile(
            2,
            "Senior IM Policy Analyst",
            "Analyste principal des politiques de GI|Analyste principale des politiques de GI",
            ("policy-development",),
            ("EC-05", "EC-06", "PM-05"),
        ),
    ),
    OFFICER: (
        JobProfile(
            14,
            "Records Management Officer",
            "Agent de gestion des documents|Agente de gestion des documents",
            ("records-management",),
            ("AS-02", "AS-03", "AS-04", "IS-02", "IS-03", "CR-05"),
        ),
        JobProfile(
            5,
            "Records Clerk",
            "Commis aux documents",
            ("records-management",),
            ("CR-04", "CR-05"),
        ),
        JobProfile(
            8,
            "Librarian",
            "Bibliothécaire",
            ("library-services",),
            ("LS-01", "LS-02", "LS-02", "LS-03"),
        ),
        JobProfile(
            2,
            "Library Technician",
            "Technicien de bibliothèque|Technicienne de bibliothèque",
            ("library-services",),
            ("CR-04", "CR-05", "AS-01"),
        ),
        JobProfile(
            5,
            "Archivist",
            "Archiviste",
            ("archives",),
            ("IS-03", "IS-04", "LS-02"),
        ),
        JobProfile(
            12,
            "ATIP Analyst",
            "Analyste de l'AIPRP",
            ("atip",),
            ("PM-02", "PM-03", "PM-04", "AS-02", "AS-03", "AS-04"),
        ),
        JobProfile(
            6,
            "Web Content Manager",
            "Gestionnaire de contenu Web",
            ("web-content-management",),
            ("IS-03", "IS-04"),
        ),
        JobProfile(
            4,
            "Web Content Officer",
            "Agent de contenu Web|Agente de contenu Web",
            ("web-content-management",),
            ("IS-02", "IS-03"),
        ),
        JobProfile(
            5,
            "Data Steward",
            "Intendant des données|Intendante des données",
            ("data-management",),
            ("IS-04", "EC-04", "EC-05"),
        ),
        JobProfile(
            4,
            "Data Management Analyst",
            "Analyste de la gestion des données",
            ("data-management",),
            ("EC-03", "EC-04", "IS-03"),
        ),
        JobProfile(
            3,
            "Information Architect",
            "Architecte de l'information",
            ("information-architecture",),
            ("IS-04", "IS-05"),
        ),
        JobProfile(
            10,
            "IM Advisor",
            "Conseiller en GI|Conseillère en GI",
            ("records-management", "knowledge-management"),
            ("IS-03", "IS-04", "AS-04", "AS-05"),
        ),
        JobProfile(
            4,
            "IM Business Analyst",
            "Analyste des activités de GI",
            ("im-business-analysis",),
            ("IS-03", "IS-04", "EC-04"),
        ),
        JobProfile(
            4,
            "IM Systems Analyst",
            "Analyste des systèmes de GI",
            ("im-systems-development",),
            ("IS-03", "IS-04", "AS-04"),
        ),
        JobProfile(
            3,
            "Knowledge Management Officer",
            "Agent de gestion des connaissances|Agente de gestion des connaissances",
            ("knowledge-management",),
            ("IS-02", "IS-03", "AS-03"),
        ),
        JobProfile(
            3,
            "IM Policy Analyst",
            "Analyste des politiques de GI",
            ("policy-development",),
            ("EC-03", "EC-04", "EC-05", "PM-04"),
        ),
        JobProfile(
            2,
            "IM Clerk",
            "Commis à la GI",
            ("records-management",),
            ("CR-04", "AS-01", "AS-02"),
        ),
    ),
}

# Members in these IM streams often belong to the IT community too, in its nearest stream.
IT_STREAM_FOR = {
    "im-systems-development": "application-development",
    "data-management": "data-analytics",
    "information-architecture": "enterprise-architecture",
    "web-content-management": "application-development",
    "im-business-analysis": "it-business-analysis",
}
IT_SHARE = 0.4
