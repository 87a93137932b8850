"""Errors that end a run with exit code 2 and one clear line, never a traceback."""


class InputError(Exception):
    """An input file cannot be read as a budget document (exit code 2)."""


class UsageError(Exception):
    """The command line or the configuration is wrong (exit code 2)."""
