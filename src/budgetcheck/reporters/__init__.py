"""Reporters render findings; they never import rules and never decide anything.

They receive reports (``app/api.py``), rule metadata (``rules/ruleset.RuleInfo``, passed
in) and diff results; they import core and app, never rules, claims, readers or writers
(``tests/test_layers.py``)."""
