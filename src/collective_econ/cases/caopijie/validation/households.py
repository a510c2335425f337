"""Households, poverty and business, and the household simulation of the community.

domain-reference.md §7 against the synthetic community, and the simulated
comparison of the default policies.
"""

from __future__ import annotations

import functools

import numpy as np
from numpy.typing import NDArray

from ....economy.ledger import INCOME_SOURCES, Source
from ....metrics.lines import NATIONAL_RURAL_POVERTY_LINE
from ....prices import nominal_table
from ....runs.comparison import compare
from ....schemes import enterprise, safety_net
from ._common import (
    _D,
    SEED,
    SIM_YEARS,
    Check,
    _community,
    _comparison,
    _exact,
    _fixed,
    _num,
    _pct,
    _position,
    _scenario,
    _yuan,
    grade,
)
from .labour import _landless_workers

Floats = NDArray[np.float64]


def _households() -> list[Check]:
    sec = "Households, poverty and business"
    c = _community()
    lp, cp = _scenario().livelihood, _scenario().community
    agri = c.agricultural
    agri_size = float(c.size[agri].mean())
    urban_size = float(c.size[~agri].mean())
    rural_pc = float(c.baseline[agri].sum() / c.size[agri].sum())
    urban_pc = float(c.baseline[~agri].sum() / c.size[~agri].sum())
    line = NATIONAL_RURAL_POVERTY_LINE
    w = c.size[agri]
    poor = float(np.sum(w * (c.baseline_per_capita[agri] < line)) / w.sum())
    dibao = safety_net.DibaoParams().line_month
    ep = enterprise.EnterpriseParams()
    weights = ep.column("share")
    sectors = np.arange(weights.size)
    surv = np.array([float(weights @ enterprise.survival(ep, sectors, y)) for y in range(9)])
    hazard = 1.0 - surv[1:] / surv[:-1]
    peak = int(np.argmax(hazard)) + 1
    return [
        Check(
            sec,
            "agricultural household size",
            f"rural and peri-urban households: 3.5-4.2 persons ({_D} §7, estimate)",
            "3.5-4.2",
            _fixed(agri_size, 2),
            grade(agri_size, 3.5, 4.2),
            "mean size of the default community's agricultural households",
            agri_size,
        ),
        Check(
            sec,
            "urban household size",
            f"Yunnan urban households: 2.86 persons ({_D} §7, Q1-3 2010)",
            "2.86",
            _fixed(urban_size, 2),
            grade(urban_size, 2.80, 2.92),
            "mean size of the default community's urban households",
            urban_size,
        ),
        Check(
            sec,
            "baseline rural income",
            f"Lincang rural net income 3,300-3,600 yuan a person in 2010 ({_D} §7, estimate)",
            "3,300-3,600 yuan",
            _yuan(rural_pc),
            grade(rural_pc, 3_300.0, 3_600.0),
            f"per-capita baseline (expected income before expropriation) of the agricultural "
            f"households: farming at {_num(lp.farm_net_income_per_mu)} yuan/mu net on "
            f"{_num(cp.land_per_person_mu, 2)} mu a person, casual work paid "
            f"{_pct(lp.casual_days_share)} of the {_num(lp.casual_wage_month)}-yuan minimum "
            f"wage with {_pct(lp.offfarm_work_before)} of the working-age in work, pensions; "
            f"the livelihood calibration lands {_position(rural_pc, 3_300.0, 3_600.0)}",
            rural_pc,
        ),
        Check(
            sec,
            "urban income",
            f"Lincang urban disposable income 12,500-13,500 yuan a person in 2010 "
            f"({_D} §7, estimate; Yunnan 16,065)",
            "12,500-13,500 yuan",
            _yuan(urban_pc),
            grade(urban_pc, 12_500.0, 13_500.0),
            f"per-capita expected income of the urban households: wages of "
            f"{_num(lp.urban_wage_month)} yuan/month scaled up by skill (lognormal, so the "
            f"mean is higher), {_pct(lp.urban_employment)} of the working-age employed, "
            f"pensions of {_num(lp.urban_pension_month)} yuan/month: "
            f"{_position(urban_pc, 12_500.0, 13_500.0)}; Yunnan's is 16,065",
            urban_pc,
        ),
        Check(
            sec,
            "urban/rural income ratio",
            f"Yunnan urban incomes are about 4x rural ones in 2010 ({_D} §7 stylised fact 1)",
            "about 4x (3.5-4.5)",
            f"{_num(urban_pc / rural_pc, 2)}x",
            grade(urban_pc / rural_pc, 3.5, 4.5),
            "urban income above Lincang's range and rural income just below it (the two "
            "rows above) widen the ratio; Yunnan's own is 16,065 / 3,952 = 4.1",
            urban_pc / rural_pc,
        ),
        Check(
            sec,
            "poverty line",
            f"the poverty line of {line:,.0f} yuan sits far below even rural average "
            f"incomes ({_D} §7 stylised fact 2; 10.2% of rural people below it, end 2012)",
            "few below it (<= 10%)",
            f"{_pct(poor, 1)} below; mean {_num(rural_pc / line)}x the line",
            grade(poor, 0.0, 0.102),
            "person-weighted share of agricultural residents whose baseline is below the line",
            poor,
        ),
        Check(
            sec,
            "dibao line",
            f"Yunnan urban dibao about 200-250 yuan a person a month in 2010, a thin floor "
            f"({_D} §7, §8; stylised fact 2)",
            "200-250 yuan/month",
            f"{dibao:,.0f} yuan/month",
            grade(dibao, 200.0, 250.0),
            f"DibaoParams.line_month: {_num(12 * dibao / urban_pc * 100, 2)}% of the model's "
            "urban income per person",
            dibao,
        ),
        Check(
            sec,
            "5-year business survival",
            f"about half of new micro-businesses close within 5 years; 5-year survival "
            f"45-50% ({_D} §7 stylised fact 4)",
            "45-50%",
            _pct(float(surv[5]), 1),
            grade(float(surv[5]), 0.45, 0.50),
            f"enterprise.survival() at 5 years, weighted by the sectors' shares "
            f"(1 year {_pct(float(surv[1]))}, 3 years {_pct(float(surv[3]))}; "
            "reference 85%, 60-65%)",
            float(surv[5]),
        ),
        Check(
            sec,
            "peak hazard year",
            f"the hazard of closing peaks in year 3 ({_D} §7 stylised fact 4)",
            "year 3",
            f"year {peak} ({_pct(float(hazard[peak - 1]), 1)})",
            _exact(peak, 3),
            "yearly hazard of the sector mix, 1 - S(t) / S(t - 1)",
            peak,
        ),
    ]


def _simulation() -> list[Check]:
    sec = "Simulation"
    cmp = _comparison()
    c = _community()
    lp = _scenario().livelihood
    y = SIM_YEARS - 1
    w = cmp.size
    mean_pc = (cmp.per_capita[:, :, y, :] * w).sum(axis=-1).mean(axis=1) / w.sum()
    full = float(mean_pc[cmp.index("full package")])
    workers = int(_landless_workers(c, y).sum())
    months = np.arange(12 * y, 12 * (y + 1))
    sc = _scenario()
    growth = sc.prices.real_wage_factor(sc.start_year + months // 12)
    pay = (
        lp.casual_wage_month
        * lp.casual_days_share
        * growth
        / sc.prices.real_wage_factor(sc.start_year)
    )
    if not np.array_equal(c.size[c.landless_target], cmp.size):  # pragma: no cover
        raise RuntimeError("the page's community is not the one compare() simulated")
    wage = cmp.by_source[cmp.index("cash only"), :, y, INCOME_SOURCES.index(Source.WAGE)].mean()
    sim_unemp = 1.0 - float(wage) / (workers * float(pay.sum()))
    return [
        Check(
            sec,
            "landless income with wage jobs",
            f"a peri-urban landless household falls between rural (about 4,000) and urban "
            f"(about 13,000-16,000) incomes once it takes wage jobs ({_D} §7 stylised fact 1)",
            "4,000-16,000 yuan/person",
            _yuan(full),
            grade(full, 4_000.0, 16_000.0),
            f"'full package' (jobs, hogs, tea, park, hotel, business, dibao), year {SIM_YEARS}",
            full,
        ),
        Check(
            sec,
            "landless unemployment in the simulation",
            f"20-30% of land-expropriated farmers unemployed ({_D} §6)",
            "20-30%",
            _pct(sim_unemp, 1),
            grade(sim_unemp, 0.20, 0.30),
            f"'cash only' (no job scheme), year {SIM_YEARS}: 1 - casual wages earned / "
            f"(working-age landless x a full year's casual pay)",
            sim_unemp,
        ),
    ]


REAL_TERMS_YEARS = 14
"""Years of the out-of-sample income path: 2010-2023."""
YUNNAN_INCOME = {"rural": (3_952.0, 16_361.0), "urban": (16_065.0, 43_563.0)}
"""Yunnan's per-capita income, 2010 and 2023, nominal yuan/person/yr (rural net /
disposable, urban disposable; NBS Yunnan statistical communiqués, well-known;
domain-reference.md §7)."""


@functools.cache
def _income_path() -> tuple[Floats, Floats, float]:
    """The landless' mean per-capita income 2010-2023 in nominal yuan, and the baseline.

    Returns (cash only, full package) paths, shape (14,), and the baseline's
    pre-expropriation per-capita income (2010 yuan = 2010 nominal).
    """
    sc = _scenario()
    cmp = compare(
        sc, ("cash only", "full package"), replications=2, seed=SEED,
        horizon_years=REAL_TERMS_YEARS,
    )  # fmt: skip
    w = cmp.size
    years = sc.start_year + np.arange(REAL_TERMS_YEARS)
    real = (cmp.per_capita * w).sum(axis=-1).mean(axis=1) / w.sum()  # (policies, years)
    nominal = nominal_table(real, years, sc.prices, axis=1)
    baseline = float((cmp.baseline * w).sum() / w.sum())
    return nominal[cmp.index("cash only")], nominal[cmp.index("full package")], baseline


def real_terms_checks() -> list[Check]:
    """Out-of-sample: the landless' 2010-2023 income path against Yunnan's incomes.

    With real wage growth at its default (the price index's wage index over its CPI),
    the simulated path of the landless' mean per-capita income, converted to nominal
    yuan of each year (:func:`collective_econ.prices.nominal_table`), against Yunnan's
    rural and urban per-capita incomes of 2010 and 2023. The model was not fitted to
    any income after 2010: this is an out-of-sample check of growth, not of level.
    """
    sec = "Simulation"
    cash, full, baseline = _income_path()
    (r0, r1), (u0, u1) = YUNNAN_INCOME["rural"], YUNNAN_INCOME["urban"]
    growth_cash, growth_full = cash[-1] / baseline, full[-1] / baseline
    src = "domain-reference.md §7 (Yunnan 2010 and 2023; NBS Yunnan communiqués, well-known)"
    return [
        Check(
            sec,
            "out-of-sample: landless income 2023, nominal",
            f"Yunnan per-capita income 2023: rural {_num(r1)}, urban {_num(u1)} yuan "
            f"(2010: {_num(r0)} and {_num(u0)}); a peri-urban landless household with wage "
            "jobs falls between them",
            f"{_num(r1)}-{_num(u1)} yuan/person",
            f"{_yuan(full[-1])} (cash only {_num(cash[-1])})",
            grade(float(full[-1]), r1, u1),
            "OUT-OF-SAMPLE (not fitted): 'full package', mean per-capita income of the "
            "landless in 2023, simulated in 2010 yuan with real wages growing with the "
            "price index, then shown in 2023 nominal yuan; 2 replications",
            float(full[-1]),
            kind="validation",
            source=src,
        ),
        Check(
            sec,
            "out-of-sample: landless income growth 2010-2023, nominal",
            f"Yunnan's per-capita income grew x{_fixed(r1 / r0, 2)} (rural) and "
            f"x{_fixed(u1 / u0, 2)} (urban) in nominal terms 2010-2023",
            f"x{_fixed(u1 / u0, 2)}-{_fixed(r1 / r0, 2)}",
            f"x{_fixed(growth_full, 2)} (cash only x{_fixed(growth_cash, 2)})",
            grade(growth_full, u1 / u0, r1 / r0),
            f"OUT-OF-SAMPLE (not fitted): 'full package' 2023 nominal per-capita income of "
            f"the landless over their pre-expropriation baseline ({_num(baseline)} yuan, "
            f"2010); wages grow with the minimum wage (6.9%/yr nominal), slower than "
            f"Yunnan's rural incomes",
            growth_full,
            kind="validation",
            source=src,
        ),
    ]
