"""The HTML reports (issue 12 point 3, and the HTML half of point 4): ``verify --format html``
and ``diff --format html`` write one self-contained, deterministic file, every text in it
escaped, each finding's cell coloured in its table, counts as in the JSON report."""

from __future__ import annotations

import json
import random
import os
import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest

from budgetcheck.app.api import verify_path, verify_text
from budgetcheck.core.i18n import HTML_WORDS
from budgetcheck.app.outputs import written_by_us
from budgetcheck.reporters import html_report
from budgetcheck.reporters import jsonout
from budgetcheck.reporters.html_page import page

from .conftest import SAMPLE
from .helpers import run_cli, run_inprocess
from .helpers import mutate

OLD = SAMPLE.with_name("2022-xiamen-hrss-budget.txt")
#: 2080101's 公用支出 typed 506.32 for 560.32: BC101 and BC102 errors (README, Sample output)
CELL = ("2,510.33\t2,510.33\t1,950.01\t560.32", "2,510.33\t2,510.33\t1,950.01\t506.32")
PROSE = ("1. 基本支出15,653.19万元", "1. 基本支出15,635.19万元")  # BC201: the prose only


class Page(HTMLParser):
    """Every element with its attributes, the grid it is in, and the page's text."""

    def __init__(self, text: str):
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict, dict | None]] = []  # tag, attributes, enclosing <table>'s
        self.tables: list[dict] = []
        self.texts: list[str] = []
        self.stack: list[str] = []
        self.feed(text)
        self.close()

    def handle_starttag(self, tag, attrs):
        a = {k: v or "" for k, v in attrs}
        self.elements.append((tag, a, self.tables[-1] if self.tables else None))
        if tag == "table":
            self.tables.append(a)
        if tag not in ("meta", "br", "rect", "line"):
            self.stack.append(tag)

    def handle_startendtag(self, tag, attrs):
        self.elements.append((tag, {k: v or "" for k, v in attrs}, self.tables[-1] if self.tables else None))

    def handle_endtag(self, tag):
        if tag == "table" and self.tables:
            self.tables.pop()
        if tag in self.stack:
            while self.stack and self.stack.pop() != tag:
                pass

    def handle_data(self, data):
        self.texts.append(data)

    def find(self, tag: str, **attrs) -> list[tuple[dict, dict | None]]:
        return [(a, t) for g, a, t in self.elements if g == tag and all(a.get(k) == v for k, v in attrs.items())]

    @property
    def text(self) -> str:
        return "".join(self.texts)


def _render(report, lang: str = "en") -> str:
    return html_report.render([report], lang)


def _sample_text() -> str:
    return SAMPLE.read_text(encoding="utf-8")


def _cells_of(page: Page, n: int) -> list[dict]:
    return [a for a, _ in page.find("td") if str(n) in a.get("data-findings", "").split()]


def assert_every_finding_drawn(page: Page, report) -> None:
    """Each finding on a cell: a cell of its table, row and column, coloured, carrying its number."""
    for n, f in enumerate(report.findings, 1):
        loc = f.location
        if loc.table == "narrative":
            assert [a for a, _ in page.find("div") if a.get("data-findings") == str(n)], f
            continue
        if not (loc.row and loc.column):
            continue
        hits = [(a, t) for g, a, t in page.elements if g in ("td", "tr") and str(n) in a.get("data-findings", "").split()]
        assert hits, f
        cell, table = hits[0]
        assert table is not None and table.get("data-table") == loc.table, (f, table)
        assert cell["data-row"] == loc.row
        if cell.get("data-col"):
            assert cell["data-col"] == loc.column
        assert re.search(r"\bc-(error|warning|notice)\b", cell.get("class", "")), cell
        severities = {"error": 0, "warning": 1, "notice": 2}
        shown = re.search(r"\bc-(\w+)", cell["class"]).group(1)
        assert severities[shown] <= severities[f.severity], (shown, f.severity)
        assert page.find("li", id=f"d1-f{n}"), n


def test_the_sample_clean_report():
    report = verify_path(str(SAMPLE))
    page = Page(_render(report))
    rows = page.find("tr", **{"data-path": str(SAMPLE)})
    assert len(rows) == 1
    summary = json.loads(jsonout.render([report]))["documents"][0]["summary"]
    counts = [a for a, _ in page.find("td") if a.get("class", "").startswith("num n-")]
    assert len(counts) == 4  # checks run, errors, warnings, notices
    assert page.find("td", **{"class": "status s-verified", "data-status": "verified"})
    grids = [a for a, _ in page.find("table") if a.get("class") == "grid"]
    assert len(grids) == len(report.document.tables)  # every table drawn, notice-only or not
    assert {a["data-table"] for a in grids} >= {f"T{i}" for i in range(1, 12)}
    assert_every_finding_drawn(page, report)
    text = page.text
    for name in ("errors", "warnings", "notices"):
        assert str(summary[name]) in text
    assert "2080101" in text and "2,510.33" in text  # the grid as read


def _counts_in_order(html_text: str) -> list[tuple[int, int, int]]:
    """(errors, warnings, notices) of each summary line, read from the page."""
    found = re.findall(r'<td class="num n-errors">(\d+)</td><td class="num n-warnings">(\d+)</td>'
                       r'<td class="num n-notices">(\d+)</td>', html_text)
    return [tuple(map(int, f)) for f in found]


def test_a_changed_figure_colours_its_cell_and_outlines_the_related():
    report = verify_text(mutate(_sample_text(), *CELL), "mutated.txt")
    errors = [f for f in report.findings if f.severity == "error"]
    assert {f.rule for f in errors} >= {"BC101", "BC102"}
    text = _render(report)
    page = Page(text)
    assert_every_finding_drawn(page, report)
    n = next(i for i, f in enumerate(report.findings, 1) if f.rule == "BC101" and f.severity == "error")
    cell = _cells_of(page, n)[0]
    assert "c-error" in cell["class"] and cell["data-row"] == "2080101" and cell["data-col"] == "基本支出/小计"
    related = [a for a, _ in page.find("td") if str(n) in a.get("data-related", "").split()]
    assert {a["data-col"] for a in related} == {"基本支出/人员经费", "基本支出/公用支出"}
    assert all("rel" in a["class"].split() for a in related)
    item = page.find("li", id=f"d1-f{n}")
    assert item and item[0][0]["data-severity"] == "error"
    f = report.findings[n - 1]
    for figure in (f.expected, f.actual, f.difference, f.tolerance):
        assert figure in page.text
    json_summary = json.loads(jsonout.render([report]))["summary"]
    assert _counts_in_order(text) == [(json_summary["errors"], json_summary["warnings"], json_summary["notices"])]
    assert page.find("td", **{"class": "status s-verified"})


def test_a_prose_claim_shows_its_sentence_and_arithmetic():
    text = _sample_text()
    report = verify_text(text.replace(PROSE[0], PROSE[1], 1), "prose.txt")
    page = Page(_render(report))
    n, f = next((i, f) for i, f in enumerate(report.findings, 1) if f.rule == "BC201" and f.severity == "error")
    sentence = [a for a, _ in page.find("div") if a.get("data-findings") == str(n)]
    assert sentence and "c-error" in sentence[0]["class"] and sentence[0]["data-line"] == str(f.location.line)
    line = report.document.lines[f.location.line - 1]
    assert "基本支出15,635.19" in line and line.strip() in page.text
    assert f.message in page.text and f.expected in page.text and f.actual in page.text


def test_a_missing_table_partly_verified_and_its_checks_skipped():
    from budgetcheck.rules.ruleset import all_rules, infos

    report = verify_text(mutate(_sample_text(), "一般公共预算“三公”经费支出情况表\n", "（表略）\n"), "no-t7.txt")
    assert report.skipped == (("BC121", ("T7",)),)
    rules = infos([i for i, r in all_rules().items() if r.group != "waivers"])
    for lang, needs, status in (("en", "BC121: needs T7", "partly verified"), ("zh", "BC121: 缺少T7表", "部分核对")):
        page = Page(html_report.render([report], lang, rules))
        assert page.find("td", **{"class": "status s-partly-verified", "data-status": "partly verified"})
        assert needs in page.text and status in page.text
        run = [a for a, _ in page.find("td") if a.get("class") == "num n-run"]
        assert len(run) == 1
        text = html_report.render([report], lang, rules)
        assert f'<td class="num n-run">{len(rules) - 1}</td>' in text
        assert "<td>T1, T2, T3, T4, T5, T6, T8, T9, T10, T11</td><td>T7</td>" in text


def test_chinese_report():
    report = verify_text(mutate(_sample_text(), *CELL), "mutated.txt")
    text = _render(report, "zh")
    page = Page(text)
    assert '<html lang="zh-CN">' in text
    for word in ("汇总", "预算", "错误", "应为", "实为", "差额", "允许误差", "已核对"):
        assert word in page.text, word
    assert all(f.message_zh in page.text for f in report.findings if f.message_zh)
    assert "expected" not in page.text and "errors" not in page.text


def test_every_word_has_its_chinese():
    assert set(HTML_WORDS["en"]) == set(HTML_WORDS["zh"])
    for key, zh in HTML_WORDS["zh"].items():
        assert re.search(r"[\u4e00-\u9fff]", zh), key
        assert set(re.findall(r"\{(\w+)\}", zh)) == set(re.findall(r"\{(\w+)\}", HTML_WORDS["en"][key])), key


def test_document_text_is_escaped_and_the_bytes_are_stable(tmp_path):
    hostile = mutate(_sample_text(), "2080101\t行政运行\t2,510.33\t2,510.33\t1,950.01",
                     '2080101\t<script>alert("x")</script>\t2,510.33\t2,510.33\t1,950.01')
    report = verify_text(hostile, '<img src=x onerror="alert(1)">.txt')
    text = _render(report)
    assert "<script" not in text and "<img" not in text
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in text
    assert "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;.txt" in text
    assert '<script>alert("x")</script>' in Page(text).text  # shown as text, in its cell
    again = verify_text(hostile, '<img src=x onerror="alert(1)">.txt')
    assert _render(again).encode() == text.encode()
    # self-contained: nothing to fetch
    assert not re.search(r"""(src|href)=["']?(https?:|//|file:)""", text)
    assert "@import" not in text and "url(" not in text
    # the command line: two runs, the same bytes
    doc = tmp_path / "doc.txt"
    doc.write_text(hostile, encoding="utf-8")
    outs = []
    for k in (1, 2):
        out = tmp_path / f"r{k}.html"
        assert run_inprocess("verify", str(doc), "-f", "html", "-o", str(out), "--no-config").returncode == 0
        outs.append(out.read_bytes())
    assert outs[0] == outs[1] and b"&lt;script&gt;" in outs[0]
    assert written_by_us(tmp_path / "r1.html")


def test_a_folder_of_several_documents(tmp_path):
    folder = tmp_path / "docs"
    folder.mkdir()
    shutil.copy(SAMPLE, folder / "a-clean.txt")
    (folder / "b-cell.txt").write_text(mutate(_sample_text(), *CELL), encoding="utf-8")
    (folder / "c-prose.txt").write_text(_sample_text().replace(PROSE[0], PROSE[1], 1), encoding="utf-8")
    (folder / "d-empty.txt").write_text("", encoding="utf-8")
    out = tmp_path / "report.html"
    proc = run_cli("verify", str(folder), "-f", "html", "-o", str(out), "--jobs", "2", "--no-config")
    assert proc.returncode == 2, proc.stderr  # the empty file
    text = out.read_text(encoding="utf-8")
    page = Page(text)
    as_json = json.loads(run_cli("verify", str(folder), "-f", "json", "--jobs", "1", "--no-config").stdout)
    paths = [d["path"] for d in as_json["documents"]]
    assert [a["data-path"] for a, _ in page.find("tr") if "data-path" in a] == paths
    assert _counts_in_order(text) == [(d["summary"]["errors"], d["summary"]["warnings"], d["summary"]["notices"])
                                      for d in as_json["documents"]]
    assert re.findall(r'<td class="num n-run">(\d*)</td>', text)[:3] == [re.findall(
        r'<td class="num n-run">(\d+)</td>', text)[0]] * 3  # the three readable documents ran the same checks
    sections = [a["data-path"] for a, _ in page.find("section")]
    assert sections == paths
    # the workers keep the documents for an HTML report: every table is drawn
    grids = [t for t, _ in page.find("table") if t.get("class") == "grid"]
    assert len(grids) >= 3 * 20
    assert page.find("td", **{"class": "status s-not-verified"})
    assert "the file is empty" in page.text
    errors = [a for a, _ in page.find("td") if "c-error" in a.get("class", "")]
    assert errors and all(a.get("data-row") for a in errors)
    # a report in the folder is not checked as a budget
    (folder / "report.txt").write_text(text, encoding="utf-8")
    again = json.loads(run_cli("verify", str(folder), "-f", "json", "--jobs", "1", "--no-config").stdout)
    assert [d["path"] for d in again["documents"]] == paths


def test_diff_years(tmp_path):
    out = tmp_path / "diff.html"
    proc = run_inprocess("diff", str(OLD), str(SAMPLE), "-f", "html", "--lang", "en", "-o", str(out))
    assert proc.returncode in (0, 1), proc.stderr
    text = out.read_text(encoding="utf-8")
    page = Page(text)
    from budgetcheck.diff import Options, diff_documents, read_year

    diff = diff_documents(read_year([OLD]), read_year([SAMPLE]))
    rows = diff.rows(Options())
    changes = [a for a, t in page.find("tr") if t is not None and t.get("class") == "changes" and "data-key" in a]
    assert [(a["data-role"], a["data-key"]) for a in changes] == [(r.total.role, r.total.key) for r in rows]
    assert len(page.find("svg")) == 1
    bars = [a for a, _ in page.find("g") if "data-key" in a]
    assert [a["data-key"] for a in bars] == [r.total.key for r in rows[:15]]
    assert len(page.find("rect")) == len(bars)
    assert "38,828.47" in page.text  # T3 合计's change
    assert len(diff.checked) == len(page.find("tr", **{"class": "claim-confirmed"})) + len(
        page.find("tr", **{"class": "claim-contradicted"})) + len(page.find("tr", **{"class": "claim-unchecked"}))
    second = tmp_path / "again.html"
    run_inprocess("diff", str(OLD), str(SAMPLE), "-f", "html", "--lang", "en", "-o", str(second))
    assert second.read_bytes() == out.read_bytes()
    assert written_by_us(out)
    zh = tmp_path / "zh.html"
    run_inprocess("diff", str(OLD), str(SAMPLE), "-f", "html", "--lang", "zh", "-o", str(zh))
    assert "变化最大的科目" in zh.read_text(encoding="utf-8") and "正文所述增减" in zh.read_text(encoding="utf-8")


def test_diff_execution_rates(tmp_path):
    from .test_execution_diff import _pair

    budget, final = _pair(tmp_path)
    out = tmp_path / "exec.html"
    proc = run_inprocess("diff", str(budget), str(final), "-f", "html", "--lang", "en", "-o", str(out))
    assert proc.returncode in (0, 1), proc.stderr
    page = Page(out.read_text(encoding="utf-8"))
    assert len(page.find("svg")) == 2  # the changes, and the execution rates
    rates = [a for a, _ in page.find("g") if "data-rate" in a]
    assert rates and all(re.fullmatch(r"\d+\.\d\d%", a["data-rate"]) for a in rates)
    assert "Execution rate by subject" in page.text and "rate" in page.text
    assert any(a["data-rate"] in page.text for a in rates)


# --- the browser test ----------------------------------------------------------------------

BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")


def _browser() -> str:
    for name in BROWSERS:
        found = shutil.which(name)
        if found:
            return found
    reason = f"no headless browser found (looked for {', '.join(BROWSERS)} on PATH)"
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(reason + "; CI must run the browser test")
    pytest.skip(reason)


def _open(browser: str, path: Path, profile: Path) -> tuple[str, list[str]]:
    """The DOM headless chromium built from ``path``, and what it logged of the page's console."""
    proc = subprocess.run([browser, "--headless", "--disable-gpu", "--no-sandbox", "--no-first-run",
                           f"--user-data-dir={profile}", "--enable-logging=stderr", "--v=0",
                           "--dump-dom", path.as_uri()], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr[-2000:]
    console = [line for line in proc.stderr.splitlines() if "CONSOLE" in line or "Uncaught" in line
               or "Refused to" in line]
    return proc.stdout, console


def test_the_report_in_a_headless_browser(tmp_path):
    browser = _browser()
    # the control: a page whose script fails and which loads an image is heard from
    bad = tmp_path / "bad.html"
    bad.write_text(page("x", ['<script>throw new Error("boom")</script>', '<img src="http://127.0.0.1:9/x.png">'],
                         "en"), encoding="utf-8")
    assert _open(browser, bad, tmp_path / "profile0")[1], "the browser's console is not logged: the test sees nothing"
    report = verify_text(mutate(_sample_text(), *CELL), "mutated.txt")
    path = tmp_path / "report.html"
    path.write_text(_render(report), encoding="utf-8")
    dom_text, console = _open(browser, path, tmp_path / "profile")
    assert not console, console  # no script error, nothing the page's policy had to refuse
    dom = Page(dom_text)
    errors = [a for a, _ in dom.find("td") if "c-error" in a.get("class", "").split()]
    assert errors and all(a.get("data-row") and a.get("data-findings") for a in errors)
    assert [a for a, _ in dom.find("td") if "rel" in a.get("class", "").split()]


def test_a_folder_of_twenty_documents_in_the_browser(tmp_path):
    """Issue 12's measure: the report of a folder of 20 documents opens with no console
    error, shows its coloured cells, and is the same bytes twice."""
    browser = _browser()
    from tests.synth import generate

    folder = tmp_path / "docs"
    folder.mkdir()
    text = _sample_text()
    (folder / "00-sample.txt").write_text(text, encoding="utf-8")
    (folder / "01-cell.txt").write_text(mutate(text, *CELL), encoding="utf-8")
    for i in range(2, 20):
        (folder / f"{i:02d}-generated.txt").write_text(generate(random.Random(1000 + i)).text, encoding="utf-8")
    out, again = tmp_path / "report.html", tmp_path / "again.html"
    for target in (out, again):
        proc = run_inprocess("verify", str(folder), "-f", "html", "-o", str(target), "--jobs", "2", "--no-config")
        assert proc.returncode == 1, proc.stderr  # the changed cell
    assert out.read_bytes() == again.read_bytes()
    dom_text, console = _open(browser, out, tmp_path / "profile")
    assert not console, console
    dom = Page(dom_text)
    assert len([a for a, _ in dom.find("section") if "data-path" in a]) == 20
    assert [a for a, _ in dom.find("td") if "c-error" in a.get("class", "").split()]
