"""What the engine hands every rule of one document: the document, the settings, and
the work that several rules share.

Several rules read the same derived facts (the prose's claims, the evaluated sum
identities, the enumerated subjects, a 决算's budget view).  They are computed once
per document and kept here, in an object the engine creates for the document and
drops after it, instead of module-level caches keyed by ``id()`` (which outlive the
document and can hand one document's work to another that reuses its address).
"""

from __future__ import annotations

from typing import Any, Callable, TypeVar

from budgetcheck.core.model import Document

T = TypeVar("T")


class Context:
    """One document's run: ``ctx.document``, ``ctx.settings``, ``ctx.claims``, and
    ``ctx.shared(key, compute)`` for what more than one rule derives."""

    __slots__ = ("document", "settings", "_shared")

    def __init__(self, document: Document, settings: Any = None) -> None:
        self.document = document
        self.settings = settings
        self._shared: dict[str, Any] = {}

    def shared(self, key: str, compute: Callable[[Document], T]) -> T:
        """``compute(document)``, computed once for this document."""
        if key not in self._shared:
            self._shared[key] = compute(self.document)
        return self._shared[key]

    @property
    def claims(self):
        from budgetcheck.claims import claims_of

        return self.shared("claims", claims_of)
