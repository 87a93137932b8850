"""The command line, kept thin: ``app`` (the typer application and ``main``), one module
per command (``verify``, ``diff``, ``tables``, ``config``, ``rules``), the options they
share (``common``), and the verify command's work from settings to exit code (``run``).

The top layer: may import everything below; nothing imports it.  Command modules
import only ``common``; ``app`` imports the commands (no cycle).  Heavy modules are
imported inside the commands, so that start-up stays light.
"""
