"""JUnit XML: one test suite per document, one test case per rule that ran on it.

Why rule by rule: a CI dashboard then shows *which* identity failed and since when.
A test case fails when its rule has counted error findings (the same test as the exit
code); the failure's text lists them.  Warnings, notices, waived and baseline
findings go to the case's ``system-out``, so nothing is hidden and nothing else
fails.  An unreadable document is a suite with one ``read`` case in error.  No
timestamps or durations: the same input gives the same file.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from budgetcheck.core.i18n import translate
from budgetcheck.reporters.plain import line


def _case(suite: ET.Element, classname: str, name: str) -> ET.Element:
    return ET.SubElement(suite, "testcase", classname=classname, name=name)


def _suite(report, rules, lang: str) -> tuple[ET.Element, dict[str, int]]:
    suite = ET.Element("testsuite", name=report.path)
    counts = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
    covered = getattr(report, "coverage", None)
    if covered is not None:
        props = ET.SubElement(suite, "properties")
        ET.SubElement(props, "property", name="kind", value=covered.kind)
        ET.SubElement(props, "property", name="status", value=covered.status)
        if covered.reasons:
            ET.SubElement(props, "property", name="coverage", value="; ".join(covered.reasons))
    if report.error:
        case = _case(suite, report.path, "read")
        error = translate(report.error, lang)
        ET.SubElement(case, "error", message=error, type="unreadable").text = error
        counts.update(tests=1, errors=1)
        return suite, counts
    own = [r for r in rules if (r.group == "waivers") == (report.kind == "waivers")]
    for info in own:
        case = _case(suite, report.path, f"{info.id} {info.name}")
        mine = [f for f in report.findings if f.rule == info.id]
        failing = [f for f in mine if f.severity == "error" and not f.suppressed]
        other = [f for f in mine if f not in failing]
        if failing:
            n = len(failing)
            summary = f"{n}个错误" if lang == "zh" else f"{n} error{'s' if n != 1 else ''}"
            failure = ET.SubElement(case, "failure", message=summary, type="error")
            failure.text = "\n".join(line(f, lang) for f in failing)
            counts["failures"] += 1
        if other:
            ET.SubElement(case, "system-out").text = "\n".join(line(f, lang) for f in other)
        counts["tests"] += 1
    return suite, counts


def render(reports, rules, lang: str = "en") -> str:
    """The JUnit XML document; ``rules`` are the ``ruleset.RuleInfo`` of the rules that ran."""
    root = ET.Element("testsuites", name="budgetcheck")
    total = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
    for report in reports:
        suite, counts = _suite(report, rules, lang)
        for key, n in counts.items():
            suite.set(key, str(n))
            total[key] += n
        root.append(suite)
    for key, n in total.items():
        root.set(key, str(n))
    ET.indent(root, "  ")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode")
