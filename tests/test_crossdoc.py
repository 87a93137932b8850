"""Figures stated in two documents of the same department and year agree (--cross)."""

from __future__ import annotations

from budgetcheck.readers import read_bytes, read_document
from budgetcheck.rules.crossdoc import cross_figures, stated

from .conftest import shared_path


def _doc(text: str, name: str):
    return read_bytes(text.encode("utf-8"), name)


def test_work_reports_of_one_year_agree_except_a_truncated_figure():
    a = read_document(shared_path("seeds", "000_6213311199dddaba.txt"))
    b = read_document(shared_path("seeds", "001_36bc8922b3e255d6.txt"))
    common = sorted(k[0] for k in set(stated(a)) & set(stated(b)))
    assert common == ["处理劳动人事争议案件", "接处涉薪类案件", "登记在职职工", "登记用工企业"]
    facts = list(cross_figures([a, b]))
    # 001 says 2.56万件 where 000 says 25,683件: 2.5683万 rounds to 2.57万, truncates to 2.56万
    assert [(j, f.status, f.location.line) for j, f in facts] == [(1, "undecided", 15)]


def test_a_different_figure_for_the_same_phrase_is_an_error():
    a = _doc("2023年工作情况\n全年，全市共处理劳动人事争议案件2.08万件。\n", "a.txt")
    b = _doc("2023年年鉴\n全年全市共处理劳动人事争议案件2.18万件。\n", "b.txt")
    facts = list(cross_figures([a, b]))
    assert [(j, f.status, f.comparison.difference) for j, f in facts] == [(1, "violation", 1000)]
    assert facts[0][1].related[0].path == "a.txt"


def test_the_same_figure_in_other_units_agrees():
    a = _doc("2023年\n全市共处理劳动人事争议案件20,800件。\n", "a.txt")
    b = _doc("2023年\n全市共处理劳动人事争议案件2.08万件。\n", "b.txt")
    assert list(cross_figures([a, b])) == []


def test_documents_of_different_years_are_not_compared():
    a = _doc("2022年工作情况\n全市共处理劳动人事争议案件2.08万件。\n", "a.txt")
    b = _doc("2023年工作情况\n全市共处理劳动人事争议案件2.18万件。\n", "b.txt")
    assert list(cross_figures([a, b])) == []


def test_a_phrase_stated_twice_in_one_document_is_not_paired():
    a = _doc("2023年\n全市共处理劳动人事争议案件2.08万件。上半年共处理劳动人事争议案件1.01万件。\n", "a.txt")
    b = _doc("2023年\n全市共处理劳动人事争议案件2.18万件。\n", "b.txt")
    assert list(cross_figures([a, b])) == []


def test_cli_cross_flag_reports_on_the_later_document(tmp_path):
    import json
    import subprocess
    import sys

    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text("2023年工作情况\n全年，全市共处理劳动人事争议案件2.08万件。\n", encoding="utf-8")
    b.write_text("2023年年鉴\n全年全市共处理劳动人事争议案件2.18万件。\n", encoding="utf-8")
    run = [sys.executable, "-m", "budgetcheck", "verify", str(a), str(b), "--format", "json"]
    plain = subprocess.run(run, capture_output=True, text=True, timeout=120)
    crossed = subprocess.run(run + ["--cross"], capture_output=True, text=True, timeout=120)
    assert plain.returncode == 0 and crossed.returncode == 1, crossed.stderr
    docs = json.loads(crossed.stdout)["documents"]
    assert [f["rule"] for f in docs[0]["findings"]] == []
    assert [(f["rule"], f["severity"], f["location"]["line"]) for f in docs[1]["findings"]] == [("BC214", "error", 2)]
