"""Your own community: read a table of households from CSV and simulate two policies.

``data/my_village.csv`` is a made-up hamlet of 24 households in three resident groups
(one column each: ``group``, ``size``, ``land_mu``, ``expropriation_month``; -1 means
the household keeps no land to lose). It holds about 0.8 mu a person, the default's
estimate for Caopijie, and loses its land in three waves (months 0, 12 and 24), as the
default community does (docs/simulation.md). Ages and skills are drawn (seed 2010);
each household's pre-expropriation income is computed with the default household
economy (domain reference §6-7: minimum wage 740 yuan/month, 1,200 yuan/mu/yr of
net farm income).

It simulates the case's "cash only" and "80% shares" (case report §1) for 6 years,
10 replications, with common random numbers, and prints the landless households'
mean income per person (yuan/person/yr, 2010 prices) and poverty headcount at the
national rural line of 2,300 yuan (domain reference §7), by year.
"""

from pathlib import Path

import numpy as np

import collective_econ as ce

TABLE = Path(__file__).resolve().parent / "data" / "my_village.csv"
POLICIES = ("cash only", "80% shares")
REPLICATIONS = 10
YEARS = 6


def main() -> None:
    village = ce.read_csv(TABLE, np.random.default_rng(2010))
    landless = village.landless_target
    weights = village.size[landless]
    print(
        f"{TABLE.name}: {village.n_households} households, {village.n_persons} persons, "
        f"{village.n_groups} groups; {landless.sum()} households lose "
        f"{village.land_mu[landless].sum():.1f} mu"
    )
    before = np.average(village.baseline_per_capita[landless], weights=weights)
    print(f"Income per person before losing land: {before:,.0f} yuan/yr")

    scenario = ce.default_scenario()
    line = ce.POVERTY_LINES["national_rural"]
    seeds = np.random.SeedSequence(2010).spawn(REPLICATIONS)
    income = np.zeros((len(POLICIES), YEARS))
    poor = np.zeros((len(POLICIES), YEARS))
    for seed in seeds:
        for i, name in enumerate(POLICIES):  # the same seed: common random numbers
            run = ce.simulate(scenario, name, seed=seed, community=village, horizon_years=YEARS)
            x = run.per_capita_income()  # (years, landless households)
            income[i] += np.average(x, axis=1, weights=weights) / REPLICATIONS
            poor[i] += ce.fgt(x, line, 0, weights=weights, axis=1) / REPLICATIONS
    years = (scenario.start_year + np.arange(YEARS)).tolist()

    print()
    print(f"Mean over {REPLICATIONS} replications (landless households):")
    print(f"{'year':>6}" + "".join(f"{name + ' income':>19}{'poor':>6}" for name in POLICIES))
    for t, year in enumerate(years):
        cells = "".join(f"{income[i, t]:>19,.0f}{poor[i, t]:>6.0%}" for i in range(len(POLICIES)))
        print(f"{year:>6}{cells}")
    gain = income[1].mean() - income[0].mean()
    print(f"80% shares minus cash only, mean over {YEARS} years: {gain:+,.0f} yuan/person/yr")


if __name__ == "__main__":
    main()
