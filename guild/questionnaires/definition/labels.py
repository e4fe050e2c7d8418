"""``${code}`` references in the text of labels, hints and messages, as XLSForm writes
them ("Stems of tree with tag number ${tag}"): which questions a text shows, and the text
with their answers in place. No database.
"""

import re
from collections.abc import Mapping
from typing import Final

from guild.questionnaires.definition.condition_tree import to_string, to_value

_REFERENCE: Final = re.compile(r"\$\{([A-Za-z_][A-Za-z0-9_.-]*)\}")


def label_references(text: str) -> tuple[str, ...]:
    """The codes ``text`` refers to as ``${code}``, in order of first appearance."""
    return tuple(dict.fromkeys(match[1] for match in _REFERENCE.finditer(text)))


def split_references(text: str) -> list[str]:
    """``text`` cut at its references: literal text at even positions, the code of a
    ``${code}`` at odd ones."""
    return _REFERENCE.split(text)


def render_references(text: str, values: Mapping[str, str]) -> str:
    """``text`` with each ``${code}`` replaced by ``values.get(code, "")``."""
    return _REFERENCE.sub(lambda match: values.get(match[1], ""), text)


def answer_text(answer: object) -> str:
    """An answer as a reference shows it, as in ODK: numbers without trailing zeros, the
    option codes of a multiple choice separated by spaces, "" for an empty or unusable
    answer."""
    return to_string(to_value(answer))
