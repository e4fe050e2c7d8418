"""Which text questions' answers the person reading a page may read one by one, for the
links to them on pages whose views belong to other subjects (the manage detail page)."""

from typing import Any

from django import template

from guild.questionnaires.models import Questionnaire
from guild.questionnaires.results.open_text import open_text_codes

register = template.Library()


@register.simple_tag(takes_context=True)
def open_text_readable(context: Any, questionnaire: Questionnaire) -> frozenset[str]:
    return open_text_codes(context["request"].user, questionnaire)
