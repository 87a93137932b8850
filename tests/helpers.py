"""Running the command line from tests: one environment, one runner, one check of the
``budgetcheck: error:`` line, shared by the CLI, bad-input, configuration and waiver tests."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def cli_env(**extra: str) -> dict[str, str]:
    """A fixed locale and width, so that output does not depend on the machine (and
    ``extra`` on top)."""
    env = {k: v for k, v in os.environ.items() if k not in ("LC_ALL", "LC_MESSAGES", "LANG")}
    env.update(LANG="C.UTF-8", PYTHONIOENCODING="utf-8", COLUMNS="200", NO_COLOR="1")
    env.update(extra)
    return env


def run_cli(*args: str, cwd: Path | None = None, env: dict[str, str] | None = None, timeout: float = 120,
            traceback_ok: bool = False) -> subprocess.CompletedProcess:
    """``python -m budgetcheck ARGS``; a traceback on stderr fails the test."""
    proc = subprocess.run([sys.executable, "-m", "budgetcheck", *args], capture_output=True, text=True,
                          encoding="utf-8", errors="replace", env=env or cli_env(), timeout=timeout,
                          cwd=cwd or ROOT)
    if not traceback_ok:
        assert "Traceback" not in proc.stderr, proc.stderr[-3000:]
    return proc


def run_cli_together(commands: list[tuple[Path | None, tuple[str, ...]]], timeout: float = 120,
                     traceback_ok: bool = False) -> list[subprocess.CompletedProcess]:
    """Several ``python -m budgetcheck`` command lines (cwd, args) at once, as real
    processes: the suite stays fast where the process itself is the point."""
    procs = [(args, subprocess.Popen([sys.executable, "-m", "budgetcheck", *args], cwd=cwd or ROOT, env=cli_env(),
                                     stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, encoding="utf-8",
                                     errors="replace"))
             for cwd, args in commands]
    done = []
    try:
        for args, proc in procs:
            out, err = proc.communicate(timeout=timeout)
            if not traceback_ok:
                assert "Traceback" not in err, err[-3000:]
            done.append(subprocess.CompletedProcess(args, proc.returncode, out, err))
    finally:
        for _, proc in procs:
            if proc.poll() is None:
                proc.kill()
                proc.wait()
    return done


def one_error_line(proc: subprocess.CompletedProcess, *needles: str) -> str:
    """Exit 2 with exactly one stderr line starting ``budgetcheck: error:`` (holding the needles)."""
    assert "Traceback" not in proc.stderr + proc.stdout, proc.stderr[-3000:]
    assert proc.returncode == 2, (proc.returncode, proc.stderr)
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1, proc.stderr
    assert lines[0].startswith("budgetcheck: error:"), lines[0]
    for needle in needles:
        assert needle in lines[0], (needle, lines[0])
    return lines[0]


def run_inprocess(*args: str, cwd: Path | None = None, env: dict[str, str] | None = None,
                  traceback_ok: bool = False) -> subprocess.CompletedProcess:
    """The command line run in this process (no interpreter start-up): the same exit
    code, stdout and stderr as ``run_cli``, for tests where a real process is not the point.

    The environment is ``cli_env()`` (or ``env``) for the length of the run, as a child
    process would have it, and the working folder is ``cwd`` (else the project root)."""
    import contextlib
    import io

    from budgetcheck.cli.app import main

    out, err = io.StringIO(), io.StringIO()
    old_argv, old_cwd, old_env = sys.argv, os.getcwd(), dict(os.environ)
    code = 0
    try:
        sys.argv = ["budgetcheck", *args]
        os.environ.clear()
        os.environ.update(env or cli_env())
        os.chdir(cwd or ROOT)
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                main()
            except SystemExit as exc:
                code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 2)
    finally:
        sys.argv = old_argv
        os.environ.clear()
        os.environ.update(old_env)
        os.chdir(old_cwd)
    proc = subprocess.CompletedProcess(list(args), code, out.getvalue(), err.getvalue())
    if not traceback_ok:
        assert "Traceback" not in proc.stderr, proc.stderr[-3000:]
    return proc


def facts(check, doc) -> list:
    """The facts one rule's check function yields on a document, in a context of its own
    (the engine gives every rule the document's context; a test calling one rule does too)."""
    from budgetcheck.rules.context import Context

    return list(check(doc, Context(doc)))


def mutate(text: str, old: str, new: str) -> str:
    """The document with one text of its annex (after the line 附件1) replaced; it must
    occur there once."""
    annex_line = "附件1\n"
    head, annex = text.split(annex_line, 1)
    assert annex.count(old) == 1, f"{old!r} must occur once in the annex"
    return head + annex_line + annex.replace(old, new)
