"""GitHub Actions workflow commands: one annotation per counted finding.

``::error file=…,line=…,title=BC101::message`` puts the finding on the file in a pull
request.  Notices become ``::notice``.  Values are escaped as the Actions toolkit
does: ``%``, CR and LF in the message; additionally ``:`` and ``,`` in properties.
Waived and baseline findings are not annotated (they are accepted); the last line,
plain text, counts everything.
"""

from __future__ import annotations

from budgetcheck.core.i18n import translate
from budgetcheck.reporters.plain import figures, message, place

COMMAND = {"error": "error", "warning": "warning", "notice": "notice"}


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def command(kind: str, properties: dict[str, object], text: str) -> str:
    props = ",".join(f"{k}={escape_property(str(v))}" for k, v in properties.items() if v not in (None, ""))
    return f"::{kind} {props}::{escape_data(text)}" if props else f"::{kind}::{escape_data(text)}"


def render(reports, lang: str = "en") -> str:
    out = []
    total = {"errors": 0, "warnings": 0, "notices": 0, "waived": 0, "baseline": 0}
    for report in reports:
        for key, n in report.summary.items():
            total[key] = total.get(key, 0) + n
        if report.error:
            out.append(command("error", {"file": report.path, "title": "budgetcheck"}, translate(report.error, lang)))
            continue
        covered = getattr(report, "coverage", None)
        if covered is not None and covered.status != "verified":
            out.append(command("warning", {"file": report.path, "title": covered.status},
                               f"{covered.status}: " + "; ".join(covered.reasons)))
        for f in report.findings:
            if f.suppressed:
                continue
            where = place(f.location, lang)
            nums = figures(f, lang)
            text = f"{f.name}: " + (f"{where}: " if where else "") + message(f, lang) + (f" ({nums})" if nums else "")
            out.append(command(COMMAND[f.severity], {"file": report.path, "line": f.location.line, "title": f.rule},
                               text))
    unreadable = sum(1 for r in reports if r.error)
    documents = sum(1 for r in reports if r.kind == "document")
    if lang == "zh":
        tail = (f"budgetcheck: {documents}份文档中{total['errors']}个错误，{total['warnings']}个警告，"
                f"{total['notices']}个提示")
        tail += "".join(f"，{total[k]}个{w}" for k, w in (("waived", "已豁免"), ("baseline", "在基线中")) if total[k])
        tail += f"，{unreadable}份无法读取" if unreadable else ""
    else:
        tail = f"budgetcheck: {total['errors']} errors, {total['warnings']} warnings, {total['notices']} notices"
        tail += "".join(f", {total[k]} {w}" for k, w in (("waived", "waived"), ("baseline", "in baseline")) if total[k])
        tail += f" in {documents} document{'s' if documents != 1 else ''}"
        tail += f", {unreadable} unreadable" if unreadable else ""
    out.append(tail)
    return "\n".join(out) + "\n"
