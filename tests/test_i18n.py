"""The message catalogue (src/budgetcheck/i18n.py) is complete: every error message the
source can raise has a Chinese template, and each template translates."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from budgetcheck.core import i18n

SRC = Path(__file__).resolve().parents[1] / "src" / "budgetcheck"
#: calls whose first argument is an error line (exit 2), and the argument's position
RAISERS = {"InputError": 0, "UsageError": 0, "_fail": 0, "DocumentReport": 3}
#: functions that return an error line, by module
RETURNERS = {("api.py", "unread_message"), ("limits.py", "time_message"), ("limits.py", "describe")}


def _skeleton(node: ast.AST) -> str | None:
    """An f-string as its literal parts, each formatted value as ``{}``."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        return "".join(v.value if isinstance(v, ast.Constant) else "{}" for v in node.values)
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        left, right = _skeleton(node.left), _skeleton(node.right)
        return None if left is None or right is None else left + right
    return None


def source_messages() -> set[tuple[str, str]]:
    found = set()
    for path in sorted(SRC.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call):
                name = getattr(node.func, "id", getattr(node.func, "attr", ""))
                at = RAISERS.get(name)
                if at is not None and len(node.args) > at:
                    text = _skeleton(node.args[at])
                    if text is not None:
                        found.add((text, path.name))
            if isinstance(node, ast.FunctionDef) and (path.name, node.name) in RETURNERS:
                for ret in ast.walk(node):
                    if isinstance(ret, ast.Return) and ret.value is not None:
                        parts = ret.value.elts if isinstance(ret.value, ast.Tuple) else [ret.value]
                        for part in parts:
                            text = _skeleton(part)
                            if text is not None and "{" in text:
                                found.add((text, path.name))
    return found


def _template_skeleton(template: str) -> str:
    return re.sub(r"\{\w+\}", "{}", template)


def _matches(source: str, template: str) -> bool:
    """A source skeleton is covered when the template's literal parts are the source's,
    allowing a template to spell out a conditional part (``{'s were' if …}``)."""
    if _template_skeleton(template) == source:
        return True
    return bool(re.fullmatch(".+?".join(map(re.escape, source.split("{}"))), template, re.S))


def test_every_error_message_has_a_chinese_template():
    templates = [en for en, _ in i18n.CATALOGUE]
    missing = sorted({(text, where) for text, where in source_messages()
                      if text.strip() and text != "{}" and not any(_matches(text, t) for t in templates)})
    assert not missing, "add these to i18n.CATALOGUE:\n" + "\n".join(f"{w}: {t}" for t, w in missing)


@pytest.mark.parametrize("english,chinese", i18n.CATALOGUE, ids=[en[:40] for en, _ in i18n.CATALOGUE])
def test_each_template_translates(english, chinese):
    names = re.findall(r"\{(\w+)\}", english)
    assert set(re.findall(r"\{(\w+)\}", chinese)) <= set(names), "the Chinese uses a part the English lacks"
    values = {name: f"<{name}{k}>" for k, name in enumerate(names)}
    message = english.format(**values)
    translated = i18n.translate(message, "zh")
    assert translated != message and re.search(r"[\u4e00-\u9fff]", translated), (message, translated)
    for name in set(re.findall(r"\{(\w+)\}", chinese)):
        assert values[name] in translated
    assert i18n.translate(message, "en") == message


def test_fragments_and_unknown_messages():
    assert i18n.translate("budget.toml: configuration file not found", "zh") == "budget.toml：未找到配置文件"
    assert i18n.translate("something no template knows", "zh") == "something no template knows"
    assert i18n.error_line("a.txt: no such file", "zh") == "budgetcheck: error: a.txt：文件不存在"
    nested = "Invalid value for '--format' / '-f': 'xml' is not one of 'console', 'json'."
    assert i18n.translate(nested, "zh") == "'--format' / '-f'的值无效：'xml'不是'console', 'json'之一。"


def test_every_rule_has_a_chinese_summary():
    from budgetcheck.rules.ruleset import all_rules

    assert set(all_rules()) <= set(i18n.RULE_SUMMARY_ZH)
