"""The rule registry: complete, documented, and the only source of the rule names quotes carry."""
import re
from pathlib import Path

from workbench.extract import extract
from workbench.extract.model import Rule
from workbench.extract.rules import REGISTRY, parse

DOC = Path(__file__).resolve().parent.parent / "docs" / "extraction.md"
KINDS = {"direct", "reported", "mixed", "adjustment"}


def test_every_rule_is_described_in_the_docs():
    rows = set(re.findall(r"^\| `([a-z_.]+)` \|", DOC.read_text(), re.M))
    missing = [name for name in REGISTRY if name not in rows]
    assert not missing, f"add a row to the Rules table of docs/extraction.md for {missing}"


def test_rules_are_complete_objects():
    for name, rule in REGISTRY.items():
        assert isinstance(rule, Rule) and rule.name == name
        assert rule.kind in KINDS
        assert callable(rule.find) and (rule.speaker is None or callable(rule.speaker))
        assert rule.description and "\n" not in rule.description


def test_quotes_carry_registered_rule_names():
    text = ('"We will not sell them," Lavrov said on Monday. He added that talks would go on.\n\n'
            'According to the ministry, the deal is off. The senator, who said the plan "makes no sense," '
            'left early, and officials said the vote would be delayed.\n\n'
            'Smith told reporters: "It is over."')
    ex = extract(text)
    assert ex.quotes
    for q in ex.quotes:
        base, adjustments = parse(q.rule)
        assert base is not None, q.rule
        assert q.rule == base.name + "".join("+" + a.name for a in adjustments)
