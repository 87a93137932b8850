"""The 类-level catalogue of the functional classification (支出功能分类).

The overview tables (T1, T4) list expenditure by class *name* (一、一般公共服务支出 …
三十、抗疫特别国债安排的支出) and never print a code, so comparing them with the coded
tables needs this name → code map.  Class names were renamed over the years; the old
names are kept as aliases so that documents of any year resolve to the same code.
"""

from __future__ import annotations

import re

CLASSES: dict[str, str] = {
    "201": "一般公共服务支出",
    "202": "外交支出",
    "203": "国防支出",
    "204": "公共安全支出",
    "205": "教育支出",
    "206": "科学技术支出",
    "207": "文化旅游体育与传媒支出",
    "208": "社会保障和就业支出",
    "209": "社会保险基金支出",
    "210": "卫生健康支出",
    "211": "节能环保支出",
    "212": "城乡社区支出",
    "213": "农林水支出",
    "214": "交通运输支出",
    "215": "资源勘探工业信息等支出",
    "216": "商业服务业等支出",
    "217": "金融支出",
    "219": "援助其他地区支出",
    "220": "自然资源海洋气象等支出",
    "221": "住房保障支出",
    "222": "粮油物资储备支出",
    "223": "国有资本经营预算支出",
    "224": "灾害防治及应急管理支出",
    "227": "预备费",
    "229": "其他支出",
    "230": "转移性支出",
    "231": "债务还本支出",
    "232": "债务付息支出",
    "233": "债务发行费用支出",
    "234": "抗疫特别国债安排的支出",
}

#: Names used in earlier years (or by other templates) for the same class.
RENAMES: dict[str, str] = {
    "文化体育与传媒支出": "207",
    "文化旅游体育传媒支出": "207",
    "医疗卫生与计划生育支出": "210",
    "医疗卫生支出": "210",
    "卫生健康": "210",
    "资源勘探信息等支出": "215",
    "资源勘探电力信息等支出": "215",
    "国土海洋气象等支出": "220",
    "国土资源气象等支出": "220",
    "粮油物资储备管理支出": "222",
    "粮油物资管理支出": "222",
    "金融监管等事务支出": "217",
    "商业服务业支出": "216",
    "其他国债安排的支出": "234",
}

_NAME_TO_CODE = {name: code for code, name in CLASSES.items()} | RENAMES

# "一、", "(一)", "（一）", "1." and similar enumerators before a class name.
_ENUMERATOR = re.compile(r"^\s*(?:[（(]?[一二三四五六七八九十百]+[)）、.．]|[（(]?\d+[)）、.．])\s*")


def strip_enumerator(label: str) -> str:
    """``一、教育支出`` → ``教育支出``; also drops inner spaces."""
    return re.sub(r"\s+", "", _ENUMERATOR.sub("", label))


def normalise_name(name: str) -> str:
    """Spacing and full/half-width brackets do not make a different name."""
    return re.sub(r"\s+", "", name).replace("（", "(").replace("）", ")")


def class_code(label: str) -> str | None:
    """The 3-digit class code for an overview-table line, or None if unknown."""
    return _NAME_TO_CODE.get(normalise_name(strip_enumerator(label)))


def canonical_name(code: str) -> str | None:
    return CLASSES.get(code)
