"""The questions a questionnaire declares for the workforce view, whatever their codes
(`definition.WorkforceRole`): the age band, the years-of-service band, and optionally the
occupational group, with the whole years each band option stands for (`Option.band`).

Pure: reads a definition, never the database.
"""

from dataclasses import dataclass, field

from guild.questionnaires.definition.types import Definition, Question, WorkforceRole
from guild.workforce.retirement import Band


@dataclass(frozen=True)
class Declaration:
    age: Question
    service: Question
    group: Question | None
    ages: dict[str, Band] = field(default_factory=dict)  # option code → band
    services: dict[str, Band] = field(default_factory=dict)


def option_bands(question: Question) -> dict[str, Band]:
    """The declared bands of a question's options; an option without one (such as "prefer
    not to say") counts as not given."""
    return {
        option.code: Band(option.code, option.band.low, option.band.high)
        for option in question.options
        if option.band is not None
    }


def workforce_declaration(definition: Definition) -> Declaration | None:
    """The declared workforce questions, or None unless both the age and the service band
    are declared."""
    roles = definition.workforce_roles()
    age, service = roles.get(WorkforceRole.AGE), roles.get(WorkforceRole.SERVICE)
    if age is None or service is None:
        return None
    return Declaration(
        age=age,
        service=service,
        group=roles.get(WorkforceRole.GROUP),
        ages=option_bands(age),
        services=option_bands(service),
    )
