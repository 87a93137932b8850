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


#: The economic classification (部门预算支出经济分类) by name: 类 and the common 款.  Tables
#: printed without codes (names indented by level) get their codes back from it, so that
#: they can be compared with the coded tables (30217 公务接待费 with the 三公 budget …).
ECONOMIC: dict[str, str] = {
    "301": "工资福利支出", "302": "商品和服务支出", "303": "对个人和家庭的补助", "307": "债务利息及费用支出",
    "309": "资本性支出（基本建设）", "310": "资本性支出", "311": "对企业补助（基本建设）", "312": "对企业补助",
    "313": "对社会保障基金补助", "399": "其他支出",
    "30101": "基本工资", "30102": "津贴补贴", "30103": "奖金", "30106": "伙食补助费", "30107": "绩效工资",
    "30108": "机关事业单位基本养老保险缴费", "30109": "职业年金缴费", "30110": "职工基本医疗保险缴费",
    "30111": "公务员医疗补助缴费", "30112": "其他社会保障缴费", "30113": "住房公积金", "30114": "医疗费",
    "30199": "其他工资福利支出",
    "30201": "办公费", "30202": "印刷费", "30203": "咨询费", "30204": "手续费", "30205": "水费", "30206": "电费",
    "30207": "邮电费", "30208": "取暖费", "30209": "物业管理费", "30211": "差旅费", "30212": "因公出国（境）费用",
    "30213": "维修（护）费", "30214": "租赁费", "30215": "会议费", "30216": "培训费", "30217": "公务接待费",
    "30218": "专用材料费", "30224": "被装购置费", "30225": "专用燃料费", "30226": "劳务费", "30227": "委托业务费",
    "30228": "工会经费", "30229": "福利费", "30231": "公务用车运行维护费", "30239": "其他交通费用",
    "30240": "税金及附加费用", "30299": "其他商品和服务支出",
    "30301": "离休费", "30302": "退休费", "30303": "退职（役）费", "30304": "抚恤金", "30305": "生活补助",
    "30306": "救济费", "30307": "医疗费补助", "30308": "助学金", "30309": "奖励金", "30310": "个人农业生产补贴",
    "30311": "代缴社会保险费", "30399": "其他对个人和家庭的补助",
    "31001": "房屋建筑物购建", "31002": "办公设备购置", "31003": "专用设备购置", "31005": "基础设施建设",
    "31006": "大型修缮", "31007": "信息网络及软件购置更新", "31008": "物资储备", "31009": "土地补偿",
    "31010": "安置补助", "31011": "地上附着物和青苗补偿", "31012": "拆迁补偿", "31013": "公务用车购置",
    "31019": "其他交通工具购置", "31021": "文物和陈列品购置", "31022": "无形资产购置", "31099": "其他资本性支出",
}
_ECONOMIC_BY_NAME: dict[tuple[str, str], str] = {}
for _code, _name in ECONOMIC.items():
    _ECONOMIC_BY_NAME[(_code[:3] if len(_code) > 3 else "", normalise_name(_name))] = _code


def economic_code(name: str, parent: str = "") -> str | None:
    """The economic code of a class (no parent) or of an item under class ``parent``."""
    return _ECONOMIC_BY_NAME.get((parent, normalise_name(strip_enumerator(name))))
