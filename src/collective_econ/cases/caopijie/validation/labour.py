"""Labour: domain-reference.md §6 (unemployment of the landless, wages, training)."""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

from ....economy.community import Community
from ....economy.livelihood import AGE_BANDS, employment_share
from ....schemes import jobs
from ._common import (
    _D,
    Check,
    _community,
    _num,
    _pct,
    _scenario,
    grade,
)


def _landless_workers(c: Community, years: int) -> NDArray[np.bool_]:
    """Persons of landless-target households of working age ``years`` into the run."""
    age = c.age + years
    return c.landless_target[c.person_household] & (age >= 16) & (age <= 59)


def _labour() -> list[Check]:
    sec = "Labour"
    sc = _scenario()
    lp = sc.livelihood
    c = _community()
    workers = _landless_workers(c, 0)
    n = int(workers.sum())
    share = employment_share(lp, c.age[workers], np.ones(n, bool), np.ones(n, bool))
    unemployment = 1.0 - float(share.mean())
    by_band = ", ".join(
        f"{lo}-{hi}: {_pct(1.0 - e)}"
        for (lo, hi), e in zip(AGE_BANDS, lp.employment_by_age, strict=True)
    )
    jp = jobs.JobsParams()
    minimum = lp.casual_wage_month
    factory = [j.wage_month for j in jp.jobs if not j.public_welfare]
    service = [j.wage_month for j in jp.jobs if j.public_welfare]
    f_ratio = float(np.mean(factory)) / minimum
    s_ratio = float(np.mean(service)) / minimum
    with_jobs = jobs.steady_state_employment(jp, jp.seekers)
    return [
        Check(
            sec,
            "landless unemployment",
            f"20-30% of land-expropriated farmers are unemployed in central and western "
            f"China ({_D} §6; stylised fact 2)",
            "20-30%",
            _pct(unemployment, 1),
            grade(unemployment, 0.20, 0.30),
            f"1 - livelihood employment shares of the default community's {n:,} working-age "
            f"landless persons (by their ages) without job schemes; the jobs scheme assumes "
            f"{jp.baseline_unemployment:.0%} and lowers it to "
            f"{_pct(1.0 - float(with_jobs.employment_rate))} in its steady state",
            unemployment,
        ),
        Check(
            sec,
            "unemployment by age",
            f"landless farmers over 40-50 have high unemployment ({_D} §6 stylised fact 2)",
            "rising with age",
            by_band,
            "matches"
            if all(
                a > b for a, b in zip(lp.employment_by_age, lp.employment_by_age[1:], strict=False)
            )
            else "differs",
            "1 - LivelihoodParams.employment_by_age",
        ),
        Check(
            sec,
            "training wage uplift",
            f"short skills training gives modest wage gains of +10-20% ({_D} §6 stylised fact 3)",
            "+10-20%",
            f"+{_pct(jp.training_wage_uplift)}",
            grade(jp.training_wage_uplift, 0.10, 0.20),
            f"JobsParams.training_wage_uplift; hiring chance +{jp.training_hire_uplift:.0%} "
            "points (reference +5-15)",
            jp.training_wage_uplift,
        ),
        Check(
            sec,
            "factory wage",
            f"factory jobs near home pay about 1.3-2x the minimum wage ({_D} §6 stylised fact 4)",
            "1.3-2x minimum wage",
            f"{_num(f_ratio)}x ({np.mean(factory):,.0f} / {minimum:,.0f} yuan/month)",
            grade(f_ratio, 1.3, 2.0),
            "JobsParams factory places / Yunnan class II minimum wage from Jul 2010",
            f_ratio,
        ),
        Check(
            sec,
            "service wage",
            f"the county-seat minimum wage anchors low-skill urban service jobs "
            f"({_D} §6 stylised fact 1; posts 700-1,000 yuan/month)",
            "about 1x minimum wage (700-1,000)",
            f"{_num(s_ratio)}x ({np.mean(service):,.0f} yuan/month)",
            grade(float(np.mean(service)), 700.0, 1_000.0),
            "public-welfare posts (traffic assistants, greening, sanitation)",
            s_ratio,
        ),
    ]
