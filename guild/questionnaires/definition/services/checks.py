"""What every write of a definition checks first: the actor manages the community, a
definition can be a draft, the questionnaire's row is locked."""

from typing import Any

from django.contrib.auth.models import AnonymousUser

from guild.accounts.models import User
from guild.core.errors import NotFound
from guild.organizations.models import Community
from guild.questionnaires.access import can_manage_community
from guild.questionnaires.definition.json_codec import definition_to_json
from guild.questionnaires.definition.problems import DefinitionError
from guild.questionnaires.definition.types import Definition
from guild.questionnaires.definition.validate import validate_definition
from guild.questionnaires.models import Questionnaire


def check_manager(actor: User | AnonymousUser | None, community: Community) -> None:
    if actor is not None and not can_manage_community(actor, community.pk):
        raise NotFound()


def draft_json(definition: Definition) -> dict[str, Any]:
    """The definition as JSON for a draft: everything checked but translations."""
    problems = validate_definition(definition, translated=False)
    if problems:
        raise DefinitionError(problems)
    return definition_to_json(definition)


def locked(questionnaire: Questionnaire) -> Questionnaire:
    return Questionnaire.objects.select_for_update().get(pk=questionnaire.pk)
