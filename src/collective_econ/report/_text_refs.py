"""The report's catalogue, continued: the sources the register cites, and the glossary.

The register's sources cite two documents of the project by their old file names
(``seed-facts.md``, ``domain-reference.md``); both are reproduced in the repository's
``docs/sources.md``, under the same section numbers. The report names them as the
documents they are (:mod:`._references`) and lists them, with their sections, below the
register. Merged into :data:`._text.CATALOGUE`; each entry is ``key: (English, Chinese)``
with the same fields and the same numbers in both.
"""

from __future__ import annotations

from ..citations import CASE_SECTIONS, DOMAIN_SECTIONS

__all__ = ["CASE_SECTIONS", "DOMAIN_SECTIONS", "ENTRIES", "GLOSSARY"]


GLOSSARY: tuple[str, ...] = (
    "dibao", "mu", "real", "npv", "discount", "irr", "payback", "ci", "ploss", "restored",
    "line", "headcount", "aaov", "rcc", "lal", "asf", "bsg", "dm", "shares", "swap", "group",
)  # fmt: skip
"""The glossary's terms, in the order shown (entries ``gl.<term>`` and ``gl.<term>.t``)."""

ENTRIES: dict[str, tuple[str, str]] = {
    # --- the sources the register cites ------------------------------------------------------
    "refs.case": ("case report", "案例报告"),
    "refs.domain": ("domain reference", "领域参考资料"),
    "refs.h": ("The documents the register cites", "清单所引文献"),
    "refs.intro": (
        "The register cites two documents of the project, both reproduced in full in the "
        "repository's `docs/sources.md` under the same section numbers. Laws, statistics and "
        "papers are cited by name; their full references are under 'Published sources' on "
        "the same page.",
        "本清单引用项目的两份文献，二者全文收录于代码库的 `docs/sources.md`，章节编号相同。"
        "法律、统计资料和论文按名称引用，其完整出处见同一页面的“已出版文献”部分。",
    ),
    "refs.case.about": (
        "Case report: the report of the Caopijie (草皮街) community Party branch, Yun County, "
        "Lincang, Yunnan, c. 2009-2010, on how its landless residents earn a living; every "
        "figure with its Chinese wording (docs/sources.md, 'The case report'). Its sections:",
        "案例报告：云南省临沧市云县草皮街社区党总支关于失地居民生计的报告（约2009-2010年），"
        "逐项列出每个数字及其中文原文（`docs/sources.md`，“案例报告”部分）。各节：",
    ),
    "refs.domain.about": (
        "Domain reference: the project's compilation of figures for what the case report does "
        "not say (compensation, prices, yields, wages, household statistics), each marked "
        "sourced, well-known or estimate (docs/sources.md, 'The domain reference'). Its "
        "sections:",
        "领域参考资料：本项目为案例报告未涉及的内容（补偿、价格、产量、工资、住户统计）汇编的"
        "数字，每项标明“有出处”“常识”或“估计”（`docs/sources.md`，“领域参考资料”部分）。各节：",
    ),
    "refs.seed.1": ("land-for-shares compensation", "土地入股分红"),
    "refs.seed.2": (
        "hog farming on brewery spent grain ('enterprise + base + households')",
        "以啤酒糟养猪（“企业+基地+农户”）",
    ),
    "refs.seed.3": ("factory work ('enterprise + labour export')", "进厂务工（“企业+劳务输出”）"),
    "refs.seed.4": ("the collective economy", "村集体经济"),
    "refs.seed.5": ("self-employment", "自主创业"),
    "refs.seed.6": ("services, training and governance", "服务、培训与治理"),
    "refs.dr.0": (
        "the case report's own figures, cross-checks and inconsistencies",
        "案例报告自身的数字、交叉核对与不一致之处",
    ),
    "refs.dr.1a": (
        "land expropriation: the law and compensation parameters",
        "土地征收：法律与补偿参数",
    ),
    "refs.dr.1b": ("land shares and guaranteed dividends", "土地入股与保底分红"),
    "refs.dr.2a": (
        "hog farming: prices, costs, technical parameters",
        "生猪养殖：价格、成本、技术参数",
    ),
    "refs.dr.2b": ("brewers' spent grain", "啤酒糟"),
    "refs.dr.3": ("tea plantations (Lincang)", "茶园（临沧）"),
    "refs.dr.4": (
        "the collective park: economic forest and livestock on 500 mu of barren hills",
        "集体示范园：500亩荒山上的经济林与养殖",
    ),
    "refs.dr.5a": ("interest rates (PBoC benchmark)", "利率（中国人民银行基准利率）"),
    "refs.dr.5b": ("county-town hotel: operating parameters", "县城酒店：经营参数"),
    "refs.dr.6": (
        "labour, wages, training and employment of landless farmers",
        "失地农民的劳动、工资、培训与就业",
    ),
    "refs.dr.7": (
        "household statistics, poverty lines, social assistance, microcredit",
        "住户统计、贫困线、社会救助、小额信贷",
    ),
    "refs.dr.8": ("suggested defaults", "建议默认值"),
    # --- the glossary ---------------------------------------------------------------------------
    "h.glossary": ("8. Words and abbreviations", "8. 术语与缩写"),
    "details.glossary": (
        "Show what the report's {n} terms and abbreviations mean",
        "展开本报告{n}个术语与缩写的含义",
    ),
    "gl.term": ("term", "术语"),
    "gl.meaning": ("meaning", "含义"),
    "gl.dibao.t": ("dibao (低保)", "低保"),
    "gl.dibao": (
        "The minimum living guarantee: a monthly cash top-up that local government pays a "
        "household whose income per person is below the local dibao line, bringing it up "
        "towards that line.",
        "最低生活保障：地方政府按月向人均收入低于当地低保线的家庭发放的现金补差，使其收入接近"
        "低保线。",
    ),
    "gl.mu.t": ("mu (亩)", "亩"),
    "gl.mu": (
        "The Chinese unit of land area: 1 mu = 1/15 ha = {m2} m².",
        "中国的土地面积单位：1亩 = 1/15公顷 = {m2}平方米。",
    ),
    "gl.real.t": ("yuan in {base} prices (real terms)", "{base}年价格的元（实际值）"),
    "gl.real": (
        "Amounts of later years divided by the rise in prices since the base year, so that a "
        "yuan buys the same in every year. The report's figures are in real terms unless a "
        "table says 'nominal' (the yuan of each year).",
        "以后各年的金额除以自基年以来的价格涨幅，使每一年的一元钱购买力相同。除非表格注明"
        "“名义”（各年当年的元），本报告的数字均为实际值。",
    ),
    "gl.npv.t": ("NPV", "净现值（NPV）"),
    "gl.npv": (
        "Net present value: what a stream of yearly money is worth today; each year's amount "
        "is divided by (1 + the discount rate) once for every year it lies ahead, then summed.",
        "未来逐年资金流在今天的价值：每年的金额按其距今的年数，每年除以一次（1 + 折现率），"
        "然后加总。",
    ),
    "gl.discount.t": ("discount rate", "折现率"),
    "gl.discount": (
        "How much less money a year later counts than money now; the report uses {rate} a "
        "year, the social discount rate of China's official project-appraisal guide "
        "(NDRC, 2006).",
        "一年后的钱比现在的钱少计多少；本报告采用每年{rate}，即国家发展改革委2006年"
        "《建设项目经济评价方法与参数》规定的社会折现率。",
    ),
    "gl.irr.t": ("IRR", "内部收益率（IRR）"),
    "gl.irr": (
        "Internal rate of return: the discount rate at which the NPV is zero. A scheme whose "
        "IRR is above the discount rate returns more than it costs.",
        "使净现值为零的折现率。内部收益率高于折现率的项目，收益超过成本。",
    ),
    "gl.payback.t": ("payback", "回收期"),
    "gl.payback": (
        "The years until the money put in is back, without discounting.",
        "收回投入所需的年数（不折现）。",
    ),
    "gl.ci.t": ("95% CI, 95% interval", "95%置信区间、95%区间"),
    "gl.ci": (
        "The range within which the mean over the model's runs lies with 95% confidence; it "
        "narrows as more runs are made. '5-95% of runs' is another thing: the spread of single "
        "runs, the middle 90% of them.",
        "模型各次模拟的均值以95%的把握落在其中的范围；模拟次数越多，区间越窄。“5%–95%的模拟”"
        "是另一回事：单次模拟结果的分布范围，即居中的90%。",
    ),
    "gl.ploss.t": ("P(loss), P(NPV < 0)", "P(亏损)，P(净现值 < 0)"),
    "gl.ploss": (
        "The probability of a loss: the share of Monte Carlo samples in which a stakeholder's "
        "NPV is negative.",
        "亏损的概率：某一利益相关方的净现值为负的蒙特卡洛抽样所占比例。",
    ),
    "gl.restored.t": ("restored", "恢复收入"),
    "gl.restored": (
        "A landless household is restored (back at its former income) in a year when its "
        "mean income over the last {window} years, all after the land was taken, is at or "
        "above its income before the taking.",
        "失地农户在某一年“恢复收入”，是指其最近{window}年（均在征地之后）的平均收入不低于"
        "征地前的收入。",
    ),
    "gl.line.t": ("poverty line", "贫困线"),
    "gl.line": (
        "China's national rural poverty line: {line} yuan per person per year in {base} "
        "prices. A person is poor when the household's net income per person is below it.",
        "中国国家农村贫困线：按{base}年价格每人每年{line}元。家庭人均纯收入低于此线者为贫困人口。",
    ),
    "gl.headcount.t": ("poverty headcount, poverty gap", "贫困发生率、贫困缺口"),
    "gl.headcount": (
        "The headcount is the share of people below the poverty line (how common poverty "
        "is). The gap is their average shortfall from the line as a share of the line, the "
        "non-poor counting as nothing (how deep poverty is).",
        "贫困发生率是低于贫困线的人口比例（贫困有多普遍）。贫困缺口是他们与贫困线的平均差距"
        "占贫困线的比例，非贫困者计为零（贫困有多深）。",
    ),
    "gl.aaov.t": ("AAOV", "年产值（AAOV）"),
    "gl.aaov": (
        "Average annual output value of the land taken over the 3 years before the taking "
        "(年产值). The Land Administration Law sets compensation as multiples of it.",
        "被征收土地在征收前3年的平均年产值。《土地管理法》以其倍数确定补偿标准。",
    ),
    "gl.rcc.t": ("RCC", "农村信用社（RCC）"),
    "gl.rcc": (
        "Rural credit cooperative (农村信用社): the county's main lender to farm households "
        "and village collectives.",
        "县里向农户和村集体放贷的主要金融机构。",
    ),
    "gl.lal.t": ("LAL", "《土地管理法》（LAL）"),
    "gl.lal": (
        "Land Administration Law of the PRC (土地管理法), its 1998 text and 2019 revision: "
        "the law on taking collective land and compensating for it.",
        "中华人民共和国土地管理法，1998年文本及2019年修订：关于征收集体土地及其补偿的法律。",
    ),
    "gl.asf.t": ("ASF", "非洲猪瘟（ASF）"),
    "gl.asf": (
        "African swine fever (非洲猪瘟): a hog disease that reached China in 2018; an outbreak "
        "culls herds and raises hog prices.",
        "一种生猪疫病，2018年传入中国；疫情导致扑杀生猪并推高猪价。",
    ),
    "gl.bsg.t": ("BSG", "啤酒糟（BSG）"),
    "gl.bsg": (
        "Brewers' spent grain (啤酒糟): the wet grain left over from brewing beer, fed to hogs "
        "in the hog-farming scheme.",
        "酿造啤酒后剩下的湿麦糟，在生猪养殖项目中用作饲料。",
    ),
    "gl.dm.t": ("DM", "干物质（DM）"),
    "gl.dm": (
        "Dry matter: feed weighed without its water; rations and protein are stated as shares "
        "of it.",
        "除去水分后的饲料重量；日粮和蛋白质含量均按其比例表示。",
    ),
    "gl.shares.t": ("land-for-shares (土地入股分红)", "土地入股分红"),
    "gl.shares": (
        "Residents put part of their land-compensation money into the community's "
        "development project as shares and draw dividends from its profit, often with a "
        "guaranteed minimum dividend.",
        "居民将部分征地补偿款作为股份投入社区的开发项目，从其利润中分红，通常有保底分红。",
    ),
    "gl.swap.t": ("house-for-house swap (以房换房)", "以房换房"),
    "gl.swap": (
        "A household whose house is demolished receives a new flat instead of cash; floor "
        "space beyond its own needs can be let.",
        "房屋被拆除的家庭获得新的住房而非现金；超出自住需要的面积可以出租。",
    ),
    "gl.group.t": ("resident group (居民小组)", "居民小组"),
    "gl.group": (
        "A subdivision of the community, formerly a village team of the rural collective.",
        "社区的下级单位，前身是农村集体的村民小组。",
    ),
}
"""Catalogue entries: the cited documents and their sections, and the glossary."""
