"""The Caopijie case's own figures, and a check of how they fit together.

:data:`CASE` holds every number of the community's report (seed-facts.md,
marked [seed] there). :func:`check_case` sets them against each other and
against the scheme models, and lists what does not add up, with the
arithmetic, so that a model that reads such figures flags them rather than
repeats them.

Examples
--------
>>> findings = check_case()
>>> population = findings[0]
>>> population.verdict, population.arithmetic
('inconsistent', '1,826 + 23,290 = 25,116, not 25,000 (off by 116, 0.46%)')
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from ...errors import ParameterTypeError
from ...scenario.model import Scenario
from ...schemes.base import STAKEHOLDERS, Stakeholder
from ...schemes.hogs import HogParams, spent_grain_balance
from ...schemes.hotel import SEED_INVESTMENT_READINGS, HotelParams
from ...schemes.hotel import appraise as appraise_hotel
from ...schemes.jobs import JobsParams

__all__ = ["CASE", "CaseFacts", "Finding", "check_case"]


@dataclass(frozen=True, slots=True)
class CaseFacts:
    """The figures of the Caopijie report (seed-facts.md; each marked [seed] there)."""

    area_km2: float = 7.7
    residents: int = 25_000
    agricultural_residents: int = 1_826
    non_agricultural_residents: int = 23_290
    resident_groups: int = 14
    party_members: int = 192
    share_fraction: float = 0.8
    brewery_beer_tonnes: float = 200_000.0
    hog_households: int = 100
    hogs_per_household: int = 100
    tea_mu: float = 2_000.0
    park_mu: float = 500.0
    park_income: float = 400_000.0
    hotel_land_mu: float = 5.0
    hotel_resident_funds: float = 400_000.0
    hotel_funds: float = 4_000_000.0
    hotel_profit: float = 350_000.0
    hotel_claimed_per_capita_gain: float = 10_000_000.0
    training_rounds: int = 3
    training_person_times: int = 500


CASE = CaseFacts()
"""The case as reported."""

Verdict = Literal["consistent", "inconsistent", "implausible", "ambiguous"]


@dataclass(frozen=True, slots=True)
class Finding:
    """One check of the case's figures.

    Attributes
    ----------
    topic : str
        What is checked.
    claim : str
        What the report says.
    arithmetic : str
        The sum that tests it.
    verdict : str
        ``"consistent"``, ``"inconsistent"``, ``"implausible"`` or ``"ambiguous"``.
    reading : str
        How the library reads the figure.
    zh : tuple of str
        ``topic``, ``claim``, ``arithmetic`` and ``reading`` in Chinese, with the same
        figures (the Chinese report shows them); empty strings where none is given.
    """

    topic: str
    claim: str
    arithmetic: str
    verdict: Verdict
    reading: str = ""
    zh: tuple[str, str, str, str] = ("", "", "", "")


def _wan(yuan: float) -> str:
    """A sum of the case in Chinese units, exact: ``"35万元"``, ``"34.0288万元"``, ``"800元"``."""
    if abs(yuan) < 10_000:
        return f"{yuan:,.0f}元"
    return f"{yuan / 1e4:,.4f}".rstrip("0").rstrip(".") + "万元"


def _scheme(scenario: Scenario | None, name: str, default: Any) -> Any:
    """The scenario's base parameters of a scheme (``default`` without a scenario)."""
    if scenario is None:
        return default
    return scenario.scheme_params.get(name, default)


def _share_reading(c: CaseFacts, scenario: Scenario | None) -> tuple[str, str]:
    """How the model reads the case's share fraction, in English and Chinese.

    "Kept as the default" only if every policy that invests a share of the
    compensation (share fraction above 0; "cash only" invests none by design) invests
    the case's; otherwise the scenario's own fractions, by policy.
    """
    risk = "the risk that the developer defaults is modelled (domain reference, S4)"
    risk_zh = "模型考虑了开发商违约的风险（领域参考资料S4）"
    by_value: dict[float, list[str]] = {}
    for p in scenario.policies if scenario is not None else ():
        if "land_shares" in p.schemes and p.params("land_shares").share_fraction > 0:
            by_value.setdefault(p.params("land_shares").share_fraction, []).append(p.name)
    if set(by_value) <= {c.share_fraction}:
        return f"kept as the default; {risk}", f"保留为默认值；{risk_zh}"
    en = "; ".join(f"{', '.join(repr(n) for n in names)} invest {v:.0%}"
                   for v, names in by_value.items())  # fmt: skip
    zh = "、".join(f"{v:.0%}" for v in by_value)  # the policies' names stay out of Chinese
    return (
        f"not kept in this scenario: {en}, not the case's {c.share_fraction:.0%}; {risk}",
        f"本情景未采用：入股比例为{zh}，而非案例的{c.share_fraction:.0%}；{risk_zh}",
    )


def check_case(case: CaseFacts = CASE, scenario: Scenario | None = None) -> list[Finding]:
    """Check the case's figures against each other and against the scheme models.

    Parameters
    ----------
    case : CaseFacts
        The case's figures.
    scenario : Scenario, optional
        The scenario a report shows the checks in: the model's side of each check
        (the hotel, the hogs, the training, the share fraction) is then that
        scenario's, so that a note never says "kept as the default" of a figure the
        scenario changed. Without it, the library's defaults.

    Returns
    -------
    list of Finding
        Every check made, consistent or not, in the order of the report.

    Examples
    --------
    >>> from collective_econ.cases.caopijie import default_scenario
    >>> sc = default_scenario()
    >>> check_case(scenario=sc)[-1].reading[:19]
    'kept as the default'
    >>> half = sc.policy("80% shares").reform("half", {"land_shares.share_fraction": 0.5})
    >>> import dataclasses
    >>> other = dataclasses.replace(sc, policies=(sc.policy("cash only"), half))
    >>> check_case(scenario=other)[-1].reading[:60]
    "not kept in this scenario: 'half' invest 50%, not the case's"
    """
    if not isinstance(case, CaseFacts):
        raise ParameterTypeError("case", "a CaseFacts", case, owner="check_case")
    if scenario is not None and not isinstance(scenario, Scenario):
        raise ParameterTypeError("scenario", "a Scenario or None", scenario, owner="check_case")
    c = case
    out: list[Finding] = []
    total = c.agricultural_residents + c.non_agricultural_residents
    diff = total - c.residents
    out.append(
        Finding(
            "population",
            f"{c.residents:,} residents: {c.agricultural_residents:,} agricultural and "
            f"{c.non_agricultural_residents:,} non-agricultural",
            f"{c.agricultural_residents:,} + {c.non_agricultural_residents:,} = {total:,}, "
            f"not {c.residents:,} (off by {diff:,}, {diff / c.residents:.2%})",
            "inconsistent" if diff else "consistent",
            "the report's own rounding; the model uses 1,826 agricultural residents",
            zh=(
                "人口",
                f"{c.residents:,}名居民：农业人口{c.agricultural_residents:,}人，非农业人口"
                f"{c.non_agricultural_residents:,}人",
                f"{c.agricultural_residents:,} + {c.non_agricultural_residents:,} = {total:,}，"
                f"不是{c.residents:,}（相差{diff:,}，{diff / c.residents:.2%}）",
                "报告自身的取整；模型采用1,826名农业人口",
            ),
        )
    )
    density = c.residents / c.area_km2
    out.append(
        Finding(
            "density",
            f"{c.residents:,} residents on {c.area_km2} km²",
            f"{c.residents:,} residents / {c.area_km2} km² = {density:,.0f} residents per km²",
            "consistent",
            "an urban density, as fits the county town's centre",
            zh=(
                "人口密度",
                f"{c.residents:,}名居民，面积{c.area_km2} km²",
                f"{c.residents:,}人 / {c.area_km2} km² = 每平方公里{density:,.0f}人",
                "城市的人口密度，与县城中心相符",
            ),
        )
    )
    people = c.hotel_profit / c.hotel_claimed_per_capita_gain
    per_group = c.residents / c.resident_groups
    agri_group = c.agricultural_residents / c.resident_groups
    beneficiaries = c.hotel_profit / 1_000.0
    out.append(
        Finding(
            "hotel per-capita gain",
            f"a {c.hotel_profit:,.0f}-yuan profit raises per-capita income by over "
            f"{c.hotel_claimed_per_capita_gain:,.0f} yuan",
            f"a profit of {c.hotel_profit:,.0f} yuan a year cannot give anyone "
            f"{c.hotel_claimed_per_capita_gain:,.0f} yuan: {c.hotel_profit:,.0f} yuan / "
            f"{c.hotel_claimed_per_capita_gain:,.0f} yuan per person = {people:.3f} of one "
            f"person. At 1,000 yuan per person: {c.hotel_profit:,.0f} yuan / 1,000 yuan = "
            f"{beneficiaries:,.0f} persons (one resident group has about {per_group:,.0f} "
            f"residents, {agri_group:,.0f} of them agricultural)",
            "inconsistent",
            "a typo for '1,000-odd yuan' a person, shared by about 350 shareholders "
            "(domain reference, S1)",
            zh=(
                "酒店带来的人均增收",
                f"{_wan(c.hotel_profit)}的利润使人均收入增加{_wan(c.hotel_claimed_per_capita_gain)}"
                "以上",
                f"每年{_wan(c.hotel_profit)}的利润不可能使任何人增收"
                f"{_wan(c.hotel_claimed_per_capita_gain)}：{_wan(c.hotel_profit)} / 每人"
                f"{_wan(c.hotel_claimed_per_capita_gain)} = {people:.3f}人。按每人1,000元计："
                f"{_wan(c.hotel_profit)} / 1,000元 = {beneficiaries:,.0f}人（一个居民小组约有"
                f"{per_group:,.0f}名居民，其中农业人口{agri_group:,.0f}人）",
                "应为“人均1,000多元”的笔误，由约350名股东分享（领域参考资料S1）",
            ),
        )
    )
    lo, hi = SEED_INVESTMENT_READINGS
    hp = _scheme(scenario, "hotel", HotelParams())
    out.append(
        Finding(
            "hotel investment",
            f"{c.hotel_resident_funds:,.0f} yuan from residents, {c.hotel_funds:,.0f} raised",
            f"total {lo:,.0f} yuan (the residents' {c.hotel_resident_funds:,.0f} included) or "
            f"{hi:,.0f} yuan (on top). Simple payback: {lo:,.0f} / {c.hotel_profit:,.0f} = "
            f"{lo / c.hotel_profit:.1f} years or {hi:,.0f} / {c.hotel_profit:,.0f} = "
            f"{hi / c.hotel_profit:.1f} years; return: {c.hotel_profit:,.0f} / {lo:,.0f} = "
            f"{c.hotel_profit / lo:.2%} or {c.hotel_profit:,.0f} / {hi:,.0f} = "
            f"{c.hotel_profit / hi:.2%} a year",
            "ambiguous",
            f"the model's hotel can take either total investment; it takes "
            f"{hp.total_investment / 1e6:.1f} million yuan",
            zh=(
                "酒店投资",
                f"居民出资{_wan(c.hotel_resident_funds)}，共筹集{_wan(c.hotel_funds)}",
                f"合计{_wan(lo)}（含居民的{_wan(c.hotel_resident_funds)}）或{_wan(hi)}"
                f"（另加）。静态回收期：{_wan(lo)} / {_wan(c.hotel_profit)} = "
                f"{lo / c.hotel_profit:.1f}年或{_wan(hi)} / {_wan(c.hotel_profit)} = "
                f"{hi / c.hotel_profit:.1f}年；收益率：{_wan(c.hotel_profit)} / {_wan(lo)} = "
                f"{c.hotel_profit / lo:.2%}或{_wan(c.hotel_profit)} / {_wan(hi)} = "
                f"{c.hotel_profit / hi:.2%}（每年）",
                f"模型中的酒店总投资可取其一；取{hp.total_investment / 1e4:,.0f}万元",
            ),
        )
    )
    hotel = appraise_hotel(hp)
    share = hp.resident_equity / hp.equity
    theirs = share * float(hotel.items["dividends"][2:].mean())  # a year, full years open
    resident_yield = theirs / hp.resident_equity
    resident_irr = float(hotel.irr()[STAKEHOLDERS.index(Stakeholder.HOUSEHOLDS)])
    out.append(
        Finding(
            "hotel return to residents",
            f"residents put in {c.hotel_resident_funds:,.0f} yuan; profit {c.hotel_profit:,.0f}",
            f"{c.hotel_profit:,.0f} yuan / {c.hotel_resident_funds:,.0f} yuan = "
            f"{c.hotel_profit / c.hotel_resident_funds:.1%} a year if residents took all profit",
            "implausible",
            f"the model splits the hotel's profit by equity: the residents' {share:.0%} of it "
            f"is {resident_yield:.1%} a year on their funds (their dividends averaged over "
            f"all full years open; as an IRR, construction years included, "
            f"{resident_irr:.1%}) (domain reference, S2)",
            zh=(
                "居民从酒店获得的回报",
                f"居民出资{_wan(c.hotel_resident_funds)}；利润{_wan(c.hotel_profit)}",
                f"{_wan(c.hotel_profit)} / {_wan(c.hotel_resident_funds)} = 若居民获得全部利润，"
                f"每年{c.hotel_profit / c.hotel_resident_funds:.1%}",
                f"模型按股权分配酒店利润：居民所占的{share:.0%}相当于其出资每年"
                f"{resident_yield:.1%}的回报（开业后所有完整年度分红的平均值；按内部收益率计，"
                f"含建设期，为{resident_irr:.1%}）（领域参考资料S2）",
            ),
        )
    )
    # the report's figure is a projection for its first years open: compare the first
    # five full years (profit rises later, as the loan is repaid and its real burden falls)
    open_years = hotel.items["net_profit"][hotel.items["revenue"] > 0][1:6]
    model_profit = float(open_years.mean())
    gap = model_profit / c.hotel_profit - 1
    out.append(
        Finding(
            "hotel profit (model)",
            f"profit {c.hotel_profit:,.0f} yuan a year",
            f"the model's hotel earns {model_profit:,.0f} yuan a year on average over "
            f"its first five full years open ({abs(gap):.1%} {'below' if gap < 0 else 'above'} "
            f"the report's {c.hotel_profit:,.0f}), "
            f"{share * model_profit / hp.shareholders:,.0f} yuan a year for each of "
            f"{hp.shareholders} resident shareholders over those five years (their "
            f"{share:.0%} of the equity; {theirs / hp.shareholders:,.0f} averaged over all "
            "full years open, as on the validation page)",
            "consistent" if abs(gap) < 0.1 else "inconsistent",
            f"the profit matches the report, the residents' gain does not: "
            f"{share * model_profit / hp.shareholders:,.0f} yuan a year each is about "
            f"{share * model_profit / c.hotel_profit:.0%} of the "
            f"{c.hotel_profit / hp.shareholders:,.0f}-odd yuan read above, which would need "
            f"all of the profit to go to the {hp.shareholders} shareholders",
            zh=(
                "酒店利润（模型）",
                f"每年利润{_wan(c.hotel_profit)}",
                f"模型中的酒店在开业后前五个完整年度平均每年盈利{_wan(model_profit)}"
                f"（比报告的{_wan(c.hotel_profit)}{'低' if gap < 0 else '高'}{abs(gap):.1%}），"
                f"{hp.shareholders}名居民股东每人每年"
                f"{share * model_profit / hp.shareholders:,.0f}元（这五年的平均；他们占股权的"
                f"{share:.0%}；按开业后所有完整年度平均为每人{theirs / hp.shareholders:,.0f}元，"
                "与验证页面一致）",
                f"利润与报告相符，居民的收益则不然：每人每年"
                f"{share * model_profit / hp.shareholders:,.0f}元，约为上一行所读的"
                f"{c.hotel_profit / hp.shareholders:,.0f}多元的"
                f"{share * model_profit / c.hotel_profit:.0%}；后者要求全部利润都归"
                f"{hp.shareholders}名股东",
            ),
        )
    )
    per_mu = c.park_income / c.park_mu
    out.append(
        Finding(
            "park income",
            f"{c.park_mu:,.0f} mu of barren hill earn {c.park_income:,.0f} yuan a year",
            f"{c.park_income:,.0f} yuan / {c.park_mu:,.0f} mu = {per_mu:,.0f} yuan per mu a "
            "year: reachable by mature walnut or fruit with livestock, which need 4-10 years",
            "implausible",
            "a steady state after a ramp-up (domain reference, S3); the model's park ramps up "
            "to it",
            zh=(
                "农业示范园收入",
                f"{c.park_mu:,.0f}亩荒山每年收入{_wan(c.park_income)}",
                f"{_wan(c.park_income)} / {c.park_mu:,.0f}亩 = 每亩每年{per_mu:,.0f}元：成熟的"
                "核桃或果树加上养殖可以达到，但需要4-10年",
                "爬坡期之后的稳定状态（领域参考资料S3）；模型中的示范园逐步升至该水平",
            ),
        )
    )
    bsg = spent_grain_balance(_scheme(scenario, "hogs", HogParams()))
    out.append(
        Finding(
            "spent grain",
            f"the spent grain of a brewery making {c.brewery_beer_tonnes:,.0f} t of beer a "
            f"year feeds {c.hog_households} households x {c.hogs_per_household}+ hogs",
            f"supply: {bsg.supply_t:,.0f} t of wet spent grain a year; the hogs' demand at "
            f"the diet cap: {bsg.demand_t:,.0f} t a year ({bsg.demand_t / bsg.supply_t:.0%} of "
            "supply)",
            "consistent" if bsg.demand_t <= bsg.supply_t else "inconsistent",
            "supply does not bind; perishability and haulage do (domain reference, S6)",
            zh=(
                "酒糟",
                f"年产{c.brewery_beer_tonnes:,.0f}吨啤酒的酒厂，其酒糟可供"
                f"{c.hog_households}户 × {c.hogs_per_household}+头生猪",
                f"供给：每年{bsg.supply_t:,.0f}吨湿酒糟；按日粮上限的生猪需求：每年"
                f"{bsg.demand_t:,.0f}吨（占供给的{bsg.demand_t / bsg.supply_t:.0%}）",
                "供给不构成约束；易腐和运输才是约束（领域参考资料S6）",
            ),
        )
    )
    per_round = c.training_person_times / c.training_rounds
    jobs = _scheme(scenario, "jobs", JobsParams())
    out.append(
        Finding(
            "training",
            f"{c.training_rounds} rounds, {c.training_person_times}+ person-times",
            f"{c.training_person_times} person-times / {c.training_rounds} rounds = "
            f"{per_round:.0f} person-times a round; {c.training_person_times} / "
            f"{c.agricultural_residents:,} agricultural residents = "
            f"{c.training_person_times / c.agricultural_residents:.0%} of them, if each was "
            "trained once",
            "consistent",
            f"kept: the model trains {jobs.trainees_per_round} seekers a round, one round a "
            f"year for {jobs.training_rounds} years",
            zh=(
                "培训",
                f"{c.training_rounds}轮，{c.training_person_times}+人次",
                f"{c.training_person_times}人次 / {c.training_rounds}轮 = "
                f"每轮{per_round:.0f}人次；"
                f"{c.training_person_times} / {c.agricultural_residents:,}名农业人口 = "
                f"{c.training_person_times / c.agricultural_residents:.0%}（若每人只培训一次）",
                f"保留：模型每轮培训{jobs.trainees_per_round}名求职者，每年一轮，共"
                f"{jobs.training_rounds}年",
            ),
        )
    )
    cash = 1 - c.share_fraction
    reading, reading_zh = _share_reading(c, scenario)
    out.append(
        Finding(
            "share fraction",
            f"residents invest {c.share_fraction:.0%} of their compensation as shares",
            f"leaves {cash:.0%} in cash; dividends depend on one developer",
            "consistent",
            reading,
            zh=(
                "入股比例",
                f"居民将补偿款的{c.share_fraction:.0%}入股",
                f"剩余{cash:.0%}为现金；分红取决于一家开发商",
                reading_zh,
            ),
        )
    )
    return out
