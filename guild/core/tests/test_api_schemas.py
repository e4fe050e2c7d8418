"""A hidden value has one JSON form and one OpenAPI schema across the whole API."""

import json
from typing import Any

from config.api import api
from guild.core.api_schemas import hidden_json
from guild.core.disclosure import COMPLEMENTARY, SMALL


def test_a_hidden_value_is_one_json_form_whatever_its_reason() -> None:
    assert hidden_json(SMALL) == {"suppressed": True}
    assert hidden_json(COMPLEMENTARY) == {"suppressed": True}
    assert hidden_json(12) == 12
    assert hidden_json(0.5) == 0.5
    assert hidden_json(None) is None


def _schemas_with_suppressed(document: Any) -> set[str]:
    components = document["components"]["schemas"]
    return {
        name for name, schema in components.items() if "suppressed" in schema.get("properties", {})
    }


def test_the_api_has_one_schema_for_a_hidden_value() -> None:
    document = json.loads(json.dumps(api.get_openapi_schema()))
    assert _schemas_with_suppressed(document) == {"Hidden"}
    assert document["components"]["schemas"]["Hidden"]["properties"]["suppressed"] == {
        "const": True,
        "default": True,
        "description": "The value is hidden to protect privacy.",
        "title": "Suppressed",
        "type": "boolean",
    }
    text = json.dumps(document)
    assert '"#/components/schemas/Hidden"' in text
    assert "SuppressedOut" not in text
