"""A short 部门预算说明 narrative stating the document's main totals.

Why: the checker will compare prose claims with table figures (§3 of
budget-rules.md).  The sentences follow the standard template's phrasing but
are written anew; every figure is the rounded exact model value, so each
claim equals the table cell it describes.  Zero figures are written 0.00 as
the template does in prose (tables leave zeros blank).
"""

from __future__ import annotations

from decimal import Decimal

from tests.synth.model import Model
from tests.synth.money import fmt, round_to
from tests.synth.writer import Writer


def narrative(w: Writer, model: Model) -> None:
    m = model.money
    u = m.unit
    dept = model.city + model.dept

    def n(fu: int) -> str:
        return m.text(fu, zero=f"{0:.{m.decimals}f}")

    fb, fp, nb, np = (model.total(a) for a in ("fb", "fp", "nb", "np"))
    got = fb + fp + sum(model.income.values())
    parts = [f"一般公共预算拨款收入{n(fb + fp)}{u}"]
    parts += [f"{k}{n(v)}{u}" for k, v in model.income.items() if v]
    if model.carry:
        parts.append(f"上年结转结余{n(model.carry)}{u}")
    w.text("2023年部门预算说明", "", "第二部分 2023年部门预算说明", "",
           "一、2023年部门预算收支总体情况", "",
           f"（一）{dept}2023年收入预算为{n(got + model.carry)}{u}，其中：{'，'.join(parts)}。", "",
           f"（二）{dept}2023年支出预算为{n(fb + fp + nb + np)}{u}，其中：基本支出{n(fb)}{u}"
           f"（人员支出{n(model.total('pers'))}{u}，公用支出{n(model.total('pub'))}{u}），"
           f"项目支出{n(fp)}{u}，非财政拨款支出{n(nb + np)}{u}。", "",
           "二、一般公共预算财政拨款支出预算情况", "",
           f"2023年度一般公共预算支出{n(fb + fp)}{u}。", "")
    s = model.sangong
    u7 = "万元" if model.t7_wan else u
    total7 = s["出国"] + s["购置"] + s["运行"] + s["接待"]
    w.text("三、“三公”经费财政拨款预算情况", "",
           f"2023年“三公”经费财政拨款预算数为{_three(model, total7)}{u7}，其中：因公出国（境）费"
           f"{_three(model, s['出国'])}{u7}，公务用车购置及运行费{_three(model, s['购置'] + s['运行'])}{u7}，"
           f"公务接待费{_three(model, s['接待'])}{u7}。", "")
    total9 = sum(t[-1] for t in model.transfers)
    w.text("四、市对区转移支付预算情况", "", f"2023年市对区转移支付项目预算为{n(total9)}{u}。", "",
           "五、绩效目标设置情况", "",
           f"{dept}2023年实行绩效目标管理的一级项目{len(model.projects)}个，涉及一般公共预算拨款"
           f"{n(sum(p.fiscal for p in model.projects))}{u}。", "",
           "第四部分 2023年部门预算附表", "")


def _three(model: Model, fu: int) -> str:
    """A 三公 figure in T7's unit (万元 with 2 decimals when T7 is kept in
    万元 in a 元 document), written as T7 writes it, 0.00 for zero."""
    m = model.money
    value = m.exact(fu).scaleb(-4) if model.t7_wan else m.exact(fu)
    decimals = 2 if model.t7_wan else m.decimals
    return fmt(round_to(value, decimals), decimals, zero=f"{Decimal(0):.{decimals}f}")
