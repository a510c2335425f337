"""The page's first table: every figure of the Caopijie report the model uses.

Each [seed] figure of seed-facts.md beside the parameter or appraisal that carries
it, and the cross-checks of domain-reference.md §0.
"""

from __future__ import annotations

import numpy as np

from ....prices import FLAT, using
from ....schemes import agro_park, enterprise, hogs, hotel, jobs, tea
from ..facts import CASE
from ._common import (
    _D,
    _S,
    Check,
    _community,
    _exact,
    _num,
    _pct,
    _scenario,
    _signed_pct,
    _yuan,
    grade,
)


def _case_figures() -> list[Check]:
    sec = "Case figures"
    c = _community()
    sc = _scenario()
    agri_persons = int(c.size[c.agricultural].sum())
    urban_persons = int(c.size[~c.agricultural].sum())
    share = sc.policy("80% shares").params("land_shares").share_fraction
    hp, tp, pp, hop, jp, ep = (
        hogs.HogParams(),
        tea.TeaParams(),
        agro_park.AgroParkParams(),
        hotel.HotelParams(),
        jobs.JobsParams(),
        enterprise.EnterpriseParams(),
    )
    sold = hogs.appraise(hp).items["hogs_sold"]
    grain = hogs.spent_grain_balance(hp)
    with using(FLAT):  # the seed's figures: 2010 prices and wages
        park, hot = agro_park.appraise(pp), hotel.appraise(hop)
    mature = float(park.items["collective_income"][-1])
    first_full = int(np.argmax(park.items["collective_income"] >= mature * (1 - 1e-9)))
    open_full = hot.items["revenue"] > 0
    open_full[np.argmax(open_full)] = False  # the opening year is part-year
    profit = float(hot.items["net_profit"][open_full].mean())
    per_head = float(hot.items["per_shareholder"][open_full].mean())
    person_times = jp.training_rounds * jp.trainees_per_round
    job_names = ", ".join(j.name for j in jp.jobs)
    sectors = ", ".join(s.name for s in ep.sectors)
    leaf_t = tp.area_mu * tp.mature_yield_kg_per_mu / 1000.0
    return [
        Check(
            sec,
            "residents",
            f"{CASE.residents:,} residents ({_S}, the community)",
            f"{CASE.residents:,}",
            f"{c.n_persons:,}",
            _exact(c.n_persons, CASE.residents),
            "persons of the synthetic community (CommunityParams.residents)",
            c.n_persons,
        ),
        Check(
            sec,
            "resident groups",
            f"{CASE.resident_groups} resident groups ({_S}, the community)",
            f"{CASE.resident_groups}",
            f"{c.n_groups}",
            _exact(c.n_groups, CASE.resident_groups),
            "group 0 is Jiewei, the hotel's group",
            c.n_groups,
        ),
        Check(
            sec,
            "agricultural residents",
            f"{CASE.agricultural_residents:,} agricultural residents ({_S}, the community)",
            f"{CASE.agricultural_residents:,}",
            f"{agri_persons:,}",
            _exact(agri_persons, CASE.agricultural_residents),
            "members of the households that hold land and lose it (the landless of the model)",
            agri_persons,
        ),
        Check(
            sec,
            "non-agricultural residents",
            f"{CASE.non_agricultural_residents:,} non-agricultural residents "
            f"({_S}, the community)",
            f"{CASE.non_agricultural_residents:,}",
            f"{urban_persons:,}",
            _exact(urban_persons, CASE.non_agricultural_residents),
            f"the report's parts add to "
            f"{CASE.agricultural_residents + CASE.non_agricultural_residents:,}, not "
            f"{CASE.residents:,} (its own rounding, check_case()); the model keeps the "
            f"{CASE.residents:,} residents and the {CASE.agricultural_residents:,} "
            "agricultural ones, so the urban rest is 116 fewer",
            urban_persons,
        ),
        Check(
            sec,
            "share fraction",
            f"residents invest {CASE.share_fraction:.0%} of their land compensation as shares "
            f"({_S} §1)",
            _pct(CASE.share_fraction),
            _pct(share),
            _exact(share, CASE.share_fraction),
            "policy '80% shares' of default_scenario() (LandSharesParams.share_fraction); "
            "'cash only' sets it to 0",
            share,
        ),
        Check(
            sec,
            "hog households",
            f"the Double Hundred supports {CASE.hog_households} households ({_S} §2)",
            f"{CASE.hog_households}",
            f"{hp.households}",
            _exact(hp.households, CASE.hog_households),
            "HogParams.households: farms drawn among landless agricultural households",
            hp.households,
        ),
        Check(
            sec,
            "hogs per household",
            f"each raising {CASE.hogs_per_household} or more hogs ({_S} §2)",
            f">= {CASE.hogs_per_household}",
            f"{hp.hogs_per_batch} a batch; {_num(float(sold[5]) / hp.households)} sold a year",
            "matches" if hp.hogs_per_batch >= CASE.hogs_per_household else "differs",
            "all-in/all-out batches of 100 piglets, about 2 a year; herds under 100 are refused",
            hp.hogs_per_batch,
        ),
        Check(
            sec,
            "spent grain supply",
            f"a {CASE.brewery_beer_tonnes:,.0f}-t brewery's spent grain feeds the hogs "
            f"({_S} §2; {_D} §0 S6: supply does not bind)",
            "supply > demand",
            f"supply {_num(grain.supply_t)} t wet/yr, demand {_num(grain.demand_t)} t "
            f"({_pct(grain.demand_t / grain.supply_t)})",
            "matches" if not grain.binds else "differs",
            "spent_grain_balance(HogParams()): 0.186 t wet BSG per t of beer; demand at 20% "
            "of diet DM; perishability and haulage, not supply, limit it",
            grain.supply_t,
        ),
        Check(
            sec,
            "tea area",
            f"{CASE.tea_mu:,.0f} mu of new ecological tea gardens ({_S} §4)",
            f"{CASE.tea_mu:,.0f} mu",
            f"{tp.area_mu:,.0f} mu",
            _exact(tp.area_mu, CASE.tea_mu),
            f"TeaParams.area_mu; at maturity {_num(leaf_t)} t of fresh leaf a year "
            "(the report gives no yield or revenue)",
            tp.area_mu,
        ),
        Check(
            sec,
            "park area",
            f"{CASE.park_mu:,.0f} mu of idle collective barren hill ({_S} §4)",
            f"{CASE.park_mu:,.0f} mu",
            f"{pp.area_mu:,.0f} mu",
            _exact(pp.area_mu, CASE.park_mu),
            "AgroParkParams.area_mu",
            pp.area_mu,
        ),
        Check(
            sec,
            "park income",
            f"the park earns {CASE.park_income:,.0f} yuan a year ({_S} §4; {_D} §0 S3: "
            "only as a steady state)",
            f"{_num(CASE.park_income)} yuan/yr at maturity",
            f"{_yuan(mature)}/yr from year {first_full}",
            grade(mature, CASE.park_income * 0.98, CASE.park_income * 1.02),
            "collective's net income (revenue less inputs and residents' wages) of "
            "agro_park.appraise(); 800 yuan/mu; graded within 2%",
            mature,
        ),
        Check(
            sec,
            "hotel land",
            f"the hotel takes {CASE.hotel_land_mu:g} mu ({_S} §4)",
            f"{CASE.hotel_land_mu:g} mu",
            f"{hop.land_mu:g} mu",
            _exact(hop.land_mu, CASE.hotel_land_mu),
            "HotelParams.land_mu (the group's land, not valued as equity)",
            hop.land_mu,
        ),
        Check(
            sec,
            "hotel residents' funds",
            f"{CASE.hotel_resident_funds:,.0f} yuan raised from residents ({_S} §4)",
            _yuan(CASE.hotel_resident_funds),
            _yuan(hop.resident_equity),
            _exact(hop.resident_equity, CASE.hotel_resident_funds),
            f"HotelParams.resident_equity: {_pct(hop.resident_equity / hop.total_investment)} "
            f"of the investment; the equity by contribution (residents "
            f"{_pct(hop.resident_equity / hop.equity)}, the collective "
            f"{_yuan(hop.collective_equity, 2)}, outside investors "
            f"{_yuan(hop.outside_equity, 2)}), the rest a bank loan of "
            f"{_pct(hop.loan / hop.total_investment)}",
            hop.resident_equity,
        ),
        Check(
            sec,
            "hotel investment",
            f"{CASE.hotel_funds:,.0f} yuan raised in all ({_S} §4; 4.0 or 4.4 M, ambiguous)",
            f"{_num(CASE.hotel_funds, 2)} yuan",
            _yuan(hop.total_investment, 2),
            _exact(hop.total_investment, CASE.hotel_funds),
            "HotelParams.total_investment takes the 4.0 M reading (4.4 M is the other)",
            hop.total_investment,
        ),
        Check(
            sec,
            "hotel profit",
            f"profit {CASE.hotel_profit:,.0f} yuan a year ({_S} §4)",
            f"{_num(CASE.hotel_profit)} yuan/yr (within 10%)",
            f"{_yuan(profit)}/yr, mean of the full years open at 2010 wages "
            f"({_signed_pct(profit / CASE.hotel_profit - 1, 1)})",
            grade(profit, CASE.hotel_profit * 0.9, CASE.hotel_profit * 1.1, tol=0.1),
            "mean net profit of hotel.appraise() over its full years open (it rises as the "
            "loan is repaid); return on the 4.0 M "
            f"{_pct(profit / hop.total_investment, 1)} (the report: 8.75%)",
            profit,
        ),
        Check(
            sec,
            "hotel per-capita gain",
            f"the profit raises per-capita income by over "
            f"{CASE.hotel_claimed_per_capita_gain:,.0f} yuan ({_S} §4)",
            f"{_num(CASE.hotel_claimed_per_capita_gain)} yuan/person/yr",
            f"{_yuan(per_head)}/shareholder/yr",
            grade(
                per_head,
                0.9 * CASE.hotel_claimed_per_capita_gain,
                1.1 * CASE.hotel_claimed_per_capita_gain,
            ),
            f"impossible for a {CASE.hotel_profit:,.0f}-yuan profit: a typo for '1,000-odd "
            f"yuan' ({_D} §0 S1); the model shares the residents' dividends (their "
            f"{_pct(hop.resident_equity / hop.equity)} share of the equity) among "
            f"{hop.shareholders} shareholders (see the Hotel table)",
            per_head,
        ),
        Check(
            sec,
            "training rounds",
            f"vocational training in {CASE.training_rounds} rounds ({_S} §6)",
            f"{CASE.training_rounds}",
            f"{jp.training_rounds}",
            _exact(jp.training_rounds, CASE.training_rounds),
            "JobsParams.training_rounds, one a year from the start (an estimate)",
            jp.training_rounds,
        ),
        Check(
            sec,
            "training person-times",
            f"{CASE.training_person_times}+ person-times ({_S} §6)",
            f">= {CASE.training_person_times}",
            f"{person_times} ({jp.training_rounds} x {jp.trainees_per_round})",
            grade(person_times, CASE.training_person_times, 1.1 * CASE.training_person_times),
            "JobsParams.trainees_per_round x training_rounds",
            person_times,
        ),
        Check(
            sec,
            "job types",
            f"factory work (walnut plant, silicon plant) and urban service work (traffic "
            f"assistants, greening, sanitation) for the landless ({_S} §3)",
            "these job types",
            job_names,
            "matches",
            "JobsParams.jobs; the brewery (>700 jobs, domain-reference.md §2b) added; places are "
            "estimates",
        ),
        Check(
            sec,
            "business sectors",
            f"credit and tax relief for planting, breeding, catering, services, transport "
            f"({_S} §5)",
            "these five sectors",
            sectors,
            "matches"
            if {s.name for s in ep.sectors}
            == {"planting", "breeding", "catering", "services", "transport"}
            else "differs",
            "EnterpriseParams.sectors",
        ),
    ]
