"""The metric and label names a PromQL expression reads: enough of PromQL's lexical rules
(strings, durations, selectors, grouping clauses, functions) to list the names, not to
evaluate anything."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

KEYWORDS = {
    "and", "or", "unless", "bool", "offset", "by", "without", "on", "ignoring",
    "group_left", "group_right", "inf", "nan", "atan2",
}  # fmt: skip
GROUPING = {"by", "without", "on", "ignoring", "group_left", "group_right"}
_TOKEN = re.compile(
    r"""
    (?P<string>"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|`[^`]*`)
  | (?P<range>\[[^\]]*\])
  | (?P<variable>\$\{?[A-Za-z_][A-Za-z0-9_]*\}?)
  | (?P<number>(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?)
  | (?P<name>[A-Za-z_:][A-Za-z0-9_:]*)
  | (?P<symbol>=~|!~|!=|==|<=|>=|[{}()=,<>+\-*/%^@])
  | (?P<space>\s+)
    """,
    re.VERBOSE,
)


@dataclass
class Names:
    metrics: set[str] = field(default_factory=set)
    # labels named in a selector, by the metric the selector picks
    selector_labels: dict[str, set[str]] = field(default_factory=dict)
    # labels in by/without/on/ignoring/group_* clauses and legends (belong to the expression)
    grouping_labels: set[str] = field(default_factory=set)


def tokens(expression: str) -> list[tuple[str, str]]:
    found: list[tuple[str, str]] = []
    position = 0
    while position < len(expression):
        match = _TOKEN.match(expression, position)
        if match is None:
            raise ValueError(f"cannot read {expression[position:]!r}")
        kind = match.lastgroup
        assert kind is not None
        if kind != "space":
            found.append((kind, match.group()))
        position = match.end()
    return found


def names(expression: str) -> Names:
    result = Names()
    items = tokens(expression)
    index = 0
    while index < len(items):
        kind, text = items[index]
        following = items[index + 1][1] if index + 1 < len(items) else ""
        if kind == "name" and text in GROUPING and following == "(":
            index += 2
            while items[index][1] != ")":
                if items[index][0] == "name":
                    result.grouping_labels.add(items[index][1])
                index += 1
        elif (
            kind == "name"
            and text.lower() not in KEYWORDS
            and following != "("  # a function
            and following not in {"by", "without"}  # an aggregation: `sum by (x) (...)`
        ):
            result.metrics.add(text)
            labels = result.selector_labels.setdefault(text, set())
            if following == "{":
                index = _selector(items, index + 2, labels)
        elif kind == "symbol" and text == "{":  # a selector without a metric name
            index = _selector(items, index + 1, result.grouping_labels)
        index += 1
    return result


def _selector(items: list[tuple[str, str]], index: int, labels: set[str]) -> int:
    """Read `label op "value", ...}` from `index`; return the index of the closing brace."""
    while items[index][1] != "}":
        kind, text = items[index]
        if kind == "name" and items[index + 1][1] in {"=", "!=", "=~", "!~"}:
            labels.add(text)
        index += 1
    return index


def legend_labels(legend: str) -> set[str]:
    """Labels a Grafana legend format names: `{{route}} {{ status }}`."""
    return set(re.findall(r"\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}", legend))
