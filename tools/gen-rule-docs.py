#!/usr/bin/env python3
"""Generates docs/rules/<ID>.md (one page per rule) and docs/rules/README.md (the index)
from policies/<ID>.yaml.

    python3 tools/gen-rule-docs.py           write the pages
    python3 tools/gen-rule-docs.py --check   exit 1 if a page is missing or differs

The pages are checked for drift by tests/test_rule_docs.cpp, which renders the same text
from the policies embedded in certlint (parsed by yaml-cpp): change the template there and
here together.

Python 3 standard library only. Policies use a small YAML subset, parsed here: top-level
`key: value` pairs whose value is a plain or quoted scalar, a literal (`|`) or folded (`>`)
block scalar, a nested map of such scalars (`remediation`, `options`) or a list of scalars
(`references`).

`remediation` maps input families (terraform, cloudformation, inventory) to how to fix a
finding on an input of that family; terraform and cloudformation are required. Each text
carries the page's examples: prose, then a "Fails:" and a "Passes:" fenced code block.
"""

import json
import os
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
POLICY_DIR = os.path.join(ROOT, "policies")
DOCS_DIR = os.path.join(ROOT, "docs", "rules")


# Input families, the keys of a policy's `remediation`, with their page headings
# (InputFamily, to_string and display_name in certlint).
FAMILIES = [("terraform", "Terraform"), ("cloudformation", "CloudFormation"),
            ("inventory", "ACM inventory")]
# The families every rule's remediation must have (tests/test_meta.cpp checks the same).
REQUIRED_FAMILIES = ("terraform", "cloudformation")


class PolicyError(Exception):
    pass


def _indent(line):
    return len(line) - len(line.lstrip(" "))


def _scalar(text, where):
    text = text.strip()
    if text.startswith('"'):
        if not text.endswith('"') or len(text) < 2:
            raise PolicyError(f"{where}: unterminated double-quoted scalar")
        return json.loads(text)  # YAML double-quoted escapes used here are JSON's
    if text.startswith("'"):
        if not text.endswith("'") or len(text) < 2:
            raise PolicyError(f"{where}: unterminated single-quoted scalar")
        return text[1:-1].replace("''", "'")
    if " #" in text:
        text = text[: text.index(" #")].rstrip()
    if text in ("true", "True", "TRUE"):
        return True
    if text in ("false", "False", "FALSE"):
        return False
    return text


def _block(lines, i, parent_indent, style, where):
    """Reads a block scalar body starting at lines[i]; returns (value, next index)."""
    indicator = style[1:]
    chomp = "clip"
    if "-" in indicator:
        chomp = "strip"
    elif "+" in indicator:
        chomp = "keep"
    body = []
    block_indent = None
    while i < len(lines):
        line = lines[i]
        if line.strip() == "":
            body.append("")
            i += 1
            continue
        ind = _indent(line)
        if ind <= parent_indent:
            break
        if block_indent is None:
            block_indent = ind
        if ind < block_indent:
            raise PolicyError(f"{where}: bad indentation in block scalar")
        body.append(line[block_indent:])
        i += 1
    # Trailing blank lines belong to chomping.
    content = list(body)
    trailing = 0
    while content and content[-1] == "":
        content.pop()
        trailing += 1
    if style[0] == "|":
        text = "\n".join(content)
    else:
        text = _fold(content)
    if not content:
        text = ""
    if chomp == "strip":
        return text, i
    if chomp == "keep":
        return text + "\n" * (1 + trailing) if content else "\n" * trailing, i
    return (text + "\n") if content else "", i


def _fold(lines):
    """Folds a `>` block: line breaks become spaces, except around empty lines and
    more-indented lines, which keep them (YAML 1.2, 8.1.3)."""
    result = ""
    prev_more = None  # None before the first non-empty line
    empties = 0
    for line in lines:
        if line == "":
            empties += 1
            continue
        more = line[0] in " \t"
        if prev_more is None:
            result = "\n" * empties + line
        elif empties:
            result += ("\n" if (prev_more or more) else "") + "\n" * empties + line
        else:
            result += ("\n" if (prev_more or more) else " ") + line
        empties = 0
        prev_more = more
    return result


def _value(lines, i, key_indent, rest, where):
    """The value after `key:`; returns (value, next index)."""
    rest = rest.strip()
    if rest.startswith("|") or rest.startswith(">"):
        return _block(lines, i, key_indent, rest.split()[0], where)
    if rest and not rest.startswith("#"):
        return _scalar(rest, where), i
    # A nested map or list on the following lines.
    while i < len(lines) and lines[i].strip() == "":
        i += 1
    if i >= len(lines) or _indent(lines[i]) <= key_indent:
        return None, i
    child_indent = _indent(lines[i])
    if lines[i].strip().startswith("- "):
        items = []
        while i < len(lines):
            line = lines[i]
            if line.strip() == "":
                i += 1
                continue
            if _indent(line) != child_indent or not line.strip().startswith("- "):
                break
            items.append(_scalar(line.strip()[2:], where))
            i += 1
        return items, i
    return _mapping(lines, i, child_indent, where)


def _mapping(lines, i, indent, where):
    out = {}
    while i < len(lines):
        line = lines[i]
        if line.strip() == "" or line.lstrip().startswith("#"):
            i += 1
            continue
        ind = _indent(line)
        if ind < indent:
            break
        if ind > indent:
            raise PolicyError(f"{where}: line {i + 1}: unexpected indentation")
        m = re.match(r"^\s*([A-Za-z0-9_]+):(\s.*|)$", line)
        if not m:
            raise PolicyError(f"{where}: line {i + 1}: expected 'key: value'")
        key = m.group(1)
        if key in out:
            raise PolicyError(f"{where}: line {i + 1}: duplicate key '{key}'")
        out[key], i = _value(lines, i + 1, ind, m.group(2), f"{where}: {key}")
    return out, i


def parse_policy(path):
    with open(path, encoding="utf-8") as f:
        text = f.read()
    lines = text.split("\n")
    if text.endswith("\n"):
        lines.pop()  # the empty string after the last line break is not a line
    doc, _ = _mapping(lines, 0, 0, os.path.relpath(path, ROOT))
    return doc


def _text(s):
    if isinstance(s, bool):
        return "true" if s else "false"
    return str(s).rstrip("\n")


def render_page(p):
    enabled = p.get("enabled", True)
    out = [f"# {p['id']} {p['name']}", ""]
    out += ["| | |", "|---|---|"]
    out.append(f"| Severity | {p['severity']} |")
    out.append(f"| Enabled by default | {'yes' if enabled else 'no'} |")
    options = p.get("options") or {}
    for key in sorted(options):
        out.append(f"| Option `{key}` | default `{_text(options[key])}` |")
    out += ["", "## What it checks", "", _text(p["summary"]), ""]
    out += ["## Why it matters", "", _text(p["rationale"]), ""]
    rem = p["remediation"]
    for family, heading in FAMILIES:  # the order of certlint's InputFamily
        if family in rem:
            out += [f"## How to fix: {heading}", "", _text(rem[family]), ""]
    out += ["## References", ""]
    out += [f"- <{r}>" for r in p.get("references") or []]
    out += ["", "---", "",
            f"Generated from `policies/{p['id']}.yaml` by `tools/gen-rule-docs.py`; do not edit.",
            ""]
    return "\n".join(out)


def render_index(policies):
    out = ["# Rules", "",
           "One page per rule, generated from `policies/` by `tools/gen-rule-docs.py`.",
           "`certlint rules` lists the same catalog; `certlint explain ID` prints a page's text.",
           "", "| ID | name | default | on | summary |", "|---|---|---|---|---|"]
    for p in policies:
        on = "yes" if p.get("enabled", True) else "no"
        summary = _text(p["summary"]).replace("|", "\\|")
        out.append(f"| [{p['id']}]({p['id']}.md) | {p['name']} | {p['severity']} | {on} | "
                   f"{summary} |")
    out.append("")
    return "\n".join(out)


def load_policies():
    policies = []
    for name in sorted(os.listdir(POLICY_DIR)):
        if not name.endswith(".yaml"):
            continue
        p = parse_policy(os.path.join(POLICY_DIR, name))
        for key in ("id", "name", "severity", "summary", "rationale", "remediation"):
            if key not in p:
                raise PolicyError(f"policies/{name}: missing '{key}'")
        rem = p["remediation"]
        if not isinstance(rem, dict):
            raise PolicyError(f"policies/{name}: 'remediation' must map families to texts")
        known = [f for f, _ in FAMILIES]
        for family in rem:
            if family not in known:
                raise PolicyError(f"policies/{name}: unknown remediation family '{family}' "
                                  f"(one of {', '.join(known)})")
        for family in REQUIRED_FAMILIES:
            if family not in rem:
                raise PolicyError(f"policies/{name}: remediation has no '{family}' text")
        if p["id"] + ".yaml" != name:
            raise PolicyError(f"policies/{name}: id is {p['id']}")
        policies.append(p)
    return policies


def main(argv):
    check = "--check" in argv[1:]
    try:
        policies = load_policies()
    except PolicyError as e:
        print(f"gen-rule-docs: {e}", file=sys.stderr)
        return 2
    pages = {f"{p['id']}.md": render_page(p) for p in policies}
    pages["README.md"] = render_index(policies)
    stale = []
    for name, text in sorted(pages.items()):
        path = os.path.join(DOCS_DIR, name)
        old = None
        if os.path.exists(path):
            with open(path, encoding="utf-8", newline="") as f:
                old = f.read()
        if old == text:
            continue
        stale.append(name)
        if not check:
            os.makedirs(DOCS_DIR, exist_ok=True)
            with open(path, "w", encoding="utf-8", newline="\n") as f:
                f.write(text)
    extra = [n for n in sorted(os.listdir(DOCS_DIR)) if n.endswith(".md") and n not in pages] \
        if os.path.isdir(DOCS_DIR) else []
    if check:
        for name in stale:
            print(f"docs/rules/{name} is out of date", file=sys.stderr)
        for name in extra:
            print(f"docs/rules/{name} has no policy", file=sys.stderr)
        if stale or extra:
            print("run: python3 tools/gen-rule-docs.py", file=sys.stderr)
            return 1
        return 0
    for name in stale:
        print(f"wrote docs/rules/{name}")
    for name in extra:
        print(f"docs/rules/{name} has no policy; remove it", file=sys.stderr)
    return 1 if extra else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
