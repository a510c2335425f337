"""The collective's 2,000-mu tea garden: the slow ramp-up, and whom it pays.

The case plants 2,000 mu of new ecological tea gardens (case report §4) but gives no
cost, yield or revenue. A new garden yields nothing until its third year and reaches
full yield in years 6-8 (domain reference §0 S7, §3). The defaults: 400 kg of fresh
leaf a mature mu, a third picked in spring at 6 yuan/kg and the rest at 3, 35 yuan a
picker-day, planting at 4,500 yuan/mu (§3, §6, §8: estimates).

It prints the yield share by age (``yield_share``), one spring harvest of the mature
garden (``harvest``), then from ``appraise``: leaf, revenue, picking wages, the bank's
flows (the planting is partly financed by a bank loan within ``loan_limit``, repaid
from the garden's surplus) and the collective's net cash flow after financing and its
cumulative sum by year; the year the cumulative flow turns positive (if it does within
30 years) for the case and two variants; and, over 20 years at 8%, the collective's
NPV with P(NPV < 0) over 1,000 Monte Carlo samples (seed 2010).
"""

import numpy as np

import collective_econ as ce
from collective_econ.schemes.tea import harvest, yield_share

HORIZON = 30
SHOWN = (*range(11), 15, 20, 25, 30)


def turns_positive(params: ce.TeaParams) -> str:
    a = ce.appraise("tea", params, horizon_years=HORIZON)
    positive = np.flatnonzero(np.cumsum(a.of("collective")) > 0)
    return f"year {positive[0]} ({a.years[positive[0]]})" if positive.size else "never"


def main() -> None:
    tea = ce.TeaParams()
    ages = np.arange(9)
    print("Yield share by age:  " + " ".join(f"{a:>4}" for a in ages))
    print("                     " + " ".join(f"{s:>4.1f}" for s in yield_share(tea, ages)))
    s = harvest(tea, 10, "spring")
    print(
        f"A mature spring: {s['leaf_kg'] / 1e3:,.0f} t of leaf, {s['revenue'] / 1e6:.2f} M yuan, "
        f"{s['picking_days']:,.0f} picker-days, {s['picking_wages'] / 1e6:.2f} M yuan of wages"
    )

    a = ce.appraise("tea", tea, horizon_years=HORIZON)
    net = a.of("collective")
    cumulative = np.cumsum(net)
    print("\nYear by year, yuan (t = 0: planting, 2010):")
    bank = a.of("bank")
    print(
        f"{'t':>3}{'leaf t':>8}{'revenue':>11}{'picking':>11}{'bank':>12}"
        f"{'collective':>12}{'cumul.':>13}"
    )
    for t in SHOWN:
        leaf, revenue, wages = (a.items[k][t] for k in ("leaf_kg", "revenue", "picking_wages"))
        print(
            f"{t:>3}{leaf / 1e3:>8,.0f}{revenue:>11,.0f}{wages:>11,.0f}"
            f"{round(bank[t]) + 0.0:>12,.0f}{net[t]:>12,.0f}{cumulative[t]:>13,.0f}"
        )

    print(f"\nThe collective's cumulative cash flow turns positive (within {HORIZON} years):")
    variants = {
        "the case": tea,
        "county subsidy of 3,000 yuan/mu": tea.evolve(establishment_subsidy_per_mu=3000.0),
        "leaf prices +3%/yr (real)": tea.evolve(price_trend=0.03),
    }
    for name, params in variants.items():
        print(f"  {name:<32} {turns_positive(params)}")

    j = ce.STAKEHOLDERS.index(ce.Stakeholder.COLLECTIVE)
    case = ce.appraise("tea", tea)
    sampled = ce.monte_carlo("tea", n=1000, seed=2010).npv()[:, j]
    p5, p95 = np.percentile(sampled, [5, 95]) / 1e6
    print("\nThe collective over 20 years at 8%:")
    irr = case.irr()[j]
    irr_text = f"{irr:.1%}" if np.isfinite(irr) else "n/a (undefined)"
    print(f"  NPV {case.npv()[j] / 1e6:.2f} M yuan, IRR {irr_text}")
    print(f"  Monte Carlo (1,000 samples): NPV 5-95% {p5:.2f} to {p95:.2f} M yuan")
    print(f"  P(NPV < 0) = {np.mean(sampled < 0):.1%}")
    wages = case.npv()[ce.STAKEHOLDERS.index(ce.Stakeholder.HOUSEHOLDS)]
    print(f"  Households' wages from the garden, NPV: {wages / 1e6:.2f} M yuan")


if __name__ == "__main__":
    main()
