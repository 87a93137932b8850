"""Synthetic, consistent 部门决算 (final accounts) for property tests, as for budgets.

Why the budget's model: a final account reports how the same kind of budget was
spent, so the exact leaves drawn for a budget (the 项 rows, their 基本/项目 and 人员/公用
split, the economic classes, the 三公 items) are read as what was *spent*; the 决算's
own quantities are drawn on top: the 年初/年末 结转和结余 of the 财政拨款, each
leaf's income by source (one source per leaf), and the 三公 budget beside its 决算.
Every table of the national template 公开01–09 is then a view of those exact
values, written in the layout of the bundled sample (seeds/2023-xiamen-hrss-final.txt):
行次 columns in the overview tables, 基本支出 by economic class in three side-by-side
column groups, the 三公 table's 预算数 and 决算数 halves, the two empty fund tables
with their statements.  A short 说明 states the totals, their shares and, for each
类, ``年初预算为A，支出决算为B，完成年初预算的P%``.

:func:`generate_final` returns a :class:`SynthDoc` whose cells are every non-blank
amount of the nine tables, so :func:`tests.synth.perturb` corrupts one of them as it
does for budgets.  Deterministic per rng seed; stdlib only.
"""

from __future__ import annotations

import random
from decimal import ROUND_HALF_UP, Decimal

from tests.synth import catalog as cat
from tests.synth.build import build
from tests.synth.model import Leaf, Model
from tests.synth.money import Money
from tests.synth.tables_a import _broken_rows, _sum, _tree_size, amt, functional_rows
from tests.synth.writer import Amt, SynthDoc, Writer

#: F1's income lines, and where each of the model's non-fiscal sources is reported
F1_INCOME = ("一、一般公共预算财政拨款收入", "二、政府性基金预算财政拨款收入", "三、国有资本经营预算财政拨款收入",
             "四、上级补助收入", "五、事业收入", "六、经营收入", "七、附属单位上缴收入", "八、其他收入")
SOURCE_LINE = {"财政专户管理资金": 4, "事业收入": 4, "事业单位经营收入": 5, "上级补助收入": 3,
               "附属单位上缴收入": 6, "其他收入": 7}
F2_COLUMNS = ("本年收入合计", "财政拨款收入", "上级补助收入", "事业收入", "经营收入", "附属单位上缴收入", "其他收入")
F2_OF_LINE = {0: 1, 3: 2, 4: 3, 5: 4, 6: 5, 7: 6}  # F1 income line -> F2 column
F3_COLUMNS = ("本年支出合计", "基本支出", "项目支出")
F5_COLUMNS = ("小计", "基本支出", "项目支出")
F9_KEYS = ("出国", "购置", "运行", "接待")
#: the national title first, then regional wordings of it (budget-rules.md §6–§7)
REGIONAL_TITLES = {
    "F2": ("收入决算表", "收入决算总表"),
    "F3": ("支出决算表", "支出决算总表"),
    "F5": ("一般公共预算财政拨款支出决算表", "一般公共预算财政拨款支出决算明细表"),
    "F6": ("一般公共预算财政拨款基本支出决算表", "一般公共预算财政拨款基本支出决算明细表"),
}


def generate_final(rng: random.Random, *, unit: str = "万元", decimals: int = 2,
                   n_classes: int | None = None, page_breaks: bool = False,
                   jitter: random.Random | None = None, regional: bool = False) -> SynthDoc:
    """A consistent synthetic 部门决算 in the bundled sample's text layout.

    ``unit`` "万元" (``decimals`` 2) or "元" (0); ``page_breaks`` breaks F3 and F5
    once, the rows after the break losing one empty cell as published text does.
    ``jitter`` nudges every drawn leaf by at most half a written quantum without
    consuming ``rng``: the same seed with a jitter gives the same document re-rounded
    from slightly different exact values (consistent again; only rounding differs).
    ``regional``: the rng picks, table by table, a regional wording of the title
    (收入决算总表, 支出决算总表, …决算明细表) and, half the time, a 年初预算数 column in the
    一般公共预算财政拨款支出决算表 before its 本年支出 (what the 说明's 年初预算 add up to).
    """
    if (unit, decimals) not in (("万元", 2), ("元", 0)):
        raise ValueError("final accounts are generated in 万元 with 2 decimals or in 元 with 0")
    money = Money(rng, unit, decimals, jitter)
    model = build(money, n_classes)
    model.t7_wan = False
    final = _FinalView(money, model)
    if regional:
        final.titles = {role: rng.choice(names) for role, names in REGIONAL_TITLES.items()}
        final.start_column = rng.random() < 0.5
        if rng.random() < 0.5:
            final.foi = _foi_figures(money)
    w = Writer(rng)
    _narrative(w, final)
    _f1(w, final)
    _f2(w, final)
    _f3(w, final, page_breaks)
    _f4(w, final)
    _f5(w, final, page_breaks)
    _f6(w, final)
    _f9(w, final)
    _empty(w, final)
    if final.foi:
        _foi(w, final)
    return w.finish(unit, decimals, ())


class _FinalView:
    """The 决算's own quantities, drawn on top of the budget model."""

    def __init__(self, m: Money, model: Model) -> None:
        rng = m.rng
        self.m, self.model = m, model
        self.dept = model.city + model.dept
        leaves = model.all_leaves()
        # one leaf carries the 财政拨款 结转和结余: its income is its spending plus what
        # is left at the year's end less what was left from the year before
        self.carrier = max(leaves, key=lambda lf: lf.fb + lf.fp)
        fiscal = self.carrier.fb + self.carrier.fp
        self.opening = m.share(fiscal, 0, 250) if rng.random() < 0.6 else 0
        self.closing = m.share(fiscal, 0, 250) if rng.random() < 0.7 else 0
        # each leaf's non-fiscal income comes from one source; 上年结转 (the model's carry)
        # is income of earlier years, so it is taken off the leaf that spends most of it
        sources = sorted(model.income) or ["其他收入"]
        self.source = {lf.code: rng.choice(sources) for lf in leaves}
        spender = max(leaves, key=lambda lf: lf.nb + lf.np)
        self.unit_opening = min(model.carry, spender.nb + spender.np)
        self.unit_spender = spender
        # each 项's 年初预算: its 决算 give or take (the 说明's 年初预算为A per 类 adds them up)
        self.start = {lf.code: (lf.fb + lf.fp) * rng.randint(900, 1150) // 1000 for lf in leaves}
        self.titles = {role: names[0] for role, names in REGIONAL_TITLES.items()}
        self.start_column = False
        self.foi: dict[str, int] = {}  # the information table's items (Inner Mongolia), when it has one

    def start_under(self, code: str) -> int:
        return sum(self.start[lf.code] for lf in self.leaves_under(code))

    def fiscal_income(self, lf: Leaf) -> int:
        extra = self.closing - self.opening if lf is self.carrier else 0
        return lf.fb + lf.fp + extra

    def other_income(self, lf: Leaf) -> int:
        return lf.nb + lf.np - (self.unit_opening if lf is self.unit_spender else 0)

    def income_columns(self, leaves: list[Leaf]) -> list[int]:
        """F2's columns over ``leaves``: 合计, 财政拨款, then the five other sources."""
        cols = [0] * len(F2_COLUMNS)
        for lf in leaves:
            cols[1] += self.fiscal_income(lf)
            cols[F2_OF_LINE[SOURCE_LINE[self.source[lf.code]]]] += self.other_income(lf)
        cols[0] = sum(cols[1:])
        return cols

    def leaves_under(self, code: str) -> list[Leaf]:
        return [lf for lf in self.model.all_leaves() if lf.code.startswith(code)]


def _title(w: Writer, number: int, title: str, v: _FinalView) -> None:
    w.broken = False
    w.text(f"公开{number:02d}表", "", title, "", f"编制单位：{v.dept}", f"单位：{v.m.unit}", "")


def _f1(w: Writer, v: _FinalView) -> None:
    model = v.model
    _title(w, 1, "收入支出决算总表", v)
    w.text("收入\t\t\t支出", "项目\t行次\t金额\t项目\t行次\t金额", "栏次\t\t1\t栏次\t\t2")
    income = [0] * len(F1_INCOME)
    columns = v.income_columns(model.all_leaves())
    for line, col in F2_OF_LINE.items():
        income[line] = columns[col]
    by_class = {cc: s.fb + s.fp + s.nb + s.np for cc, _, s, lvl in functional_rows(model) if lvl == 0}
    n = len(cat.T1_CLASS_LINES)
    for i, (code, name) in enumerate(cat.T1_CLASS_LINES):
        left: list[str | Amt] = ["", str(i + 1), ""]
        if i < len(F1_INCOME):
            left = [F1_INCOME[i], str(i + 1), amt(model, "金额", income[i], F1_INCOME[i])]
        right = f"{cat.CN_NUMERALS[i]}、{name}"
        w.row("F1", right, left + [right, str(n + 5 + i), amt(model, "金额", by_class.get(code, 0), right)])
    got, spent = sum(income), sum(by_class.values())
    opening = v.opening + v.unit_opening
    for k, (lab_l, v_l, lab_r, v_r) in enumerate((("本年收入合计", got, "本年支出合计", spent),
                                                  ("使用非财政拨款结余", 0, "结余分配", 0),
                                                  ("年初结转和结余", opening, "年末结转和结余", v.closing),
                                                  ("总计", got + opening, "总计", spent + v.closing))):
        w.row("F1", lab_l, [lab_l, str(n + 1 + k), amt(model, "金额", v_l, lab_l),
                            lab_r, str(2 * n + 5 + k), amt(model, "金额", v_r, lab_r)])
    w.size("F1", n + 1)
    w.text("", "注：本表反映部门本年度的总收支和年末结转结余情况。", "")


def _coded(w: Writer, role: str, v: _FinalView, rows, values, identities, page_breaks: bool) -> None:
    cut = _broken_rows(w, len(rows), page_breaks)
    for i, (code, name, _, _) in enumerate(rows):
        if i == cut:
            w.page_break()
        w.row(role, code, [code, name, *values(code)], identities)


def _f2(w: Writer, v: _FinalView) -> None:
    model = v.model
    _title(w, 2, v.titles["F2"], v)
    w.text("项目\t\t" + "\t".join(F2_COLUMNS), "科目代码\t科目名称", "栏次\t\t" + "\t".join(str(i + 1) for i in range(7)))

    def values(code: str) -> list[Amt]:
        return [amt(model, c, x) for c, x in zip(F2_COLUMNS, v.income_columns(v.leaves_under(code)))]

    w.row("F2", "合计", ["合计", "", *values("")])
    rows = functional_rows(model)
    _coded(w, "F2", v, rows, values, ((0, (1, 2, 3, 4, 5, 6)),), False)
    w.size("F2", max(len(F2_COLUMNS), len(model.classes) + 1, _tree_size(rows)))
    w.text("", "注：本表反映部门本年度取得的各项收入情况。", "")


def _f3(w: Writer, v: _FinalView, page_breaks: bool) -> None:
    model = v.model
    _title(w, 3, v.titles["F3"], v)
    w.text("项目\t\t" + "\t".join(F3_COLUMNS), "科目代码\t科目名称", "栏次\t\t1\t2\t3")

    def values(code: str) -> list[Amt]:
        s = _sum(v.leaves_under(code))
        return [amt(model, c, x) for c, x in zip(F3_COLUMNS, (s.fb + s.fp + s.nb + s.np, s.fb + s.nb, s.fp + s.np))]

    w.row("F3", "合计", ["合计", "", *values("")])
    rows = functional_rows(model)
    _coded(w, "F3", v, rows, values, ((0, (1, 2)),), page_breaks)
    w.size("F3", max(3, len(model.classes) + 1, _tree_size(rows)))
    w.text("", "注：本表反映部门本年度各项支出情况。", "")


def _f4(w: Writer, v: _FinalView) -> None:
    model = v.model
    _title(w, 4, "财政拨款收入支出决算总表", v)
    w.text("收入\t\t\t支出",
           "项目\t行次\t金额\t项目\t行次\t合计\t一般公共预算财政拨款\t政府性基金预算财政拨款\t国有资本经营预算财政拨款",
           "栏次\t\t1\t栏次\t\t2\t3\t4\t5")
    income = sum(v.fiscal_income(lf) for lf in model.all_leaves())
    left = ("一、一般公共预算财政拨款", "二、政府性基金预算财政拨款", "三、国有资本经营预算财政拨款")
    by_class = {cc: s.fb + s.fp for cc, _, s, lvl in functional_rows(model) if lvl == 0}
    n = len(cat.T1_CLASS_LINES)
    for i, (code, name) in enumerate(cat.T1_CLASS_LINES):
        fields: list[str | Amt] = ["", str(i + 1), ""]
        if i < len(left):
            fields = [left[i], str(i + 1), amt(model, "金额", income if i == 0 else 0, left[i])]
        right = f"{cat.CN_NUMERALS[i]}、{name}"
        x = by_class.get(code, 0)
        w.row("F4", right, fields + [right, str(n + 7 + i), amt(model, "合计", x, right), amt(model, "一般公共预算财政拨款", x, right)])
    spent = sum(by_class.values())
    rows = (("本年收入合计", income, "本年支出合计", spent),
            ("年初财政拨款结转和结余", v.opening, "年末财政拨款结转和结余", v.closing))
    for k, (lab_l, v_l, lab_r, v_r) in enumerate(rows):
        w.row("F4", lab_l, [lab_l, str(n + 1 + k), amt(model, "金额", v_l, lab_l), lab_r, str(2 * n + 7 + k),
                            amt(model, "合计", v_r, lab_r), amt(model, "一般公共预算财政拨款", v_r, lab_r)])
    w.row("F4", "一般公共预算财政拨款", ["一般公共预算财政拨款", str(n + 3), amt(model, "金额", v.opening, "一般公共预算财政拨款"),
                                     "", str(2 * n + 9)])
    w.text(f"政府性基金预算财政拨款\t{n + 4}\t\t\t{2 * n + 10}", f"国有资本经营预算财政拨款\t{n + 5}\t\t\t{2 * n + 11}")
    w.row("F4", "总计", ["总计", str(n + 6), amt(model, "金额", income + v.opening, "总计"), "总计", str(2 * n + 12),
                       amt(model, "合计", spent + v.closing, "总计"), amt(model, "一般公共预算财政拨款", spent + v.closing, "总计")])
    w.size("F4", n + 1)
    w.text("", "注：本表反映部门本年度一般公共预算财政拨款的总收支和年末结转结余情况。", "")


def _f5(w: Writer, v: _FinalView, page_breaks: bool) -> None:
    model = v.model
    _title(w, 5, v.titles["F5"], v)
    if v.start_column:
        w.text("项目\t\t年初预算数\t本年支出", "科目代码\t科目名称\t\t" + "\t".join(F5_COLUMNS), "栏次\t\t1\t2\t3\t4")
    else:
        w.text("项目\t\t本年支出", "科目代码\t科目名称\t" + "\t".join(F5_COLUMNS), "栏次\t\t1\t2\t3")

    def values(code: str) -> list[Amt]:
        s = _sum(v.leaves_under(code))
        out = [amt(model, f"本年支出/{c}", x) for c, x in zip(F5_COLUMNS, (s.fb + s.fp, s.fb, s.fp))]
        return [amt(model, "年初预算数", v.start_under(code)), *out] if v.start_column else out

    w.row("F5", "合计", ["合计", "", *values("")])
    rows = [r for r in functional_rows(model) if r[2].fb + r[2].fp > 0]
    _coded(w, "F5", v, rows, values, ((1, (2, 3)),) if v.start_column else ((0, (1, 2)),), page_breaks)
    w.size("F5", max(3, len(model.classes) + 1, _tree_size(rows)))
    w.text("", "注：本表反映部门本年度一般公共预算财政拨款支出情况。", "")


def _f6(w: Writer, v: _FinalView) -> None:
    """基本支出 by economic class: 人员经费 (301, 303) in the first column group, 公用经费
    (302, 310) filling the second and then the third, each class before its items."""
    model = v.model
    _title(w, 6, v.titles["F6"], v)
    w.text("人员经费\t\t\t公用经费", "科目代码\t科目名称\t决算数\t科目代码\t科目名称\t决算数\t科目代码\t科目名称\t决算数")

    def listed(groups: tuple[str, ...]) -> list[tuple[str, str, int]]:
        out = []
        for g in groups:
            rows = [r for r in model.econ if r[0].startswith(g)]
            if rows:
                out.append((g, cat.ECONOMIC[g][0], sum(r[2] for r in rows)))
                out.extend(rows)
        return out

    personnel, public = listed(("301", "303")), listed(("302", "310"))
    half = (len(public) + 1) // 2
    # the third group starts with a class row when one falls there, as the sample does
    split = next((i for i in range(half, len(public)) if len(public[i][0]) == 3), len(public))
    second, third = public[:split], public[split:]
    for i in range(max(len(personnel), len(second), len(third))):
        fields: list[str | Amt] = []
        for group, column in ((personnel, "人员经费"), (second, "公用经费"), (third, "公用经费")):
            if i < len(group):
                code, name, x = group[i]
                fields += [code, name, amt(model, "决算数", x, code)]
            else:
                fields += ["", "", ""]
        while fields and fields[-1] == "":
            fields.pop()
        key = next(f for f in fields if isinstance(f, str) and f)
        w.row("F6", key, fields)
    # the line that ends the groups is the table's 合计 row, one figure per group
    w.row("F6", "合计", ["人员经费合计", "", amt(model, "人员经费/决算数", model.total("pers")),
                       "公用经费合计", "", "", "", "", amt(model, "公用经费/决算数", model.total("pub"))])
    biggest = max([sum(1 for r in model.econ if r[0].startswith(g)) for g in cat.ECONOMIC] + [2])
    w.size("F6", max(4, biggest + 1))
    w.text("", "注：本表反映部门本年度一般公共预算财政拨款基本支出明细情况。", "")


def _f9(w: Writer, v: _FinalView) -> None:
    model, m = v.model, v.m
    _title(w, 7, "一般公共预算财政拨款“三公”经费支出决算表", v)
    w.text("预算数\t\t\t\t\t\t决算数",
           "合计\t因公出国（境）费\t公务用车购置及运行维护费\t\t\t公务接待费\t合计\t因公出国（境）费\t公务用车购置及运行维护费\t\t\t公务接待费",
           "\t\t小计\t公务用车购置费\t公务用车运行维护费\t\t\t\t小计\t公务用车购置费\t公务用车运行维护费")
    spent = {k: model.sangong[k] for k in F9_KEYS}
    budget = {k: x + (m.share(x, 0, 150) if x else 0) for k, x in spent.items()}  # never spent above budget

    def half(s: dict[str, int], period: str) -> list[Amt]:
        car = s["购置"] + s["运行"]
        nums = (s["出国"] + car + s["接待"], s["出国"], car, s["购置"], s["运行"], s["接待"])
        names = ("合计", "因公出国（境）费", "公务用车购置及运行维护费/小计", "公务用车购置及运行维护费/公务用车购置费",
                 "公务用车购置及运行维护费/公务用车运行维护费", "公务接待费")
        return [amt(model, f"{period}/{c}", x) for c, x in zip(names, nums)]

    v.sangong = (budget, spent)
    w.row("F9", "三公", [*half(budget, "预算数"), *half(spent, "决算数")])
    w.size("F9", 4)
    w.text("", "注：本表反映部门本年度“三公”经费支出预决算情况。", "")


def _empty(w: Writer, v: _FinalView) -> None:
    year = "2023"
    _title(w, 8, "政府性基金预算财政拨款收入支出决算表", v)
    w.text("项目\t\t年初结转和结余\t本年收入\t本年支出\t\t\t年末结转和结余", "科目代码\t科目名称\t\t\t小计\t基本支出\t项目支出",
           "栏次\t\t1\t2\t3\t4\t5\t6", "合计", "",
           f"说明：本部门{year}年度没有政府性基金预算财政拨款收入，也没有使用政府性基金预算财政拨款安排的支出，故本表无数据。", "")
    _title(w, 9, "国有资本经营预算财政拨款支出决算表", v)
    w.text("项目\t\t本年支出", "科目代码\t科目名称\t合计\t基本支出\t项目支出", "栏次\t\t1\t2\t3", "合计", "",
           f"说明：本部门{year}年度没有国有资本经营预算财政拨款收入，也没有使用国有资本经营预算财政拨款安排的支出，故本表无数据。", "")


def _narrative(w: Writer, v: _FinalView) -> None:
    """The 说明: totals, the 基本/项目 shares, and each 类's execution against a 年初预算
    drawn around its 决算 (above or below it, with the comparison word that goes with
    it and a reason when the 决算 is the larger)."""
    model, m = v.model, v.m
    u = m.unit

    def n(fu: int) -> str:
        return m.text(fu, zero=f"{0:.{m.decimals}f}")

    leaves = model.all_leaves()
    spent = sum(lf.fb + lf.fp + lf.nb + lf.np for lf in leaves)
    basic = sum(lf.fb + lf.nb for lf in leaves)
    project = spent - basic
    got = sum(v.fiscal_income(lf) + v.other_income(lf) for lf in leaves)
    opening = v.opening + v.unit_opening
    w.text(f"{v.dept}2023年度部门决算", "", "第二部分 2023年度部门决算情况说明", "",
           "一、收入支出决算总体情况说明", "",
           f"2023年度收入总计{n(got + opening)}{u}，其中：本年收入合计{n(got)}{u}，年初结转和结余{n(opening)}{u}。"
           f"支出总计{n(spent + v.closing)}{u}，其中：本年支出合计{n(spent)}{u}，年末结转和结余{n(v.closing)}{u}。", "",
           "二、支出决算情况说明", "",
           f"2023年度本年支出合计{n(spent)}{u}，其中：基本支出{n(basic)}{u}，占{_pct(basic, spent)}；"
           f"项目支出{n(project)}{u}，占{_pct(project, spent)}。", "",
           "三、一般公共预算财政拨款支出决算情况说明", "")
    fiscal_rows = [(cc, name, s) for cc, name, s, lvl in functional_rows(model) if lvl == 0 and s.fb + s.fp]
    for i, (cc, name, s) in enumerate(fiscal_rows, 1):
        final = m.written(s.fb + s.fp)
        start = m.written(v.start_under(cc))
        if start <= 0:
            continue
        rate = (final / start * 100).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
        why = ("决算数大于预算数的主要原因是年中追加了项目资金。" if final > start
               else "决算数小于预算数的主要原因是部分项目按实际进度结算。" if final < start else "决算数等于预算数。")
        w.text(f"{i}.{name}（类）。年初预算为{_fmt(start, m)}{u}，支出决算为{_fmt(final, m)}{u}，完成年初预算的{rate}%。"
               f"{why}", "")
    if v.foi:
        _foi_prose(w, v, n)
    w.text("第三部分 2023年度部门决算表", "")


#: The kinds of vehicle an information table lists, 其他用车 last (the list is complete).
VEHICLES = ("主要负责人用车", "机要通信用车", "应急保障用车", "执法执勤用车", "特种专业技术用车", "一般公务用车", "其他用车")
FOI_MONEY = (("run", "一、机构运行经费支出"), ("procurement", "二、政府采购支出"), ("goods", "（一）政府采购货物支出"),
             ("works", "（二）政府采购工程支出"), ("services", "（三）政府采购服务支出"), ("sme", "授予中小企业合同金额"),
             ("small", "其中：授予小微企业合同金额"))


def _foi_figures(m: Money) -> dict[str, int]:
    """The items of an information table: money in fine units, counts as they are."""
    rng = m.rng
    goods, services = m.draw(1, 300), m.draw(5, 2000)
    works = m.draw(1, 200) if rng.random() < 0.4 else 0
    total = goods + works + services
    sme = m.share(total, 300, 1000)
    out = {"run": m.draw(20, 3000), "procurement": total, "goods": goods, "works": works, "services": services,
           "sme": sme, "small": m.share(sme, 200, 1000), "equipment": rng.randint(0, 30)}
    for kind in VEHICLES:
        out[kind] = rng.randint(0, 4) if rng.random() < 0.6 else 0
    out["vehicles"] = sum(out[k] for k in VEHICLES)
    return out


def _foi_prose(w: Writer, v: _FinalView, n) -> None:
    f, u = v.foi, v.m.unit
    kinds = "、".join(f"{k}{f[k]}辆" for k in VEHICLES if f[k] or k == "其他用车")
    w.text("四、其他重要事项的情况说明", "",
           f"（一）机构运行经费支出情况。2023年度本部门机构运行经费支出{n(f['run'])}{u}。", "",
           f"（二）政府采购支出情况。2023年度本部门政府采购支出总额{n(f['procurement'])}{u}，其中：政府采购货物支出"
           f"{n(f['goods'])}{u}、政府采购工程支出{n(f['works'])}{u}、政府采购服务支出{n(f['services'])}{u}。"
           f"授予中小企业合同金额{n(f['sme'])}{u}，其中：授予小微企业合同金额{n(f['small'])}{u}。", "",
           f"（三）国有资产占用情况。截至2023年12月31日，本部门共有车辆{f['vehicles']}辆，其中：{kinds}；"
           f"单价50万元以上通用设备{f['equipment']}台（套）。", "")


def _foi(w: Writer, v: _FinalView) -> None:
    """Inner Mongolia's 机构运行经费支出、国有资产占用情况及政府采购支出信息表: two halves of
    项目 | 行次 | figure, money on the left, the vehicles and equipment counted on the right."""
    f, model = v.foi, v.model
    _title(w, 10, "机构运行经费支出、国有资产占用情况及政府采购支出信息表", v)
    w.text("项目\t行次\t金额\t项目\t行次\t数量", "栏次\t\t1\t栏次\t\t2")
    right = [("三、国有资产占用情况", None), ("（一）车辆（辆）", f["vehicles"]), *[(k, f[k]) for k in VEHICLES],
             ("（二）单价50万元以上通用设备（台，套）", f["equipment"])]
    left = [(label, f[key]) for key, label in FOI_MONEY]
    for k in range(max(len(left), len(right))):
        fields: list = []
        for half, count, first in ((left, False, 1), (right, True, len(left) + 1)):
            if k >= len(half):
                fields += ["", "", ""]
                continue
            label, value = half[k]
            number = first + k
            figure = "" if value is None else (Amt("数量", Decimal(value), 0, label) if count else
                                               amt(model, "金额", value, label))
            fields += [label, str(number), figure]
        w.row("FOI", "", fields)
    w.text("")


def _pct(part: int, whole: int) -> str:
    return f"{(Decimal(part) / Decimal(whole) * 100).quantize(Decimal('0.01'), rounding=ROUND_HALF_UP)}%" if whole else "0.00%"


def _fmt(value, m: Money) -> str:
    from tests.synth.money import fmt

    return fmt(value, m.decimals, zero=f"{0:.{m.decimals}f}")


__all__ = ["generate_final"]
