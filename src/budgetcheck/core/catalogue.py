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


#: The functional classification below the 类, by name under its parent: the 款 of the
#: common classes and the 项 that are not named by the classification's own pattern.
#: Tables printed by name only (Zhejiang: the level is the indentation) get their 款
#: and 项 codes back from it; a name not listed keeps no code (nothing is guessed).
FUNCTIONS: dict[str, str] = {
    # 201 一般公共服务支出
    "20101": "人大事务", "20102": "政协事务", "20103": "政府办公厅（室）及相关机构事务", "20104": "发展与改革事务",
    "20105": "统计信息事务", "20106": "财政事务", "20107": "税收事务", "20108": "审计事务", "20109": "海关事务",
    "20111": "纪检监察事务", "20113": "商贸事务", "20114": "知识产权事务", "20123": "民族事务", "20125": "港澳台事务",
    "20126": "档案事务", "20128": "民主党派及工商联事务", "20129": "群众团体事务",
    "20131": "党委办公厅（室）及相关机构事务", "20132": "组织事务", "20133": "宣传事务", "20134": "统战事务",
    "20135": "对外联络事务", "20136": "其他共产党事务支出", "20137": "网信事务", "20138": "市场监督管理事务",
    "20140": "信访事务",
    # 204 公共安全支出
    "20401": "武装警察部队", "20402": "公安", "20403": "国家安全", "20404": "检察", "20405": "法院", "20406": "司法",
    "20407": "监狱", "20408": "强制隔离戒毒", "20409": "国家保密", "20410": "缉私警察",
    "2040604": "基层司法业务", "2040605": "普法宣传", "2040606": "律师管理", "2040607": "公共法律服务",
    "2040608": "国家统一法律职业资格考试", "2040610": "社区矫正", "2040612": "法治建设",
    "2040704": "罪犯生活及医疗卫生", "2040705": "监狱业务及罪犯改造", "2040706": "狱政设施建设",
    "2040804": "强制隔离戒毒人员生活", "2040805": "强制隔离戒毒人员教育", "2040806": "所政设施建设",
    # 205 教育支出, 206 科学技术支出, 207 文化旅游体育与传媒支出
    "20501": "教育管理事务", "20502": "普通教育", "20503": "职业教育", "20507": "特殊教育", "20508": "进修及培训",
    "20601": "科学技术管理事务", "20602": "基础研究", "20603": "应用研究", "20604": "技术研究与开发",
    "20605": "科技条件与服务", "20607": "科学技术普及",
    "20701": "文化和旅游", "20702": "文物", "20703": "体育", "20706": "新闻出版电影", "20708": "广播电视",
    # 208 社会保障和就业支出
    "20801": "人力资源和社会保障管理事务", "20802": "民政管理事务", "20805": "行政事业单位养老支出",
    "20807": "就业补助", "20808": "抚恤", "20809": "退役安置", "20810": "社会福利", "20811": "残疾人事业",
    "20819": "最低生活保障", "20820": "临时救助", "20821": "特困人员救助供养", "20828": "退役军人管理事务",
    "20826": "财政对基本养老保险基金的补助",
    "2080501": "行政单位离退休", "2080502": "事业单位离退休", "2080503": "离退休人员管理机构",
    "2080505": "机关事业单位基本养老保险缴费支出", "2080506": "机关事业单位职业年金缴费支出",
    # 210 卫生健康支出
    "21001": "卫生健康管理事务", "21002": "公立医院", "21003": "基层医疗卫生机构", "21004": "公共卫生",
    "21006": "中医药", "21007": "计划生育事务", "21011": "行政事业单位医疗", "21012": "财政对基本医疗保险基金的补助",
    "21013": "医疗救助", "21015": "医疗保障管理事务", "21016": "老龄卫生健康事务",
    "2101101": "行政单位医疗", "2101102": "事业单位医疗", "2101103": "公务员医疗补助",
    # 211 节能环保支出 … 224 灾害防治及应急管理支出
    "21101": "环境保护管理事务", "21103": "污染防治", "21104": "自然生态保护",
    "21201": "城乡社区管理事务", "21202": "城乡社区规划与管理", "21203": "城乡社区公共设施",
    "21205": "城乡社区环境卫生",
    "21301": "农业农村", "21302": "林业和草原", "21303": "水利", "21307": "农村综合改革",
    "21401": "公路水路运输", "21402": "铁路运输", "21403": "民用航空运输",
    "21505": "工业和信息产业监管", "21508": "支持中小企业发展和管理支出",
    "21602": "商业流通事务", "22001": "自然资源事务", "22005": "气象事务",
    "22401": "应急管理事务", "22402": "消防救援事务",
    # 221 住房保障支出
    "22101": "保障性安居工程支出", "22102": "住房改革支出",
    "2210201": "住房公积金", "2210202": "提租补贴", "2210203": "购房补贴",
}
_FUNCTIONS_BY_NAME: dict[tuple[str, str], str] = {}
for _code, _name in FUNCTIONS.items():
    _FUNCTIONS_BY_NAME[(_code[:-2], normalise_name(_name))] = _code
#: 项 named alike under every 款 that has them: the classification's own pattern.
_ITEMS = {"行政运行": "01", "一般行政管理事务": "02", "机关服务": "03", "事业运行": "50"}


def function_code(name: str, parent: str, parent_name: str) -> str | None:
    """The functional code of a 款 (``parent`` a 类) or 项 (``parent`` a 款) named
    ``name``: from the catalogue, from the pattern every 款 follows (行政运行 01, 一般行政
    管理事务 02, 机关服务 03, 事业运行 50), or the bucket of its parent, ``其他`` + the
    parent's name (其他司法支出 under 司法: 99); None when the name is not known."""
    if len(parent) not in (3, 5) or not parent.isdigit():
        return None
    mine = normalise_name(strip_enumerator(name))
    found = _FUNCTIONS_BY_NAME.get((parent, mine))
    if found:
        return found
    if len(parent) == 5 and mine in _ITEMS:
        return parent + _ITEMS[mine]
    above = normalise_name(strip_enumerator(parent_name))
    if above and mine.startswith("其他") and mine.endswith("支出"):
        stem = above[:-2] if above.endswith("支出") else above
        if mine in (above, "其他" + above, "其他" + stem + "支出") and (mine != above or above.startswith("其他")):
            return parent + "99"
    return None
