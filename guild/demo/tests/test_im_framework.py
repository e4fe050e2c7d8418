"""The demo community's IM competency framework, as its CASE package file reads: its shape,
its bilingual text, and its round trips through CASE JSON and CSV."""

import copy
import json
import re

from guild.competencies.case import (
    framework_from_case,
    framework_from_csv,
    framework_to_case,
    framework_to_csv,
)
from guild.competencies.framework import (
    LEVELS,
    derive_identifier,
    is_uuid,
    validate_framework,
)
from guild.demo.content import im_framework

IM_FRAMEWORK = im_framework()
IM_FRAMEWORK_IDENTIFIER = "5d0c7a3e-2b9f-4c61-8e47-a1f3d6b2c8e9"
FAMILY_CODES = ["RIL", "ACP", "LKS", "IAD", "DWC", "LDS"]
COMPETENCIES_PER_FAMILY = [5, 4, 4, 4, 4, 4]
CODE = re.compile(r"(?P<family>[A-Z]{3})-(?P<number>\d{2})")


def bilingual_texts() -> list[tuple[str, str, str]]:
    """(where, English, French) for every piece of text in the framework."""
    framework = IM_FRAMEWORK
    texts = [("title", framework.title_en, framework.title_fr)]
    texts += [
        (f"scale {scale.level}", scale.name_en, scale.name_fr) for scale in framework.levels_scale
    ]
    for family in framework.families:
        texts.append((family.code, family.name_en, family.name_fr))
        for competency in family.competencies:
            code = competency.code
            texts.append((f"{code} name", competency.name_en, competency.name_fr))
            texts.append(
                (f"{code} description", competency.description_en, competency.description_fr)
            )
            texts += [
                (f"{code} level {level.level}", level.indicators_en, level.indicators_fr)
                for level in competency.levels
            ]
    return texts


def test_framework_is_valid() -> None:
    assert validate_framework(IM_FRAMEWORK) == []


def test_framework_fields() -> None:
    assert IM_FRAMEWORK.identifier == IM_FRAMEWORK_IDENTIFIER
    assert is_uuid(IM_FRAMEWORK.identifier)
    assert IM_FRAMEWORK.title_en == "Information Management Competency Framework"
    assert IM_FRAMEWORK.title_fr == "Référentiel de compétences en gestion de l'information"
    assert IM_FRAMEWORK.version == "1.0"
    assert [(s.level, s.name_en, s.name_fr) for s in IM_FRAMEWORK.levels_scale] == [
        (1, "Awareness", "Sensibilisation"),
        (2, "Working", "Pratique"),
        (3, "Proficient", "Maîtrise"),
        (4, "Expert", "Expertise"),
    ]


def test_counts() -> None:
    assert [family.code for family in IM_FRAMEWORK.families] == FAMILY_CODES
    assert [len(f.competencies) for f in IM_FRAMEWORK.families] == COMPETENCIES_PER_FAMILY
    competencies = [c for family in IM_FRAMEWORK.families for c in family.competencies]
    assert len(competencies) == 25
    for competency in competencies:
        assert [level.level for level in competency.levels] == list(LEVELS), competency.code


def test_codes_are_unique_and_well_formed() -> None:
    assert len(set(FAMILY_CODES)) == len(FAMILY_CODES)
    codes: list[str] = []
    for family in IM_FRAMEWORK.families:
        for number, competency in enumerate(family.competencies, start=1):
            match = CODE.fullmatch(competency.code)
            assert match, competency.code
            assert match["family"] == family.code
            assert int(match["number"]) == number
            codes.append(competency.code)
    assert len(set(codes)) == len(codes) == 25


def test_identifiers_are_derived_from_codes() -> None:
    for family in IM_FRAMEWORK.families:
        assert family.identifier == derive_identifier(
            IM_FRAMEWORK_IDENTIFIER, "family", family.code
        )
        for competency in family.competencies:
            assert competency.identifier == derive_identifier(
                IM_FRAMEWORK_IDENTIFIER, "competency", competency.code
            )
            assert competency.replaces == []


def test_every_text_is_bilingual() -> None:
    texts = bilingual_texts()
    assert len(texts) == 1 + 4 + 6 + 25 * (2 + 4)
    for where, english, french in texts:
        assert english.strip() and french.strip(), where
        assert english == english.strip() and french == french.strip(), where
        assert english != french, where
        assert "  " not in english and "  " not in french, where


def test_sentences_end_with_a_full_stop() -> None:
    for where, english, french in bilingual_texts():
        if " description" in where or " level " in where:
            assert english.endswith(".") and french.endswith("."), where


def test_texts_are_distinct() -> None:
    """No indicator or description is pasted twice, in either language."""
    for language in (1, 2):
        long_texts = [
            text[language]
            for text in bilingual_texts()
            if " level " in text[0] or " desc" in text[0]
        ]
        assert len(set(long_texts)) == len(long_texts)


def test_case_round_trip() -> None:
    assert framework_from_case(framework_to_case(IM_FRAMEWORK)) == IM_FRAMEWORK


def test_case_json_text_round_trip() -> None:
    text = json.dumps(framework_to_case(IM_FRAMEWORK), ensure_ascii=False, indent=2)
    assert framework_from_case(json.loads(text)) == IM_FRAMEWORK
    assert json.dumps(framework_to_case(IM_FRAMEWORK), ensure_ascii=False, indent=2) == text


def test_csv_round_trip() -> None:
    text = framework_to_csv(IM_FRAMEWORK)
    assert text.count("\r\n") == 1 + 25 * 4
    imported = framework_from_csv(
        text,
        identifier=IM_FRAMEWORK.identifier,
        title_en=IM_FRAMEWORK.title_en,
        title_fr=IM_FRAMEWORK.title_fr,
        version=IM_FRAMEWORK.version,
        levels_scale=copy.deepcopy(IM_FRAMEWORK.levels_scale),
    )
    assert imported == IM_FRAMEWORK


def test_exports_leave_the_framework_unchanged() -> None:
    before = copy.deepcopy(IM_FRAMEWORK)
    framework_to_case(IM_FRAMEWORK)
    framework_to_csv(IM_FRAMEWORK)
    assert before == IM_FRAMEWORK
