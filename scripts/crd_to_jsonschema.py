"""Turn CustomResourceDefinition YAML files into JSON Schemas for kubeconform.

Usage: crd_to_jsonschema.py OUT_DIR CRD.yaml...

Each version's openAPIV3Schema becomes OUT_DIR/<group>/<kind lowercase>_<version>.json,
the layout of kubeconform's
`-schema-location '{dir}/{{ .Group }}/{{ .ResourceKind }}_{{ .ResourceAPIVersion }}.json'`.
As datree's openapi2jsonschema does for its strict schemas, every object with `properties`
refuses other fields (`additionalProperties: false`) unless it says otherwise or keeps unknown
fields (`x-kubernetes-preserve-unknown-fields`); alternatives under allOf/anyOf/oneOf are left
as written, since each names only part of the object's fields. Unlike datree the top level is
strict too. `x-kubernetes-int-or-string` becomes integer-or-string and `nullable` adds "null";
formats such as int32/int64 are kept (JSON Schema validators ignore them).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import yaml

Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
SCHEMA_MAPS = ("properties", "patternProperties", "definitions", "$defs")
SCHEMA_KEYS = ("items", "additionalProperties", "not")
ALTERNATIVES = ("allOf", "anyOf", "oneOf")


def openapi_quirks(node: Any) -> Any:
    """int-or-string and nullable, everywhere (alternatives included)."""
    if isinstance(node, list):
        return [openapi_quirks(value) for value in node]
    if not isinstance(node, dict):
        return node
    node = {key: openapi_quirks(value) for key, value in node.items()}
    int_or_string = node.get("x-kubernetes-int-or-string") or node.get("format") == "int-or-string"
    if int_or_string and not any(key in node for key in ALTERNATIVES):
        node.pop("type", None)
        if node.get("format") == "int-or-string":
            del node["format"]
        node["anyOf"] = [{"type": "integer"}, {"type": "string"}]
    if node.pop("nullable", False) is True:
        if isinstance(node.get("type"), str):
            node["type"] = [node["type"], "null"]
        if isinstance(node.get("enum"), list) and None not in node["enum"]:
            node["enum"].append(None)
    return node


def strict(node: dict[str, Any]) -> None:
    """additionalProperties: false on objects with properties, not inside alternatives."""
    if (
        "properties" in node
        and "additionalProperties" not in node
        and not node.get("x-kubernetes-preserve-unknown-fields")
    ):
        node["additionalProperties"] = False
    for key in SCHEMA_MAPS:
        for child in (node.get(key) or {}).values():
            if isinstance(child, dict):
                strict(child)
    for key in SCHEMA_KEYS:
        if isinstance(node.get(key), dict):
            strict(node[key])


def main(out: Path, files: list[str]) -> int:
    written = 0
    for name in files:
        with open(name, encoding="utf-8") as stream:
            docs = list(yaml.load_all(stream, Loader=Loader))
        for crd in docs:
            if not crd or crd.get("kind") != "CustomResourceDefinition":
                continue
            spec = crd["spec"]
            kind = spec["names"]["kind"].lower()
            for version in spec["versions"]:
                schema = (version.get("schema") or {}).get("openAPIV3Schema")
                if schema is None:
                    continue
                schema = openapi_quirks(schema)
                strict(schema)
                target = out / spec["group"] / f"{kind}_{version['name']}.json"
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_text(json.dumps(schema, indent=1, sort_keys=True), encoding="utf-8")
                written += 1
    if not written:
        print(f"no CRD schemas in {files}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]), sys.argv[2:]))
