"""The CASE 1.0 and 1.1 vocabulary Guild's frameworks use, and the bilingual-text helpers
that every direction (export, import, checks) shares."""

import re
from datetime import UTC, datetime
from typing import Any, Final

FAMILY_TYPE: Final = "Competency Family"
COMPETENCY_TYPE: Final = "Competency"
CHILD_OF: Final = "isChildOf"
REPLACED_BY: Final = "replacedBy"
EXACT_MATCH: Final = "exactMatchOf"
TRANSLATION: Final = "translation"
"""The derivation key of the French twins and of their association grouping (ADR 15)."""
NAME_MAX: Final = 2000
TITLE_MAX: Final = 255
CODE_MAX: Final = 40
LABEL_MAX: Final = 40
ITEM_TYPE_MAX: Final = 120
INTEGER_MAX: Final = 2**31 - 1
"""The largest number a sequence number or position may be: what an integer column holds."""
LEVELS_SCALE: Final = "levelsScale"
EXTENSIONS: Final = "extensions"
EPOCH: Final = datetime(1970, 1, 1, tzinfo=UTC)

# The association types CASE 1.0 and 1.1 define; "ext:" ones are its extension mechanism.
ASSOCIATION_TYPES: Final = frozenset(
    {
        "isChildOf",
        "isPeerOf",
        "isPartOf",
        "exactMatchOf",
        "precedes",
        "isRelatedTo",
        "replacedBy",
        "exemplar",
        "hasSkillLevel",
        "isTranslationOf",
    }
)

_LANGUAGES: Final = {"en": "en", "eng": "en", "fr": "fr", "fra": "fr", "fre": "fr"}


def official_language(value: str) -> str | None:
    """ "en" or "fr" for a language tag in either official language (`en-CA`, `FR`, `fra`),
    None for any other."""
    return _LANGUAGES.get(re.split(r"[-_]", value.strip().lower(), maxsplit=1)[0])


UUID_ANY_CASE = re.compile(
    r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}"
)

JsonObject = dict[str, Any]


def other_language(language: str) -> str:
    return "fr" if language == "en" else "en"


def english_french(language: str, primary: str, other: str) -> tuple[str, str]:
    """(English, French) from the text in `language` and the text in the other one."""
    return (primary, other) if language == "en" else (other, primary)


# Fields of a CFItem or CFDocument that Guild does not model: kept as found and written
# back on export, so a framework passes through Guild without losing them. Each with the
# JSON shape both CASE schemas give it; `ONLY_1_1_*` ones exist in CASE 1.1 alone, so they
# are kept but only the 1.1 export writes them.
STRING: Final = "string"
STRINGS: Final = "strings"
LINK: Final = "link"
LINKS: Final = "links"
DATE: Final = "date"
KEPT_ITEM_FIELDS: Final = {
    "abbreviatedStatement": STRING,
    "alternativeLabel": STRING,
    "listEnumeration": STRING,
    "conceptKeywords": STRINGS,
    "conceptKeywordsURI": LINK,
    "educationLevel": STRINGS,
    "licenseURI": LINK,
    "statusStartDate": DATE,
    "statusEndDate": DATE,
    "subject": STRINGS,
    "subjectURI": LINKS,
    "CFItemTypeURI": LINK,
}
KEPT_DOCUMENT_FIELDS: Final = {
    "adoptionStatus": STRING,
    "description": STRING,
    "notes": STRING,
    "officialSourceURL": STRING,
    "publisher": STRING,
    "licenseURI": LINK,
    "statusStartDate": DATE,
    "statusEndDate": DATE,
    "subject": STRINGS,
    "subjectURI": LINKS,
    "frameworkType": STRING,
}
# `caseVersion` is not kept: it says which CASE the package follows, not something of the
# framework, and the 1.1 export writes it.
# CASE 1.0's CFPckgDocument has `subject`/`subjectURI`; its CFPckgItem does not.
ONLY_1_1_ITEM: Final = frozenset({"subject", "subjectURI"})
ONLY_1_1_DOCUMENT: Final = frozenset({"frameworkType"})

CASE_VERSIONS: Final = ("1.0", "1.1")

# CFDefinitions, by collection: the properties either schema gives the class (text only;
# `identifier` a UUID), and those the 1.0 binding requires, written "" when a producer left
# them out. `lastChangeDateTime` is the export's, as for every other object.
DEFINITION_FIELDS: Final = {
    "CFConcepts": ("title", "keywords", "hierarchyCode", "description"),
    "CFSubjects": ("title", "hierarchyCode", "description"),
    "CFLicenses": ("title", "description", "licenseText"),
    "CFItemTypes": ("title", "description", "hierarchyCode", "typeCode"),
    "CFAssociationGroupings": ("title", "description"),
}
DEFINITION_REQUIRED: Final = {
    "CFConcepts": ("title", "hierarchyCode"),
    "CFSubjects": ("title", "hierarchyCode"),
    "CFLicenses": ("title", "licenseText"),
    "CFItemTypes": ("title", "description", "hierarchyCode"),
    "CFAssociationGroupings": ("title",),
}
ORIGINALS: Final = "original-identifiers"
"""The derivation key of the grouping of a CASE 1.0 export's records of the identifiers it
had to replace (`case.identifiers`)."""
