"""Entry points: :func:`generate` a document, :func:`rounding_jitter` it.

Why rounding noise needs no special mode: exact values carry four decimals
more than are written, so every generated document already has sums whose
rounded parts differ from the rounded total by a cent or two - exactly the
legitimate discrepancies (notices, not errors) seen in the 2023 seed.
:func:`rounding_jitter` additionally re-renders the *same* document shape
from leaf values nudged by at most half a written quantum, to produce a
second consistent text whose figures differ from the first only by rounding
drift (parents move by the sum of their children's nudges).
"""

from __future__ import annotations

import random

from tests.synth import tables_a, tables_b
from tests.synth.build import build
from tests.synth.money import Money
from tests.synth.narrative import narrative as write_narrative
from tests.synth.writer import SynthDoc, Writer

UNITS = {"万元": (2, 4), "元": (0,)}


def generate(rng: random.Random, *, unit: str = "万元", decimals: int | None = 2,
             n_classes: int | None = None, page_breaks: bool = False,
             narrative: bool = True) -> SynthDoc:
    """A consistent synthetic 部门预算 document in the seed's text layout.

    ``unit``: "万元" (``decimals`` 2 or 4) or "元" (``decimals`` 0; passing the
    default 2 with "元" means 0).  ``decimals=None`` lets the rng choose
    (万元: 2, sometimes 4).  ``n_classes``: number of 类 (default 1-6 from the
    rng).  ``page_breaks``: break T3 and T5 once and drop one empty cell from
    each following row that has one, as the published text does.
    Deterministic for a given rng state; consumes the rng.
    """
    if unit not in UNITS:
        raise ValueError(f"unit must be one of {sorted(UNITS)}, not {unit!r}")
    if unit == "元" and decimals == 2:
        decimals = 0
    if decimals is None:
        decimals = 4 if unit == "万元" and rng.random() < 0.2 else UNITS[unit][0]
    if decimals not in UNITS[unit]:
        raise ValueError(f"{unit} documents are written with {UNITS[unit]} decimals, not {decimals}")
    state = rng.getstate()
    options = dict(unit=unit, decimals=decimals, n_classes=n_classes,
                   page_breaks=page_breaks, narrative=narrative)
    return _render(rng, None, state, options)


def rounding_jitter(doc: SynthDoc, rng: random.Random) -> str:
    """The text of ``doc`` re-rendered from leaf values nudged by at most half
    a written quantum each (``rng`` draws the nudges).  The result is again
    consistent by construction; it differs from ``doc.text`` only in figures,
    by rounding-level amounts per leaf (totals drift by the sum of their
    leaves' nudges), and normally has exactly the same lines and cells."""
    return jitter_doc(doc, rng).text


def jitter_doc(doc: SynthDoc, rng: random.Random) -> SynthDoc:
    """:func:`rounding_jitter` returning the whole :class:`SynthDoc` (cells
    with their new exact values), for tests that check the new text too."""
    if not doc.origin:
        raise ValueError("document was not produced by generate()")
    state, options = doc.origin
    replay = random.Random()
    replay.setstate(state)
    return _render(replay, rng, state, dict(options))


def _render(rng: random.Random, jitter: random.Random | None, state: tuple, options: dict) -> SynthDoc:
    money = Money(rng, options["unit"], options["decimals"], jitter)
    model = build(money, options["n_classes"])
    w = Writer(rng)
    if options["narrative"]:
        write_narrative(w, model)
    breaks = options["page_breaks"]
    tables_a.t1(w, model)
    tables_a.t2(w, model)
    tables_a.t3(w, model, breaks)
    tables_a.t4(w, model)
    tables_a.t5(w, model, breaks)
    tables_b.t6(w, model)
    tables_b.t7(w, model)
    tables_b.t8(w, model)
    tables_b.t9(w, model)
    tables_b.t10(w, model)
    tables_b.t11(w, model)
    return w.finish(options["unit"], options["decimals"], (state, tuple(options.items())))
