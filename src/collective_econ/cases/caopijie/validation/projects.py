"""The collective's projects: the tea garden, the demonstration park and the hotel.

domain-reference.md §3 (tea), §4 (walnut and livestock park) and §5 (hotel).
"""

from __future__ import annotations

import numpy as np

from .... import finance
from ....schemes import agro_park, hotel, tea
from ._common import (
    _D,
    Check,
    _exact,
    _fixed,
    _num,
    _pct,
    _yuan,
    grade,
)


def _tea() -> list[Check]:
    sec = "Tea"
    tp = tea.TeaParams()
    ramp = tea.yield_share(tp, np.arange(0, 13))
    first_full = int(np.argmax(ramp >= 1.0))
    y45 = float(ramp[4:6].mean())
    sp = tea.harvest(tp, 20, "spring")
    su = tea.harvest(tp, 20, "summer_autumn")
    spring_vol = float(sp["leaf_kg"] / (sp["leaf_kg"] + su["leaf_kg"]))
    premium = tp.spring_price / tp.summer_price
    picking = float((sp["picking_wages"] + su["picking_wages"]) / (sp["revenue"] + su["revenue"]))
    return [
        Check(
            sec,
            "tea ramp, years 1-2",
            f"no yield in years 1-2 ({_D} §3 stylised fact 1; §0 S7: nothing until year 3)",
            "0",
            f"{_pct(float(ramp[1]))}, {_pct(float(ramp[2]))}",
            "matches" if ramp[1] == 0 and ramp[2] == 0 else "differs",
            "tea.yield_share() at ages 1 and 2 (share of mature yield)",
            float(ramp[1:3].max()),
        ),
        Check(
            sec,
            "tea ramp, year 3",
            f"about 15-25% of mature yield in year 3 ({_D} §3 stylised fact 1)",
            "15-25%",
            _pct(float(ramp[3])),
            grade(float(ramp[3]), 0.15, 0.25),
            "tea.yield_share() at age 3",
            float(ramp[3]),
        ),
        Check(
            sec,
            "tea ramp, years 4-5",
            f"about 50% in years 4-5 ({_D} §3 stylised fact 1)",
            "about 50%",
            f"{_pct(float(ramp[4]))}, {_pct(float(ramp[5]))} (mean {_pct(y45)})",
            grade(y45, 0.45, 0.55),
            "tea.yield_share() at ages 4 and 5",
            y45,
        ),
        Check(
            sec,
            "tea ramp, full yield",
            f"full yield in years 6-8, then flat ({_D} §3 stylised fact 1; §0 S7)",
            "year 6-8",
            f"year {first_full}",
            grade(first_full, 6, 8),
            f"first age at which tea.yield_share() is 1 ({_pct(float(ramp[6]))} at 6)",
            first_full,
        ),
        Check(
            sec,
            "spring share of volume",
            f"spring leaf is 30-50% of the volume ({_D} §3 stylised fact 2; about 1/3 in Yunnan)",
            "30-50%",
            _pct(spring_vol),
            grade(spring_vol, 0.30, 0.50),
            "tea.harvest() of a mature garden, spring / all seasons",
            spring_vol,
        ),
        Check(
            sec,
            "spring price premium",
            f"spring leaf fetches 2-3x the summer/autumn price ({_D} §3 stylised fact 2)",
            "2-3x",
            f"{_num(premium, 2)}x",
            grade(premium, 2.0, 3.0),
            "TeaParams.spring_price / summer_price (6 and 3 yuan/kg, 2010 estimates)",
            premium,
        ),
        Check(
            sec,
            "picking share of value",
            f"picking costs about 40% of the value in hand-picked gardens "
            f"({_D} §3 stylised fact 4)",
            "about 40% (35-45%)",
            _pct(picking),
            grade(picking, 0.35, 0.45),
            "picking wages / leaf revenue of a mature garden (tea.harvest())",
            picking,
        ),
        Check(
            sec,
            "mature revenue per mu",
            f"1,500-3,500 yuan/mu/yr for an ordinary mature garden, 2010 ({_D} §3, estimate)",
            "1,500-3,500 yuan/mu",
            _yuan(tp.mature_revenue_per_mu),
            grade(tp.mature_revenue_per_mu, 1_500.0, 3_500.0),
            "400 kg fresh leaf a mu, a third in spring at 6 yuan/kg, the rest at 3",
            tp.mature_revenue_per_mu,
        ),
    ]


def _park() -> list[Check]:
    sec = "Demonstration park"
    pp = agro_park.AgroParkParams()
    rev = agro_park.park_income(pp, np.arange(0, 13))["revenue"] / pp.area_mu
    early = float(rev[1:4].mean())
    mid_lo, mid_hi = float(rev[4:8].min()), float(rev[4:8].max())
    mature = float(rev[12])
    share = agro_park.revenue_share(pp, np.arange(0, 13))
    first_full = int(np.argmax(share >= 1.0))
    return [
        Check(
            sec,
            "park ramp, years 1-3",
            f"about 100 yuan/mu from intercrops and livestock before the trees bear "
            f"({_D} §4 default path; stylised fact 3)",
            "about 100 yuan/mu",
            f"{_yuan(early, 2)}/mu",
            grade(early, 80.0, 120.0),
            "agro_park.park_income() revenue per mu at ages 1-3 (8% of mature)",
            early,
        ),
        Check(
            sec,
            "park ramp, years 4-7",
            f"300-500 yuan/mu in years 4-7 ({_D} §4 default path; §0 S3: about 30% in 4-6)",
            "300-500 yuan/mu",
            f"{_num(mid_lo)}-{_num(mid_hi)} yuan/mu",
            "matches"
            if grade(mid_lo, 300.0, 500.0) == "matches" == grade(mid_hi, 300.0, 500.0)
            else "close",
            "revenue per mu at ages 4-7",
            mid_lo,
        ),
        Check(
            sec,
            "park maturity",
            f"walnut reaches significant yield in 7-10 years if grafted; full from about "
            f"year 8 ({_D} §4 stylised fact 1; §0 S3)",
            "year 7-10",
            f"year {first_full}",
            grade(first_full, 7, 10),
            "first age at which agro_park.revenue_share() is 1",
            first_full,
        ),
        Check(
            sec,
            "park mature revenue per mu",
            f"800-1,200 yuan/mu from year 8 ({_D} §4 default path)",
            "800-1,200 yuan/mu",
            f"{_yuan(mature)}/mu",
            grade(mature, 800.0, 1_200.0),
            "50 kg walnuts at 20 yuan/kg + 200 yuan livestock; the collective keeps 800 "
            "after inputs and wages",
            mature,
        ),
        Check(
            sec,
            "park vs mature walnut orchards",
            f"mature walnut grosses 2,500-4,000 yuan/mu, so the seed's 800 is conservative "
            f"for a mature park ({_D} §4 stylised fact 4)",
            "2,500-4,000 yuan/mu",
            f"{_yuan(mature)}/mu",
            grade(mature, 2_500.0, 4_000.0),
            "the model is calibrated to the seed's 400,000 yuan on barren hill (50 kg of "
            "walnuts a mu in year 8, below grafted full yield); the reference's figure is "
            "for full-yield Xinjiang and Gansu orchards, as its own stylised fact says",
            mature,
        ),
    ]


def _hotel() -> list[Check]:
    sec = "Hotel"
    hp = hotel.HotelParams()
    a = hotel.appraise(hp)
    open_full = a.items["revenue"] > 0
    open_full[np.argmax(open_full)] = False
    profit = float(a.items["net_profit"][open_full].mean())
    per_head = float(a.items["per_shareholder"][open_full].mean())
    payback = hp.total_investment / profit
    resident_share = hp.resident_equity / hp.equity
    resident_yield = resident_share * float(a.items["dividends"][open_full].mean())
    resident_yield /= hp.resident_equity
    resident_irr = float(finance.irr(a.of("households")))
    season = np.asarray(hp.seasonality)
    top = [int(i) for i in np.argsort(-season, kind="stable")[:2]]
    names = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
    return [
        Check(
            sec,
            "occupancy",
            f"hotel occupancy sits around 50-60% ({_D} §5b stylised fact 1)",
            "50-60%",
            _pct(hp.occupancy),
            grade(hp.occupancy, 0.50, 0.60),
            "HotelParams.occupancy (county town 50-65%, default 58%)",
            hp.occupancy,
        ),
        Check(
            sec,
            "seasonality",
            f"pronounced seasonality: Spring Festival, Golden Weeks ({_D} §5b stylised fact 1)",
            "peaks in Jan-Feb and Oct",
            " and ".join(names[i] for i in sorted(top)),
            "matches" if {0, 1} & set(top) and {4, 9} & set(top) else "differs",
            "the two highest months of HotelParams.seasonality (used by the simulation)",
        ),
        Check(
            sec,
            "F&B share of revenue",
            f"about 40% of revenue comes from food and beverage ({_D} §5b stylised fact 2)",
            "about 40% (35-45%)",
            _pct(hp.fnb_share),
            grade(hp.fnb_share, 0.35, 0.45),
            "HotelParams.fnb_share (star hotels 2014: 41.1%)",
            hp.fnb_share,
        ),
        Check(
            sec,
            "simple payback",
            f"simple payback on a county hotel is 8-12 years ({_D} §5b stylised fact 4; "
            "§0 S2: 11.4 years)",
            "8-12 years",
            f"{_fixed(payback, 1)} years",
            grade(payback, 8.0, 12.0),
            "total investment / mean net profit of the full years open",
            payback,
        ),
        Check(
            sec,
            "per-shareholder gain",
            f"about 1,000 yuan a year for about 350 shareholders ({_D} §0 S1)",
            "about 1,000 yuan/person/yr",
            f"{_yuan(per_head)}/person/yr (mean of the full years open)",
            grade(per_head, 900.0, 1_100.0),
            f"residents' share of dividends / {hp.shareholders} shareholders, mean of the "
            "full years open; the seed's 1,000 yuan needs the residents to take all the "
            f"profit (87.5% a year on their funds, {_D} §0 S2): split by equity, their "
            f"{_pct(hp.resident_equity / hp.equity)} gives less",
            per_head,
        ),
        Check(
            sec,
            "residents' return",
            f"profit split by equity: residents taking all of it would earn 87.5% a year on "
            f"their 400,000 yuan, which is not credible ({_D} §0 S2; 8.75% on the investment)",
            "8.75-30% a year (the project's return, up to a stake levered by the loan)",
            f"{_pct(resident_yield, 1)}/yr on their funds, mean of the full years open "
            f"(IRR {_pct(resident_irr, 1)}, construction years included)",
            grade(resident_yield, 0.0875, 0.30),
            f"residents' {_pct(resident_share)} of the equity x mean dividends of the full years "
            f"open / HotelParams.resident_equity; the rest: collective "
            f"{_yuan(hp.collective_equity, 2)}, outside investors {_yuan(hp.outside_equity, 2)}, "
            f"a bank loan of {_pct(hp.loan / hp.total_investment)} of the investment "
            f"(max_ltv {_pct(hp.max_ltv)})",
            resident_yield,
        ),
        Check(
            sec,
            "loan rate",
            f"benchmark rates were low in 2009: 5.94% for loans over 5 years "
            f"({_D} §5a; stylised fact 3)",
            "5.94%",
            _pct(hp.loan_rate, 2),
            _exact(hp.loan_rate, 0.0594),
            "HotelParams.loan_rate; the residents' opportunity cost is the 2.25% deposit rate",
            hp.loan_rate,
        ),
    ]
