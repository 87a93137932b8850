"""Names and codes the synthetic documents are built from.

Why a catalogue: the checker matches codes to names across tables and maps the
overview tables' 类 names (一、一般公共服务支出 …) to codes, so synthetic
documents must use real, mutually consistent code/name pairs or they would
exercise nothing but the generator's imagination.  The 类 lines and the economic
names are the checker's own catalogue (``core/catalogue.py``); the functional 款 and
项 below follow the 2023 支出功能分类科目, and tests/test_synth.py checks them against
the checker's catalogue (``FUNCTIONS``) wherever it knows the code.  Department, unit
and project names are invented (no real department is implied).
"""

from __future__ import annotations

from budgetcheck.core.catalogue import CLASSES, ECONOMIC as CORE_ECONOMIC

# The 30 expenditure lines of T1/T4, in order, with the 类 code each names: the checker's
# own catalogue (core/catalogue.py), so that the generator and the reader cannot drift.
T1_CLASS_LINES: tuple[tuple[str, str], ...] = tuple(CLASSES.items())

CN_NUMERALS: tuple[str, ...] = (
    "一", "二", "三", "四", "五", "六", "七", "八", "九", "十",
    "十一", "十二", "十三", "十四", "十五", "十六", "十七", "十八", "十九", "二十",
    "二十一", "二十二", "二十三", "二十四", "二十五", "二十六", "二十七", "二十八",
    "二十九", "三十",
)

# Functional classification used for T3/T5 trees: 3-digit 类, 5-digit 款,
# 7-digit 项, one per line, parsed into FUNCTIONAL below.
_FUNCTIONAL_TEXT = """
201 一般公共服务支出
20103 政府办公厅（室）及相关机构事务
2010301 行政运行
2010302 一般行政管理事务
2010303 机关服务
2010308 信访事务
2010350 事业运行
2010399 其他政府办公厅（室）及相关机构事务支出
20105 统计信息事务
2010501 行政运行
2010502 一般行政管理事务
2010505 专项统计业务
2010507 专项普查活动
20106 财政事务
2010601 行政运行
2010602 一般行政管理事务
2010607 信息化建设
2010650 事业运行
20113 商贸事务
2011301 行政运行
2011302 一般行政管理事务
2011308 招商引资
2011399 其他商贸事务支出
205 教育支出
20501 教育管理事务
2050101 行政运行
2050102 一般行政管理事务
2050199 其他教育管理事务支出
20502 普通教育
2050201 学前教育
2050202 小学教育
2050203 初中教育
2050204 高中教育
20503 职业教育
2050302 中等职业教育
2050303 技校教育
2050305 高等职业教育
20508 进修及培训
2050801 教师进修
2050802 干部教育
2050803 培训支出
206 科学技术支出
20601 科学技术管理事务
2060101 行政运行
2060102 一般行政管理事务
2060199 其他科学技术管理事务支出
20604 技术研究与开发
2060401 机构运行
2060404 科技成果转化与扩散
2060499 其他技术研究与开发支出
20607 科学技术普及
2060701 机构运行
2060702 科普活动
2060705 科技馆站
20699 其他科学技术支出
2069999 其他科学技术支出
208 社会保障和就业支出
20801 人力资源和社会保障管理事务
2080101 行政运行
2080102 一般行政管理事务
2080105 劳动保障监察
2080106 就业管理事务
2080108 信息化建设
2080109 社会保险经办机构
2080112 劳动人事争议调解仲裁
2080116 引进人才费用
2080150 事业运行
2080199 其他人力资源和社会保障管理事务支出
20805 行政事业单位养老支出
2080501 行政单位离退休
2080502 事业单位离退休
2080505 机关事业单位基本养老保险缴费支出
2080506 机关事业单位职业年金缴费支出
20807 就业补助
2080701 就业创业服务补贴
2080702 职业培训补贴
2080704 社会保险补贴
2080711 就业见习补贴
2080712 高技能人才培养补助
20808 抚恤
2080801 死亡抚恤
2080802 伤残抚恤
20899 其他社会保障和就业支出
2089999 其他社会保障和就业支出
210 卫生健康支出
21001 卫生健康管理事务
2100101 行政运行
2100102 一般行政管理事务
2100199 其他卫生健康管理事务支出
21004 公共卫生
2100401 疾病预防控制机构
2100402 卫生监督机构
2100408 基本公共卫生服务
2100409 重大公共卫生服务
21011 行政事业单位医疗
2101101 行政单位医疗
2101102 事业单位医疗
2101103 公务员医疗补助
2101199 其他行政事业单位医疗支出
212 城乡社区支出
21201 城乡社区管理事务
2120101 行政运行
2120102 一般行政管理事务
2120104 城管执法
2120199 其他城乡社区管理事务支出
21203 城乡社区公共设施
2120303 小城镇基础设施建设
2120399 其他城乡社区公共设施支出
21205 城乡社区环境卫生
2120501 城乡社区环境卫生
213 农林水支出
21301 农业农村
2130101 行政运行
2130102 一般行政管理事务
2130108 病虫害控制
2130122 农业生产发展
2130199 其他农业农村支出
21303 水利
2130301 行政运行
2130305 水利工程建设
2130306 水利工程运行与维护
2130314 防汛
21308 普惠金融发展支出
2130803 农业保险保费补贴
2130804 创业担保贷款贴息及奖补
215 资源勘探工业信息等支出
21505 工业和信息产业监管
2150501 行政运行
2150502 一般行政管理事务
2150510 工业和信息产业支持
2150599 其他工业和信息产业监管支出
21599 其他资源勘探工业信息等支出
2159999 其他资源勘探工业信息等支出
221 住房保障支出
22102 住房改革支出
2210201 住房公积金
2210202 提租补贴
2210203 购房补贴
"""


def _parse_functional(text: str) -> dict[str, tuple[str, dict[str, tuple[str, list[tuple[str, str]]]]]]:
    tree: dict[str, tuple[str, dict[str, tuple[str, list[tuple[str, str]]]]]] = {}
    for line in text.strip().splitlines():
        code, name = line.split(" ", 1)
        if len(code) == 3:
            tree[code] = (name, {})
        elif len(code) == 5:
            tree[code[:3]][1][code] = (name, [])
        else:
            tree[code[:3]][1][code[:5]][1].append((code, name))
    return tree


#: 类 code -> (类 name, {款 code -> (款 name, [(项 code, 项 name), ...])})
FUNCTIONAL = _parse_functional(_FUNCTIONAL_TEXT)

# 项 names that are pure personnel cost (basic expenditure, 人员经费 only).
PERSONNEL_ITEM_WORDS = ("离退休", "养老保险缴费", "职业年金", "单位医疗", "医疗补助",
                        "医疗支出", "住房公积金", "提租补贴", "购房补贴", "抚恤")
# 项 names that are mainly basic expenditure (人员 + 公用).
BASIC_ITEM_WORDS = ("行政运行", "事业运行", "机构运行")

# Economic classification for T6: group -> (group name, [(款 code, name)]), plus which
# 款 are always present (a department always pays salaries).  The generator chooses
# which 款 a synthetic budget uses; their names are the checker's own catalogue
# (core/catalogue.py ECONOMIC), so that the two cannot drift.
_ECONOMIC_CODES: dict[str, tuple[str, ...]] = {
    "301": ("30101", "30102", "30103", "30106", "30107", "30108", "30109", "30110", "30111", "30112", "30113",
            "30114", "30199"),
    "302": ("30201", "30202", "30203", "30204", "30205", "30206", "30207", "30209", "30211", "30212", "30213",
            "30214", "30215", "30216", "30217", "30218", "30226", "30227", "30228", "30229", "30231", "30239",
            "30299"),
    "303": ("30301", "30302", "30304", "30305", "30307", "30309", "30399"),
    "310": ("31002", "31003", "31007", "31013", "31099"),
}
ECONOMIC: dict[str, tuple[str, list[tuple[str, str]]]] = {
    group: (CORE_ECONOMIC[group], [(code, CORE_ECONOMIC[code]) for code in codes])
    for group, codes in _ECONOMIC_CODES.items()
}
ECONOMIC_ALWAYS = ("30101", "30102", "30108", "30113", "30201")
# T6 款 bounded by a T7 三公 figure: economic code -> T7 key.
SANGONG_CODES = {"30212": "出国", "31013": "购置", "30231": "运行", "30217": "接待"}

CITIES = ("东江市", "临川市", "云溪市", "南屏市", "青岚市", "白沙市")
DEPARTMENTS = ("人力资源和社会保障局", "科学技术局", "教育局", "卫生健康委员会",
               "农业农村局", "工业和信息化局", "城市管理局")
UNIT_SUFFIXES = ("信息中心", "人才服务中心", "综合执法支队", "职业培训中心", "考试测评中心",
                 "档案馆", "事务服务中心", "研究所", "监测站", "发展促进中心",
                 "技术推广站", "宣传教育中心", "机关后勤服务中心", "仲裁院")

PROJECTS = ("人才扶持", "就业专项资金", "信息化专项资金", "业务管理经费", "创业担保贷款贴息",
            "技工院校中等职业教育", "社会保障补助", "公共卫生服务", "农业生产发展",
            "科技成果转化", "城乡社区环境整治", "网络安全运维", "档案数字化",
            "职业技能提升", "基层服务能力建设", "执法装备更新")
TRANSFERS = ("社保补贴补差资金", "劳务协作奖补资金", "新引进人才生活补贴",
             "创业担保贷款贴息补助", "基层公共服务补助资金", "技能培训补助资金")
GOAL_TASKS = ("人才队伍建设", "促进就业和创业", "健全保障体系", "提升公共服务",
              "推进信息化建设", "加强基层治理")
INDICATORS = (("服务对象人数", "大于等于", "2000", "人"), ("系统正常运行率", "大于等于", "95", "%"),
              ("补贴发放及时率", "大于等于", "90", "%"), ("培训场次", "大于等于", "15", "场"),
              ("服务对象满意度", "大于等于", "85", "%"), ("故障修复响应时间", "小于等于", "24", "小时"))
ITEM_WORDS = ("业务经费", "专项经费", "补贴", "运维费", "工作经费", "补助资金")
