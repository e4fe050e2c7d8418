"""Properties of CASE 1.0 JSON and CSV export/import over generated frameworks."""

import json
import uuid
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from guild.competencies.case import (
    CaseImportError,
    framework_from_case,
    framework_to_case,
    framework_to_csv,
)
from guild.competencies.framework import (
    Competency,
    Family,
    Framework,
    FrameworkError,
    LevelDescriptor,
    ScaleLevel,
    validate_framework,
    with_identifiers,
)
from guild.competencies.tests.builders import (
    C1,
    C3,
    F1,
    F2,
    FW,
    SCALE,
    UNKNOWN,
    column,
    csv_problems,
    csv_rows,
    csv_view,
    from_csv,
    package,
    problems,
    small,
)

FRENCH = "éèêëàâäçîïôöûùüÿœæÉÈÊÀÂÇÎÔŒÆ«»\u2019 "
UNUSUAL = '\u00a0\u2028\u2029\u200b\u200d\u202e\ufeff\r\n\t",;\x00🇨🇦👩🏽‍💻ǅﬁ\u0301'

characters = st.one_of(
    st.characters(codec="utf-8"),  # any code point but lone surrogates
    st.sampled_from(FRENCH),
    st.sampled_from(UNUSUAL),
)
any_text = st.text(characters, max_size=12)
texts = any_text.filter(lambda text: bool(text.strip()))


@st.composite
def frameworks(draw: st.DrawFn) -> Framework:
    sizes = draw(st.lists(st.integers(0, 3), max_size=3))
    count = len(sizes) + sum(sizes)
    pool = draw(st.lists(st.uuids(), min_size=count + 4, max_size=count + 4, unique=True))
    ids = [str(value) for value in pool]
    framework_id, old = ids[0], ids[1:4]
    fresh = iter(ids[4:])
    family_codes = draw(st.lists(texts, min_size=len(sizes), max_size=len(sizes), unique=True))
    competency_codes = iter(
        draw(st.lists(texts, min_size=sum(sizes), max_size=sum(sizes), unique=True))
    )
    families = []
    for code, size in zip(family_codes, sizes, strict=True):
        competencies = [
            Competency(
                identifier=next(fresh),
                code=next(competency_codes),
                name_en=draw(texts),
                name_fr=draw(texts),
                description_en=draw(any_text),
                description_fr=draw(any_text),
                levels=[
                    LevelDescriptor(level=n, indicators_en=draw(texts), indicators_fr=draw(texts))
                    for n in (1, 2, 3, 4)
                ],
                replaces=draw(st.lists(st.sampled_from(old), unique=True, max_size=2)),
            )
            for _ in range(size)
        ]
        families.append(
            Family(
                identifier=next(fresh),
                code=code,
                name_en=draw(texts),
                name_fr=draw(texts),
                competencies=competencies,
            )
        )
    return Framework(
        identifier=framework_id,
        title_en=draw(texts),
        title_fr=draw(texts),
        version=draw(any_text),
        families=families,
        levels_scale=[
            ScaleLevel(level=n, name_en=draw(texts), name_fr=draw(texts)) for n in (1, 2, 3, 4)
        ],
    )


OUTSIDE = Path(__file__).resolve().parents[3] / "tests" / "fixtures" / "outside" / "case"
PROPERTY = settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])


@PROPERTY
@given(frameworks())
def test_generated_frameworks_are_valid(framework: Framework) -> None:
    assert validate_framework(framework) == []


@PROPERTY
@given(frameworks())
def test_case_round_trip_property(framework: Framework) -> None:
    case = framework_to_case(framework)
    scale = framework.levels_scale  # carried only by rubrics, which a framework may lack
    assert framework_from_case(case, levels_scale=scale) == framework
    for ascii_only in (True, False):
        text = json.dumps(case, ensure_ascii=ascii_only)
        assert framework_from_case(json.loads(text), levels_scale=scale) == framework


@PROPERTY
@given(frameworks())
def test_csv_round_trip_property(framework: Framework) -> None:
    assert from_csv(framework_to_csv(framework), framework) == csv_view(framework)


@PROPERTY
@given(frameworks(), st.data())
def test_derived_identifiers_are_stable(framework: Framework, data: st.DataObject) -> None:
    for family in framework.families:
        family.identifier = ""
        for competency in family.competencies:
            competency.identifier = ""
    complete = with_identifiers(framework)
    scale = framework.levels_scale
    assert framework_from_case(framework_to_case(framework), levels_scale=scale) == complete
    assert framework_to_case(framework) == framework_to_case(complete)
    assert uuid.UUID(complete.identifier)


def test_lone_surrogates_are_rejected() -> None:
    case = package()
    case["CFItems"][2]["fullStatement"] = json.loads('"Anal\\ud800ysis"')
    assert problems(case) == [
        ("$.CFItems[2].fullStatement", "not valid Unicode text (lone surrogate)")
    ]
    framework = small()
    framework.families[0].code = "\udfff"
    with pytest.raises(FrameworkError) as raised:
        framework_to_case(framework)
    assert [(p.path, p.message) for p in raised.value.problems] == [
        ("families[0].code", "not valid Unicode text (lone surrogate)")
    ]
    rows = csv_rows()
    rows[2][column("indicators_en")] = "\ud800"
    assert csv_problems(rows) == [
        ("row 3, column indicators_en", "not valid Unicode text (lone surrogate)")
    ]


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=5),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3)
    ),
    max_leaves=5,
)


def locations(value: Any, here: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [here]
    if isinstance(value, dict):
        for key, entry in value.items():
            found += locations(entry, (*here, key))
    elif isinstance(value, list):
        for index, entry in enumerate(value):
            found += locations(entry, (*here, index))
    return found


@PROPERTY
@given(st.data())
def test_any_damage_is_reported_not_crashed_on(data: st.DataObject) -> None:
    case: Any = package()
    for _ in range(data.draw(st.integers(1, 3))):
        where = data.draw(st.sampled_from(locations(case)))
        replacement = data.draw(json_values | st.sampled_from([UNKNOWN, F1, C1, C3, FW, "x"]))
        if not where:
            case = replacement
            continue
        parent = case
        for step in where[:-1]:
            parent = parent[step]
        if data.draw(st.booleans()) and isinstance(parent, dict):
            del parent[where[-1]]
        else:
            parent[where[-1]] = replacement
    try:
        framework = framework_from_case(case)
    except CaseImportError as error:
        assert error.problems
        assert all(problem.path.startswith("$") for problem in error.problems)
    else:
        assert validate_framework(framework, translated=False) == []
        scale = framework.levels_scale
        assert framework_from_case(framework_to_case(framework), levels_scale=scale) == framework


@PROPERTY
@given(
    st.lists(st.none() | st.integers(-2, 4), min_size=5, max_size=5),
    st.sampled_from([FW, F1]),
    st.sampled_from([F2, FW, F1]),
)
def test_any_sequence_numbers_and_nesting_survive_a_round_trip(
    sequences: list[int | None], sec_parent: str, sec_1_parent: str
) -> None:
    """Whatever order and numbers a package gives its items, the export gives them back."""
    case: Any = package()
    placing = [a for a in case["CFAssociations"] if a["associationType"] == "isChildOf"]
    for association, sequence in zip(placing, sequences, strict=True):
        association.pop("sequenceNumber", None)
        if sequence is not None:
            association["sequenceNumber"] = sequence
    titles = {FW: "Digital competencies", F1: "Data", F2: "Security"}
    for association, parent in ((placing[3], sec_parent), (placing[4], sec_1_parent)):
        association["destinationNodeURI"] = {
            "title": titles[parent],
            "identifier": parent,
            "uri": f"urn:uuid:{parent}",
        }
    framework = framework_from_case(case)
    for version in ("1.0", "1.1"):
        assert framework_from_case(framework_to_case(framework, case_version=version)) == framework


def _with_records() -> Any:
    """A 1.0 export that replaced identifiers and records the originals."""
    text = (OUTSIDE / "opensalt-ItemTypeTestFramework.json").read_text(encoding="utf-8")
    return framework_to_case(framework_from_case(json.loads(text), levels_scale=SCALE))


@PROPERTY
@given(st.data())
def test_any_damage_to_the_records_of_original_identifiers_is_not_crashed_on(
    data: st.DataObject,
) -> None:
    case: Any = _with_records()
    for _ in range(data.draw(st.integers(1, 3))):
        where = data.draw(st.sampled_from(locations(case)[1:]))
        replacement = data.draw(
            json_values | st.sampled_from(["x", "b0000000-0000-0000-0000-000000000000"])
        )
        parent = case
        for step in where[:-1]:
            parent = parent[step]
        if data.draw(st.booleans()) and isinstance(parent, dict):
            del parent[where[-1]]
        else:
            parent[where[-1]] = replacement
    try:
        framework = framework_from_case(case, levels_scale=SCALE)
    except CaseImportError as error:
        assert error.problems
        assert all(problem.path.startswith("$") for problem in error.problems)
    else:
        assert validate_framework(framework, translated=False) == []
