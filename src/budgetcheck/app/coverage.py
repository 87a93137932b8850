"""What a report covers: the document's kind, the tables found and missing, the checks
run and skipped, and whether the document was verified, partly verified or not.

Why: "0 errors" on a document whose T5 was never found says nothing about T5, and a
pre-publication gate that passes it has passed a document it did not read.  Every
report therefore says how much of the document was checked; a document in which a
core table is missing or was not understood is *partly verified*, never a plain pass;
``--require-tables`` makes a missing core table an error for a gate.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from budgetcheck.core.model import Document
from budgetcheck.templates.schema import CORE_ROLES, FINAL_CORE, ROLE_NAMES

VERIFIED, PARTLY, NOT_VERIFIED = "verified", "partly verified", "not verified"


@dataclass(frozen=True)
class Coverage:
    kind: str = "budget"  # budget | final | report | other
    template: str = "national"
    found: tuple[str, ...] = ()
    missing: tuple[str, ...] = ()  # core tables a budget publishes that were not found
    not_understood: tuple[str, ...] = ()  # "T5: evidence"
    skipped: tuple[tuple[str, str], ...] = ()  # (rule, reason)
    status: str = VERIFIED
    reasons: tuple[str, ...] = field(default=())

    def as_dict(self) -> dict:
        return {"kind": self.kind, "template": self.template, "status": self.status, "tables_found": list(self.found),
                "tables_missing": list(self.missing), "not_understood": list(self.not_understood),
                "checks_skipped": [{"rule": r, "reason": why} for r, why in self.skipped],
                "reasons": list(self.reasons)}


def coverage_of(doc: Document, kind: str, skipped: tuple[tuple[str, tuple[str, ...]], ...],
                not_understood: dict[tuple[str, str], tuple[str, str]]) -> Coverage:
    found = tuple(dict.fromkeys(t.role for t in doc.tables if t.role))
    missing: tuple[str, ...] = ()
    reasons: list[str] = []
    if kind in ("budget", "final"):
        missing = tuple(r for r in (CORE_ROLES if kind == "budget" else FINAL_CORE) if r not in found)
        if missing:
            reasons.append("not found: " + ", ".join(f"{r} {ROLE_NAMES.get(r, '')}".strip() for r in missing))
    unclear = tuple(f"{role or title}: {en}" for (role, title), (en, _) in sorted(not_understood.items()))
    if unclear:
        reasons.append("not understood: " + "; ".join(unclear))
    status = PARTLY if (missing or unclear) else VERIFIED
    core = CORE_ROLES if kind == "budget" else FINAL_CORE
    if kind in ("budget", "final") and found and not any(r in found for r in core):
        status = NOT_VERIFIED  # none of its core tables: nothing it states was checked against them
        reasons.insert(0, f"none of the {'budget' if kind == 'budget' else 'final-accounts'} tables was found")
    if kind == "report":
        status = VERIFIED  # prose only: its claim rules ran on all of it
    why = tuple((rule, "needs " + "/".join(tables)) for rule, tables in skipped)
    return Coverage(kind, doc.template, found, missing, unclear, why, status, tuple(reasons))
