"""Tests of the synthetic document generator itself (no reader involved).

Why these properties: the generator is the oracle for the checker's property
tests, so it must be (1) reproducible, (2) honest about where each cell is,
(3) consistent up to rounding and exactly consistent before rounding, and
(4) its corruptions must be unmistakable errors.  The identity checks here
are a deliberately small re-statement of budget-rules.md §2 over the
generator's own cell records.
"""

from __future__ import annotations

import random
import re
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.synth import SynthDoc, generate, jitter_doc, min_delta, perturb, rounding_jitter
from tests.synth.catalog import CN_NUMERALS, T1_CLASS_LINES

OPTIONS = [
    {},
    {"unit": "元"},
    {"decimals": 4},
    {"page_breaks": True},
    {"unit": "元", "page_breaks": True, "narrative": False},
    {"n_classes": 6, "page_breaks": True},
    {"n_classes": 1, "decimals": None},
]
SEEDS = st.integers(min_value=0, max_value=2**32 - 1)
SLOW = settings(max_examples=40, deadline=None)


def gen(seed: int, **kw) -> SynthDoc:
    return generate(random.Random(seed), **kw)


def table(doc: SynthDoc, role: str) -> dict[tuple[str, str], object]:
    return {(c.row, c.column): c for c in doc.cells if c.role == role}


def val(t: dict, row: str, column: str) -> Decimal:
    c = t.get((row, column))
    return c.value if c else Decimal(0)


def exact(t: dict, row: str, column: str) -> Decimal:
    c = t.get((row, column))
    return c.exact if c else Decimal(0)


def err(t: dict, row: str, column: str) -> Decimal:
    """The rounding error actually committed when writing this cell."""
    c = t.get((row, column))
    return abs(c.value - c.exact) if c else Decimal(0)


def assert_sum(t: dict, total: tuple[str, str], parts: list[tuple[str, str]]) -> None:
    """Exact identity holds exactly; written one within the rounding errors
    actually made, which are each at most half a quantum."""
    assert exact(t, *total) == sum((exact(t, *p) for p in parts), Decimal(0)), (total, parts)
    gap = abs(val(t, *total) - sum((val(t, *p) for p in parts), Decimal(0)))
    bound = err(t, *total) + sum((err(t, *p) for p in parts), Decimal(0))
    assert gap <= bound, (total, parts, gap, bound)
    for key in (total, *parts):
        if key in t:
            assert err(t, *key) <= t[key].quantum / 2


# --------------------------------------------------------------------------
def test_deterministic_for_a_seed() -> None:
    for kw in OPTIONS:
        a, b = gen(42, **kw), gen(42, **kw)
        assert a.text == b.text and a.cells == b.cells
    assert gen(1).text != gen(2).text


def test_rejects_bad_units() -> None:
    with pytest.raises(ValueError):
        generate(random.Random(0), unit="亿元")
    with pytest.raises(ValueError):
        generate(random.Random(0), unit="万元", decimals=3)


@SLOW
@given(SEEDS, st.sampled_from(OPTIONS))
def test_every_cell_is_at_its_line(seed: int, kw: dict) -> None:
    doc = gen(seed, **kw)
    lines = doc.text.split("\n")
    seen = set()
    for c in doc.cells:
        fields = lines[c.line - 1].split("\t")
        assert fields[c.field] == c.text
        assert Decimal(c.text.replace(",", "")) == c.value != 0
        assert c.value == c.exact.quantize(c.quantum, rounding="ROUND_HALF_UP")
        assert re.fullmatch(r"\d{1,3}(,\d{3})*(\.\d+)?", c.text)
        assert len(c.text.partition(".")[2]) == -c.quantum.as_tuple().exponent
        assert (c.role, c.row, c.column) not in seen
        seen.add((c.role, c.row, c.column))
    roles = {c.role for c in doc.cells}
    assert {"T1", "T2", "T3", "T4", "T5", "T6", "T7"} <= roles and "T8" not in roles
    assert "说明：本单位2023年无政府性基金预算支出" in lines


@SLOW
@given(SEEDS, st.sampled_from(OPTIONS))
def test_t3_tree_and_rows_hold_within_rounding(seed: int, kw: dict) -> None:
    check_t3(gen(seed, **kw))


@SLOW
@given(SEEDS, st.sampled_from(OPTIONS))
def test_cross_table_identities(seed: int, kw: dict) -> None:
    check_cross(gen(seed, **kw))


def check_t3(doc: SynthDoc) -> None:
    t = table(doc, "T3")
    codes = sorted({r for r, _ in t if r != "合计"})
    columns = {c for _, c in t}
    for col in columns:
        assert_sum(t, ("合计", col), [(c, col) for c in codes if len(c) == 3])
        for parent in codes:
            kids = [c for c in codes if len(c) == len(parent) + 2 and c.startswith(parent)]
            if len(parent) < 7:
                assert kids, parent
                assert_sum(t, (parent, col), [(k, col) for k in kids])
    for row in ["合计", *codes]:
        assert_sum(t, (row, "合计"), [(row, "财政拨款/小计"), (row, "非财政拨款/小计")])
        for g in ("财政拨款", "非财政拨款"):
            assert_sum(t, (row, f"{g}/小计"), [(row, f"{g}/基本支出"), (row, f"{g}/项目支出")])


def check_cross(doc: SynthDoc) -> None:
    t1, t2, t3, t4, t5, t6, t7 = (table(doc, f"T{i}") for i in range(1, 8))
    # T5 = T3 财政拨款, column by column, on every code.
    for row in {r for r, _ in t3}:
        assert val(t5, row, "合计") == val(t3, row, "财政拨款/小计")
        assert val(t5, row, "基本支出/小计") == val(t3, row, "财政拨款/基本支出")
        assert val(t5, row, "项目支出") == val(t3, row, "财政拨款/项目支出")
        assert_sum(t5, (row, "基本支出/小计"), [(row, "基本支出/人员经费"), (row, "基本支出/公用支出")])
    # T1 / T4 class lines = T3 class totals; T1 totals; T4 totals.
    for i, (code, name) in enumerate(T1_CLASS_LINES):
        assert val(t1, f"{CN_NUMERALS[i]}、{name}", "预算数") == val(t3, code, "合计")
        assert val(t4, f"({CN_NUMERALS[i]}) {name}", "预算数") == val(t3, code, "财政拨款/小计")
    lines = [f"{CN_NUMERALS[i]}、{n}" for i, (_, n) in enumerate(T1_CLASS_LINES)]
    assert_sum(t1, ("本年支出合计", "预算数"), [(r, "预算数") for r in lines])
    income = [r for r, _ in t1 if r[:2] in {f"{n}、" for n in CN_NUMERALS[:9]} and r.endswith("收入")]
    assert_sum(t1, ("本年收入合计", "预算数"), [(r, "预算数") for r in income])
    assert_sum(t1, ("收入总计", "预算数"), [("本年收入合计", "预算数"), ("上年结转结余", "预算数")])
    assert val(t1, "收入总计", "预算数") == val(t1, "支出总计", "预算数") == val(t3, "合计", "合计")
    assert val(t4, "收入总计", "预算数") == val(t4, "支出总计", "预算数") == val(t5, "合计", "合计")
    assert val(t1, "一、一般公共预算拨款收入", "预算数") == val(t2, "合计", "本年收入/一般公共预算")
    # T2: department = units, rows add up.
    units = [r for r, _ in t2 if len(r) == 6]
    for col in {c for _, c in t2}:
        assert val(t2, "合计", col) == val(t2, "403", col)
        assert_sum(t2, ("403", col), [(u, col) for u in set(units)])
    # T6 totals = T5 basic columns; T7 row; 三公 ceilings.
    g = "本年一般公共预算基本支出"
    assert val(t6, "合计", f"{g}/合计") == val(t5, "合计", "基本支出/小计")
    assert val(t6, "合计", f"{g}/人员支出") == val(t5, "合计", "基本支出/人员经费")
    assert val(t6, "合计", f"{g}/公用支出") == val(t5, "合计", "基本支出/公用支出")
    car = "公务用车购置及运行费"
    assert_sum(t7, ("三公", "“三公”经费合计"),
               [("三公", "因公出国（境）费"), ("三公", f"{car}/小计"), ("三公", "公务接待费")])
    scale = Decimal(10000) if doc.unit == "元" and "单位：万元" in doc.text else Decimal(1)
    for code, col in (("30217", "公务接待费"), ("30231", f"{car}/公务用车运行费"),
                      ("30212", "因公出国（境）费"), ("31013", f"{car}/公务用车购置费")):
        assert val(t6, code, f"{g}/合计") <= val(t7, "三公", col) * scale
    t9 = table(doc, "T9")
    assert_sum(t9, ("合计", "预算数"), [(r, "预算数") for r, _ in t9 if r != "合计"])


@SLOW
@given(SEEDS, st.sampled_from(OPTIONS))
def test_t10_t11_and_narrative(seed: int, kw: dict) -> None:
    doc = gen(seed, **kw)
    num = lambda s: Decimal(s.replace(",", ""))  # noqa: E731
    projects = re.findall(r"^投入目标\t预算资金\t([\d,.]+)\t(万元|元)\t其中：财政拨款数\t([\d,.]+)\t\2$",
                          doc.text, re.M)
    assert 1 <= len(projects) <= 6
    assert all(num(f) <= num(b) for b, _, f in projects)
    goals = re.findall(r"\t((?:[^\t]+?[\d,.]+(?:万元|元) ，)*[^\t]+?[\d,.]+(?:万元|元))\t([\d,.]+)\t$",
                       doc.text, re.M)
    assert 1 <= len(goals) <= 3
    for items, stated in goals:
        assert sum(num(x) for x in re.findall(r"([\d,.]+)(?:万元|元)", items)) == num(stated)
    if kw.get("narrative", True):
        m = re.search(r"一级项目(\d+)个，涉及一般公共预算拨款([\d,.]+)", doc.text)
        assert int(m.group(1)) == len(projects)
        gap = abs(num(m.group(2)) - sum(num(f) for _, _, f in projects))
        q = Decimal(1).scaleb(-doc.decimals)
        assert gap <= q / 2 * (len(projects) + 1)


@SLOW
@given(SEEDS, st.sampled_from(OPTIONS), SEEDS)
def test_perturb_changes_one_cell_beyond_rounding(seed: int, kw: dict, pseed: int) -> None:
    doc = gen(seed, **kw)
    text, cell, new = perturb(doc, random.Random(pseed))
    old_lines, new_lines = doc.text.split("\n"), text.split("\n")
    assert len(old_lines) == len(new_lines)
    diff = [i for i, (a, b) in enumerate(zip(old_lines, new_lines)) if a != b]
    assert diff == [cell.line - 1]
    a, b = old_lines[cell.line - 1].split("\t"), new_lines[cell.line - 1].split("\t")
    assert len(a) == len(b) and [i for i in range(len(a)) if a[i] != b[i]] == [cell.field]
    assert abs(new - cell.value) >= min_delta(doc, cell) > 0
    assert new > 0 and Decimal(b[cell.field].replace(",", "")) == new
    assert re.fullmatch(r"\d{1,3}(,\d{3})*(\.\d+)?", b[cell.field])
    assert len(b[cell.field].partition(".")[2]) == len(cell.text.partition(".")[2])
    assert cell.line not in doc.shifted


@SLOW
@given(SEEDS, st.sampled_from([o for o in OPTIONS if "page_breaks" not in o]))
def test_page_break_rows_are_one_cell_short(seed: int, kw: dict) -> None:
    whole, broken = gen(seed, **kw), gen(seed, page_breaks=True, **kw)
    assert len(broken.breaks) == 2
    for title in ("部门支出预算总体情况表", "一般公共预算支出情况表"):
        full, cut = body_rows(whole, title), body_rows(broken, title)
        assert full.keys() == cut.keys()
        start = broken.text.split("\n").index(title)
        brk = next(b for b in broken.breaks if b > start)
        for code, (_, fields) in full.items():
            line_no, got = cut[code]
            if line_no < brk or "" not in fields[2:]:
                assert got == fields
            elif fields[-1] == "":
                assert got == fields[:-1]
            elif got != fields:  # an interior blank went (or none, if ambiguous)
                assert any(fields[:i] + fields[i + 1:] == got for i in range(2, len(fields))
                           if fields[i] == "")
            assert (line_no in broken.shifted) == (got != fields)


def body_rows(doc: SynthDoc, title: str) -> dict[str, tuple[int, list[str]]]:
    """Coded body rows of the T3/T5 table titled ``title``: code -> (line, fields)."""
    lines = doc.text.split("\n")
    start = lines.index(title)
    out = {}
    for i in range(start + 6, len(lines)):
        if lines[i].startswith(("财政拨款收支", "附件")):
            break
        if re.match(r"\d{3,7}\t", lines[i]):
            out[lines[i].split("\t")[0]] = (i + 1, lines[i].split("\t"))
    return out


def test_page_breaks_do_shorten_rows() -> None:
    assert sum(len(gen(s, page_breaks=True).shifted) for s in range(20)) > 20


@settings(max_examples=25, deadline=None)
@given(SEEDS, st.sampled_from(OPTIONS), SEEDS)
def test_rounding_jitter_only_moves_figures(seed: int, kw: dict, jseed: int) -> None:
    doc = gen(seed, **kw)
    again = jitter_doc(doc, random.Random(jseed))
    assert rounding_jitter(doc, random.Random(jseed)) == again.text
    old, new = doc.text.split("\n"), again.text.split("\n")
    strip = lambda s: re.sub(r"[\d,.]+", "#", s)  # noqa: E731
    if len(old) == len(new):  # same shape (value-dependent edge cases may differ)
        assert sum(strip(a) != strip(b) for a, b in zip(old, new)) <= 2
    t_old, t_new = table(doc, "T3"), table(again, "T3")
    for (row, col), c in t_new.items():
        if len(row) == 7 and col.endswith(("基本支出", "项目支出")) and (row, col) in t_old:
            assert abs(c.value - t_old[(row, col)].value) <= c.quantum
    check_t3(again)
    check_cross(again)


def test_cell_names_spelled_as_documented() -> None:
    doc = gen(5, page_breaks=True)
    cols = {(c.role, c.column) for c in doc.cells}
    assert ("T3", "财政拨款/小计") in cols and ("T5", "基本支出/人员经费") in cols
    assert ("T1", "预算数") in cols and ("T2", "本年收入/一般公共预算") in cols
    assert ("T7", "“三公”经费合计") in cols
    rows = {(c.role, c.row) for c in doc.cells}
    assert ("T3", "合计") in rows and ("T1", "本年收入合计") in rows and ("T7", "三公") in rows
    assert ("T2", "403") in rows and ("T2", "403001") in rows


def test_no_nonzero_amount_is_written_blank(monkeypatch) -> None:
    """A blank cell means zero; an exact non-zero value must never print blank,
    or a reader would lose it from every sum."""
    from tests.synth import writer

    blanked = []
    original = writer.Writer._fmt

    def spy(a):
        text = original(a)
        if text == "" and a.exact != 0:
            blanked.append(a)
        return text

    monkeypatch.setattr(writer.Writer, "_fmt", staticmethod(spy))
    for seed in range(60):
        gen(seed, **OPTIONS[seed % len(OPTIONS)])
    assert blanked == []


def test_the_generator_names_codes_as_the_checker_does():
    """The generator's catalogue cannot drift from the checker's: its 类 lines and economic
    names are taken from core/catalogue.py, and every functional 款/项 it uses that the
    checker's catalogue knows carries the same name there."""
    from budgetcheck.core.catalogue import CLASSES, ECONOMIC as CORE_ECONOMIC, FUNCTIONS, normalise_name
    from tests.synth.catalog import ECONOMIC, FUNCTIONAL

    assert dict(T1_CLASS_LINES) == CLASSES
    assert all(name == CORE_ECONOMIC[code] for _, items in ECONOMIC.values() for code, name in items)
    pairs = [(k, n) for _, (_, kuans) in FUNCTIONAL.items() for k, (n, items) in kuans.items()]
    pairs += [(c, n) for _, (_, kuans) in FUNCTIONAL.items() for _, (_, items) in kuans.items() for c, n in items]
    known = [(c, n) for c, n in pairs if c in FUNCTIONS]
    assert len(known) > 10
    assert [(c, n) for c, n in known if normalise_name(FUNCTIONS[c]) != normalise_name(n)] == []
