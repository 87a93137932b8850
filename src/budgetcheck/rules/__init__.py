"""The rule registry: an explicit dict from stable id to rule, in documentation order.

Ids never change meaning once released; new rules take new ids.  Groups: ``reading``
(BC0xx, how the document was read), ``hygiene`` (BC05x, what a reader sees before the
figures: placeholders, years, the department's name), ``tables`` and ``codes`` (BC1xx,
identities of the annex tables), ``narrative`` (BC2xx, what the prose states).
"""

from __future__ import annotations

from .arguments import breakdown_sum, change_arithmetic, ratio_arithmetic, share_arithmetic
from .arithmetic import row_crossfoot, subtotal_tree, total_row, unit_scale
from .base import Rule
from .hygiene import placeholder, unit_name, wrong_year
from .codes import class_name, code_hierarchy, code_name, duplicate_code
from .content import empty_statement, missing_table, non_numeric, row_alignment
from .narrative import narrative_counts, narrative_figures, narrative_subjects, subjects_omitted
from .crossdoc import carry_continuity, cross_document, stated_budget, stated_change
from .cross import basic_by_economic, fiscal_by_code, sangong_ceiling
from .overview import overview_balance, overview_vs_detail
from .performance import goal_items, performance_structure, project_ceiling
from .execution import execution_arithmetic, execution_figures, unexplained_overrun
from .selfeval import execution_rate, group_weights, selfeval_scores
from .reading import incomplete_table, missing_tables, unread_table
from .understanding import table_understood
from .workbook import formula_coverage, hidden_cells

_RULES = (
    Rule("BC001", "row-alignment", "warning", "reading", row_alignment),
    Rule("BC002", "non-numeric-cell", "warning", "reading", non_numeric),
    Rule("BC003", "hidden-cells", "warning", "reading", hidden_cells),
    Rule("BC004", "unread-table", "warning", "reading", unread_table),
    Rule("BC005", "incomplete-table", "warning", "reading", incomplete_table),
    Rule("BC006", "missing-tables", "warning", "reading", missing_tables),
    Rule("BC007", "missing-table", "error", "reading", missing_table),
    Rule("BC010", "table-understood", "warning", "reading", table_understood),
    Rule("BC051", "placeholder", "error", "hygiene", placeholder),
    Rule("BC052", "wrong-year", "error", "hygiene", wrong_year),
    Rule("BC053", "unit-name", "warning", "hygiene", unit_name),
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
    Rule("BC144", "selfeval-scores", "error", "tables", selfeval_scores),
    Rule("BC145", "execution-rate", "error", "tables", execution_rate),
    Rule("BC146", "indicator-weights", "warning", "tables", group_weights),
    Rule("BC151", "code-name", "warning", "codes", code_name),
    Rule("BC152", "duplicate-code", "error", "codes", duplicate_code),
    Rule("BC153", "code-hierarchy", "error", "codes", code_hierarchy),
    Rule("BC154", "class-name", "warning", "codes", class_name),
    Rule("BC161", "unit-scale", "error", "tables", unit_scale),
    Rule("BC171", "formula-coverage", "error", "tables", formula_coverage),
    Rule("BC201", "narrative-figures", "error", "narrative", narrative_figures),
    Rule("BC202", "narrative-subjects", "error", "narrative", narrative_subjects),
    Rule("BC203", "subjects-omitted", "warning", "narrative", subjects_omitted),
    Rule("BC204", "narrative-counts", "error", "narrative", narrative_counts),
    Rule("BC211", "change-arithmetic", "error", "narrative", change_arithmetic),
    Rule("BC212", "breakdown-sum", "error", "narrative", breakdown_sum),
    Rule("BC213", "ratio-arithmetic", "error", "narrative", ratio_arithmetic),
    Rule("BC214", "cross-document", "error", "narrative", cross_document),
    Rule("BC215", "share-arithmetic", "error", "narrative", share_arithmetic),
    Rule("BC216", "execution-arithmetic", "error", "narrative", execution_arithmetic),
    Rule("BC217", "execution-figures", "error", "narrative", execution_figures),
    Rule("BC218", "unexplained-overrun", "warning", "narrative", unexplained_overrun),
    Rule("BC301", "stated-change", "error", "diff", stated_change),
    Rule("BC302", "stated-budget", "error", "diff", stated_budget),
    Rule("BC303", "carry-continuity", "error", "diff", carry_continuity),
)

REGISTRY: dict[str, Rule] = {rule.id: rule for rule in _RULES}

#: The tables a cross-table check needs: without one of them it cannot run, and the
#: report says so (a missing table is not an error by itself: templates differ).
REQUIRES: dict[str, tuple[str, ...]] = {
    "BC111": ("T1", "T3"),
    "BC112": ("T3", "T5"),
    "BC113": ("T5", "T6"),
    "BC121": ("T6", "T7"),
    "BC141": ("T10",),
    "BC142": ("T10",),
    "BC143": ("T11",),
    "BC202": ("T5",),
    "BC203": ("T5",),
    "BC204": ("T11",),
}
