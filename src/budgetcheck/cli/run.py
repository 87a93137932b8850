"""The ``verify`` command's work, outside the CLI module so that the CLI stays a thin
layer of options: configuration → settings → documents (in parallel) → waivers →
baseline → one report in the chosen format → exit code.

Every usage mistake found here (a bad configuration, waiver or baseline file, an
output that cannot be written) is a UsageError, which the CLI turns into one
``budgetcheck: error:`` line and exit 2.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

from budgetcheck.core.errors import UsageError

@dataclass(frozen=True)
class Request:
    """What the command line asked for, beyond the configuration."""

    paths: list[str]
    fmt: str = "console"
    output: Path | None = None
    baseline: Path | None = None
    write_baseline: Path | None = None
    glob: str = "*.txt"
    jobs: int = 1
    quiet: bool = False
    as_one: bool = False  # one budget from several files (api.verify_together)
    annotate: Path | None = None  # the workbook's or PDF's annotated copy (writers/annotate.py, annotate_pdf.py)
    annotate_dir: Path | None = None  # one annotated copy per workbook or PDF checked, names kept
    cross: bool = False  # compare figures stated in several documents (rules/crossdoc.py)


def default_lang() -> str:
    import os

    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(var, "")
        if value:
            return "zh" if value.lower().startswith("zh") else "en"
    return "en"


def verify(request: Request, config) -> int:
    """Run the checks and write the report; returns the exit code."""
    from budgetcheck.app import folders
    from budgetcheck.rules.ruleset import all_rules, infos

    guard_outputs(request, config)
    settings = config.settings()
    language = config.values["lang"] or default_lang()
    waiver_file = _waivers(config.values["waivers"])
    known = _baseline(request.baseline)
    if request.jobs < 1:
        raise UsageError(f"--jobs must be 1 or more, not {request.jobs}")

    items = folders.discover(request.paths, request.glob)
    if not request.as_one and request.annotate is None and request.annotate_dir is None:
        items = _pair_up(items, settings)
    bar = folders.progress_bar if folders.wants_bar(request.quiet, len(items)) else None
    if request.as_one:
        from budgetcheck.app.api import verify_together_reports

        files = [i for i in items if isinstance(i, str)]
        reports = verify_together_reports(files, settings) + [i for i in items if not isinstance(i, str)]
    else:
        render = None
        if request.fmt == "json":  # the workers render their documents' JSON parts
            from budgetcheck.reporters.jsonout import prerender as render
        reports = folders.run(items, settings, request.jobs, bar, render=render, keep_documents=request.fmt == "html")

    if request.cross:
        reports = _cross(reports, settings)
    ran = _ran(settings)
    if waiver_file is not None:
        from budgetcheck.app import waivers

        reports = waivers.apply(reports, waiver_file, set(ran), settings.severity)
    if request.write_baseline is not None:
        from budgetcheck.app import baselines as baseline

        baseline.write(request.write_baseline, reports)
        known, base = baseline.load(request.write_baseline), request.write_baseline.parent
        reports = baseline.apply(reports, known, base)
    elif known is not None:
        from budgetcheck.app import baselines as baseline

        reports = baseline.apply(reports, known, request.baseline.parent)  # type: ignore[union-attr]

    if request.annotate is not None:
        from budgetcheck.writers.annotate import annotate_run

        annotate_run([i for i in items if isinstance(i, str)], reports, request.annotate, language, request.as_one)
    if request.annotate_dir is not None:
        from budgetcheck.writers.annotate import annotate_dir_run

        annotate_dir_run([i for i in items if isinstance(i, str)], reports, request.annotate_dir, language)
    from budgetcheck.core.i18n import error_line

    for report in reports:
        if report.error:
            print(error_line(report.error, language), file=sys.stderr)
    code = max((r.exit_code for r in reports), default=0)
    catalogue = all_rules()  # run rules (waivers) are described only when waivers are used
    rules = infos([i for i in ran if waiver_file is not None or catalogue[i].group != "waivers"], settings.severity)
    emit(reports, request, language, rules, code)
    return code


def _pair_up(items, settings):
    """A budget published as a 情况说明 and a 报表 of the same department and year (both
    named, or in one folder) is checked as one, as ``--as-one`` would (readers/combine.pairs)."""
    if sum(isinstance(i, str) for i in items) < 2:
        return items  # one document has nothing to pair with
    from budgetcheck.readers.combine import pairs

    found = pairs([i for i in items if isinstance(i, str)])
    if not found:
        return items
    from budgetcheck.app.api import DocumentReport, verify_together

    out = []
    for item in items:
        group = found.get(item) if isinstance(item, str) else None
        if group is None:
            out.append(item)
        elif item == group[0]:
            try:
                out.append(verify_together(list(group), settings))
            except Exception as exc:  # noqa: BLE001 - as folders.check_one: one bad budget must not stop the run
                name = " + ".join(group)
                out.append(DocumentReport(name, None, [], f"{name}: internal error while checking "
                                                          f"({type(exc).__name__}: {exc}); please report it"))
    return out


def guard_outputs(request: Request, config) -> None:
    """Refuse, before anything is read, an output that would overwrite an input: a
    document, the waivers, the configuration, or the baseline read (rewriting the
    baseline one reads, with --write-baseline, is how a baseline is updated)."""
    from budgetcheck.app.outputs import guard

    sources = [*request.paths, *(p for p in (config.values.get("waivers"), config.file) if p)]
    if request.annotate_dir is not None:
        _guard_dir(request)
    guard({"--output": request.output, "--annotate": request.annotate, "--write-baseline": request.write_baseline},
          sources)
    if request.baseline is not None:
        guard({"--output": request.output, "--annotate": request.annotate}, [request.baseline])


def _guard_dir(request: Request) -> None:
    """--annotate-dir writes each copy under its input's name: a folder that holds an
    input (or is one) would have it overwritten."""
    folder = request.annotate_dir.resolve()  # type: ignore[union-attr]
    for path in request.paths:
        p = Path(path).resolve()
        if p == folder or (p.is_file() and p.parent == folder) or (p.is_dir() and (folder == p or p in folder.parents
                                                                                 or folder.is_relative_to(p))):
            raise UsageError(f"--annotate-dir {request.annotate_dir}: the copies keep their names, so they would "
                             f"overwrite the inputs in {path}; give a folder outside the inputs")


def _cross(reports, settings):
    """Add the cross-document findings (BC214) to the reports of the documents concerned."""
    from dataclasses import replace

    from budgetcheck.engine import sort_key, stamp
    from budgetcheck.readers import read_document
    from budgetcheck.rules import REGISTRY
    from budgetcheck.rules.crossdoc import cross_figures

    rule = REGISTRY["BC214"]
    if (settings.select and rule.id not in settings.select) or rule.id in settings.ignore:
        return reports
    readable = [i for i, r in enumerate(reports) if not r.error and r.kind == "document"]
    docs = [reports[i].document or read_document(reports[i].path) for i in readable]
    extra: dict[int, list] = {}
    with settings.rounding_policy():
        for j, fact in cross_figures(docs):
            extra.setdefault(readable[j], []).append(stamp(rule, fact, settings))
    return [replace(r, findings=sorted(r.findings + extra[i], key=sort_key)) if i in extra else r
            for i, r in enumerate(reports)]


def _ran(settings) -> list[str]:
    """The ids of the rules this run applies: the selected document rules, and the run
    rules (stale and expired waivers) unless ignored, since selecting document rules is
    no reason to stop hearing about one's waivers."""
    from budgetcheck.rules.ruleset import all_rules

    return [i for i, r in all_rules().items() if i not in settings.ignore
            and (not settings.select or i in settings.select or r.group == "waivers")]


def _waivers(path):
    if not path:
        return None
    from budgetcheck.app import waivers

    return waivers.load(path)


def _baseline(path: Path | None):
    if path is None:
        return None
    from budgetcheck.app import baselines as baseline

    return baseline.load(path)


def render(reports, request: Request, language: str, rules, code: int) -> str | None:
    """The report as text, or None for the console format (rich writes it)."""
    uses_baseline = request.baseline is not None or request.write_baseline is not None
    if request.fmt == "json":
        from budgetcheck.reporters.jsonout import render as as_json

        return as_json(reports) + "\n"
    if request.fmt == "sarif":
        from budgetcheck.reporters.sarif import render as as_sarif

        return as_sarif(reports, rules, language, uses_baseline, code) + "\n"
    if request.fmt == "junit":
        from budgetcheck.reporters.junit import render as as_junit

        return as_junit(reports, rules, language) + "\n"
    if request.fmt == "github":
        from budgetcheck.reporters.github import render as as_github

        return as_github(reports, language)
    if request.fmt == "html":
        from budgetcheck.reporters.html_report import render as as_html

        return as_html(reports, language, rules)
    return None


def emit(reports, request: Request, language: str, rules, code: int) -> None:
    text = render(reports, request, language, rules, code)
    if text is None:
        _console(reports, request, language)
    elif request.output is not None:
        _write(request.output, text)
    else:
        sys.stdout.write(text)


def _write(path: Path, text: str) -> None:
    from budgetcheck.app.outputs import write_atomic

    write_atomic(path, text)


def _console(reports, request: Request, language: str) -> None:
    from io import StringIO

    from budgetcheck.reporters.console import make_console
    from budgetcheck.reporters.console import render as render_console
    from budgetcheck.reporters.console import summary_table

    buffer = StringIO() if request.output is not None else None
    console = make_console(buffer)
    render_console(reports, console, language)
    if sum(r.kind == "document" for r in reports) > 1:
        summary_table(reports, console, language)
    if buffer is not None:
        _write(request.output, buffer.getvalue())
