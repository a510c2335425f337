"""Deaths and out-migration spells of a batch of person slots (:func:`fill`).

Part of :func:`~collective_econ.economy.population.draw_history`: each slot of a
batch (the month-0 persons, then each generation born, married in or arrived) gets
its death month from the life table and, for natives, an out-migration spell with
its remittance.
"""

from __future__ import annotations

import math
from typing import Protocol

import numpy as np

from ._lifetable import death_ages
from ._marriage import NEVER, Batch


class SpellParams(Protocol):
    """What :func:`fill` reads of a ``DemographyParams`` (life tables, migration)."""

    @property
    def deaths(self) -> bool: ...

    @property
    def qx_male(self) -> tuple[float, ...]: ...

    @property
    def qx_female(self) -> tuple[float, ...]: ...

    @property
    def migration(self) -> bool: ...

    @property
    def migration_rate(self) -> float: ...

    @property
    def migration_ages(self) -> tuple[int, ...]: ...

    @property
    def return_rate(self) -> float: ...

    @property
    def remittance_cv(self) -> float: ...

    @property
    def remittance_share(self) -> float: ...

    @property
    def migrant_wage(self) -> float: ...


__all__ = ["SpellParams", "fill"]


def fill(batch: Batch, params: SpellParams, months: int, rng: np.random.Generator) -> None:
    """Draw deaths and migration spells of a batch of slots."""
    n = batch.born.shape[0]
    # age at which observation starts (month 0, birth, or arrival in the household), years
    start = np.maximum(np.maximum(batch.arrives, 0) - batch.born, 0) / 12.0
    if params.deaths:
        death_age = np.empty(n)
        for female, q in ((False, params.qx_male), (True, params.qx_female)):
            sel = batch.female == female
            death_age[sel] = death_ages(np.asarray(q), start[sel], rng)
        batch.dies = (batch.born + np.floor(12.0 * death_age).astype(np.intp) + 1).astype(np.intp)
    else:
        batch.dies = np.full(n, NEVER, dtype=np.intp)
    # a slot that joins its household after birth (a bride, an in-migrant) is away before
    arrived = ~batch.native
    batch.away_from = np.where(arrived, batch.born, NEVER).astype(np.intp)
    batch.away_until = np.where(arrived, batch.arrives, NEVER).astype(np.intp)
    batch.remittance = np.zeros(n)
    if not params.migration or params.migration_rate == 0:
        return
    lo, hi = params.migration_ages
    rate = -math.log1p(-params.migration_rate)
    leave_age = np.maximum(start, lo) + rng.standard_exponential(n) / rate
    leave = batch.born + np.floor(12.0 * leave_age).astype(np.intp)
    leave = np.maximum(leave, 1)  # month 0 is the community as given: everyone at home
    goes = (leave_age < hi + 1) & (leave < batch.dies) & (leave < months) & (leave >= 0)
    goes &= batch.native  # brides and in-migrants do not out-migrate (one spell a slot)
    if params.return_rate > 0:
        back = -math.log1p(-params.return_rate)
        stay = np.ceil(12.0 * rng.standard_exponential(n) / back).astype(np.intp)
        until = np.minimum(leave + np.maximum(stay, 1), NEVER)
    else:
        until = np.full(n, NEVER, dtype=np.intp)
    sigma = math.sqrt(math.log1p(params.remittance_cv**2))
    amount = params.remittance_share * params.migrant_wage
    amount = amount * np.exp(sigma * rng.standard_normal(n) - sigma**2 / 2)
    batch.away_from = np.where(goes, leave, batch.away_from).astype(np.intp)
    batch.away_until = np.where(goes, until, batch.away_until).astype(np.intp)
    batch.remittance = np.where(goes, amount, 0.0)
