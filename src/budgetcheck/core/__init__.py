"""The core every layer stands on: the document model (``model``), written figures
(``figures``), rounding-aware comparison (``rounding``), the functional class catalogue
(``catalogue``), the errors that end a run (``errors``), the Chinese of every message
(``i18n``), the bounds on one input's work (``limits``) and the marks of our own outputs
(``marks``).

Imports nothing of budgetcheck outside ``core``.
"""
