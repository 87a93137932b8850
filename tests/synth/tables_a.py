"""Writers for the overview and functional tables T1-T5.

Why they read the model rather than each other: each figure is derived from
the model's exact leaves, so the same exact quantity (a class total, the
一般公共预算 total) prints identically wherever it appears, and a sum of
rounded parts may differ from its rounded total only by rounding.
Headers, labels and blank cells copy the 2023 seed's layout.
"""

from __future__ import annotations

from tests.synth import catalog as cat
from tests.synth.model import Leaf, Model
from tests.synth.writer import national_title, Amt, Writer

T1_INCOME = (("一、一般公共预算拨款收入", "一般公共预算"), ("二、政府性基金预算拨款收入", "政府性基金预算"),
             ("三、国有资本经营预算拨款收入", "国有资本经营预算"), ("四、财政专户管理资金收入", "财政专户管理资金"),
             ("五、事业收入", "事业收入"), ("六、事业单位经营收入", "事业单位经营收入"),
             ("七、上级补助收入", "上级补助收入"), ("八、附属单位上缴收入", "附属单位上缴收入"),
             ("九、其他收入", "其他收入"))
T2_NOW = ("一般公共预算", "政府性基金预算", "国有资本经营预算", "财政专户管理资金", "事业收入",
          "事业单位经营收入", "上级补助收入", "附属单位上缴收入", "其他收入")
T2_CARRY = ("一般公共预算", "政府性基金预算", "国有资本经营预算", "财政专户管理资金", "单位资金")
T3_COLUMNS = ("合计", "财政拨款/小计", "财政拨款/基本支出", "财政拨款/项目支出",
              "非财政拨款/小计", "非财政拨款/基本支出", "非财政拨款/项目支出")
T5_COLUMNS = ("合计", "基本支出/小计", "基本支出/人员经费", "基本支出/公用支出", "项目支出")
T3_IDENTITIES = ((0, (1, 4)), (1, (2, 3)), (4, (5, 6)))  # over the amount fields
T5_IDENTITIES = ((0, (1, 4)), (1, (2, 3)))
ATTRS = ("fb", "fp", "nb", "np", "pers", "pub")


def amt(model: Model, column: str, fu: int, row: str | None = None) -> Amt:
    return Amt(column, model.money.exact(fu), model.money.decimals, row)


def label(w: Writer, colon: str) -> str:
    """The 合计 label: the seed's colon, sometimes the other width."""
    return "合计" + ("：" if colon == ":" else ":") if w.rng.random() < 0.2 else "合计" + colon


def _sum(leaves: list[Leaf]) -> Leaf:
    total = Leaf("", "")
    for a in ATTRS:
        setattr(total, a, sum(getattr(lf, a) for lf in leaves))
    return total


def functional_rows(model: Model) -> list[tuple[str, str, Leaf, int]]:
    """(code, name, sums, level) for every 类/款/项 row, depth first."""
    rows = []
    for cc, cname in model.classes:
        kuans = model.kuans[cc]
        rows.append((cc, cname, _sum([lf for kc, _ in kuans for lf in model.leaves[kc]]), 0))
        for kc, kname in kuans:
            rows.append((kc, kname, _sum(model.leaves[kc]), 1))
            rows.extend((lf.code, lf.name, lf, 2) for lf in model.leaves[kc])
    return rows


def _tree_size(rows: list[tuple[str, str, Leaf, int]]) -> int:
    """Cells in the largest tree identity: a parent and its children."""
    best, counts = 0, {}
    for code, _, _, level in rows:
        parent = code[:3] if level == 1 else code[:5] if level == 2 else ""
        counts[parent] = counts.get(parent, 0) + 1
        best = max(best, counts[parent])
    return best + 1


def t1(w: Writer, model: Model) -> None:
    m = model.money
    w.title(1, national_title("T1"), m.unit)
    w.text("收 入\t\t支 出\t", "项 目\t预算数\t项 目\t预算数")
    income = {"一般公共预算": model.total("fb") + model.total("fp"), **model.income}
    by_class = {cc: s.fb + s.fp + s.nb + s.np for cc, _, s, lvl in functional_rows(model) if lvl == 0}
    for i, (code, name) in enumerate(cat.T1_CLASS_LINES):
        right = f"{cat.CN_NUMERALS[i]}、{name}"
        left: list[str | Amt] = ["", ""]
        if i < len(T1_INCOME):
            lab, key = T1_INCOME[i]
            left = [lab, amt(model, "预算数", income.get(key, 0), lab)]
        w.row("T1", right, left + [right, amt(model, "预算数", by_class.get(code, 0), right)])
    got, spent = sum(income.values()), sum(by_class.values())
    for lab_l, v_l, lab_r, v_r in (("本年收入合计", got, "本年支出合计", spent),
                                   ("上年结转结余", model.carry, "年终结转结余", 0),
                                   ("收入总计", got + model.carry, "支出总计", spent)):
        w.row("T1", lab_l, [lab_l, amt(model, "预算数", v_l, lab_l), lab_r, amt(model, "预算数", v_r, lab_r)])
    w.size("T1", len(cat.T1_CLASS_LINES) + 1)
    w.text("")


def t2(w: Writer, model: Model) -> None:
    m = model.money
    w.title(2, national_title("T2"), m.unit)
    w.text("\t".join(["部门(单位)代码", "部门(单位)名称", "合计", "本年收入"] + [""] * 9
                     + ["上年结转结余"] + [""] * 5),
           "\t".join(["", "", "", "小计", *T2_NOW, "小计", *T2_CARRY]))

    def values(inc: dict[str, int]) -> list[Amt]:
        now = [inc.get(k, 0) for k in T2_NOW]
        carry = [0, 0, 0, 0, inc.get("单位资金", 0)]
        cols = (["合计", "本年收入/小计"] + [f"本年收入/{k}" for k in T2_NOW]
                + ["上年结转结余/小计"] + [f"上年结转结余/{k}" for k in T2_CARRY])
        nums = [sum(now) + sum(carry), sum(now), *now, sum(carry), *carry]
        return [amt(model, c, v) for c, v in zip(cols, nums)]

    dept: dict[str, int] = {}
    for inc in model.unit_income:
        for k, v in inc.items():
            dept[k] = dept.get(k, 0) + v
    w.row("T2", "合计", [label(w, ":"), "", *values(dept)])
    w.row("T2", "403", ["403", model.city + model.dept, *values(dept)])
    for (code, name), inc in zip(model.units, model.unit_income):
        w.row("T2", code, [code, name, *values(inc)])
    w.size("T2", max(len(T2_NOW) + 1, len(model.units) + 1))
    w.text("")


def _broken_rows(w: Writer, n_rows: int, page_breaks: bool) -> int:
    """Index of the body row before which the page break falls (-1: none)."""
    return w.rng.randint(1, n_rows - 1) if page_breaks and n_rows > 1 else -1


def t3(w: Writer, model: Model, page_breaks: bool) -> None:
    m = model.money
    w.title(3, national_title("T3"), m.unit)
    w.text("支出功能分类科目\t\t合计\t财政拨款\t\t\t非财政拨款\t\t",
           "科目编码\t科目名称\t\t小计\t基本支出\t项目支出\t小计\t基本支出\t项目支出")

    def values(s: Leaf) -> list[Amt]:
        nums = (s.fb + s.fp + s.nb + s.np, s.fb + s.fp, s.fb, s.fp, s.nb + s.np, s.nb, s.np)
        return [amt(model, c, v) for c, v in zip(T3_COLUMNS, nums)]

    rows = functional_rows(model)
    w.row("T3", "合计", [label(w, ":"), "", *values(_sum(model.all_leaves()))])
    cut = _broken_rows(w, len(rows), page_breaks)
    for i, (code, name, s, _) in enumerate(rows):
        if i == cut:
            w.page_break()
        w.row("T3", code, [code, name, *values(s)], T3_IDENTITIES)
    w.size("T3", max(3, len(model.classes) + 1, _tree_size(rows)))
    w.text("")


def t4(w: Writer, model: Model) -> None:
    m = model.money
    w.title(None, national_title("T4"), m.unit)
    w.text("收 入\t\t支 出\t", "项目\t预算数\t项目\t预算数")
    fiscal = model.total("fb") + model.total("fp")
    left = ["一、本年收入", "(一) 一般公共预算拨款", "(二) 政府性基金预算拨款", "(三) 国有资本经营预算拨款",
            "二、上年结转", "(一) 一般公共预算拨款", "(二) 政府性基金预算拨款", "(三) 国有资本经营预算拨款"]
    by_class = {cc: s.fb + s.fp for cc, _, s, lvl in functional_rows(model) if lvl == 0}
    right = [("一、本年支出", 0)]
    right += [(f"({cat.CN_NUMERALS[i]}) {name}", by_class.get(code, 0))
              for i, (code, name) in enumerate(cat.T1_CLASS_LINES)]
    right += [("二、年终结转结余", 0)]
    for i, (lab_r, v_r) in enumerate(right):
        fields: list[str | Amt] = ["", ""]
        if i < len(left):
            fields = [left[i], amt(model, "预算数", fiscal if i == 1 else 0, left[i])]
        w.row("T4", lab_r, fields + [lab_r, amt(model, "预算数", v_r, lab_r)])
    w.row("T4", "收入总计", ["收入总计", amt(model, "预算数", fiscal, "收入总计"),
                          "支出总计", amt(model, "预算数", fiscal, "支出总计")])
    w.size("T4", len(cat.T1_CLASS_LINES) + 1)
    w.text("")


def t5(w: Writer, model: Model, page_breaks: bool) -> None:
    m = model.money
    w.title(5, national_title("T5"), m.unit)
    w.text("科目编码\t科目名称\t合计\t基本支出\t\t\t项目支出", "\t\t\t小计\t人员经费\t公用支出\t")

    def values(s: Leaf) -> list[Amt]:
        nums = (s.fb + s.fp, s.fb, s.pers, s.pub, s.fp)
        return [amt(model, c, v) for c, v in zip(T5_COLUMNS, nums)]

    rows = [r for r in functional_rows(model) if r[2].fb + r[2].fp > 0]
    w.row("T5", "合计", [label(w, "："), "", *values(_sum(model.all_leaves()))])
    cut = _broken_rows(w, len(rows), page_breaks)
    for i, (code, name, s, _) in enumerate(rows):
        if i == cut:
            w.page_break()
        w.row("T5", code, [code, name, *values(s)], T5_IDENTITIES)
    classes = sum(1 for r in rows if r[3] == 0)
    w.size("T5", max(3, classes + 1, _tree_size(rows)))
    w.text("")
