"""The words on the plots, in English and Chinese: one table per language, same keys.

:mod:`collective_econ.plotting` takes every title, axis label and legend entry
from :data:`LABELS`. A value may be a template with named fields
(``"{year}"``); both languages use the same fields. Income sources, stakeholders
and schemes have a key each (``"source.wage"``, ``"stakeholder.bank"``,
``"scheme.hotel"``); a scheme's label is its short title, read from its
registered :class:`~collective_econ.schemes.Scheme` when asked for, so that a
new scheme needs no entry here. Policy names come from the scenario and are shown as
given; the five policies of the default scenario also have a Chinese name
(:data:`POLICY_NAMES_ZH`), shown before the given one.

Examples
--------
>>> labels("zh")["source.wage"], labels("en")["source.tea_picking"]
('工资', 'tea picking')
>>> labels("en")["scheme.hotel"], labels("zh")["scheme.hotel"]
('Hotel', '酒店')
>>> policy_label("cash only", "zh"), policy_label("my own policy", "zh")
('全部现金补偿 (cash only)', 'my own policy')
>>> money(2_310_000, "en"), money(2_310_000, "zh")
('2.31 million yuan', '231.0 万元')
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from types import MappingProxyType

from ..economy.community import CommunityParams
from ..economy.livelihood import LivelihoodParams
from ..errors import ParameterError
from ..params import Parameters
from ..runs.outcomes import OUTCOMES
from ..schemes import SCHEMES

__all__ = [
    "CJK_FONTS",
    "FIELD_WORDS_EN",
    "LABELS",
    "LANGUAGES",
    "MONEY_UNITS",
    "POLICY_NAMES_ZH",
    "field_label",
    "input_label",
    "labels",
    "money",
    "money_unit",
    "outcome_label",
    "plot_text",
    "policy_label",
]

LANGUAGES: tuple[str, ...] = ("en", "zh")
"""The languages of the labels."""

CJK_FONTS: tuple[str, ...] = (
    "Noto Sans CJK SC",
    "Noto Sans SC",
    "Source Han Sans SC",
    "Source Han Sans CN",
    "Noto Sans CJK TC",
    "Noto Sans CJK JP",
    "Noto Sans CJK KR",
    "Noto Serif CJK SC",
    "WenQuanYi Zen Hei",
    "WenQuanYi Micro Hei",
    "Microsoft YaHei",
    "SimHei",
    "PingFang SC",
    "Heiti SC",
    "STHeiti",
    "AR PL UMing CN",
    "AR PL UKai CN",
    "Droid Sans Fallback",
)
"""Font families that can draw Chinese, most preferred first (matplotlib names)."""

_EN: dict[str, str] = {
    # shared
    "income_unit": "yuan per person per year (2010 prices)",
    "year": "year",
    "policy": "policy",
    "before_median": "before losing land (median: {value})",
    "before_mean": "before losing land (mean: {value})",
    "poverty_line": "poverty line ({value} yuan)",
    "clipped": "axis shows the 1st to 99th percentile of persons",
    # fan chart
    "fan.title": "Income per person of landless households, by policy",
    "fan.median": "line: median person",
    "fan.inner": "dark band: middle 50% of persons",
    "fan.outer": "light band: middle 90% of persons",
    # distribution
    "dist.title": "How income per person is spread among landless households in {year}",
    "dist.ecdf_ylabel": "landless residents at or below this income (%)",
    "dist.median": "white bar: median person",
    # Lorenz
    "lorenz.title": "Inequality among landless residents in {year}: Lorenz curves",
    "lorenz.xlabel": "landless residents, poorest first (cumulative %)",
    "lorenz.ylabel": "their share of all income (cumulative %)",
    "lorenz.equality": "perfect equality",
    "lorenz.entry": "{policy} (Gini {gini})",
    # income by source
    "source.title": "Where landless households' income comes from, by policy",
    "source.title_mean": "Where landless households' income comes from (mean {first}-{last})",
    "source.total": "total income (net)",
    "source.farming": "farming",
    "source.wage": "wages",
    "source.dividend": "dividends",
    "source.hogs": "hog farming",
    "source.tea_picking": "tea picking",
    "source.park_wage": "park wages",
    "source.business": "household business",
    "source.collective_payout": "collective payout",
    "source.subsidy": "subsidies",
    "source.dibao": "dibao (minimum living guarantee)",
    "source.rent": "rent",
    "source.interest": "interest (net)",
    "source.pension": "pensions",
    "source.remittance": "remittances",
    # poverty
    "poverty.title": "{measure} among landless residents (poverty line {line} yuan/person/year)",
    "poverty.both": "Poverty",
    "poverty.headcount": "Poverty headcount",
    "poverty.headcount_ylabel": "landless residents below the line (%)",
    "poverty.gap": "Poverty gap",
    "poverty.gap_ylabel": "average shortfall (% of the poverty line)",
    "poverty.band": "shaded: 5-95% of runs",
    # winners and losers
    "winners.title": "Better or worse off than under '{baseline}'",
    "winners.ylabel": "landless households (%): up better off, down worse off",
    "winners.ci": "{level} confidence interval",
    "winners.better": "better off",
    "winners.worse": "worse off",
    # cash flows
    "cash.title": "{scheme}: cumulative net cash flow by stakeholder (NPV at {rate})",
    "cash.ylabel": "cumulative net cash flow ({unit}, 2010 prices)",
    "cash.band": "shaded: 5-95% of {n} Monte Carlo samples",
    "cash.entry": "{who}: NPV {npv}, IRR {irr}, payback {payback}",
    "cash.years": "{value} years",
    "cash.never": "not within {n} years",
    "cash.no_outlay": "none needed (no outlay)",
    "cash.na": "n/a",
    "cash.payback_marker": "dot: payback",
    # stakeholders
    "stakeholder.households": "households",
    "stakeholder.collective": "collective",
    "stakeholder.developer": "developer",
    "stakeholder.government": "county government",
    "stakeholder.firm": "firms",
    "stakeholder.bank": "banks",
}

_ZH: dict[str, str] = {
    "income_unit": "元/人/年（2010年价格）",
    "year": "年份",
    "policy": "政策",
    "before_median": "失地前（中位数：{value}）",
    "before_mean": "失地前（均值：{value}）",
    "poverty_line": "贫困线（{value}元）",
    "clipped": "坐标轴显示第1至第99百分位的人口",
    "fan.title": "失地农户人均收入（按政策）",
    "fan.median": "线：中位数",
    "fan.inner": "深色带：中间50%的人口",
    "fan.outer": "浅色带：中间90%的人口",
    "dist.title": "{year}年失地农户人均收入的分布",
    "dist.ecdf_ylabel": "收入不高于该值的失地居民（%）",
    "dist.median": "白线：中位数",
    "lorenz.title": "{year}年失地居民的收入不平等：洛伦兹曲线",
    "lorenz.xlabel": "失地居民累计占比，由穷到富（%）",
    "lorenz.ylabel": "其收入累计占比（%）",
    "lorenz.equality": "绝对平等线",
    "lorenz.entry": "{policy}（基尼系数 {gini}）",
    "source.title": "失地农户的收入来源（按政策）",
    "source.title_mean": "失地农户的收入来源（{first}–{last}年平均）",
    "source.total": "总收入（净）",
    "source.farming": "务农",
    "source.wage": "工资",
    "source.dividend": "分红",
    "source.hogs": "生猪养殖",
    "source.tea_picking": "采茶",
    "source.park_wage": "园区务工",
    "source.business": "个体经营",
    "source.collective_payout": "集体分配",
    "source.subsidy": "补贴",
    "source.dibao": "低保",
    "source.rent": "房屋出租",
    "source.interest": "利息（净）",
    "source.pension": "养老金",
    "source.remittance": "外出务工汇款",
    "poverty.title": "失地居民的{measure}（贫困线{line}元/人/年）",
    "poverty.both": "贫困状况",
    "poverty.headcount": "贫困发生率",
    "poverty.headcount_ylabel": "低于贫困线的失地居民（%）",
    "poverty.gap": "贫困缺口",
    "poverty.gap_ylabel": "平均缺口（占贫困线的%）",
    "poverty.band": "阴影：各次模拟的5%–95%",
    "winners.title": "与“{baseline}”相比，受益和受损的失地农户",
    "winners.ylabel": "失地农户（%）：向上为受益，向下为受损",
    "winners.ci": "{level}置信区间",
    "winners.better": "受益",
    "winners.worse": "受损",
    "cash.title": "{scheme}：各利益相关方累计净现金流（折现率{rate}）",
    "cash.ylabel": "累计净现金流（{unit}，2010年价格）",
    "cash.band": "阴影：{n}次蒙特卡洛抽样的5%–95%",
    "cash.entry": "{who}：净现值 {npv}，内部收益率 {irr}，回收期 {payback}",
    "cash.years": "{value}年",
    "cash.never": "{n}年内未收回",
    "cash.no_outlay": "无需（无投入）",
    "cash.na": "无",
    "cash.payback_marker": "圆点：投资回收",
    "stakeholder.households": "失地农户",
    "stakeholder.collective": "集体（居民小组）",
    "stakeholder.developer": "开发商",
    "stakeholder.government": "县政府",
    "stakeholder.firm": "企业",
    "stakeholder.bank": "银行与信用社",
}

_SCHEME_PREFIX = "scheme."


class _Table(Mapping[str, str]):
    """One language's labels: the fixed table, then one ``"scheme.<name>"`` per scheme.

    The scheme labels are read from :data:`~collective_econ.schemes.SCHEMES` at
    each look-up (:meth:`~collective_econ.schemes.Scheme.title_in`), so a scheme
    registered later is labelled too.
    """

    def __init__(self, lang: str, fixed: Mapping[str, str]) -> None:
        self._lang = lang
        self._fixed = fixed

    def __getitem__(self, key: str) -> str:
        if key in self._fixed:
            return self._fixed[key]
        name = key.removeprefix(_SCHEME_PREFIX) if key.startswith(_SCHEME_PREFIX) else None
        if name is not None and name in SCHEMES:
            return SCHEMES[name].title_in(self._lang)
        raise KeyError(key)

    def __iter__(self) -> Iterator[str]:
        yield from self._fixed
        yield from (_SCHEME_PREFIX + name for name in SCHEMES)

    def __len__(self) -> int:
        return len(self._fixed) + len(SCHEMES)


LABELS: Mapping[str, Mapping[str, str]] = MappingProxyType(
    {"en": _Table("en", MappingProxyType(_EN)), "zh": _Table("zh", MappingProxyType(_ZH))}
)
"""Label templates per language (read-only); both have the same keys and fields."""

POLICY_NAMES_ZH: Mapping[str, str] = MappingProxyType(
    {
        "cash only": "全部现金补偿",
        "80% shares": "80%补偿款入股",
        "shares + hogs": "入股+生猪养殖",
        "full package": "综合方案",
        "package without collective projects": "综合方案（不含集体项目）",
    }
)
"""Chinese names of the default scenario's policies, keyed by their given names."""

MONEY_UNITS: Mapping[str, tuple[tuple[float, str, int], ...]] = MappingProxyType(
    {
        "en": ((1e6, "million yuan", 2), (1e3, "thousand yuan", 0), (1.0, "yuan", 0)),
        "zh": ((1e8, "亿元", 2), (1e4, "万元", 1), (1.0, "元", 0)),
    }
)
"""Units for amounts of money, largest first: (yuan per unit, unit name, decimals)."""


def labels(lang: str) -> Mapping[str, str]:
    """The label table of one language.

    Raises
    ------
    ParameterError
        If ``lang`` is not one of :data:`LANGUAGES`.
    """
    if lang not in LANGUAGES:
        raise ParameterError("lang", f"one of {LANGUAGES}", lang)
    return LABELS[lang]


_DOLLAR = re.compile(r"(?<!\\)\$")


def plot_text(text: str) -> str:
    r"""Text for matplotlib, shown as written: every ``$`` escaped, so no mathtext is parsed.

    Matplotlib reads text between two unescaped ``$`` as mathtext; a policy name such as
    ``"$x^$"`` would then fail to draw, after the whole simulation. Every text from user
    input (policy, scheme and input names, titles, labels) goes through this function
    before it reaches a plot; it is idempotent (an escaped ``\$`` is left alone).

    Examples
    --------
    >>> plot_text("$x^$ plan"), plot_text(plot_text("cost $5"))
    ('\\$x^\\$ plan', 'cost \\$5')
    """
    return _DOLLAR.sub(r"\$", str(text))


def policy_label(name: str, lang: str) -> str:
    """How a policy is named on a plot: as given, with a Chinese name where one is known.

    Any ``$`` in the name is escaped (:func:`plot_text`): it is shown, never parsed.
    """
    zh = POLICY_NAMES_ZH.get(name) if lang == "zh" else None
    return f"{zh} ({plot_text(name)})" if zh else plot_text(name)


def money_unit(amount: float, lang: str) -> tuple[float, str, int]:
    """The largest unit in which ``|amount|`` is at least 1: (scale, name, decimals)."""
    labels(lang)  # checks the language
    units = MONEY_UNITS[lang]
    for unit in units:
        if abs(amount) >= unit[0]:
            return unit
    return units[-1]


def money(amount: float, lang: str) -> str:
    """An amount of yuan in words for a legend: ``'2.31 million yuan'``, ``'231.0 万元'``."""
    if amount != amount:  # NaN
        return labels(lang)["cash.na"]
    scale, unit, digits = money_unit(amount, lang)
    return f"{amount / scale:,.{digits}f} {unit}"


FIELD_WORDS_EN: dict[str, str] = {
    "social": "social discount rate (real)",
    "lender": "the bank's discount rate (real)",
    "default_prob": "developer's default probability",
    "distress_default_prob": "default probability in distress",
    "dividend_rate_sd": "dividend rate's spread",
    "aaov_per_mu": "average annual output value per mu",
    "rent_on": "rent from the resettlement flats",
    "fcr": "feed conversion ratio",
    "outbreak_prob": "disease outbreak probability",
    "asf_prob": "African swine fever probability",
    "price_noise_sd": "price noise",
    "closure_month": "closure month",
    "price_sd": "price spread",
    "walnut_price_sd": "walnut price spread",
    "occupancy_sd": "occupancy spread",
    "adr": "average daily room rate",
    "max_ltv": "largest loan-to-value",
    "line_month": "dibao line",
    "income_mean_month": "mean income of dibao applicants",
    "income_cv": "income's coefficient of variation",
    "land_cv": "land's coefficient of variation",
    "wage_scale": "scale of scheme wages",
    "profit_scale": "scale of business profits",
    # the register's terse names (abbreviations a county official cannot read)
    "qx_male": "men's chance of dying within the year, by age",
    "qx_female": "women's chance of dying within the year, by age",
    "tfr": "total fertility rate",
    "remittance_cv": "remittances' coefficient of variation",
    "marriage_age_sd": "spread of the age at first marriage",
    "offfarm_work_before": "off-farm work before the land is taken",
    "land_per_person_mu": "farmland per person",
    "old_let_m2_per_person": "old-house floor let per person",
    "old_rent_per_m2_month": "rent of old-house floor per m² a month",
    "use_history": "use the published yearly inflation",
    "cny_amplitude": "Spring Festival price swing",
    "price_noise_ar": "persistence of price noise",
    "feed_dm": "dry matter of feed",
    "beer_output_t": "brewery's beer output",
    "bsg_yield": "brewers' spent grain per tonne of beer",
    "bsg_dm": "dry matter of brewers' spent grain",
    "bsg_inclusion": "brewers' spent grain in the diet",
    "bsg_feed_value": "feed value of brewers' spent grain",
    "bsg_price": "price of brewers' spent grain",
    "bsg_usable": "usable share of brewers' spent grain",
    "asf_cull_share": "farms culled in an African swine fever outbreak",
    "asf_price_spike": "price rise in an African swine fever outbreak",
    "asf_months": "months of high prices after African swine fever",
    "fnb_share": "food and drink share of revenue",
    "gop_margin": "gross operating profit margin",
    "profit_cv": "profit's coefficient of variation",
    "land_comp_multiple": "land compensation multiple",
}
"""Plain English words for the parameters whose names are terse (``fcr``, ``line_month``);
any other name is shown with spaces for underscores."""


def field_label(field: str) -> str:
    """A parameter's field in plain English words: ``"fcr"`` -> ``"feed conversion ratio"``."""
    return FIELD_WORDS_EN.get(field, field.replace("_", " "))


def input_label(param: str) -> str:
    """An uncertain input in words, with its unit: ``'hogs: hog price (yuan/kg live)'``.

    ``param`` is a dotted path (``"hogs.hog_price"``, ``"livelihood.casual_wage_month"``)
    or a field of one scheme (an appraisal's inputs); unknown names are shown with
    spaces for underscores.

    Examples
    --------
    >>> input_label("hogs.hog_price")
    'Hog farming: hog price (yuan/kg live)'
    >>> input_label("livelihood.deposit_rate")
    'household economy: deposit rate (1/year)'
    """
    head, _, field = param.rpartition(".")
    classes: dict[str, type[Parameters]] = {
        "community": CommunityParams,
        "livelihood": LivelihoodParams,
    }
    title = {"community": "community", "livelihood": "household economy"}.get(head, "")
    cls = classes.get(head)
    if head in SCHEMES:
        cls, title = SCHEMES[head].params_type, labels("en")[f"scheme.{head}"]
    info = next((f for f in cls.describe() if f.name == field), None) if cls else None
    words = field_label(field)
    unit = f" ({info.unit})" if info is not None and info.unit else ""
    return f"{title}: {words}{unit}" if title else f"{words}{unit}"


def outcome_label(name: str) -> tuple[str, str]:
    """A recorded outcome's meaning and unit, ``(description, unit)``, for axes.

    Examples
    --------
    >>> outcome_label("mean_income_total")[1]
    'yuan/person/yr'
    """
    info = OUTCOMES.get(name)
    if info is None:
        return name.replace("_", " "), ""
    return info.description, info.unit
