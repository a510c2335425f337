"""A synthetic household survey: the model's community at known parameters, sampled.

For tests and the tutorial: draw the community as a run draws it, sample households
(simple random or stratified by resident group), weight each by 1 / its inclusion
probability, and report incomes by source as the model computes them.

Examples
--------
>>> import tempfile
>>> from collective_econ.calibration.survey import read_csv_survey, write_csv_survey
>>> survey = synthetic_survey(CommunityParams(residents=3000, agricultural_residents=600),
...                           n_households=60, seed=3)
>>> hh, pp = write_csv_survey(survey, tempfile.mkdtemp())
>>> back = read_csv_survey(hh, pp)
>>> back.n_households, bool(np.array_equal(back.weight, survey.weight))
(60, True)
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
from numpy.typing import NDArray

from ..economy.community import Community, CommunityParams, from_table, synthesize
from ..economy.livelihood import (
    LivelihoodParams,
    employment_share,
    old_house_rent,
    pension,
    person_wage,
)
from ..errors import ParameterError
from ..scenario import Scenario
from ..seeding import SeedLike, as_seed_sequence, stream
from .survey import SCHOOLING_MEAN, SCHOOLING_SD, Survey, write_csv_survey

__all__ = ["income_by_source", "synthetic_survey"]

FloatArray = NDArray[np.float64]
IntArray = NDArray[np.intp]


def income_by_source(community: Community, livelihood: LivelihoodParams) -> dict[str, FloatArray]:
    """The model's expected income of each household by source before expropriation, yuan/yr.

    Farming (land x net income per mu), wages (members' off-farm earnings),
    business (0: no enterprise is modelled before expropriation), transfers
    (pensions), rent (the let part of the old house). They sum to the baseline of
    :func:`~collective_econ.economy.livelihood.expected_income`.
    """
    c, lp = community, livelihood
    hh_agri = c.agricultural[c.person_household]
    share = employment_share(lp, c.age, hh_agri, np.zeros(c.n_persons, dtype=bool))
    n = c.n_households
    earnings = 12.0 * share * person_wage(lp, hh_agri, c.skill)
    wages = np.bincount(c.person_household, earnings, n).astype(np.float64)
    pensions = 12.0 * pension(lp, c.age, hh_agri)
    transfers = np.bincount(c.person_household, pensions, n).astype(np.float64)
    rent = np.asarray(12.0 * old_house_rent(lp, c.size, c.agricultural), dtype=np.float64)
    return {
        "farming": c.land_mu * lp.farm_net_income_per_mu,
        "wages": wages,
        "business": np.zeros(n),
        "transfers": transfers,
        "rent": rent,
    }


def synthetic_survey(
    model: Scenario | CommunityParams | Community,
    n_households: int,
    seed: SeedLike = None,
    *,
    design: str = "srs",
    livelihood: LivelihoodParams | None = None,
    folder: str | Path | None = None,
) -> Survey:
    """Survey ``n_households`` of the model's community at known parameters.

    Parameters
    ----------
    model : Scenario, CommunityParams or Community
        A scenario or statistics (the community is drawn as :func:`~collective_econ.simulate`
        draws it from ``seed``: the stream ``"community"``), or a community itself.
    n_households : int
        Households sampled without replacement.
    seed : int, SeedSequence, Generator or None
        The root seed; the sample is drawn from its stream ``"survey"``.
    design : {"srs", "stratified by group"}
        Simple random sampling (inclusion probability n/N), or sampling stratified by
        resident group with equal allocation (n/G per group, all of a smaller group).
    livelihood : LivelihoodParams, optional
        The rules the incomes follow (default: the scenario's, else the defaults).
    folder : path, optional
        Also write ``households.csv`` and ``persons.csv`` there.

    Returns
    -------
    Survey
        Weights are 1 / inclusion probability; schooling is ``9 + 3 x skill`` years,
        clipped to [0, 30]; incomes by source are :func:`income_by_source`'s.
    """
    root = as_seed_sequence(seed)
    if isinstance(model, Scenario):
        lp = livelihood or model.livelihood
        community = synthesize(model.community, stream(root, "community"), lp)
    elif isinstance(model, CommunityParams):
        lp = livelihood or LivelihoodParams()
        community = synthesize(model, stream(root, "community"), lp)
    elif isinstance(model, Community):
        lp, community = livelihood or LivelihoodParams(), model
    else:
        raise ParameterError("model", "a Scenario, CommunityParams or Community", model)
    n_total = community.n_households
    if not isinstance(n_households, int) or not 1 <= n_households <= n_total:
        raise ParameterError("n_households", f"an int in [1, {n_total}]", n_households)
    rng = stream(root, "survey")
    if design == "srs":
        pick = np.sort(rng.choice(n_total, n_households, replace=False))
        prob = np.full(n_households, n_households / n_total)
        stratum = np.zeros(n_households, dtype=np.intp)
    elif design == "stratified by group":
        n_groups = community.n_groups
        sizes = np.bincount(community.group, minlength=n_groups)
        alloc = _equal_allocation(sizes, n_households)
        parts = [
            rng.choice(np.flatnonzero(community.group == g), alloc[g], replace=False)
            for g in range(n_groups)
        ]
        pick = np.sort(np.concatenate(parts))
        g = community.group[pick]
        prob = alloc[g] / sizes[g]
        stratum = g.astype(np.intp)
    else:
        raise ParameterError("design", "'srs' or 'stratified by group'", design)
    income = {k: v[pick] for k, v in income_by_source(community, lp).items()}
    persons = np.flatnonzero(np.isin(community.person_household, pick))
    new_index = np.full(n_total, -1, dtype=np.intp)
    new_index[pick] = np.arange(pick.size)
    skill = community.skill[persons]
    school = np.clip(SCHOOLING_MEAN + SCHOOLING_SD * skill, 0.0, 30.0)
    c = community
    sample = from_table(
        {
            "group": c.group[pick],
            "size": c.size[pick],
            "land_mu": c.land_mu[pick],
            "expropriation_month": c.expropriation_month[pick],
            "agricultural": c.agricultural[pick],
            "member": c.member[pick],
            "baseline": np.sum(list(income.values()), axis=0),
        },
        rng,  # draws nothing: persons and sexes are given
        persons={
            "household": new_index[c.person_household[persons]],
            "age": c.age[persons],
            "skill": (school - SCHOOLING_MEAN) / SCHOOLING_SD,
            "female": c.female[persons],
        },
    )
    object.__setattr__(sample, "group_names", c.group_names)
    ids = tuple(f"H{i:06d}" for i in pick)
    survey = Survey(sample, ids, 1.0 / prob, income, school, stratum)
    if folder is not None:
        write_csv_survey(survey, folder)
    return survey


def _equal_allocation(sizes: IntArray, n: int) -> IntArray:
    """Split n equally over strata, none above its size (leftovers to the larger ones)."""
    alloc = np.zeros(sizes.size, dtype=np.intp)
    left = n
    while left > 0:
        open_ = np.flatnonzero(alloc < sizes)
        share = max(1, left // open_.size)
        for g in open_[np.argsort(-(sizes[open_] - alloc[open_]), kind="stable")]:
            add = min(share, sizes[g] - alloc[g], left)
            alloc[g] += add
            left -= add
            if left == 0:
                break
    return alloc
