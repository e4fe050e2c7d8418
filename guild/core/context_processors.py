from typing import Any

from django.http import HttpRequest
from django.urls import translate_url

from guild.core.bilingual import current_language, other_language


def site(request: HttpRequest) -> dict[str, Any]:
    language = current_language()
    other = other_language(language)
    return {
        "current_language": language,
        "other_language": other,
        "other_language_url": translate_url(request.get_full_path(), other),
    }
