"""docs/sen2.md lists every rule with the id, severity and title it has in the code."""

from __future__ import annotations

from pathlib import Path

from sendcase.sen2.rules import RULES

DOC = Path(__file__).resolve().parents[2] / "docs" / "sen2.md"


def test_the_documented_rules_are_the_rules_senDcase_applies():
    rows = [line for line in DOC.read_text().splitlines() if line.startswith("| SEN2-R")]
    documented = {cells[0]: cells[1:] for cells in ([c.strip() for c in row.strip("|").split("|")] for row in rows)}
    assert list(documented) == list(RULES)
    for rule_id, rule in RULES.items():
        severity, title, source = documented[rule_id]
        assert (severity, title, source) == (rule.severity, rule.title, rule.source)
