from typing import Any

from django import forms
from django.core.exceptions import ValidationError

from guild.core.errors import ApplicationError


def apply_errors(
    form: forms.Form,
    error: ValidationError | ApplicationError,
    field_map: dict[str, str] | None = None,
) -> None:
    """Put a service's errors on the form fields they concern (renamed via field_map);
    errors about fields the form does not show become form-wide errors."""
    field_map = field_map or {}
    if isinstance(error, ApplicationError):
        items: dict[str, Any] = dict(error.fields) or {None: [error.message]}  # type: ignore[dict-item]
    elif hasattr(error, "error_dict"):
        items = {name: errors for name, errors in error.message_dict.items()}
    else:
        items = {None: error.messages}  # type: ignore[dict-item]
    for name, messages in items.items():
        target = field_map.get(name, name) if name else None
        if target is not None and target not in form.fields:
            target = None
        for message in messages:
            form.add_error(target, message)
