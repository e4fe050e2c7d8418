"""XLSForm import: the features real forms use, what cannot come in and what follows from
it, each noted at its cell."""

from decimal import Decimal

from guild.questionnaires.definition.types import Definition, Question, QuestionType, Section, Text
from guild.questionnaires.tests.xlsform_workbooks import converts, notes, read, workbook

# -- features -----------------------------------------------------------------------------


def test_notes_anywhere_and_a_group_of_notes_only() -> None:
    content = workbook(
        [
            ["type", "name", "label"],
            ["note", "welcome", "Welcome"],
            ["begin_group", "part", "Part one"],
            ["note", "read_me", "Read this first"],
            ["text", "who", "Who?"],
            ["note", "between", "Now something else"],
            ["text", "where", "Where?"],
            ["end_group"],
            ["begin group", "thanks", "Thanks"],
            ["note", "bye", "Thank you, ${who}"],
            ["end group"],
        ]
    )
    definition = read(content).definition
    assert definition.description is None
    assert [
        (s.code, s.description, [q.code for q in s.questions]) for s in definition.sections
    ] == [
        ("section_1", None, ["welcome"]),
        ("part", None, ["read_me", "who", "between", "where"]),
        ("thanks", None, ["bye"]),
    ]
    assert definition.question("read_me").type == QuestionType.NOTE
    assert definition.question("bye").label == Text("Thank you, ${who}", "")


def test_guild_description_notes_come_back_as_descriptions() -> None:
    definition = Definition(
        title=Text("T", "T fr"),
        description=Text("Intro", "Intro fr"),
        sections=(
            Section(
                "part",
                Text("Part", "Partie"),
                Text("About", "À propos"),
                (
                    Question("first", QuestionType.NOTE, Text("A note", "Une note")),
                    Question("who", QuestionType.TEXT, Text("Who", "Qui")),
                ),
            ),
        ),
    )
    assert read(converts(definition)).definition == definition


def test_or_other_becomes_an_option_and_a_question() -> None:
    content = workbook(
        [["type", "name", "label"], ["select_one water or_other", "water", "Water source"]],
        [["list_name", "name", "label"], ["water", "well", "Well"], ["water", "tap", "Tap"]],
    )
    reading = read(content)
    water = reading.definition.question("water")
    assert [o.code for o in water.options] == ["well", "tap", "other"]
    assert water.options[2].label == Text("Other", "Autre")
    other = reading.definition.question("water_other")
    assert (other.type, other.label, other.relevant) == (
        QuestionType.TEXT,
        Text("Specify other.", "Précisez l'autre réponse."),
        "selected(${water}, 'other')",
    )
    assert notes(reading)[0][1] == (
        "survey!A2",
        "or_other_expanded",
        "“or_other” becomes an option “other” and a question “water_other” asking which, "
        "shown when “other” is chosen.",
    )


def test_choice_filter_constraint_messages_default_and_read_only() -> None:
    content = workbook(
        [
            [
                "type",
                "name",
                "label",
                "choice_filter",
                "constraint",
                "constraint_message",
                "required",
                "required_message",
                "default",
                "read_only",
            ],
            ["select_one province", "province", "Province"],
            ["select_one city", "city", "City", "province = ${province}"],
            ["integer", "staff", "Staff", "", ". >= 0 and . != 13", "Not 13", "yes", "Needed"],
            ["text", "unit", "Unit", "", "", "", "", "", "HQ", "yes"],
        ],
        [
            ["list_name", "name", "label", "province"],
            ["province", "on", "Ontario"],
            ["province", "qc", "Quebec"],
            ["city", "ottawa", "Ottawa", "on"],
            ["city", "toronto", "Toronto", "on"],
            ["city", "montreal", "Montreal", "qc"],
        ],
    )
    definition = read(content).definition
    city = definition.question("city")
    assert city.choice_filter == "province = ${province}"
    assert [(o.code, o.properties) for o in city.options] == [
        ("ottawa", (("province", "on"),)),
        ("toronto", (("province", "on"),)),
        ("montreal", (("province", "qc"),)),
    ]
    staff = definition.question("staff")
    assert (staff.minimum, staff.constraint) == (Decimal(0), ". != 13")
    assert staff.constraint_message == Text("Not 13", "")
    assert staff.required_message == Text("Needed", "")
    unit = definition.question("unit")
    assert (unit.default, unit.read_only) == ("HQ", True)
    again = read(converts(definition)).definition
    assert again == definition


# -- what cannot come in, and what follows ------------------------------------------------


def test_what_refers_to_a_dropped_question_is_settled_and_said() -> None:
    content = workbook(
        [
            ["type", "name", "label", "relevant", "calculation", "constraint", "choice_filter"],
            ["geopoint", "where", "Where are you?"],
            ["text", "place", "Place near ${where}", "${where} != ''"],
            ["calculate", "far", "", "", "if(${where} = '', 0, 1)"],
            ["integer", "distance", "Distance", "${far} = 1"],
            ["integer", "count", "Count", "", "", "pulldata('a', 'b', 'c', 'd') > 1"],
            ["select_one zone", "zone", "Zone", "", "", "", "near = ${where}"],
        ],
        [["list_name", "name", "label", "near"], ["zone", "a", "A", "x"], ["zone", "b", "B", "y"]],
    )
    reading = read(content)
    definition = reading.definition
    assert [q.code for q in definition.questions] == ["place", "distance", "count", "zone"]
    place = definition.question("place")
    assert (place.label, place.relevant) == (Text("Place near", ""), None)
    assert definition.question("distance").relevant is None
    assert definition.question("count").constraint is None
    assert definition.question("zone").choice_filter is None
    assert notes(reading) == (
        [
            ("settings", "title_from_name", "The form has no title: “form” is used."),
            (
                "survey!C3",
                "reference_removed",
                "The text refers to “where”, which cannot come in: the reference is left out "
                "of the text.",
            ),
            (
                "survey!D3",
                "relevant_removed",
                "This refers to “where”, which cannot come in. The condition is left out: the "
                "question is shown to everyone.",
            ),
            (
                "survey!D5",
                "relevant_removed",
                "This refers to “far”, which cannot come in. The condition is left out: the "
                "question is shown to everyone.",
            ),
            (
                "survey!G7",
                "choice_filter_removed",
                "This refers to “where”, which cannot come in. The filter is left out: every "
                "option is offered.",
            ),
        ],
        [
            (
                "survey!A2",
                "unsupported_type",
                "Guild has no “geopoint” question: it cannot come in.",
            ),
            (
                "survey!E4",
                "calculation_removed",
                "This refers to “where”, which cannot come in. The calculation cannot come in.",
            ),
            (
                "survey!F6",
                "constraint_dropped",
                "Guild cannot work out “pulldata()”. The constraint is left out: any answer is "
                "accepted.",
            ),
        ],
    )
    converts(definition)


def test_conditional_required_dynamic_default_media_and_repeats_are_dropped_at_their_cell() -> None:
    content = workbook(
        [
            ["type", "name", "label", "required", "default", "media::image", "trigger"],
            ["text", "name", "Name", "${age} > 3", "", "face.png"],
            ["date", "seen", "Seen", "", "today()", "", "${name}"],
            ["begin_repeat", "child", "Child"],
            ["text", "child_name", "Name"],
            ["integer", "child_age", "Age"],
            ["end_repeat"],
            ["text", "summary", "About ${child_name}"],
        ]
    )
    reading = read(content)
    assert [q.code for q in reading.definition.questions] == ["name", "seen", "summary"]
    assert reading.definition.question("name").required is False
    assert reading.definition.question("seen").default is None
    assert reading.definition.question("summary").label == Text("About", "")
    assert notes(reading)[1] == [
        (
            "survey!D2",
            "conditional_required",
            "Guild cannot make an answer required only in some cases: the question is optional.",
        ),
        (
            "survey!F2",
            "media_dropped",
            "Guild cannot show images, sounds or videos: this one cannot come in.",
        ),
        (
            "survey!E3",
            "dynamic_default",
            "Guild cannot work out a starting answer from an expression: the question starts "
            "empty.",
        ),
        (
            "survey!G3",
            "trigger_dropped",
            "Guild cannot change an answer when another changes: the trigger cannot come in.",
        ),
        (
            "survey!A4",
            "repeat_dropped",
            "Guild cannot repeat questions: this repeat and the 2 questions it holds cannot "
            "come in.",
        ),
    ]


def test_names_that_are_not_codes_become_codes_and_references_follow() -> None:
    content = workbook(
        [
            ["type", "name", "label", "relevant"],
            ["integer", "HHSize", "Household size"],
            ["text", "q-1", "Ask (${HHSize})", "${HHSize} > 1"],
        ]
    )
    reading = read(content)
    definition = reading.definition
    assert [q.code for q in definition.questions] == ["hhsize", "q_1"]
    assert definition.question("q_1").relevant == "${hhsize} > 1"
    assert definition.question("q_1").label == Text("Ask (${hhsize})", "")
    assert [(p.location, p.code) for p in reading.changed] == [
        ("settings", "title_from_name"),
        ("survey!B2", "code_changed"),
        ("survey!B3", "code_changed"),
    ]


def test_a_nested_group_is_flattened_with_its_condition() -> None:
    content = workbook(
        [
            ["type", "name", "label", "relevant", "appearance"],
            ["begin_group", "home", "Home"],
            ["select_one yn", "owner", "Own?"],
            ["begin_group", "loan", "Mortgage", "${owner} = 'yes'", "field-list"],
            ["integer", "years", "Years left"],
            ["end_group"],
            ["end_group"],
        ],
        [["list_name", "name", "label"], ["yn", "yes", "Yes"], ["yn", "no", "No"]],
    )
    reading = read(content)
    definition = reading.definition
    assert [(q.code, q.type, q.relevant) for q in definition.questions] == [
        ("owner", QuestionType.SINGLE, None),
        ("loan", QuestionType.NOTE, "${owner} = 'yes'"),
        ("years", QuestionType.INTEGER, "${owner} = 'yes'"),
    ]
    assert [(p.location, p.code) for p in reading.changed][1:] == [("survey!A4", "group_flattened")]


def test_a_table_list_of_one_list_is_a_matrix() -> None:
    content = workbook(
        [
            ["type", "name", "label", "appearance"],
            ["begin_group", "s", "Section"],
            ["begin_group", "grid", "Grid", "table-list"],
            ["select_one yn", "r1", "Row 1"],
            ["select_one yn", "r2", "Row 2"],
            ["end_group"],
            ["end_group"],
        ],
        [["list_name", "name", "label"], ["yn", "yes", "Yes"], ["yn", "no", "No"]],
    )
    grid = read(content).definition.question("grid")
    assert grid.type == QuestionType.MATRIX
    assert [row.code for row in grid.rows] == ["r1", "r2"]
