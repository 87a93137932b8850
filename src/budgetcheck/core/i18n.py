"""The Chinese of every error line (``budgetcheck: error: …``) and of the few words the
reports print around the findings.

Error messages are raised in English where they arise (readers, configuration,
outputs); ``translate`` turns a message into Chinese by its template: each template
below is the message as raised, with its variable parts named, and
tests/test_i18n.py checks that every message the source can raise has one.  The
variable parts are kept as they are (paths, numbers, quoted input), except the few
that are English words of our own (``configuration``, ``a Word document``), which
``FRAGMENTS`` translates.  A message without a template (a library's own words, say)
stays English rather than being guessed at.

Findings carry their own Chinese (``Finding.message_zh``); rules are described in
Chinese by ``RULE_SUMMARY_ZH``.
"""

from __future__ import annotations

import re
from functools import lru_cache

#: (English template, Chinese template); the first template that matches wins.
CATALOGUE: tuple[tuple[str, str], ...] = (
    # reading files (limits.py, readers/)
    ("{path}: no such file", "{path}：文件不存在"),
    ("{path}: a symbolic link to a file that does not exist", "{path}：符号链接指向的文件不存在"),
    ("{path}: a symbolic link loop (too many levels of symbolic links)", "{path}：符号链接循环（链接层数过多）"),
    ("{path}: cannot read the file ({reason})", "{path}：无法读取文件（{reason}）"),
    ("{path}: is a directory, not a document", "{path}：这是文件夹，不是文档"),
    ("{path}: a device, not a document file", "{path}：这是设备，不是文档文件"),
    ("{path}: a socket, not a document file", "{path}：这是套接字，不是文档文件"),
    ("{path}: file is {size}, larger than the {limit} limit", "{path}：文件大小为{size}，超过{limit}的上限"),
    ("{path}: more than the {limit} limit", "{path}：超过{limit}的上限"),
    ("{path}: a text of {size} MB, larger than the {limit} MB limit for text documents",
     "{path}：文本大小为{size} MB，超过文本文档{limit} MB的上限"),
    ("{path}: not a PDF (no %PDF header); is the file complete?", "{path}：不是PDF文件（没有%PDF文件头），文件是否完整？"),
    ("{path}: the file is empty", "{path}：文件为空"),
    ("{path}: this is a binary file, not a text document", "{path}：这是二进制文件，不是文本文档"),
    ("{path}: cannot decode the text as {tried}: at byte {offset} (line {line}; bytes {bytes}) it is not "
     "{codec} ({reason}); save it as UTF-8",
     "{path}：无法按{tried}解码：第{offset}字节处（第{line}行，字节{bytes}）不是有效的{codec}（{reason}），请另存为UTF-8"),
    ("{path}: line {n} is {length} characters long, more than the {limit} limit for one line; is this a budget text?",
     "{path}：第{n}行长{length}个字符，超过单行{limit}字符的上限，这是预算文本吗？"),
    ("{path}: line {n} has {cells} cells, more than the {limit} limit for one table row",
     "{path}：第{n}行有{cells}个单元格，超过表格单行{limit}个的上限"),
    ("{path}: reading and checking took longer than the {seconds} s limit; the document was not checked",
     "{path}：读取和核对超过{seconds}秒的时间上限，本文档未核对"),
    ("{path}: reading and checking needed more than {size} MB of memory; the document was not checked",
     "{path}：读取和核对需要超过{size} MB的内存，本文档未核对"),
    ("{path}: {count} annex tables were found by their titles, but none of their rows could be read (the cells are "
     "not separated by tabs, nor by spaces in aligned columns); save the text with its tabs, or check the PDF or "
     "workbook itself",
     "{path}：按标题识别出{count}张附表，但一行也未能读出（单元格既不以制表符分隔，也不是按列对齐的空格），"
     "请保存带制表符的文本，或直接核对PDF或工作簿"),
    ("{path}: {count} annex table was found by its title, but none of their rows could be read (the cells are "
     "not separated by tabs, nor by spaces in aligned columns); save the text with its tabs, or check the PDF or "
     "workbook itself",
     "{path}：按标题识别出{count}张附表，但一行也未能读出（单元格既不以制表符分隔，也不是按列对齐的空格），"
     "请保存带制表符的文本，或直接核对PDF或工作簿"),
    ("{path}: no budget tables found (and no figures in its text)", "{path}：未找到预算表（正文中也没有数字）"),
    ("{path}: final accounts (部门决算): not verified, budgetcheck verifies budgets (部门预算) only so far",
     "{path}：这是部门决算，未核对：budgetcheck 目前只核对部门预算"),
    ("{path}: no budget tables found to export", "{path}：没有可导出的预算表"),
    # PDF
    ("{path}: the PDF is encrypted and needs a password to open", "{path}：PDF已加密，需要密码才能打开"),
    ("{path}: the PDF has no pages", "{path}：PDF没有页面"),
    ("{path}: the PDF has {count} pages, more than the {limit} limit", "{path}：PDF有{count}页，超过{limit}页的上限"),
    ("{path}: not a readable PDF ({reason})", "{path}：无法读取的PDF（{reason}）"),
    ("{path}: cannot read the PDF's pages ({kind}: {reason})", "{path}：无法读取PDF页面（{kind}：{reason}）"),
    ("{path}: the PDF has no text layer (scanned pages?); run OCR on it first",
     "{path}：PDF没有文字层（扫描件？），请先进行OCR文字识别"),
    ("{path}: the PDF has no text", "{path}：PDF中没有文字"),
    # workbooks
    ("{path}: the workbook is password-protected (encrypted); save an unprotected copy as .xlsx",
     "{path}：工作簿有密码保护（已加密），请另存一份无密码的.xlsx"),
    ("{path}: an old-format .xls workbook, or an encrypted one; save it as .xlsx (Excel Workbook) without a password",
     "{path}：旧格式的.xls工作簿或已加密的工作簿，请另存为无密码的.xlsx（Excel工作簿）"),
    ("{path}: not an Excel workbook: the file is {kind}; save it as .xlsx", "{path}：不是Excel工作簿，该文件是{kind}，请另存为.xlsx"),
    ("{path}: the Excel workbook is damaged (an incomplete or corrupt .xlsx file)",
     "{path}：Excel工作簿已损坏（.xlsx文件不完整或已损坏）"),
    ("{path}: {kind}, not an Excel workbook; save it as .xlsx", "{path}：这是{kind}，不是Excel工作簿，请另存为.xlsx"),
    ("{path}: the workbook has {count} parts, more than the {limit} limit", "{path}：工作簿有{count}个部件，超过{limit}个的上限"),
    ("{path}: the workbook unpacks to {size} MB, more than the {limit} MB limit for a workbook",
     "{path}：工作簿解压后为{size} MB，超过工作簿{limit} MB的上限"),
    ("{path}: the workbook unpacks to {ratio} times its size ({size} MB from {packed} KB), more than the {limit}× "
     "limit; a zip bomb?", "{path}：工作簿解压后是原大小的{ratio}倍（{packed} KB解压为{size} MB），超过{limit}倍的上限，是压缩炸弹吗？"),
    ("{path}: the Excel workbook is damaged and cannot be read ({reason})", "{path}：Excel工作簿已损坏，无法读取（{reason}）"),
    ("{path}: the Excel workbook is damaged (its sheet list cannot be read)", "{path}：Excel工作簿已损坏（无法读取工作表列表）"),
    ("{path}: the workbook has more than {limit} cells (sheet {sheet}); an annex workbook has far fewer",
     "{path}：工作簿超过{limit}个单元格（工作表{sheet}），附表工作簿远没有这么多"),
    ("{path}: the Excel workbook is damaged: sheet {sheet} cannot be read ({reason})",
     "{path}：Excel工作簿已损坏，工作表{sheet}无法读取（{reason}）"),
    ("{sheet}!{cell}: a cell of {length} characters, more than the {limit} limit", "{sheet}!{cell}：单元格长{length}个字符，超过{limit}字符的上限"),
    ("{path}: the annotated copy would overwrite the input; give another file name", "{path}：标注副本会覆盖输入文件，请换一个文件名"),
    ("{path}: cannot write the workbook ({reason})", "{path}：无法写入工作簿（{reason}）"),
    ("--annotate needs exactly one Excel workbook or PDF among the files checked, not {count}; use --annotate-dir for several",
     "--annotate 要求所核对的文件中恰好有一个Excel工作簿或PDF，而不是{count}个；多个文件请用 --annotate-dir"),
    ("--annotate-dir {path}: the copies keep their names, so they would overwrite the inputs in {folder}; give a folder outside the inputs",
     "--annotate-dir {path}：标注副本沿用原文件名，会覆盖{folder}中的输入文件，请指定输入以外的文件夹"),
    ("--annotate-dir: several inputs are named {names}; annotate them in separate runs",
     "--annotate-dir：有多个输入文件名为{names}，请分别标注"),
    ("{path}: not a PDF that can be annotated ({reason})", "{path}：不是可以标注的PDF（{reason}）"),
    # folders and runs
    ("{path}: directory has no documents matching {glob}", "{path}：文件夹中没有与{glob}匹配的文档"),
    ("{path}: internal error while checking ({kind}: {reason}); please report it", "{path}：核对时发生内部错误（{kind}：{reason}），请报告此问题"),
    ("--jobs must be 1 or more, not {n}", "--jobs 必须不小于1，而不是{n}"),
    # outputs
    ("{option} {path}: that is an input ({input}); it would be overwritten. Give another file name",
     "{option} {path}：这是输入文件（{input}），会被覆盖，请换一个文件名"),
    ("{option} {path}: {other} writes the same file; give two different names", "{option} {path}：{other}也写入同一文件，请使用两个不同的文件名"),
    ("{path}: cannot write {what} ({reason})", "{path}：无法写入{what}（{reason}）"),
    ("{path}: the export is an .xlsx workbook; give a name ending in .xlsx", "{path}：导出文件是.xlsx工作簿，请使用以.xlsx结尾的文件名"),
    # configuration
    ("--config and --no-config cannot be used together", "--config 和 --no-config 不能同时使用"),
    ("{path}: --config needs a file, not a folder", "{path}：--config 需要文件，而不是文件夹"),
    ("{path}: has no [tool.budgetcheck] table", "{path}：没有 [tool.budgetcheck] 表"),
    ("{path}: [tool.budgetcheck] must be a table", "{path}：[tool.budgetcheck] 必须是表"),
    ("{path}: {what} file not found", "{path}：未找到{what}文件"),
    ("{path}: cannot read the {what} file ({reason})", "{path}：无法读取{what}文件（{reason}）"),
    ("{path}: invalid TOML: {reason}", "{path}：TOML格式错误：{reason}"),
    ("{where}: unknown configuration key {key} (known keys: {known})", "{where}：未知的配置项{key}（可用配置项：{known}）"),
    ("{where}: 'severity' must be a table, e.g. [tool.budgetcheck.severity]", "{where}：'severity' 必须是表，例如 [tool.budgetcheck.severity]"),
    ("{where}: 'tolerance' must be a table of unit = \"amount\"", "{where}：'tolerance' 必须是“单位 = \"金额\"”形式的表"),
    ("{where}: 'waivers' must be a file path", "{where}：'waivers' 必须是文件路径"),
    ("{where}: severity of {rule} must be one of {levels}, not {value}", "{where}：{rule}的严重程度必须是{levels}之一，而不是{value}"),
    ("{where}: a tolerance must be zero or more, not {value}", "{where}：允许误差必须不小于零，而不是{value}"),
    ("{where}: write the tolerance as a decimal string, e.g. \"0.01\" (money is never a float)",
     "{where}：允许误差请写成十进制字符串，例如 \"0.01\"（金额从不使用浮点数）"),
    ("{where}: unknown unit {unit} in 'tolerance' (units: {units})", "{where}：'tolerance' 中的单位{unit}未知（可用单位：{units}）"),
    ("{where}: {value} is not a decimal number", "{where}：{value}不是十进制数"),
    ("{where}: {key} must be a list of rule ids, names or groups", "{where}：{key}必须是规则编号、名称或分组的列表"),
    ("{where}: {key} must be a table", "{where}：{key}必须是表"),
    ("{where} must be true or false", "{where}必须是 true 或 false"),
    ("--lang must be \"zh\" or \"en\", not {value}", "--lang 必须是 \"zh\" 或 \"en\"，而不是{value}"),
    ("{where} must be \"zh\" or \"en\", not {value}", "{where}必须是 \"zh\" 或 \"en\"，而不是{value}"),
    ("{where} must be \"budget\" or \"final\", not {value}", "{where}必须是 \"budget\" 或 \"final\"，而不是{value}"),
    ("--template {name}: unknown template (known: {known})", "--template {name}：未知的模板（可用模板：{known}）"),
    ("{where} must be \"nearest\" or \"truncate\", not {value}", "{where}必须是 \"nearest\" 或 \"truncate\"，而不是{value}"),
    ("{where}unknown rule {item} (see `budgetcheck rules`; groups: {groups})",
     "{where}未知的规则{item}（见 `budgetcheck rules`；分组：{groups}）"),
    # waivers and baselines
    ("{path}: unknown key {key} (a waiver file holds [[waiver]] tables)", "{path}：未知的键{key}（豁免文件由 [[waiver]] 表组成）"),
    ("{path}: 'waiver' must be a list of tables ([[waiver]])", "{path}：'waiver' 必须是表的列表（[[waiver]]）"),
    ("{where}: unknown waiver key {key} (keys: {keys})", "{where}：未知的豁免键{key}（可用键：{keys}）"),
    ("{where}: waiver key {key} must be a string", "{where}：豁免键{key}必须是字符串"),
    ("{where}: a waiver needs a 'rule'", "{where}：豁免必须有 'rule'"),
    ("{where}: a waiver needs a 'reason'", "{where}：豁免必须有 'reason'"),
    ("{where}: 'expires' must be a date like 2024-12-31", "{where}：'expires' 必须是日期，例如 2024-12-31"),
    ("{path}: baseline file not found (create it with --write-baseline)", "{path}：未找到基线文件（请用 --write-baseline 生成）"),
    ("{path}: not a budgetcheck baseline (version {version} expected)", "{path}：不是budgetcheck基线文件（应为第{version}版）"),
    ("{path}: not a budgetcheck baseline (entries need document and fingerprint)",
     "{path}：不是budgetcheck基线文件（条目需要 document 和 fingerprint）"),
    ("{path}: not a budgetcheck baseline ({reason})", "{path}：不是budgetcheck基线文件（{reason}）"),
    # diff
    ("{year}: expected one {what} document under {folder} whose name or title carries {year2}, found {count} "
     "({listing}); name it in [tool.budgetcheck.documents] or pass the file",
     "年份{year}：{folder}下应恰有一个文件名或标题含{year2}的{what}文档，实际找到{count}个（{listing}），"
     "请在 [tool.budgetcheck.documents] 中指定，或直接给出文件"),
    ("{old} is the {year} budget and {new} the {year2} final accounts: a budget is compared with the final "
     "accounts of its own year",
     "{old}是{year}年预算，{new}是{year2}年决算：预算只与同一年度的决算比较"),
    ("--min-change {value} is not a number", "--min-change {value}不是数字"),
    ("--table {value}: give a table role such as T5", "--table {value}：请给出表的编号，例如 T5"),
    # command line (click's own messages)
    ("No such option {option}.", "没有这个选项{option}。"),
    ("No such option {option}. Did you mean {other}?", "没有这个选项{option}，是否想用{other}？"),
    ("No such option {option}. (Did you mean one of: {options}?)", "没有这个选项{option}（是否想用其中之一：{options}？）"),
    ("No such command {command}.", "没有这个命令{command}。"),
    ("No such command {command}. Did you mean {other}? Did you mean {other2}?", "没有这个命令{command}，是否想用{other}？"),
    ("No such command {command}. Did you mean {other}?", "没有这个命令{command}，是否想用{other}？"),
    ("Missing argument {name}.", "缺少参数{name}。"),
    ("Missing option {name}.", "缺少选项{name}。"),
    ("Option {option} requires an argument.", "选项{option}需要一个参数。"),
    ("Got unexpected extra argument ({args})", "多余的参数（{args}）"),
    ("Got unexpected extra arguments ({args})", "多余的参数（{args}）"),
    ("Invalid value for {name}: {reason}", "{name}的值无效：{reason}"),
    ("{value} is not one of {choices}.", "{value}不是{choices}之一。"),
    ("{value} is not a valid integer.", "{value}不是有效的整数。"),
    ("{value} is not a valid integer range.", "{value}不是有效的整数范围。"),
)

#: Our own English words that appear inside messages as a variable part.
FRAGMENTS: dict[str, str] = {
    "configuration": "配置", "waiver": "豁免", "the report": "报告", "the baseline": "基线",
    "a binary .xlsb workbook": "二进制.xlsb工作簿", "a Word document": "Word文档",
    "an OpenDocument file": "OpenDocument文件", "a zip archive": "zip压缩包",
    "plain text (a CSV renamed?)": "纯文本（改了扩展名的CSV？）", "not a zip file": "非zip文件",
    "UTF-8 or GB18030": "UTF-8或GB18030", "none": "无",
}


def _pattern(template: str) -> re.Pattern[str]:
    parts = re.split(r"\{(\w+)\}", template)
    out = []
    for i, part in enumerate(parts):
        out.append(re.escape(part) if i % 2 == 0 else f"(?P<{part}>.+?)")
    return re.compile("^" + "".join(out) + "$", re.S)


@lru_cache(maxsize=1)
def _compiled() -> tuple[tuple[re.Pattern[str], str], ...]:
    return tuple((_pattern(en), zh) for en, zh in CATALOGUE)


def translate(message: str, lang: str) -> str:
    """``message`` in ``lang`` (zh or en): by its template, else unchanged."""
    if lang != "zh" or not message:
        return message
    for pattern, zh in _compiled():
        m = pattern.match(message)
        if m:
            parts = {k: (translate(v, lang) if k == "reason" else FRAGMENTS.get(v, v)) for k, v in m.groupdict().items()}
            return zh.format(**parts)
    return message


def error_line(message: str, lang: str) -> str:
    """The one stderr line of a run that cannot go on (exit 2)."""
    return f"budgetcheck: error: {translate(message, lang)}"


def lang_of_argv(argv: list[str]) -> str | None:
    """``--lang zh`` / ``--lang=zh`` on the command line, read before the options are
    parsed (a usage error must already speak the language asked for)."""
    for i, arg in enumerate(argv):
        if arg == "--lang" and i + 1 < len(argv):
            return argv[i + 1]
        if arg.startswith("--lang="):
            return arg.split("=", 1)[1]
    return None


# --- words of the reports ------------------------------------------------------------------

WORDS: dict[str, dict[str, str]] = {
    "en": {"document": "document", "errors": "errors", "warnings": "warnings", "notices": "notices",
           "waived": "waived", "baseline": "in baseline", "status": "status", "ok": "ok", "unreadable": "unreadable",
           "not verified": "not verified", "partly verified": "partly verified",
           "summary": "Summary", "waivers": "waivers", "id": "id", "name": "name", "severity": "severity",
           "group": "group", "checks": "what it checks", "error": "error", "warning": "warning", "notice": "notice",
           "tables": "tables written", "default": "default", "from_locale": "default (from the locale)",
           "command_line": "command line", "not_set": "not set", "file": "configuration file", "none": "(none)",
           "reserved": "used by `budgetcheck diff` to find a year's documents", "examples": "Examples",
           "fails": "fails", "passes": "passes", "default_severity": "default severity", "configured": "configured",
           "in_group": "group", "documentation": ""},
    "zh": {"document": "文档", "errors": "错误", "warnings": "警告", "notices": "提示", "waived": "已豁免",
           "baseline": "在基线中", "status": "状态", "ok": "通过", "unreadable": "无法读取",
           "not verified": "未核对", "partly verified": "部分核对", "summary": "汇总",
           "waivers": "豁免", "id": "编号", "name": "名称", "severity": "严重程度", "group": "分组",
           "checks": "核对内容", "error": "错误", "warning": "警告", "notice": "提示", "tables": "张表已写入",
           "default": "默认", "from_locale": "默认（取自系统语言环境）", "command_line": "命令行", "not_set": "未设置",
           "file": "配置文件", "none": "（无）", "reserved": "供 `budgetcheck diff` 查找各年度文档", "examples": "示例",
           "fails": "不通过", "passes": "通过", "default_severity": "默认严重程度", "configured": "配置为",
           "in_group": "分组", "documentation": "规则说明（英文原文）"},
}


def word(key: str, lang: str) -> str:
    return WORDS.get(lang, WORDS["en"]).get(key, WORDS["en"][key])


#: Each rule's one-line summary in Chinese (``budgetcheck rules --lang zh``, ``explain``).
RULE_SUMMARY_ZH: dict[str, str] = {
    "BC001": "行内单元格无法确定地对应到各列。",
    "BC002": "金额列中的单元格不是数字（按空白处理）。",
    "BC003": "工作簿中隐藏的行、列或工作表里有数字。",
    "BC004": "按标题识别出的表未能读出任何一行，或文本的制表符丢失、按空格还原了单元格。",
    "BC007": "预算缺少全国统一的核心表（使用 --require-tables 时）。",
    "BC010": "表内勾稽关系在多数行中不成立：本表未能正确理解，仅提示一次。",
    "BC005": "表格缺少合计行，或文本在最后一张表中途结束。",
    "BC006": "文中列出的附表在文本中缺失。",
    "BC051": "正文或表格中留有模板占位符（XX局、××、20XX年、x,xxx.xx万元、【单位名称】、待填写等）。",
    "BC052": "标题、表名或截止日期所写的年份与本文档的年度不一致。",
    "BC053": "表头或标题所列单位不是本部门（疑似从其他部门的文档复制而来）。",
    "BC091": "豁免条目未匹配到任何结果。",
    "BC092": "豁免条目已过期。",
    "BC101": "每一行中，各小计等于其所含各列之和。",
    "BC102": "每个上级科目等于其下级科目之和（各金额列）。",
    "BC103": "合计行等于各顶级行（类，或各部门）之和。",
    "BC104": "T1、T4收支平衡：本年合计 = 各行之和，总计 = 本年合计 + 结转，收入总计 = 支出总计。",
    "BC111": "总表与明细表一致。",
    "BC112": "按科目，T3财政拨款 = T5一般公共预算 + T8政府性基金（+ 国有资本经营），逐列核对。",
    "BC113": "T6（基本支出经济分类）与T5一致，且各类支出在正确的列中。",
    "BC114": "项目支出决算表各科目的合计与一般公共预算财政拨款支出决算表的项目支出一致。",
    "BC121": "T6中的基本支出项目不超过T7的“三公”经费预算。",
    "BC122": "说明所列会议费明细表、培训费明细表的金额之和，等于“三公”经费及会议费、培训费表中的会议费、培训费。",
    "BC123": "机关运行经费、政府采购和国有资产占用信息表内部一致：政府采购支出等于货物、工程、服务之和，授予中小企业（小微企业）合同金额不超过其总额，车辆总数等于各类车辆之和。",
    "BC131": "注明为空表的表格与其金额一致。",
    "BC141": "T10的支出结构相加一致，并与所述预算相符。",
    "BC142": "T10每个目标的涉及财政资金等于其涉及项目中所列金额之和。",
    "BC143": "T11每个项目表中，其中：财政拨款数不超过预算资金。",
    "BC144": "绩效自评表中每项指标得分不超过分值，总分的分值与得分等于各行之和。",
    "BC145": "绩效自评表中执行率等于全年执行数除以全年预算数。",
    "BC146": "绩效自评表中一级指标标明的分值等于其下各指标分值之和（警告：标签可能沿用表样默认分值）。",
    "BC151": "同一科目编码在各表中名称相同。",
    "BC152": "同一编码在一张表中只出现一次。",
    "BC153": "每个款、项编码都有上级行，每个有金额的上级都有下级。",
    "BC154": "总表的每个支出行都对应已知的类。",
    "BC161": "金额单位填错（万元表中填了元，或相反）。",
    "BC171": "合计公式包含了合计所代表的每一行（或列）。",
    "BC201": "正文所述的表内金额与该金额一致。",
    "BC202": "正文列举的每个“X（类）Y（款）Z（项）N万元”等于T5中该项的合计。",
    "BC203": "T5中合计不为零的每个项都在正文中列举。",
    "BC204": "正文所述一级项目个数等于T11项目表的张数。",
    "BC205": "说明所称部门决算反映的项目绩效自评个数，与文中项目绩效自评表的张数一致。",
    "BC211": "所述增减自洽：“A，比上年增加D，增长P%”意味着 P = D / (A − D)。",
    "BC212": "总数与其下所列各部分（其中、分别是、列举）一致。",
    "BC213": "所述比率与其数字一致：完成率、整改率、结案率等。",
    "BC214": "同一部门同一年度的多份文档中，同一数字一致。",
    "BC215": "正文所述的占比与其金额和总数一致：X，占P%意味着 P = X / 总数。",
    "BC216": "决算说明所述的执行情况自洽：完成年初预算的P%意味着 P = 决算数 / 年初预算数，决算数大于（小于、等于）预算数与两数相符。",
    "BC218": "决算数大于预算数时，决算说明应说明原因（执行情况句子及三公经费各项）。",
    "BC217": "决算说明所述的支出决算数与表一致：项级科目对应一般公共预算财政拨款支出决算表，项目对应其绩效自评表（含自评得分）。",
    "BC219": "所述与上年相比的增减额、增减幅度，与表中本年数和上年数一致。",
    "BC301": "新一年文档所述的增减与上一年文档一致。",
    "BC302": "决算所述的年初预算数（三公经费表的预算数、说明中的年初预算为A、绩效自评表的年初预算数）与当年部门预算一致（diff 预算 决算）。",
    "BC303": "本年决算的年初结转和结余等于上年决算的年末结转和结余（diff 两年决算）。",
}


#: The words of the HTML reports (reporters/html_report.py, html_grid.py, html_diff.py): every
#: English word or phrase they write, and its Chinese; tests/test_html_report.py checks
#: that both languages have the same keys and that the Chinese is Chinese.
HTML_WORDS: dict[str, dict[str, str]] = {
    "en": {"title": "budgetcheck report", "summary": "Summary", "document": "document", "kind": "kind",
           "found": "tables found", "missing": "tables missing", "run": "checks run", "skipped": "checks skipped",
           "errors": "errors", "warnings": "warnings", "notices": "notices", "status": "status",
           "verified": "verified", "partly verified": "partly verified", "not verified": "not verified",
           "budget": "budget (预算)", "final": "final accounts (决算)", "report": "work report", "other": "other",
           "needs": "needs {tables}", "not_understood": "not understood: {tables}", "none": "none",
           "cannot": "cannot be read", "tables": "Tables as read", "table_findings": "findings on this table",
           "item": "item", "unit": "unit: {unit}", "line": "line {n}", "row": "row", "column": "column",
           "expected": "expected", "actual": "actual", "difference": "difference", "tolerance": "tolerance",
           "error": "error", "warning": "warning", "notice": "notice", "waived": "waived", "baseline": "in baseline",
           "prose": "Claims of the text", "sentence": "sentence", "other_findings": "Other findings",
           "no_findings": "no findings", "related": "related cells", "reread": "the tables could not be read again "
           "for this report", "legend": "red: error · amber: warning · grey: notice · outlined: a related cell",
           "documents": "{n} documents", "diff_title": "Changes", "chart": "Largest changes", "rate_chart":
           "Execution rate by subject", "subject": "subject", "added": "added", "removed": "removed",
           "renamed": "renamed", "stated": "Stated changes", "quantity": "quantity", "stated_as": "stated",
           "confirmed": "confirmed", "contradicted": "contradicted", "unchecked": "unchecked", "findings": "Findings",
           "no_changes": "no changes", "old": "old", "new": "new", "change": "change", "pct": "%",
           "basic": "Δ basic", "project": "Δ project", "rate": "rate", "budget_col": "budget", "final_col": "final",
           "diff_col": "difference", "diff_summary": "{confirmed} confirmed, {contradicted} contradicted, "
           "{unchecked} unchecked", "execution_summary": "{n} subjects; {errors} stated 年初预算数 contradicted by "
           "the budget", "execution": "Budget execution", "years": "Budget changes", "table": "table",
           "code": "code", "name": "name", "line_head": "line"},
    "zh": {"title": "budgetcheck 核对报告", "summary": "汇总", "document": "文档", "kind": "类型",
           "found": "已识别的表", "missing": "缺少的表", "run": "已运行的核对", "skipped": "未运行的核对",
           "errors": "错误", "warnings": "警告", "notices": "提示", "status": "结论",
           "verified": "已核对", "partly verified": "部分核对", "not verified": "未核对",
           "budget": "预算", "final": "决算", "report": "工作报告", "other": "其他",
           "needs": "缺少{tables}表", "not_understood": "未能理解：{tables}", "none": "无",
           "cannot": "无法读取", "tables": "读出的表", "table_findings": "本表的核对结果",
           "item": "项目", "unit": "单位：{unit}", "line": "第{n}行", "row": "行", "column": "列",
           "expected": "应为", "actual": "实为", "difference": "差额", "tolerance": "允许误差",
           "error": "错误", "warning": "警告", "notice": "提示", "waived": "已豁免", "baseline": "在基线中",
           "prose": "正文所述数字", "sentence": "原句", "other_findings": "其他核对结果",
           "no_findings": "无核对结果", "related": "相关单元格", "reread": "本报告未能重新读出各表",
           "legend": "红色：错误 · 琥珀色：警告 · 灰色：提示 · 加框：相关单元格",
           "documents": "共{n}份文档", "diff_title": "变化", "chart": "变化最大的科目", "rate_chart":
           "各科目预算执行率", "subject": "科目", "added": "新增", "removed": "取消",
           "renamed": "更名", "stated": "正文所述增减", "quantity": "项目", "stated_as": "所述",
           "confirmed": "属实", "contradicted": "不符", "unchecked": "未核对", "findings": "核对结果",
           "no_changes": "没有变化", "old": "上年", "new": "本年", "change": "增减", "pct": "增减%",
           "basic": "基本增减", "project": "项目增减", "rate": "执行率", "budget_col": "预算数", "final_col": "决算数",
           "diff_col": "差额", "diff_summary": "{confirmed}项属实，{contradicted}项不符，{unchecked}项未核对",
           "execution_summary": "共{n}个科目；{errors}处所述年初预算数与部门预算不符",
           "execution": "预算执行", "years": "预算变化", "table": "表", "code": "科目编码", "name": "名称", "line_head": "行"},
}


def html_word(key: str, lang: str, **parts: object) -> str:
    """One word of the HTML reports in ``lang``, its named parts filled in."""
    text = HTML_WORDS["zh" if lang == "zh" else "en"][key]
    return text.format(**parts) if parts else text
