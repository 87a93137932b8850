"""Rules about the run itself: the waivers file.

Declared here with the other rules (so that ``budgetcheck rules`` lists them and
``--select``/``--ignore`` know them), checked by ``app/waivers.py``, which has the
waivers and the findings they were meant for.
"""

from __future__ import annotations

from budgetcheck.rules.base import declare

STALE_WAIVER = declare("BC091", "stale-waiver", "warning", "waivers", scope="run", doc="""
    A waiver that matched no finding: the problem it accepted is gone, or it is mistyped.

    Reported at the waiver's line in the waiver file.  A waiver is only stale when a
    document it names was checked with its rule selected: waivers for documents not in
    this run are left alone, so checking one staged file does not flag the others.
    """)

EXPIRED_WAIVER = declare("BC092", "expired-waiver", "warning", "waivers", scope="run", doc="""
    A waiver past its ``expires`` date: it no longer applies, and says so.

    The findings it covered count again, and this warning points at the waiver, so that
    the reviewer renews it (with a new date and reason) or fixes the document.
    """)
