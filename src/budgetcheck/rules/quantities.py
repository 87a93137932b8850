"""Which table quantity a figure of the prose talks about.

The narrative names quantities in set phrases (``收入预算为X``, ``基本支出X``,
``公务接待费X``, ``拟安排该项目一般公共预算X``); each phrase maps to one or more cells of
the tables.  Several cells are candidates where the template is loose (``基本支出`` may
be the fiscal basic expenditure of T3 or all of it): the prose agrees when it equals
any of them.  A phrase with no table counterpart is not checked.

A phrase is mapped only when it names the quantity: the words before the matched
phrase must not name a narrower one.  ``财政拨款基本支出预算`` ends like ``支出预算`` (支出
总计) but is 基本支出; ``“三公”经费支出预算`` and ``政府采购支出预算总额`` are not 支出总计
either.  Each generic phrase lists the words that, before it, make it another quantity,
and the specific phrases are tried first.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Callable

from budgetcheck.core.rounding import total_of
from budgetcheck.core.catalogue import class_code, normalise_name, strip_enumerator
from budgetcheck.core.model import Document, Row, Table
from budgetcheck.templates.schema import fund_key, item_key
from budgetcheck.rules.base import where
from budgetcheck.rules.lookup import (Cell, admin_running, cell, information, one, procurement_of, rows_by_code, sangong,
                                      side_rows)

Resolver = Callable[[Document, str, tuple[str, ...]], list[Cell]]


def _t1(doc: Document, side: str, kind: str) -> list[Cell]:
    t1 = doc.table("T1")
    row = one(t1, side, kind) if t1 else None
    return [Cell(row.amounts[0], where(doc, t1, row, 0))] if row is not None and t1 is not None else []  # type: ignore[arg-type]


def _carry_line(role: str, side: str, word: str) -> Resolver:
    """The carry line of an overview table whose label has ``word``: a 决算's 收入支出决算总表
    (T1) prints two on each side (使用非财政拨款结余 and 年初结转和结余, 结余分配 and
    年末结转和结余), its 财政拨款收入支出决算总表 (T4) 年初/年末财政拨款结转和结余."""
    def resolve(doc: Document, label: str, headings: tuple[str, ...]) -> list[Cell]:
        table = doc.table(role)
        rows = [r for r in side_rows(table, side, "carry") if word in r.label] if table is not None else []
        if len(rows) != 1 or rows[0].amounts[0] is None:
            return []
        return [Cell(rows[0].amounts[0], where(doc, table, rows[0], 0))]  # type: ignore[arg-type]
    return resolve


def _class(doc: Document, label: str, headings: tuple[str, ...]) -> list[Cell]:
    """A 类 named as in the classification (``农林水支出946.73万元``): its row in the
    spending tables (all funds, 一般公共预算, 政府性基金): which one the sentence means is
    the one whose figure it gives."""
    m = CLASS_NAMES.search(label)
    code = class_code(m.group(0)) if m else None
    out: list[Cell] = []
    for role in ("T3", "T5", "T8"):
        table = doc.table(role)
        row = rows_by_code(table).get(code) if table is not None and code else None
        found = cell(doc, table, row, "total") if table is not None else None
        if found is not None:
            out.append(found)
    return out


def _t4(doc: Document, side: str, kind: str) -> list[Cell]:
    """The 财政拨款 line of this kind (T4's 本年收入合计 / 本年支出合计); none when the line
    is only a heading over its fund lines (a budget's ``一、本年收入`` with no figure)."""
    t4 = doc.table("T4")
    row = one(t4, side, kind) if t4 else None
    if row is None or t4 is None or row.amounts[0] is None:
        return []
    if row.amounts[0].value == 0 and any(r.parent is not None and t4.rows[r.parent] is row for r in t4.rows):
        return []
    return [Cell(row.amounts[0], where(doc, t4, row, 0))]  # type: ignore[arg-type]


def _t1_only(doc: Document, side: str, kind: str) -> list[Cell]:
    """The T1 line of this kind when the table has exactly one (a 年终结转结余 line, not
    one per breakdown column)."""
    t1 = doc.table("T1")
    rows = side_rows(t1, side, kind) if t1 else []
    if len(rows) != 1 or rows[0].amounts[0] is None:
        return []
    return [Cell(rows[0].amounts[0], where(doc, t1, rows[0], 0))]  # type: ignore[arg-type]


def _total(doc: Document, role: str, key: str) -> list[Cell]:
    table = doc.table(role)
    if table is None:
        return []
    row = table.total_row or (table.rows[0] if role == "T7" and table.rows else None)
    found = cell(doc, table, row, key)
    return [found] if found else []


def _sum(doc: Document, cells: list[Cell]) -> list[Cell]:
    """Several cells read as one figure (their sum, with their rounding added up)."""
    if not cells:
        return []
    return [Cell(total_of([c.amount for c in cells], cells[0].amount.unit), cells[0].location)]


def _income_items(doc: Document, funds: tuple[str, ...]) -> list[Cell]:
    t1 = doc.table("T1")
    if t1 is None:
        return []
    rows = [r for r in side_rows(t1, "income", "item") if fund_key(r.label) in funds]
    return [Cell(r.amounts[0], where(doc, t1, r, 0)) for r in rows]  # type: ignore[arg-type]


def _fund(doc: Document, label: str, headings: tuple[str, ...]) -> list[Cell]:
    key = fund_key(label)
    return _income_items(doc, (key,)) if key else []


FISCAL = ("gpb", "gov_fund", "soe")


def _fiscal_income(doc: Document, label: str, headings: tuple[str, ...]) -> list[Cell]:
    """财政拨款收入: T1's fiscal fund lines together (一般公共预算财政拨款收入: its own line)."""
    funds = ("gpb",) if "一般公共预算" in label else FISCAL
    return _sum(doc, _income_items(doc, funds))


def _other_income(doc: Document, label: str, headings: tuple[str, ...]) -> list[Cell]:
    """本年其他资金收入: T1's income lines other than the three fiscal ones, when every
    line's fund type is known (a line not understood could be either)."""
    t1 = doc.table("T1")
    if t1 is None:
        return []
    rows = [r for r in side_rows(t1, "income", "item") if r.parent is None]
    keys = [fund_key(r.label) for r in rows]
    if not rows or None in keys or not any(k in FISCAL for k in keys):
        return []
    others = [Cell(r.amounts[0], where(doc, t1, r, 0)) for r, k in zip(rows, keys)  # type: ignore[arg-type]
              if k not in FISCAL and r.amounts[0] is not None]
    if not others:
        return []
    total = _sum(doc, others)[0]
    lines = f"{others[0].location.row}…{others[-1].location.row}" if len(others) > 1 else others[0].location.row
    return [Cell(total.amount, replace(total.location, row=lines))]


def _alternatives(*pairs: tuple[str, tuple[str, ...]]) -> Resolver:
    """Candidates: for each (role, keys) the cell or the sum of the cells."""
    def resolve(doc: Document, label: str, headings: tuple[str, ...]) -> list[Cell]:
        out: list[Cell] = []
        for role, keys in pairs:
            cells = [c for k in keys for c in _total(doc, role, k)]
            out.extend(cells if len(keys) == 1 else (_sum(doc, cells) if len(cells) == len(keys) else []))
        return out
    return resolve


def _spending(kind: str) -> Resolver:
    """基本支出 / 项目支出: qualified by 一般公共预算 it is T5's (or T6's 合计 for 基本);
    by 财政拨款, the fiscal figure (T5f, T6f, T3's 财政拨款 group); unqualified, the
    fiscal or the all-funds figure of T3 (a T3 without a 财政拨款 split is all funds), or T5's."""
    gpb = _alternatives(("T5", (kind,)), *((("T6", ("total",)),) if kind == "basic" else ()))
    fiscal = _alternatives(("T5f", (kind,)), *((("T6f", ("total",)),) if kind == "basic" else ()),
                           ("T3", (f"fiscal.{kind}",)), ("T5", (kind,)))
    loose = _alternatives(("T3", (f"fiscal.{kind}",)), ("T3", (f"fiscal.{kind}", f"nonfiscal.{kind}")), ("T3", (kind,)),
                          ("T5", (kind,)), ("T5f", (kind,)))

    def resolve(doc: Document, label: str, headings: tuple[str, ...]) -> list[Cell]:
        if "一般公共预算" in label:
            return gpb(doc, label, headings)
        if "财政拨款" in label:
            return fiscal(doc, label, headings)
        return loose(doc, label, headings)
    return resolve


def _t7(key: str) -> Resolver:
    def resolve(doc: Document, label: str, headings: tuple[str, ...]) -> list[Cell]:
        found = sangong(doc, doc.table("T7"), key)
        return [found] if found else []
    return resolve


def _procurement(part: str) -> Resolver:
    def resolve(doc: Document, label: str, headings: tuple[str, ...]) -> list[Cell]:
        found = procurement_of(doc, part)
        return [found] if found else []
    return resolve


def _item(key: str | None) -> Resolver:
    """An item of the information table (FOI); ``None``: the item the label names (a kind
    of vehicle: ``一般公务用车``, ``机要通信用车``)."""
    def resolve(doc: Document, label: str, headings: tuple[str, ...]) -> list[Cell]:
        found = information(doc, key or item_key(label))
        return [found] if found else []
    return resolve


#: Quantities that are counts (vehicles, equipment), stated as ``N辆`` / ``N台（套）``:
#: only a count figure is compared with them, and a count with nothing else.
COUNTED = ("车辆", "各类车辆", "通用设备", "专用设备")


def _admin_running(doc: Document, label: str, headings: tuple[str, ...]) -> list[Cell]:
    found = admin_running(doc)
    return [found] if found else []


PROJECT_HEADING = re.compile(r"^(.+?)(?:项目)?(?:情况|概况)$")


def _project(doc: Document, label: str, headings: tuple[str, ...]) -> list[Cell]:
    """``拟安排该项目…X`` under a heading ``(一) 创业担保贷款贴息项目情况``: that project's T11."""
    for heading in reversed(headings):
        m = PROJECT_HEADING.match(strip_enumerator(heading))
        if not m:
            continue
        name = normalise_name(m.group(1))
        out = []
        for table in doc.tables_of("T11"):
            for row in table.rows:
                if normalise_name(row.label) in (name, name + "项目") or normalise_name(row.label).rstrip("项目") == name:
                    out.extend(Cell(a, where(doc, table, row, i)) for i, a in enumerate(row.amounts) if a is not None)
        return out
    return []


def _fiscal_spending(doc: Document, label: str, headings: tuple[str, ...]) -> list[Cell]:
    """财政拨款支出: T4's 支出总计 or 本年支出合计 (they differ by the 年末结转 a final
    account reports), or T3's 财政拨款 合计."""
    t4 = doc.table("T4")
    out = []
    for kind in ("grand_total", "year_total"):
        row = one(t4, "expenditure", kind) if t4 else None
        if row is not None and t4 is not None and row.amounts[0] is not None:
            out.append(Cell(row.amounts[0], where(doc, t4, row, 0)))  # type: ignore[arg-type]
    return out + _total(doc, "T3", "fiscal")


def _projects_fiscal(doc: Document, label: str, headings: tuple[str, ...]) -> list[Cell]:
    cells = []
    for t in doc.tables_of("T11"):
        col = t.column("fiscal") if t.column("fiscal") is not None else t.column("budget")
        cells += [Cell(r.amounts[col], where(doc, t, r, col)) for r in t.rows
                  if col is not None and r.amounts[col] is not None]
    return _sum(doc, cells)  # type: ignore[arg-type]


@dataclass(frozen=True)
class Quantity:
    """A set phrase: ``pattern`` matches the end of the figure's phrase; ``forbid``, when
    found in the words before it, makes the phrase name another quantity; ``context``,
    when set, must be found in the sentence up to the figure."""

    name: str
    pattern: re.Pattern[str]
    resolver: Resolver
    forbid: re.Pattern[str] | None = None
    context: re.Pattern[str] | None = None
    #: when set, the sentence up to the figure must be known and name it, else the phrase
    #: is another quantity (``财政拨款收入总计X，其中：本年收入Y``: Y is T4's 本年收入)
    requires: re.Pattern[str] | None = None


def _class_names() -> re.Pattern[str]:
    from budgetcheck.core.catalogue import CLASSES

    names = sorted(CLASSES.values(), key=len, reverse=True)
    return re.compile(r"(?<![\u4e00-\u9fa5])(?:" + "|".join(map(re.escape, names)) + r")$")


#: a 类 named alone (``教育支出``), not within a longer name (``其他教育支出``)
CLASS_NAMES = _class_names()

# words that, before a generic phrase, name a narrower quantity than it
NARROW = r"基本|项目|三公|公务|运行经费|行政经费|会议|培训|采购|人员|公用|转移支付|结转|委托|专项|经营|上缴|附属|购买服务|当年拨款"
FUNDS = r"财政拨款|拨款|一般公共预算|政府性基金|国有资本|财政专户|事业|其他资金|本年|当年|上年|非财政"
# the tails a phrase may take: 支出, 预算, 支出预算, 预算支出, 预算安排, 预算数
TAIL = r"(?:支出)?(?:预算|决算)?(?:支出|安排|数)?"  # 决算: a final account's ``支出决算X``

# a sentence up to the figure that names no one fund: the department's own totals
DEPARTMENT_WIDE = r"^(?![\s\S]*(?:政府性基金|国有资本|财政拨款|一般公共预算))"

# a sentence about the 财政拨款 alone (``财政拨款收入总计X，其中：本年收入Y``): its 本年收入 and
# 本年支出 are those of 财政拨款收支总表 (T4), not the department's (T1)
FISCAL_SUBJECT = r"(?<!非)财政拨款(?:收入|支出|收支)"

QUANTITIES: tuple[Quantity, ...] = tuple(
    Quantity(name, re.compile(pattern), resolver, re.compile(forbid) if forbid else None,
             re.compile(context) if context else None, re.compile(rest[0]) if rest else None)
    for name, pattern, resolver, forbid, context, *rest in (
        ("三公经费", r"三公”?经费(?:财政拨款)?" + TAIL + "$", _t7("sangong"), None, None),
        ("因公出国（境）费", r"因公出国[（(]境[)）](?:经)?费(?:用)?" + TAIL + "$", _t7("abroad"), None, None),
        ("公务接待费", r"公务接待费(?:用)?" + TAIL + "$", _t7("reception"), None, None),
        ("公务用车购置及运行费", r"公务用车购置(?:及|和)运行(?:维护)?费(?:用)?" + TAIL + "$", _t7("car"), None, None),
        ("公务用车运行费", r"公务用车运行(?:维护)?费(?:用)?" + TAIL + "$", _t7("car.running"), None, None),
        ("公务用车购置费", r"公务用车购置(?:费)?(?:用)?" + TAIL + "$", _t7("car.purchase"), None, None),
        ("会议费", r"会议费(?:用)?" + TAIL + "$", _t7("meeting"), None, None),
        ("培训费", r"培训费(?:用)?" + TAIL + "$", _t7("training"), None, None),
        ("机关运行经费", r"(?:(?:机关|机构)运行经费|^行政经费)(?:财政拨款)?" + TAIL + "$", _admin_running, None, None),
        ("政府采购", r"政府采购" + TAIL + r"(?:总额|总计|合计|金额)?$", _procurement("total"),
         r"预留|中小企业|小型|微型|面向|购买服务", None),
        ("政府采购货物", r"(?:采购货物(?:类)?|货物类?采购)" + TAIL + "$", _procurement("goods"), r"预留|中小企业|小型|微型", None),
        ("政府采购工程", r"(?:采购工程(?:类)?|工程类?采购)" + TAIL + "$", _procurement("works"), r"预留|中小企业|小型|微型", None),
        ("政府采购服务", r"(?:采购服务(?:类)?|服务类?采购)" + TAIL + "$", _procurement("services"), r"预留|中小企业|小型|微型", None),
        ("授予中小企业合同金额", r"(?:授予|面向)中小企业(?:的)?(?:合同)?(?:金额)?$", _item("procurement.sme"),
         r"货物|工程|服务", None),
        ("授予小微企业合同金额", r"(?:授予|面向)小微企业(?:的)?(?:合同)?(?:金额)?$", _item("procurement.small"),
         r"货物|工程|服务", None),
        ("车辆", r"(?:共有|实有|拥有|^)(?:公务)?车辆(?:总数|合计|数量?)?$", _item("vehicles"), None, None),
        ("各类车辆", r"用车$", _item(None), r"购置|运行|保有", None),
        ("通用设备", r"设备$", _item("equipment.general"), None, None, r"50万元以上(?:的)?通用设备(?:[（(][^）)]*[)）])?\s*$"),
        ("专用设备", r"设备$", _item("equipment.special"), None, None, r"100万元以上(?:的)?专用设备(?:[（(][^）)]*[)）])?\s*$"),
        ("一般公共预算支出", r"一般公共预算(?:财政)?当年拨款(?:支出)?(?:预算)?$|一般公共预算(?:财政)?(?:拨款)?支出(?:预算)?(?:支出)?$",
         _alternatives(("T5", ("total",))), NARROW, None),
        # the fund named alone: the income line or the spending of it (income and spending are equal)
        ("一般公共预算拨款", r"^一般公共预算(?:财政)?拨款$", lambda d, l, h: _income_items(d, ("gpb",)) + _total(d, "T5", "total"),
         None, None),
        ("政府性基金支出", r"政府性基金(?:预算)?(?:财政)?(?:拨款)?支出(?:预算)?(?:支出)?$", _alternatives(("T8", ("total",))), NARROW, None),
        ("国有资本经营预算支出", r"国有资本经营预算(?:财政)?(?:拨款)?支出(?:预算)?(?:支出)?$", _alternatives(("T8b", ("total",))),
         NARROW, None),
        ("财政拨款支出", r"(?<!非)财政拨款(?:预算)?支出(?:预算)?$|财政拨款收支(?:总)?预算(?:总计|总额)?$", _fiscal_spending, NARROW, None),
        ("财政拨款收入", r"(?<!非)财政拨款收入$", _fiscal_income, NARROW, None),
        ("收入项目", r"(一般公共预算拨款|政府性基金(?:预算)?拨款|国有资本经营预算拨款|财政专户管理资金|事业|事业单位经营|"
                    r"上级补助|附属单位上缴|其他)收入$", _fund, None, None),
        ("其他资金收入", r"其他资金收入$", _other_income, None, None),
        ("上年结转结余", r"上年结转(?:结余)?$", lambda d, l, h: _t1(d, "income", "carry"), None, None),
        # a 决算's carry lines: 年初结转和结余 and 年末结转和结余 of 收入支出决算总表
        # (not in a sentence about one fund: 政府性基金预算财政拨款年初结转和结余X is that table's)
        ("年初结转和结余", r"(?:^|[和及])年初结转和结余$", _carry_line("T1", "income", "年初"), None, DEPARTMENT_WIDE),
        ("年末结转和结余", r"(?:^|[和及])年末结转和结余$", _carry_line("T1", "expenditure", "年末"), None, DEPARTMENT_WIDE),
        ("使用非财政拨款结余", r"(?:^|[和及])使用非财政拨款结余$", _carry_line("T1", "income", "使用非财政拨款结余"), None, None),
        ("结余分配", r"(?:^|[和及])结余分配$", _carry_line("T1", "expenditure", "结余分配"), None, None),
        ("年初财政拨款结转和结余", r"(?:^|[和及])年初财政拨款结转和结余$", _carry_line("T4", "income", "年初"), None, None),
        ("年末财政拨款结转和结余", r"(?:^|[和及])年末财政拨款结转和结余$", _carry_line("T4", "expenditure", "年末"), None, None),
        ("年终结转结余", r"(?:年终|年末)结转(?:结余)?(?:资金)?$|结转下年(?:支出)?$", lambda d, l, h: _t1_only(d, "expenditure", "carry"),
         None, None),
        ("基本支出", r"(?<!非财政拨款)基本支出(?:预算)?$", _spending("basic"), r"非财政|项目|三公", None),
        ("人员支出", r"人员(?:支出|经费)$", _alternatives(("T5", ("personnel",)), ("T6", ("personnel",))), None, None),
        ("公用支出", r"公用(?:支出|经费)$", _alternatives(("T5", ("public",)), ("T6", ("public",))), r"运行", None),
        ("项目支出", r"(?<!非财政拨款)项目支出(?:预算)?$", _spending("project"), r"非财政|一级项目|重点项目|该项目|专项|三公", None),
        ("非财政拨款支出", r"非财政拨款支出$", _alternatives(("T3", ("nonfiscal",))), None, None),
        ("事业单位经营支出", r"事业单位经营支出$", _alternatives(("T3", ("operating_exp",))), None, None),
        ("上缴上级支出", r"上缴上级支出$", _alternatives(("T3", ("to_superior",))), None, None),
        ("对附属单位补助支出", r"对附属单位补助支出$", _alternatives(("T3", ("to_affiliate",))), None, None),
        ("市对区转移支付", r"转移支付(?:项目)?(?:预算)?$", _alternatives(("T9", ("amount",))), None, None),
        ("项目预算", r"(?:拟安排该项目|该项目拟安排|该项目安排)(?:一般公共预算|预算|财政拨款)?$", _project, None, None),
        ("一级项目财政拨款", r"涉及一般公共预算(?:财政)?拨款$", _projects_fiscal, None, r"一级项目"),
        ("财政拨款本年收入", r"(?:本年|当年)(?:预算)?收入(?:预算)?$", lambda d, l, h: _t4(d, "income", "year_total"),
         NARROW + "|" + FUNDS.replace("本年|当年|", ""), None, FISCAL_SUBJECT),
        ("财政拨款本年支出", r"(?:本年|当年)(?:预算)?支出(?:预算)?$", lambda d, l, h: _t4(d, "expenditure", "year_total"),
         NARROW + "|" + FUNDS.replace("本年|当年|", ""), None, FISCAL_SUBJECT),
        ("本年收入", r"(?:本年|当年)(?:预算)?收入(?:预算)?(?:合计)?$", lambda d, l, h: _t1(d, "income", "year_total"),
         NARROW + "|" + FUNDS.replace("本年|当年|", ""), None),
        ("本年支出", r"(?:本年|当年)(?:预算)?支出(?:预算)?(?:合计)?$", lambda d, l, h: _t1(d, "expenditure", "year_total"),
         NARROW + "|" + FUNDS.replace("本年|当年|", ""), None),
        # final accounts (决算) name their totals without 预算: 收入总计, 支出总计
        ("财政拨款收入总计", r"(?<!非)财政拨款收入总计$", lambda d, l, h: _t4(d, "income", "grand_total"), None, None),
        ("财政拨款支出总计", r"(?<!非)财政拨款支出总计$", lambda d, l, h: _t4(d, "expenditure", "grand_total"), None, None),
        ("财政拨款收支总计", r"(?<!非)财政拨款收、?支(?:总决算|总计|总额)$", lambda d, l, h: _t4(d, "income", "grand_total"),
         None, None),
        # ``收、支总计X``: the two totals of 收入支出决算总表, equal by its balance
        ("收支总计", r"^(?:收、?)?支(?:总计|总决算)$", lambda d, l, h: _t1(d, "income", "grand_total"), None, None),
        ("收入总计", r"^收入总计$", lambda d, l, h: _t1(d, "income", "grand_total"), None, None),
        ("支出总计", r"^支出总计$", lambda d, l, h: _t1(d, "expenditure", "grand_total"), None, None),
        ("支出功能分类的类", CLASS_NAMES.pattern, _class, NARROW + r"|增|减", None),
        ("收入预算", r"收入预算(?:总额|总计|数)?$", lambda d, l, h: _t1(d, "income", "grand_total"), NARROW + "|" + FUNDS, None),
        ("收入预算", r"收支(?:总)?预算(?:总计|总额)?$", lambda d, l, h: _t1(d, "income", "grand_total"), NARROW + "|" + FUNDS, None),
        ("支出预算", r"支出预算(?:总额|总计|数)?$", lambda d, l, h: _t1(d, "expenditure", "grand_total"), NARROW + "|" + FUNDS, None),
    )
)

_TRAILING = re.compile(r"(?:为|是|达|共计|合计|共|总额为|预算安排|安排|预算数)$")
_LEADING = re.compile(r"^(?:其中|共|包括|另)")
YEARS = re.compile(r"\d{4}年度?")
# a phrase about another year than the document's: not this year's table figures
PRIOR = re.compile(r"(?:上年|去年|上一年)(?!结转|结余)|比|较|同比")


# a figure of part of the department: what some projects involve, or one project's
PART = re.compile(r"涉及")
PROJECT_SUBJECT = re.compile(r"该项目|本项目")
PART_QUANTITIES = ("项目预算", "一级项目财政拨款")


def normalise_label(label: str, headings: tuple[str, ...], lead: str = "") -> str:
    """The phrase before a figure, without years, verbs and enumerators; a bare
    ``2023年预算安排`` takes its meaning from the lead-in sentence before it in its
    paragraph (``（一）因公出国（境）费用。2026年预算数…``) or the heading above (``(二)
    公务接待费``)."""
    text = YEARS.sub("", strip_enumerator(re.sub(r"[\s“”\"]", "", label)).replace("“", ""))
    for _ in range(3):
        text = _TRAILING.sub("", _LEADING.sub("", text))
    if not text and lead:
        return strip_enumerator(re.sub(r"[\s“”\"]", "", lead)).rstrip("。：:；;，,")
    if not text and headings:
        return strip_enumerator(headings[-1])
    return text


def resolve(doc: Document, label: str, headings: tuple[str, ...], lead: str = "", context: str | None = None,
            year: str | None = None) -> tuple[str, list[Cell]] | None:
    """(quantity name, candidate cells) for a figure's phrase, or None when unknown.

    ``lead``: the lead-in sentence before the figure's sentence, for a bare 预算数;
    ``context``: the sentence up to the figure, for phrases that need it (None: not
    known, not required); ``year``: the document's year, so that a phrase naming
    another year (``2025年“三公”经费预算``) is not taken for this year's figure."""
    if year is not None and (any(y[:4] != year for y in YEARS.findall(label)) or PRIOR.search(label)):
        return None
    text = normalise_label(label, headings, lead)
    for q in QUANTITIES:
        m = q.pattern.search(text)
        if m is None or (q.forbid is not None and q.forbid.search(text[:m.start()])):
            continue
        if q.name not in PART_QUANTITIES and (PART.search(text) or (context is not None and PROJECT_SUBJECT.search(context))):
            return None  # 涉及…支出X (what some items involve), 该项目…X (one project): not the department's
        if q.context is not None and context is not None and not q.context.search(context):
            continue
        if q.requires is not None and (context is None or not q.requires.search(context)):
            continue
        return q.name, q.resolver(doc, text, headings)
    return None


__all__ = ["QUANTITIES", "Quantity", "resolve", "normalise_label", "Row", "Table"]
