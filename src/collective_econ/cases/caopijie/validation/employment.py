"""Out-of-sample checks of work after expropriation (the landless, no scheme).

The change in the landless's work income and total income against keeping their land
(the direction the literature reports, not a level), the share that changes employment
status, and the sex gap in the fall of employment, each against a fact of
domain-reference.md §6 the model was not fitted to. Built on the page's cached 5-year
comparison and the livelihood's rules; see :mod:`.outofsample`.
"""

from __future__ import annotations

import numpy as np

from ....economy.ledger import INCOME_SOURCES, Source
from ....economy.livelihood import employment_share, old_house_rent, pension, person_wage
from ._common import (
    _D,
    SIM_YEARS,
    Check,
    Kind,
    _community,
    _comparison,
    _fixed,
    _num,
    _pct,
    _scenario,
    _signed_pct,
    grade,
)

__all__ = ["_work_checks"]

_V: Kind = "validation"
_WANG_XIE = (
    f"{_D} §6: Wang et al., Land 12(10):1955 (2023), CFPS 2016-18 PSM-DID; Xie, Land Use "
    "Policy 87:104040 (2019), Nanjing"
)


def _work_checks() -> list[Check]:
    sec = "Simulation"
    c = _community()
    sc = _scenario()
    lp = sc.livelihood
    cmp = _comparison()
    y = SIM_YEARS - 1
    ll = c.landless_target
    persons = ll[c.person_household]
    age = c.age[persons] + y
    one = np.ones(age.shape, bool)
    before = employment_share(lp, age, one, ~one)  # farmers' off-farm work
    after = employment_share(lp, age, one, one)  # the landless, no scheme
    factor = float(
        sc.prices.real_wage_factor(sc.start_year + y) / sc.prices.real_wage_factor(sc.start_year)
    )
    wage = person_wage(lp, one, c.skill[persons]) * factor
    hh = c.person_household[persons]
    n = c.n_households
    farm = float((c.land_mu[ll] * lp.farm_net_income_per_mu).sum())
    kept = farm + float(np.bincount(hh, weights=12.0 * before * wage, minlength=n).sum())
    pension_level = factor if lp.pension_indexation == "wages" else 1.0
    pensions = float((12.0 * pension(lp, age, one) * pension_level).sum())
    rent = float((12.0 * old_house_rent(lp, c.size[ll], c.agricultural[ll])).sum())
    w = cmp.size
    k = cmp.index("cash only")
    cash = float((cmp.per_capita[k, :, y, :] * w).sum(axis=-1).mean() / w.sum())
    shares = float((cmp.per_capita[cmp.index("80% shares"), :, y, :] * w).sum(-1).mean())
    kept_pc = (kept + pensions + rent) / float(w.sum())
    src = [INCOME_SOURCES.index(Source.FARMING), INCOME_SOURCES.index(Source.WAGE)]
    simulated = float(cmp.by_source[k, :, y, src].sum(axis=0).mean())
    change = simulated / kept - 1.0
    working = (age >= 16) & (age <= 59)
    changed = float(np.mean(1.0 - before[working]))
    fem = c.female[persons] & working
    male = ~c.female[persons] & working
    work_f, work_m = float(np.mean(after[fem])), float(np.mean(after[male]))
    gap = work_m - work_f  # the extra fall for women: everyone farmed before
    same = (
        "the same persons, at the same ages and the same year's real wages "
        f"(x{_fixed(factor, 2)} of 2010's), would have earned had they kept their land"
    )
    return [
        Check(
            sec,
            "landless work income after expropriation",
            "expropriation lowers the employment of those who lose land; many end unemployed "
            "(20-30% of the landless in central and western China) (domain-reference.md §6)",
            "a fall (the change, not the level)",
            f"{_signed_pct(change)} ({_num(simulated / cmp.size.sum())} against "
            f"{_num(kept / cmp.size.sum())} yuan a person with the land)",
            "matches" if change < 0.0 else "differs",
            f"'cash only' (no scheme), year {SIM_YEARS}: farming and wage income of the "
            f"landless households (simulated, mean of the replications) against what {same} "
            "(farming and off-farm work); off-farm work rises from "
            f"{_pct(float(before[working].mean()))} to {_pct(float(after[working].mean()))} "
            "of the working-age, but farm income ends",
            change,
            kind=_V,
            source=_WANG_XIE,
        ),
        Check(
            sec,
            "landless income without schemes",
            "without support, losing the land lowers employment and income: 20-30% of the "
            "landless unemployed, 54% changed employment status (domain-reference.md §6); "
            "the 2019 law had to require that the original living standard not fall "
            "(domain-reference.md §1a)",
            "a fall against keeping the land (the change, not the level)",
            f"{_signed_pct(cash / kept_pc - 1.0)} ({_num(cash)} against {_num(kept_pc)} yuan "
            "a person)",
            "matches" if cash < kept_pc else "differs",
            f"'cash only', mean per-capita income of the landless in year {SIM_YEARS} (all "
            "sources: rent of new floor, interest and the transitional subsidy included) "
            f"against what {same} (farming, off-farm work, pensions, old-house rent); "
            f"'80% shares' gives {_num(shares / float(w.sum()))} (dividends)",
            cash / kept_pc - 1.0,
            kind=_V,
            source=_WANG_XIE + "; §1a (LAL 2019 Art. 48)",
        ),
        Check(
            sec,
            "employment status changed by expropriation",
            "about 54% of land-expropriated farmers changed employment status, mostly into "
            "migrant labour or unemployment (domain-reference.md §6, Nanjing)",
            "about 54% (49-59%)",
            _pct(changed),
            grade(changed, 0.49, 0.59),
            "working-age landless persons whose main work was their farm (not in off-farm "
            "work before: 1 - offfarm_work_before, weighted by age); they all change status "
            f"when the land goes; the model assumes {_pct(lp.offfarm_work_before)} of "
            "peri-urban farmers already worked off the farm (an estimate), more than the "
            "Nanjing sample",
            changed,
            kind=_V,
            source=f"{_D} §6: Xie, Land Use Policy 87:104040 (2019)",
        ),
        Check(
            sec,
            "employment loss of women",
            "expropriation lowers the probability of employment more for women than for men "
            "(domain-reference.md §6)",
            "a larger fall for women",
            f"in work after: women {_pct(work_f, 1)}, men {_pct(work_m, 1)} (before: all "
            f"farming, {_pct(lp.offfarm_work_before)} of both also off the farm)",
            "matches" if gap > 0.01 else "differs",
            f"expected share of working-age landless persons in off-farm work after "
            f"expropriation (employment_share, no scheme, ages of year {SIM_YEARS}), by sex; "
            "farm work, which every member of a land-holding household did, counts as work "
            "before; the livelihood's casual work depends on age, not on sex, so the gap is "
            "only the sexes' age mix; the jobs scheme hires by age and sex, casual work does "
            "not",
            gap,
            kind=_V,
            source=f"{_D} §6: Wang et al., Land 12(10):1955 (2023)",
        ),
    ]
