"""Drawing order of a whole budget, and the programme-level quantities.

Why a fixed order in one place: the rng is consumed in exactly this
sequence, so a seed reproduces a document and a jittered rebuild (see
:func:`tests.synth.rounding_jitter`) reproduces its shape.  The
transfers (T9), the performance structure and goals (T10) and the projects
(T11) are drawn last, from totals of the already drawn leaves.
"""

from __future__ import annotations

from tests.synth import catalog as cat
from tests.synth.model import (Goal, Model, Project, economic, ensure_shape, income, leaf_amounts,
                    sangong, tree)
from tests.synth.money import Money


def build(m: Money, n_classes: int | None) -> Model:
    """Draw a complete exact budget.  The rng is consumed in a fixed order, so
    a seed reproduces the document (and a jittered rebuild its shape)."""
    rng = m.rng
    classes, kuans, leaves = tree(m, n_classes)
    model = Model(m, rng.choice(cat.CITIES), rng.choice(cat.DEPARTMENTS), classes, kuans, leaves)
    for lf in model.all_leaves():
        leaf_amounts(m, lf)
    ensure_shape(m, model)
    economic(m, model)
    n_units = rng.randint(1, 8)
    income(m, model, n_units)
    model.t7_wan = m.unit == "元" and rng.random() < 0.5
    sangong(m, model, 10 ** 6 if model.t7_wan else 0)
    _transfers(m, model)
    _structure(m, model)
    _projects(m, model)
    return model


def _transfers(m: Money, model: Model) -> None:
    rng = m.rng
    n = min(rng.randint(0, 4), len(model.units))
    who = sorted(rng.sample(range(len(model.units)), n))
    names = rng.sample(cat.TRANSFERS, n)
    leaves = model.all_leaves()
    for i, pname in zip(who, names):
        lf = rng.choice(leaves)
        kind = rng.choice(("一般性转移支付", "专项转移支付"))
        ucode, uname = model.units[i]
        model.transfers.append((ucode, uname, lf.code, lf.name, kind, pname,
                                m.draw(10, 20000, whole=0.3)))


def _structure(m: Money, model: Model) -> None:
    """T10 支出结构: 人员/公用 = T5 columns (plus non-fiscal basic spending in
    the 资金总额 column); 部门专项/发展经费/基建项目 split all 项目支出."""
    rng = m.rng
    nb = model.total("nb")
    nb_pers = m.share(nb, 400, 900)
    model.structure["人员支出"] = (model.total("pers") + nb_pers, model.total("pers"))
    model.structure["公用支出"] = (model.total("pub") + nb - nb_pers, model.total("pub"))
    n = 3 if rng.random() < 0.4 else 2
    fiscal = m.split(model.total("fp"), n) + [0] * (3 - n)
    other = m.split(model.total("np"), n) + [0] * (3 - n)
    for key, f, o in zip(("部门专项", "发展经费", "基建项目"), fiscal, other):
        model.structure[key] = (f + o, f)
    for _ in range(rng.randint(1, 3)):
        items = [(_item_name(rng.choice(cat.PROJECTS), rng.choice(cat.ITEM_WORDS)), m.quanta(1, 3000))
                 for _ in range(rng.randint(1, 4))]
        inds = rng.sample(cat.INDICATORS, rng.randint(1, 3))
        model.goals.append(Goal(rng.choice(cat.GOAL_TASKS), inds, items))


def _item_name(project: str, word: str) -> str:
    return project if project.endswith(("经费", "资金")) else project + word


def _projects(m: Money, model: Model) -> None:
    rng = m.rng
    n = rng.randint(1, 6)
    fp = model.total("fp")
    covered = fp if rng.random() < 0.4 else m.share(fp, 500, 999)
    fiscal = m.split(covered, n, min_part=max(m.min_part, covered // (3 * n)))
    extra = m.split(m.share(model.total("np"), 0, 1000), n)
    for name, f, e in zip(rng.sample(cat.PROJECTS, n), fiscal, extra):
        if f:
            kind = rng.choice(("固定性项目", "跨年性项目"))
            model.projects.append(Project(name, kind, f + (e if rng.random() < 0.3 else 0), f))
