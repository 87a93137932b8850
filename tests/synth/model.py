"""The exact budget behind one synthetic document.

Why a model separate from the text: every table is a *view* of the same few
exact quantities (the 项 rows of T3, the economic split of basic spending,
the income sources).  Drawing those once, in fine units, and deriving every
total from them is what makes the document consistent by construction: T5
rows are T3's 财政拨款 columns, T1's class lines are T3's class totals, T6's
totals are T5's basic columns, and so on.  Only the leaves are drawn; all
parents are sums, computed by the writers.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from tests.synth import catalog as cat
from tests.synth.money import Money

NONFISCAL_INCOME = ("财政专户管理资金", "事业收入", "事业单位经营收入", "上级补助收入",
                    "附属单位上缴收入", "其他收入")


@dataclass
class Leaf:
    """A 项 row: 财政/非财政 × 基本/项目, and the 人员/公用 split of 财政基本."""

    code: str
    name: str
    fb: int = 0
    fp: int = 0
    nb: int = 0
    np: int = 0
    pers: int = 0
    pub: int = 0

    @property
    def fiscal(self) -> int:
        return self.fb + self.fp


@dataclass
class Project:
    name: str
    kind: str
    budget: int  # 预算资金
    fiscal: int  # 其中：财政拨款数


@dataclass
class Goal:
    task: str
    indicators: list[tuple[str, str, str, str]]
    items: list[tuple[str, int]]  # (name, amount in fu, a whole number of quanta)


@dataclass
class Model:
    money: Money
    city: str
    dept: str
    classes: list[tuple[str, str]]
    kuans: dict[str, list[tuple[str, str]]]  # class code -> 款 rows
    leaves: dict[str, list[Leaf]]  # 款 code -> leaves
    econ: list[tuple[str, str, int]] = field(default_factory=list)  # 5-digit 款 rows
    units: list[tuple[str, str]] = field(default_factory=list)
    income: dict[str, int] = field(default_factory=dict)  # non-fiscal sources
    carry: int = 0  # 上年结转结余 (单位资金)
    unit_income: list[dict[str, int]] = field(default_factory=list)  # per unit, T2 keys
    sangong: dict[str, int] = field(default_factory=dict)  # 出国/购置/运行/接待
    t7_wan: bool = False  # T7 written in 万元 although the document is in 元
    transfers: list[tuple[str, str, str, str, str, str, int]] = field(default_factory=list)
    structure: dict[str, tuple[int, int]] = field(default_factory=dict)  # T10: (total, fiscal)
    goals: list[Goal] = field(default_factory=list)
    projects: list[Project] = field(default_factory=list)

    def all_leaves(self) -> list[Leaf]:
        return [lf for kc in sorted(self.leaves) for lf in self.leaves[kc]]

    def total(self, attr: str) -> int:
        return sum(getattr(lf, attr) for lf in self.all_leaves())


def leaf_amounts(m: Money, leaf: Leaf) -> None:
    rng = m.rng
    if any(w in leaf.name for w in cat.PERSONNEL_ITEM_WORDS):
        leaf.fb = m.draw(5, 3000, leaf=True)
        leaf.pers = leaf.fb
    elif any(w in leaf.name for w in cat.BASIC_ITEM_WORDS):
        leaf.fb = m.draw(20, 5000, leaf=True)
        if rng.random() < 0.25:
            leaf.fp = m.draw(1, 2000, whole=0.3, leaf=True)
    else:
        leaf.fp = m.draw(1, 40000, whole=0.35, leaf=True)
        if rng.random() < 0.1:
            leaf.fb = m.draw(5, 800, leaf=True)
    if leaf.fb and not leaf.pers:
        leaf.pers = m.share(leaf.fb, 550, 900)
    leaf.pub = leaf.fb - leaf.pers
    if rng.random() < 0.15:
        leaf.np = m.draw(1, 2000, whole=0.3, leaf=True)
    if leaf.fb and rng.random() < 0.08:
        leaf.nb = m.draw(1, 500, leaf=True)
    if rng.random() < 0.04:  # a row funded only from non-fiscal sources
        leaf.fb = leaf.fp = leaf.pers = leaf.pub = 0
        leaf.np = leaf.np or m.draw(1, 800, leaf=True)


def tree(m: Money, n_classes: int | None) -> tuple[list, dict, dict]:
    rng = m.rng
    codes = sorted(cat.FUNCTIONAL)
    n = n_classes if n_classes is not None else rng.randint(1, 6)
    n = max(1, min(n, len(codes)))
    classes, kuans, leaves = [], {}, {}
    for cc in sorted(rng.sample(codes, n)):
        cname, kmap = cat.FUNCTIONAL[cc]
        classes.append((cc, cname))
        kcodes = sorted(rng.sample(sorted(kmap), min(len(kmap), rng.randint(1, 4))))
        kuans[cc] = [(kc, kmap[kc][0]) for kc in kcodes]
        for kc in kcodes:
            items = kmap[kc][1]
            picked = sorted(rng.sample(items, min(len(items), rng.randint(1, 5))))
            leaves[kc] = [Leaf(code, name) for code, name in picked]
    return classes, kuans, leaves


def ensure_shape(m: Money, model: Model) -> None:
    """Guarantee the spending a real department always has: some 财政 basic
    spending with both 人员 and 公用 parts, and some 财政 project spending."""
    leaves = model.all_leaves()
    if not any(lf.pub for lf in leaves):
        lf = leaves[0]
        lf.fb = lf.fb or m.draw(20, 3000, leaf=True)
        lf.pers = m.share(lf.fb, 550, 900)
        lf.pub = lf.fb - lf.pers
    if not any(lf.fp for lf in leaves):
        leaves[-1].fp = m.draw(1, 5000, whole=0.35, leaf=True)


def economic(m: Money, model: Model) -> None:
    rng = m.rng
    pers_total, pub_total = model.total("pers"), model.total("pub")
    personal = [c for c in cat.ECONOMIC["301"][1] if c[0] in cat.ECONOMIC_ALWAYS or rng.random() < 0.5]
    if rng.random() < 0.7:
        pool = cat.ECONOMIC["303"][1]
        personal += sorted(rng.sample(pool, rng.randint(1, 4)))
    rows = dict(zip([c for c, _ in personal], m.split(pers_total, len(personal))))
    fixed = {}
    for code, p in (("30217", 0.8), ("30231", 0.6), ("30212", 0.25), ("31013", 0.15)):
        if rng.random() < p and (v := m.share(pub_total, 5, 40)) >= m.min_part:
            fixed[code] = v  # never a figure that would round to a blank cell
    rest = pub_total - sum(fixed.values())
    public = [c for c in cat.ECONOMIC["302"][1]
              if c[0] not in cat.SANGONG_CODES and (c[0] in cat.ECONOMIC_ALWAYS or rng.random() < 0.4)]
    if rng.random() < 0.5:
        public += [c for c in cat.ECONOMIC["310"][1] if c[0] != "31013" and rng.random() < 0.5]
    rows.update(zip([c for c, _ in public], m.split(rest, len(public))))
    rows.update(fixed)
    names = {c: n for g in cat.ECONOMIC.values() for c, n in g[1]}
    model.econ = [(c, names[c], v) for c, v in sorted(rows.items()) if v > 0]


def income(m: Money, model: Model, n_units: int) -> None:
    rng = m.rng
    nonfiscal = model.total("nb") + model.total("np")
    if nonfiscal and rng.random() < 0.25:
        model.carry = m.share(nonfiscal, 100, 500)
    keys = sorted(rng.sample(NONFISCAL_INCOME, rng.randint(1, 3)), key=NONFISCAL_INCOME.index)
    model.income = dict(zip(keys, m.split(nonfiscal - model.carry, len(keys))))
    picks = sorted(rng.sample(range(2, 26), n_units - 1))
    suffixes = rng.sample(cat.UNIT_SUFFIXES, n_units - 1)
    model.units = [("403001", model.city + model.dept)]
    model.units += [(f"403{p:03d}", model.city + s) for p, s in zip(picks, suffixes)]
    model.unit_income = [{} for _ in model.units]
    columns = {"一般公共预算": model.total("fb") + model.total("fp"), **model.income}
    for key, amount in columns.items():
        who = list(range(n_units)) if key == "一般公共预算" else \
            sorted(rng.sample(range(n_units), rng.randint(1, min(2, n_units))))
        for i, part in zip(who, m.split(amount, len(who))):
            model.unit_income[i][key] = part
    if model.carry:
        model.unit_income[rng.randrange(n_units)]["单位资金"] = model.carry


def sangong(m: Money, model: Model, t7_q: int) -> None:
    """三公 ceilings: each T7 figure >= its T6 款 (三公 also covers projects);
    with T7 in another unit the margin is at least one T7 quantum so the
    comparison survives rounding in both units."""
    rng = m.rng
    econ = {c: v for c, _, v in model.econ}

    def standalone() -> int:  # a 三公 figure without T6 counterpart: a share of 公用
        return max(m.wan("0.5"), m.share(model.total("pub"), 10, 80))

    for code, key in cat.SANGONG_CODES.items():
        base = econ.get(code, 0)
        if base:
            extra = 0 if (t7_q == 0 and rng.random() < 0.5) else t7_q + m.draw("0.1", 20)
            model.sangong[key] = base + extra
        else:
            p = {"出国": 0.15, "购置": 0.1}.get(key, 0.3)
            model.sangong[key] = standalone() if rng.random() < p else 0
    if not (model.sangong["运行"] or model.sangong["接待"]):
        model.sangong["接待"] = standalone()
