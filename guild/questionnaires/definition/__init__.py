"""Reading, checking and writing questionnaire definitions (JSON and XLSForm).

Entry points: `formats.definition_parse` / `formats.definition_export` for files,
`json_codec.definition_from_json` / `definition_to_json` for stored data,
`validate.validate_definition` for checks, `scales.agree_scale` for the usual scale.
"""
