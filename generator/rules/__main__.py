"""Print the rule reference (Markdown) from the rules' docstrings: `python3 -m generator.rules`."""

from .registry import RULES


def reference() -> str:
    lines = ["| code | name | default | checks |", "|---|---|---|---|"]
    for code, rule in sorted(RULES.items()):
        lines.append(f"| {code} | {rule.name} | {rule.severity.value} | {' '.join(rule.doc.split())} |")
    return "\n".join(lines)


if __name__ == "__main__":
    print(reference())
