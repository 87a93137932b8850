"""The rule registry: an explicit dict from stable id to rule, in documentation order.

Ids never change meaning once released; new rules take new ids.  Groups: ``reading``
(BC0xx, how the document was read), ``tables`` (BC1xx, identities of the annex tables).
"""

from __future__ import annotations

from .arithmetic import row_crossfoot, subtotal_tree, total_row, unit_scale
from .base import Rule
from .codes import class_name, code_hierarchy, code_name, duplicate_code
from .content import empty_statement, non_numeric, row_alignment
from .cross import basic_by_economic, fiscal_by_code, sangong_ceiling
from .overview import overview_balance, overview_vs_detail
from .performance import goal_items, performance_structure, project_ceiling

_RULES = (
    Rule("BC001", "row-alignment", "warning", "reading", row_alignment),
    Rule("BC002", "non-numeric-cell", "warning", "reading", non_numeric),
    Rule("BC101", "row-crossfoot", "error", "tables", row_crossfoot),
    Rule("BC102", "subtotal-tree", "error", "tables", subtotal_tree),
    Rule("BC103", "total-row", "error", "tables", total_row),
    Rule("BC104", "overview-balance", "error", "tables", overview_balance),
    Rule("BC111", "overview-vs-detail", "error", "tables", overview_vs_detail),
    Rule("BC112", "fiscal-by-code", "error", "tables", fiscal_by_code),
    Rule("BC113", "basic-by-economic", "error", "tables", basic_by_economic),
    Rule("BC121", "sangong-ceiling", "error", "tables", sangong_ceiling),
    Rule("BC131", "empty-statement", "error", "tables", empty_statement),
    Rule("BC141", "performance-structure", "error", "tables", performance_structure),
    Rule("BC142", "goal-items", "error", "tables", goal_items),
    Rule("BC143", "project-ceiling", "error", "tables", project_ceiling),
    Rule("BC151", "code-name", "warning", "codes", code_name),
    Rule("BC152", "duplicate-code", "error", "codes", duplicate_code),
    Rule("BC153", "code-hierarchy", "error", "codes", code_hierarchy),
    Rule("BC154", "class-name", "warning", "codes", class_name),
    Rule("BC161", "unit-scale", "error", "tables", unit_scale),
)

REGISTRY: dict[str, Rule] = {rule.id: rule for rule in _RULES}
