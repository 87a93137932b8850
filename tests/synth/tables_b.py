"""Writers for T6-T11: economic split, 三公, 政府性基金, transfers, goals.

Why these derive from the same model as T1-T5: T6's totals are T5's basic
columns, T7's figures bound T6's 三公 款, T10's structure repeats T5 and T3
totals and T11's 财政拨款数 add up to the 项目支出 share the model assigns
to projects.  Only T1-T9 amounts are recorded as cells; T10/T11 amounts sit
in prose-like layouts that the checker reads differently.
"""

from __future__ import annotations

from tests.synth import catalog as cat
from tests.synth.model import Model
from tests.synth.tables_a import amt, label
from tests.synth.writer import national_title, Amt, Writer

T6_GROUP = "本年一般公共预算基本支出"
T7_COLUMNS = ("“三公”经费合计", "因公出国（境）费", "公务用车购置及运行费/小计",
              "公务用车购置及运行费/公务用车购置费", "公务用车购置及运行费/公务用车运行费", "公务接待费")


def t6(w: Writer, model: Model) -> None:
    m = model.money
    w.title(6, "一般公共预算基本支出情况表（细化至经济分类款级科目）", m.unit)
    w.text(f"部门预算支出经济分类科目\t\t{T6_GROUP}\t\t", "科目编码\t科目名称\t合计\t人员支出\t公用支出")
    cols = [f"{T6_GROUP}/{c}" for c in ("合计", "人员支出", "公用支出")]

    def values(v: int, personnel: bool | None, pers: int = 0, pub: int = 0) -> list[Amt]:
        if personnel is not None:
            pers, pub = (v, 0) if personnel else (0, v)
        return [amt(model, c, x) for c, x in zip(cols, (pers + pub, pers, pub))]

    pers, pub = model.total("pers"), model.total("pub")
    w.row("T6", "合计", [label(w, "："), "", *values(0, None, pers, pub)])
    biggest = 0
    for group in sorted(cat.ECONOMIC):
        rows = [r for r in model.econ if r[0].startswith(group)]
        if not rows:
            continue
        personnel = group in ("301", "303")
        w.row("T6", group, [group, cat.ECONOMIC[group][0], *values(sum(r[2] for r in rows), personnel)])
        for code, name, v in rows:
            w.row("T6", code, [code, name, *values(v, personnel)])
        biggest = max(biggest, len(rows))
    groups = len({c[:3] for c, _, _ in model.econ})
    w.size("T6", max(3, groups + 1, biggest + 1))
    w.text("")


def t7(w: Writer, model: Model) -> None:
    m = model.money
    unit, decimals = ("万元", 2) if model.t7_wan else (m.unit, m.decimals)
    w.title(7, national_title("T7"), unit)
    w.text("“三公”经费合计\t因公出国（境）费\t公务用车购置及运行费\t\t\t公务接待费",
           "\t\t小计\t公务用车购置费\t公务用车运行费\t")
    s = model.sangong
    car = s["购置"] + s["运行"]
    nums = (s["出国"] + car + s["接待"], s["出国"], car, s["购置"], s["运行"], s["接待"])
    scale = 4 if model.t7_wan else 0  # 元 -> 万元
    w.row("T7", "三公", [Amt(c, m.exact(v).scaleb(-scale), decimals) for c, v in zip(T7_COLUMNS, nums)])
    w.size("T7", 4)
    w.text("")


def t8(w: Writer, model: Model) -> None:
    w.title(8, national_title("T8"), model.money.unit)
    w.text("支出功能分类科目\t\t本年政府性基金预算支出\t\t", "科目编码\t科目名称\t合计\t基本支出\t项目支出",
           "合计：\t\t\t\t", "", "说明：本单位2023年无政府性基金预算支出", "")


def t9(w: Writer, model: Model) -> None:
    w.title(None, "市对区转移支付支出预算表", model.money.unit)
    w.text("单位编码\t单位名称\t功能科目编码\t功能科目名称\t资金性质\t转移支付类型\t转移支付项目名称\t预算数")
    total = sum(t[-1] for t in model.transfers)
    w.row("T9", "合计", [label(w, "：")] + [""] * 6 + [amt(model, "预算数", total)])
    for ucode, uname, fcode, fname, kind, pname, v in model.transfers:
        w.row("T9", ucode, [ucode, uname, fcode, fname, "一般公共预算资金", kind, pname,
                            amt(model, "预算数", v)])
    if not model.transfers:
        w.text("", "说明：本单位2023年无市对区转移支付预算支出")
    w.size("T9", len(model.transfers) + 1)
    w.text("")


def t10(w: Writer, model: Model) -> None:
    m = model.money
    w.title(None, "部门（单位）整体支出绩效目标表", None, year=True)
    st = model.structure
    total = tuple(sum(v[i] for v in st.values()) for i in (0, 1))

    def pair(key: str, v: tuple[int, int]) -> list[str]:
        return [key, m.text(v[0]), m.text(v[1]), ""]

    w.text("\t".join(["单位名称", model.city + model.dept] + [""] * 7),
           "预算金额\t支出结构\t资金总额\t其中：财政资金\t投入计划\t支出结构\t资金总额\t其中：财政资金\t投入计划")
    for left, right in (("人员支出", "发展经费"), ("公用支出", "基建项目"), ("部门专项", "合计")):
        rv = total if right == "合计" else st[right]
        w.text("\t".join([""] + pair(left, st[left]) + pair(right, rv)))
    w.text("\t".join(["年度目标", "围绕中心工作，保障机构运转，推进重点项目实施，提升公共服务水平。"] + [""] * 7),
           "绩效目标\t年度工作任务\t绩效指标\t指标方向\t目标值\t计量单位\t涉及项目\t涉及财政资金\t")
    for g in model.goals:
        items = " ，".join(f"{name}{m.text(v)}{m.unit}" for name, v in g.items)
        first, *rest = g.indicators
        w.text("\t".join(["", g.task, *first, items, m.text(sum(v for _, v in g.items)), ""]))
        for ind in rest:
            w.text("\t".join(["", "", *ind, "", "", ""]))
    w.text("")


def t11(w: Writer, model: Model) -> None:
    m = model.money
    owner = model.city + model.dept
    for p in model.projects:
        w.title(None, "一级项目绩效目标表", None, year=True)
        w.text(f"项目名称\t{p.name}\t\t实施期限\t\t{p.kind}\t\t",
               f"实施单位\t{owner}\t\t主管部门\t\t{owner}\t\t",
               f"总目标\t保障{p.name}按计划实施，提高资金使用效益。\t\t\t\t\t\t",
               f"投入目标\t预算资金\t{m.text(p.budget)}\t{m.unit}\t其中：财政拨款数\t{m.text(p.fiscal)}\t{m.unit}",
               f"\t资金使用范围\t用于{p.name}相关支出。\t\t\t\t",
               "\t资金投入计划\t第一季度30%，第二季度30%，第三季度20%，第四季度20%\t\t\t\t",
               "绩效指标\t一级指标\t二级指标\t三级指标\t指标方向\t目标值\t计量单位")
        for i, (name, direction, value, unit) in enumerate(w.rng.sample(cat.INDICATORS, 2)):
            head = ["", "产出指标", "数量指标"] if i == 0 else ["", "", ""]
            w.text("\t".join(head + [name, direction, value, unit]))
        w.text("")
