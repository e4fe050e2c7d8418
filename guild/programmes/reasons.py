"""The optimiser's proposal as JSON and back, language-free: a `SelectionRun` keeps the
reasons as codes and parameters, and pages write them in the reader's language when shown
(`explain.sentences`), so a run made in English reads in French too.

Parameters are tagged by type: a `Decimal` as {"decimal": "87.5"}, the people a reason
names as {"people": [[id, "87.5"], …]}, a rule as {"rule": {…}}; ints and texts as is."""

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from guild.programmes.selection import Explanation, Kind, Reason, Rule, Selection


def _rule_json(rule: Rule) -> dict[str, Any]:
    return {
        "kind": rule.kind.value,
        "count": rule.count,
        "attribute": rule.attribute,
        "value": rule.value,
        "percent": None if rule.percent is None else str(rule.percent),
        "balance": rule.balance,
    }


def _rule(data: Mapping[str, Any]) -> Rule:
    percent = data.get("percent")
    return Rule(
        Kind(data["kind"]),
        int(data["count"]),
        str(data.get("attribute", "")),
        str(data.get("value", "")),
        None if percent is None else Decimal(percent),
        int(data.get("balance", -1)),
    )


def _param_json(value: Any) -> Any:
    if isinstance(value, Rule):
        return {"rule": _rule_json(value)}
    if isinstance(value, Decimal):
        return {"decimal": str(value)}
    if isinstance(value, tuple):
        return {"people": [[identifier, str(score)] for identifier, score in value]}
    return value


def _param(value: Any) -> Any:
    if isinstance(value, dict):
        if "rule" in value:
            return _rule(value["rule"])
        if "decimal" in value:
            return Decimal(value["decimal"])
        if "people" in value:
            return tuple((int(i), Decimal(s)) for i, s in value["people"])
    return value


def selection_json(selection: Selection) -> dict[str, Any]:
    """What a run keeps: the seats, the rules and every nominee's explanation."""
    return {
        "seats": selection.seats,
        "rules": [_rule_json(rule) for rule in selection.rules],
        "nominees": [
            {
                "nominee": explanation.nominee,
                "selected": explanation.selected,
                "score": str(explanation.score),
                "rank": explanation.rank,
                "reasons": [
                    {
                        "code": reason.code,
                        "params": {k: _param_json(v) for k, v in reason.params.items()},
                    }
                    for reason in explanation.reasons
                ],
            }
            for explanation in selection.explanations
        ],
    }


def explanations_from(data: Mapping[str, Any]) -> list[Explanation]:
    return [
        Explanation(
            int(item["nominee"]),
            bool(item["selected"]),
            Decimal(item["score"]),
            int(item["rank"]),
            tuple(
                Reason(reason["code"], {k: _param(v) for k, v in reason["params"].items()})
                for reason in item["reasons"]
            ),
        )
        for item in data.get("nominees", [])
    ]


def rules_from(data: Mapping[str, Any]) -> list[Rule]:
    return [_rule(rule) for rule in data.get("rules", [])]
