"""Financing the Jiewei group's hotel: who gains under which mix of equity and debt.

The case (case report §4): a hotel on 5 mu of the Jiewei group's land, 400,000 yuan
raised from residents and 4,000,000 yuan raised in all, read either as a total of
4.0 M or 4.4 M yuan; a profit of 350,000 yuan a year, about 1,000 yuan for each of
roughly 350 resident shareholders (domain reference §0 S1-S2). The model adds
equity from the Jiewei group collective (0.2 M) and an outside investor (1.0 M) and
finances the rest by a bank loan at the PBoC >5-year rate of 5.94% (§5a, 23 Dec
2008), at most 60% of the investment (``max_ltv``).

It prints each mix's loan share and rate, the residents' NPV and IRR on their equity,
the collective's NPV, the bank's NPV and IRR, the county's net new business and income
taxes (NPV: the hotel's less those the town's other hotels and restaurants no longer
pay on the sales it takes, ``additionality``), the hotel's mean net profit and the
residents' dividend per shareholder over the years open all 12 months; NPVs over 20
years at the 8% real social discount rate.

Mixes: the two readings of the case (for 4.4 M the outside investor puts in 1.16 M,
keeping the loan at the 60% limit); the loan at 0.8x the benchmark (allowed from
June 2012, §5a) and from a rural credit cooperative at 1.5x (up to 2.3x, §5a);
residents raising 1.0 M; the collective putting in 1.6 M of its own.
"""

import math

import collective_econ as ce

CASE = ce.HotelParams()
MIXES = {
    "case, 4.0 M total": CASE,
    "case, 4.4 M total": CASE.evolve(total_investment=4_400_000.0, outside_equity=1_160_000.0),
    "loan at 0.8x rate": CASE.evolve(loan_rate=0.8 * CASE.loan_rate),
    "loan at 1.5x rate": CASE.evolve(loan_rate=1.5 * CASE.loan_rate),
    "residents put 1.0 M": CASE.evolve(resident_equity=1_000_000.0),
    "collective puts 1.6 M": CASE.evolve(collective_equity=1_600_000.0),
}


def pct(x: float) -> str:
    return f"{x:.1%}" if math.isfinite(x) else "n/a"


def main() -> None:
    res, coll, bank, gov = (
        ce.STAKEHOLDERS.index(ce.Stakeholder(s))
        for s in ("households", "collective", "bank", "government")
    )
    print(
        "Financing the hotel: M yuan (NPVs at 8% over 20 years, the bank's at its 1.5% cost of "
        "funds; profit a year once open);"
    )
    print("residents' dividend per shareholder (350), yuan a year once open")
    print(
        f"{'mix':<22}{'invest':>7}{'loan':>5}{'rate':>6}{'res NPV':>8}{'res IRR':>8}"
        f"{'coll NPV':>9}{'bank NPV':>9}{'bank IRR':>9}{'taxes':>6}{'profit':>7}{'/head':>6}"
    )
    for name, p in MIXES.items():
        a = ce.appraise("hotel", p)
        npv, irr = a.npv(), a.irr()
        first = math.ceil(p.construction_months / 12)  # the first year open all 12 months
        open_years = a.items["net_profit"][first:]
        per_head = a.items["per_shareholder"][first:]
        print(
            f"{name:<22}{p.total_investment / 1e6:>7.1f}{p.loan / p.total_investment:>5.0%}"
            f"{p.loan_rate:>6.2%}{npv[res] / 1e6:>8.2f}{pct(irr[res]):>8}"
            f"{npv[coll] / 1e6:>9.2f}{npv[bank] / 1e6:>9.2f}{pct(irr[bank]):>9}"
            f"{npv[gov] / 1e6:>6.2f}{open_years.mean() / 1e6:>7.3f}{per_head.mean():>6,.0f}"
        )
    print()
    print("The case's two readings (case report §4), simple figures on 350,000 yuan/yr:")
    for total in (4_000_000.0, 4_400_000.0):
        print(
            f"  {total / 1e6:.1f} M yuan: payback {total / 350_000:.1f} years, "
            f"return {350_000 / total:.2%}"
        )


if __name__ == "__main__":
    main()
