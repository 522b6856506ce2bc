"""The rule registry: every rule of the extractor, in the order the docs list them.

Each rule is declared beside the code that applies it (direct.RULES, reported.RULES, pipeline.RULES);
this module only gathers them. ``Quote.rule`` is a rule name, followed by '+name' for each adjustment
rule that changed the speaker afterwards ("reported.said_that+outer_tag")."""
from __future__ import annotations

from . import direct, pipeline, reported
from .model import Rule

REGISTRY: dict[str, Rule] = {r.name: r for r in (*direct.RULES, *pipeline.RULES, *reported.RULES)}


def parse(rule_string: str) -> tuple[Rule | None, list[Rule]]:
    """The base rule and the adjustment rules of a ``Quote.rule`` string (None for an unknown name).

    :param rule_string: as written in Quote.rule, e.g. "reported.said_that+outer_tag"
    """
    base, *adjustments = (rule_string or "").split("+")
    return REGISTRY.get(base), [REGISTRY[a] for a in adjustments if a in REGISTRY]
