#!/usr/bin/env python3
"""Extracts, from `terraform providers schema -json`, the attribute paths of the resource types
the consumer catalog names, in the catalog's path notation: names joined by '.', a nested block
of at most one object stepped into by name, a repeatable block or a list/set attribute marked
"[]". tests/test_consumer_catalog.cpp checks every Terraform path of the catalog against it.

Usage: terraform providers schema -json > schema.json   (in a directory initialised against the
       provider mirror, as tools/regen-tf-fixtures.sh sets it up)
       tools/extract-provider-schema.py schema.json TYPE... > fixtures/catalog/aws-provider-5.100-consumers.json
"""
import json
import sys


def walk(block, prefix, out):
    for name, attr in sorted(block.get("attributes", {}).items()):
        kind = attr.get("type")
        path = prefix + name
        if isinstance(kind, list) and kind[0] in ("list", "set") and kind[1] == "string":
            out[path + "[]"] = "string"
        out[path] = kind if isinstance(kind, str) else json.dumps(kind)
    for name, nested in sorted(block.get("block_types", {}).items()):
        one = nested.get("nesting_mode") == "single" or nested.get("max_items") == 1
        walk(nested["block"], prefix + name + ("." if one else "[]."), out)


def main():
    schema = json.load(open(sys.argv[1]))
    providers = schema["provider_schemas"]
    provider = providers["registry.terraform.io/hashicorp/aws"]
    resources = provider["resource_schemas"]
    out = {"provider": "registry.terraform.io/hashicorp/aws", "resources": {}}
    for rtype in sorted(sys.argv[2:]):
        if rtype not in resources:
            continue
        paths = {}
        walk(resources[rtype]["block"], "", paths)
        out["resources"][rtype] = paths
    json.dump(out, sys.stdout, indent=1, sort_keys=True)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
