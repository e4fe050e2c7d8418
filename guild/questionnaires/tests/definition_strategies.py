"""Hypothesis strategies for valid questionnaire definitions."""

from decimal import Decimal

from hypothesis import strategies as st

from guild.questionnaires.definition.types import (
    ANSWERED_TYPES,
    NUMBER_TYPES,
    OPTION_TYPES,
    QUASI_IDENTIFIER_KINDS,
    TEXT_TYPES,
    Breakdown,
    Definition,
    Option,
    QuasiIdentifier,
    Question,
    QuestionType,
    Section,
    Text,
)

label_text = st.text(
    alphabet=st.characters(
        codec="utf-8", exclude_categories=("Cs", "Cc"), exclude_characters="\xa0"
    ),
    min_size=1,
    max_size=30,
).filter(lambda s: s.strip() != "" and s == s.strip())
texts = st.builds(Text, en=label_text, fr=label_text)
option_codes = st.from_regex(r"[a-z0-9][a-z0-9_]{0,8}", fullmatch=True)


@st.composite
def option_lists(draw: st.DrawFn, min_size: int = 2) -> tuple[Option, ...]:
    codes = draw(st.lists(option_codes, min_size=min_size, max_size=6, unique=True))
    return tuple(Option(code, draw(texts)) for code in codes)


@st.composite
def questions(draw: st.DrawFn, code: str, earlier: list[str]) -> Question:
    kind = draw(st.sampled_from(list(QuestionType)))
    minimum = maximum = None
    if kind in NUMBER_TYPES:
        if kind == QuestionType.DECIMAL:
            bound = st.decimals(
                min_value=-1000, max_value=1000, places=2, allow_nan=False, allow_infinity=False
            )
        else:
            bound = st.integers(-1000, 3000).map(Decimal)
        minimum = draw(st.none() | bound)
        maximum = draw(st.none() | bound)
        if minimum is not None and maximum is not None and minimum > maximum:
            minimum, maximum = maximum, minimum
    relevant = None
    if draw(st.booleans()) and earlier:
        relevant = f"${{{draw(st.sampled_from(earlier))}}} != ''"
    quasi_kinds: list[QuasiIdentifier] = sorted(QUASI_IDENTIFIER_KINDS.get(kind, ()))
    quasi_identifier = draw(st.none() | st.sampled_from(quasi_kinds)) if quasi_kinds else None
    return Question(
        code=code,
        type=kind,
        label=draw(texts),
        help=draw(st.none() | texts),
        required=draw(st.booleans()) if kind in ANSWERED_TYPES else False,
        options=draw(option_lists()) if kind in OPTION_TYPES else (),
        rows=draw(option_lists(min_size=1)) if kind == QuestionType.MATRIX else (),
        minimum=minimum,
        maximum=maximum,
        max_length=draw(st.none() | st.integers(1, 5000)) if kind in TEXT_TYPES else None,
        relevant=relevant,
        breakdown=draw(st.none() | st.just(Breakdown.OTHER))
        if kind == QuestionType.SINGLE
        else None,
        quasi_identifier=quasi_identifier,
        calculation=(f"${{{earlier[-1]}}}" if earlier else "1")
        if kind == QuestionType.CALCULATE
        else None,
    )


@st.composite
def definitions(draw: st.DrawFn) -> Definition:
    codes = draw(
        st.lists(
            st.from_regex(r"[a-z][a-z0-9_]{0,10}", fullmatch=True),
            min_size=2,
            max_size=12,
            unique=True,
        )
    )
    section_count = draw(st.integers(1, max(1, len(codes) // 2)))
    section_codes, question_codes = codes[:section_count], codes[section_count:]
    if not question_codes:
        question_codes = [f"{section_codes[0]}_q"]
    earlier: list[str] = []
    sections = []
    per_section = max(1, len(question_codes) // section_count)
    for index, section_code in enumerate(section_codes):
        chunk = question_codes[index * per_section : (index + 1) * per_section]
        if index == section_count - 1:
            chunk = question_codes[index * per_section :]
        if not chunk:
            continue
        built = []
        for code in chunk:
            built.append(draw(questions(code, list(earlier))))
            earlier.append(code)
        sections.append(Section(section_code, draw(texts), draw(st.none() | texts), tuple(built)))
    return Definition(draw(texts), draw(st.none() | texts), tuple(sections))
