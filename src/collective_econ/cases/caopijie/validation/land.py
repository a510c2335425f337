"""Land and compensation: domain-reference.md §1 against the land-shares scheme."""

from __future__ import annotations

import numpy as np

from ....schemes import land_shares
from ._common import (
    _D,
    SEED,
    Check,
    _exact,
    _num,
    _pct,
    _yuan,
    grade,
)


def _land() -> list[Check]:
    sec = "Land and compensation"
    lp = land_shares.LandSharesParams()
    comp = land_shares.compensation(lp, lp.area_mu, lp.persons)
    per_aaov = {k: float(v) / (lp.area_mu * lp.aaov_per_mu) for k, v in comp.items()}
    legal_mult = per_aaov["land_fee"] + per_aaov["resettlement"]  # what Art. 47 caps
    total_mult = per_aaov["total"]
    within = (
        6.0 <= per_aaov["land_fee"] <= 10.0
        and per_aaov["resettlement"] <= lp.resettle_cap_multiple + 1e-9
        and legal_mult <= land_shares.TOTAL_CAP_MULTIPLE + 1e-9
    )
    parts = " + ".join(
        _num(per_aaov[k], 3) for k in ("land_fee", "resettlement", "young_crops", "attachments")
    )
    per_mu = float(comp["total"]) / lp.area_mu
    alt = land_shares.cash_alternative(lp)
    left5 = float(alt.items["deposit_balance"][5] / alt.items["compensation"][0])
    rates, alive = [], []
    for i in range(200):
        a = land_shares.appraise(lp, rng=np.random.default_rng([SEED, 1, i]))
        rates.append(a.items["paid_rate"][1:])
        alive.append(a.items["alive"][1:])
    paid = np.concatenate(rates)[np.concatenate(alive) > 0]
    floor = lp.guaranteed_rate  # the contract's floor; the paid rate is cut when cash runs short
    cut = float(np.mean(paid < floor - 1e-12))
    p95 = float(np.percentile(paid, 95))
    default20 = 1.0 - float(np.mean([a[-1] for a in alive]))
    return [
        Check(
            sec,
            "compensation multiple",
            f"land fee 6-10 x AAOV, resettlement 4-6 x AAOV a person, <= 15 x AAOV a mu, "
            f"total <= 30 x AAOV a mu ({_D} §1a, LAL 1998 Art. 47)",
            "within the caps",
            f"{_num(legal_mult, 4)} x AAOV a mu (land {_num(per_aaov['land_fee'], 2)}, "
            f"resettlement {_num(per_aaov['resettlement'], 3)}); "
            f"{_num(total_mult, 4)} with young crops and attachments",
            "matches" if within else "differs",
            f"land_shares.compensation() for the case's {lp.persons:,} persons on "
            f"{_num(lp.area_mu / lp.persons, 2)} mu each, AAOV {_num(lp.aaov_per_mu)} yuan/mu; "
            f"the caps bind the land fee and resettlement, not young crops "
            f"({_num(lp.young_crop_per_mu)} yuan/mu) or attachments "
            f"({_num(lp.attachments_per_mu)} yuan/mu), which the province sets",
            total_mult,
        ),
        Check(
            sec,
            "compensation per mu",
            f"30,000-60,000 yuan/mu in Yunnan county towns 2008-2012, 16-20 x AAOV "
            f"({_D} §1a, estimate)",
            "30,000-60,000 yuan/mu",
            _yuan(per_mu),
            grade(per_mu, 30_000.0, 60_000.0),
            f"the 1998 law's multiples with young crops and attachments ({parts}) give "
            f"{_num(total_mult, 4)} x AAOV, against the 16-20 x the reference derives; "
            f"AAOV {_num(lp.aaov_per_mu)} is mid-range (1,500-3,000)",
            per_mu,
        ),
        Check(
            sec,
            "lump sum left after 5 years",
            f"lump-sum compensation is spent within a few years unless locked into pensions "
            f"or equity ({_D} §1b stylised fact 2)",
            "mostly spent (< 50% left)",
            f"{_pct(left5)} left on deposit",
            "matches" if left5 < 0.5 else "differs",
            f"cash_alternative(): {lp.spend_rate:.0%} spent on receipt and "
            f"{lp.spend_rate:.0%} of the balance a year, the rest at the real deposit rate "
            f"({lp.deposit_rate:.2%} a year less each year's inflation); balance at the end "
            f"of year 5",
            left5,
        ),
        Check(
            sec,
            "guaranteed floor and volatile dividend",
            f"dividend schemes give a stable guaranteed floor plus a volatile bonus; "
            f"保底分红 6-10% ({_D} §1b and stylised fact 4)",
            "floor 6-10%, bonus above it",
            f"floor {_pct(floor, 1)} (paid below it {_pct(cut)} of years); p95 "
            f"{_pct(p95, 1)}; developer default by year 20 {_pct(default20)}",
            "matches" if 0.06 <= floor <= 0.10 and p95 > floor + 0.01 else "differs",
            f"LandSharesParams.guaranteed_rate (the contract's floor), mean "
            f"{_pct(lp.dividend_rate, 1)}; paid rates of 200 random land_shares.appraise() "
            f"paths (seeded), years the developer is alive: the developer pays the floor out "
            f"of the project's cash and cuts it when the cash runs short; default risk "
            f"{_pct(lp.default_prob, 1)}/yr, {_pct(lp.distress_default_prob)} in a year it "
            f"cannot pay the floor (estimates)",
            floor,
        ),
        Check(
            sec,
            "house swap ratio",
            f"house swaps default to 1:1 in floor area ({_D} §1 stylised fact 5)",
            "1 m² for 1 m²",
            f"{_num(lp.swap_ratio, 2)} m² for 1 m²",
            _exact(lp.swap_ratio, 1.0),
            "LandSharesParams.swap_ratio; extra area bought at cost",
            lp.swap_ratio,
        ),
    ]
