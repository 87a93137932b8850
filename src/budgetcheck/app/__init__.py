"""The application: what a run does with documents, around the engine.

``api`` verifies a path, a text or several files as one and returns reports with their
coverage (``coverage``); ``folders`` checks many documents in worker processes;
``config`` reads ``budgetcheck.toml``; ``waivers`` and ``baselines`` settle which
findings count; ``outputs`` guards and writes every file budgetcheck writes.

May import core, templates, claims, readers, rules and the engine; never diff,
reporters, writers or the command line (those import this).
"""
