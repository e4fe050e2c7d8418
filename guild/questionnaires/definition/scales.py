"""Ready-made answer scales."""

from guild.questionnaires.definition.types import Option, Text

AGREE_SCALE: tuple[tuple[str, str, str], ...] = (
    ("strongly_agree", "Strongly agree", "Fortement d'accord"),
    ("agree", "Somewhat agree", "Plutôt d'accord"),
    ("neutral", "Neither agree nor disagree", "Ni d'accord ni en désaccord"),
    ("disagree", "Somewhat disagree", "Plutôt en désaccord"),
    ("strongly_disagree", "Strongly disagree", "Fortement en désaccord"),
)


def agree_scale() -> tuple[Option, ...]:
    """The 5-point agree scale (the Public Service Employee Survey's wording), agree first."""
    return tuple(Option(code, Text(en, fr)) for code, en, fr in AGREE_SCALE)
