"""Reviewed snapshots of what budgetcheck reads and reports on every real document
(issue 10 point 9).

Every error and warning in these snapshots has been checked against its page and has
its reason; a TODO fails the suite.

For each document below, ``fixtures/real/<name>.snap.md`` holds what budgetcheck read
(every table: role, title, page, unit, columns, and each row's figures as written) and
what it reported (every finding, and the checks it skipped); tests/snapshots.py renders
it.  ``test_snapshot`` reads the document again and compares: any change in what is read
or reported fails with a diff.  When the change is intended, rewrite the snapshots (the
tests then pass, having written them) and review the diff before committing it:

    BUDGETCHECK_UPDATE_SNAPSHOTS=1 python -m pytest tests/test_real_snapshots.py

Every error and warning in a snapshot has a ``- reason:`` line, written by the person who
checked it against the page (``../shared/tools/page FILE.pdf N`` shows page N): why the
finding is right, or why it is a false alarm.  Updating keeps the reasons of findings
that still exist (the same rule, table, row, column and message; else the same rule,
table, row and column) and writes ``reason: TODO (check against the page)`` for new
ones; ``test_snapshot_reasons_reviewed`` fails while a TODO is left.  A reason is one line.

The documents of ../shared are not in a user's clone: their tests skip with the reason
there, and fail under CI=true (conftest.shared_path).
"""

from __future__ import annotations

import difflib
import os
from pathlib import Path

import pytest

from budgetcheck.app.api import verify_path

from . import snapshots
from .conftest import ROOT, SHARED, shared_path

FIXTURES = ROOT / "fixtures" / "real"
UPDATE = os.environ.get("BUDGETCHECK_UPDATE_SNAPSHOTS") == "1"
DIFF_LINES = 200

# test id (ASCII, for -k) → the document's file name in ../shared/real
REAL = {
    "putuo-office-2025": "上海市普陀区人民政府办公室2025年部门预算.pdf",
    "putuo-commerce-2025": "上海市普陀区商务委员会2025年部门预算.pdf",
    "beijing-stats-2026-narrative": "北京市统计局2026年部门预算_附件1情况说明.pdf",
    "beijing-stats-2026-tables": "北京市统计局2026年部门预算_附件2报表.pdf",
    "national-petitions-2024-accounts": "国家信访局2024年度部门决算.pdf",
    "guangzhou-stats-2026": "广州市统计局2026年部门预算.pdf",
    "hangzhou-justice-2026": "杭州市司法局2026年部门预算.pdf",
    "fuzhou-medical-security-2026": "福州市医疗保障局2026年部门预算.pdf",
    "suzhou-audit-2026": "苏州市审计局2026年部门预算.pdf",
    "xian-health-2022-accounts": "西安市卫生健康委员会2022年度部门决算.pdf",
    "xian-stats-2026": "西安市统计局2026年部门预算.pdf",
    "chongqing-government-office-2026": "重庆市人民政府办公厅2026年部门预算.pdf",
}
# (folder: "shared" for ../shared, "" for the project; the path inside it), by test id
DOCUMENTS = {ident: ("shared", f"real/{name}") for ident, name in REAL.items()} | {
    "seed-003": ("shared", "seeds/003_ea1bb5bc2e951766.txt"),
    "sample-2022": ("", "seeds/2022-xiamen-hrss-budget.txt"),
    "sample-2023": ("", "seeds/2023-xiamen-hrss-budget.txt"),
    "sample-2023-final": ("", "seeds/2023-xiamen-hrss-final.txt"),
}
CASES = [pytest.param(*doc, id=ident) for ident, doc in DOCUMENTS.items()]


def _shown(folder: str, rel: str) -> str:
    """The document's path as seen from the project root (what the snapshot says)."""
    return f"../shared/{rel}" if folder == "shared" else rel


def _snapshot(rel: str) -> Path:
    return FIXTURES / (Path(rel).stem + ".snap.md")


def _pages(path: Path, document) -> int | None:
    known = getattr(document, "pages", None) or getattr(document, "page_count", None)
    if isinstance(known, int):
        return known
    if path.suffix.lower() != ".pdf":
        return None
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(path))
    try:
        return len(pdf)
    finally:
        pdf.close()


def _render(folder: str, rel: str, previous: str, monkeypatch) -> str:
    path = shared_path(*rel.split("/")) if folder == "shared" else ROOT / rel
    monkeypatch.chdir(ROOT)  # the document is named as from the project root, in every message too
    report = verify_path(_shown(folder, rel))
    text = snapshots.render(report, _shown(folder, rel), _pages(path, report.document), previous)
    for absolute in {str(ROOT), str(SHARED), str(SHARED.resolve())}:
        assert absolute not in text, f"the snapshot names a path of this machine ({absolute})"
    return text


@pytest.mark.parametrize(("folder", "rel"), CASES)
def test_snapshot(folder, rel, monkeypatch):
    snap = _snapshot(rel)
    committed = snap.read_text(encoding="utf-8") if snap.exists() else ""
    text = _render(folder, rel, committed, monkeypatch)
    if UPDATE:
        if text != committed:
            snap.parent.mkdir(parents=True, exist_ok=True)
            snap.write_text(text, encoding="utf-8")
        return
    name = snap.relative_to(ROOT).as_posix()
    if not snap.exists():
        pytest.fail(f"{name} is missing: write it with `{snapshots.UPDATE_COMMAND}`, review it and commit it")
    if text != committed:
        diff = list(difflib.unified_diff(committed.splitlines(), text.splitlines(),
                                         f"{name} (committed)", f"{name} (as read now)", lineterm=""))
        shown = "\n".join(diff[:DIFF_LINES])
        more = f"\n… {len(diff) - DIFF_LINES} more diff lines" if len(diff) > DIFF_LINES else ""
        pytest.fail(f"what budgetcheck reads or reports on {_shown(folder, rel)} changed:\n{shown}{more}\n\n"
                    f"If the change is intended, rewrite the snapshot with `{snapshots.UPDATE_COMMAND}`, "
                    f"review the diff and check every new error or warning against the page.", pytrace=False)


@pytest.mark.parametrize(("folder", "rel"), CASES)
def test_snapshot_reasons_reviewed(folder, rel):
    snap = _snapshot(rel)
    assert snap.exists(), f"{snap.relative_to(ROOT).as_posix()} is missing"
    todo = snapshots.unreviewed(snap.read_text(encoding="utf-8"))
    if todo:
        shown = _shown(folder, rel)
        how = (f"`../shared/tools/page '{shown}' N` (N: the finding's page)" if rel.endswith(".pdf")
               else f"the finding's line in {shown}")
        listed = "\n".join("  " + " · ".join(v for v in (f"{e.severity} {e.rule}", e.table, e.row, e.column, e.at) if v)
                           + f": {e.message}" for e in todo[:50])
        more = f"\n  … and {len(todo) - 50} more" if len(todo) > 50 else ""
        pytest.fail(f"{snap.relative_to(ROOT).as_posix()}: {len(todo)} errors/warnings have no reviewed reason:\n"
                    f"{listed}{more}\nCheck each against the page with {how}, then replace its "
                    f"`- reason: TODO …` line with why the finding is right or wrong.", pytrace=False)


def test_every_real_document_has_a_snapshot():
    """A document added to ../shared/real gets a snapshot too; a snapshot without its
    document is left over from a renamed or removed one."""
    real = shared_path("real")
    assert sorted(p.name for p in real.glob("*.pdf")) == sorted(REAL.values())
    expected = {_snapshot(rel).name for _, rel in DOCUMENTS.values()}
    assert sorted(p.name for p in FIXTURES.glob("*.snap.md") if p.name not in expected) == []


def test_reasons_are_carried_over():
    """Update mode keeps a reviewed reason when the finding still exists, even with new
    figures; a new error or warning gets TODO, a notice nothing."""
    E = snapshots.Entry
    old = [E("error", "BC101", "T5", "208", "合计", "differs by +5", reason="typo on p.3"),
           E("warning", "BC002", "T1", "x", "预算数", "not a figure", reason="the cell says 无")]
    new = [E("warning", "BC002", "T1", "x", "预算数", "not a figure"),
           E("error", "BC101", "T5", "208", "合计", "differs by +6"),
           E("error", "BC102", "T5", "208", "合计", "differs by +6"),
           E("notice", "BC103", "T5", "合计", "合计", "within rounding")]
    assert snapshots.carry_reasons(new, old) == ["the cell says 无", "typo on p.3", snapshots.TODO, ""]
    text = "## Findings\n\n### error BC101 row-crossfoot\n- table: T5\n- message: m\n- reason: TODO (…)\n\n" \
           "### notice BC103 total-row\n- message: n\n\n## Skipped checks\n"
    assert [(e.rule, e.table, e.reason) for e in snapshots.parse(text)] == [("BC101", "T5", "TODO (…)"),
                                                                           ("BC103", "", "")]
    assert [e.rule for e in snapshots.unreviewed(text)] == ["BC101"]
