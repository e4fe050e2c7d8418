"""The CASE JSON schemas Guild's export must pass (tests/fixtures/schemas/, see SOURCES.md):
the 1EdTech CASE 1.0 JSON binding (its OpenAPI definitions, from `CFPackage.Type`) and the
1EdTech CASE 1.1 CFPackage JSON schema."""

import json
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema

SCHEMAS = Path(__file__).resolve().parents[3] / "tests" / "fixtures" / "schemas"


@cache
def _validators() -> dict[str, Any]:
    openapi = json.loads((SCHEMAS / "case-v1p0-openapi.json").read_text(encoding="utf-8"))
    v1p0 = {"$ref": "#/definitions/CFPackage.Type", "definitions": openapi["definitions"]}
    v1p1 = json.loads((SCHEMAS / "case-v1p1-cfpackage.json").read_text(encoding="utf-8"))
    checker = jsonschema.FormatChecker()
    return {
        "1.0": jsonschema.Draft4Validator(v1p0, format_checker=checker),
        "1.1": jsonschema.validators.validator_for(v1p1)(v1p1, format_checker=checker),
    }


def case_errors(package: object) -> dict[str, list[str]]:
    """Each schema's complaints about the package ("where: what"), none when it is valid."""
    return {
        version: [
            f"{'/'.join(str(step) for step in error.absolute_path)}: {error.message}"
            for error in validator.iter_errors(package)
        ]
        for version, validator in _validators().items()
    }
