"""The rule registry: every rule's declaration, by stable id, in documentation order.

Ids never change meaning once released; new rules take new ids.  Groups: ``reading``
(BC0xx, how the document was read), ``hygiene`` (BC05x, what a reader sees before the
figures: placeholders, years, the department's name), ``tables`` and ``codes`` (BC1xx,
identities of the annex tables), ``narrative`` (BC2xx, what the prose states), ``diff``
(BC3xx, a document against another), ``waivers`` (BC09x, the run's waivers file).

A rule is declared once, where it is written: ``@rule(...)`` on a document rule's check
function, ``declare(...)`` for a pair or run rule (see ``rules/base.py``).  This module
only collects the declarations of the rule modules below.  Rules import core,
templates, claims and readers' helpers; never the engine or anything above it.
"""

from __future__ import annotations

from budgetcheck.rules import (arguments, arithmetic, codes, content, cross, crossdoc, execution, hygiene, hygiene_name,
                               hygiene_year, information, narrative, overview, performance, prior_column, reading, runlevel, selfeval,
                               selfeval_count, understanding, workbook)
from budgetcheck.rules.base import Rule

_MODULES = (arguments, arithmetic, codes, content, cross, crossdoc, execution, hygiene, information, narrative, overview,
            performance, prior_column, reading, runlevel, selfeval, selfeval_count, understanding, hygiene_name,
            hygiene_year, workbook)


def _declared() -> dict[str, Rule]:
    found: dict[str, Rule] = {}
    for module in _MODULES:
        for value in vars(module).values():
            declared = value if isinstance(value, Rule) else getattr(value, "rule", None)
            if not isinstance(declared, Rule):
                continue
            if found.get(declared.id, declared) is not declared:
                raise RuntimeError(f"two rules declare the id {declared.id}")
            found[declared.id] = declared
    return {key: found[key] for key in sorted(found)}


REGISTRY: dict[str, Rule] = _declared()
