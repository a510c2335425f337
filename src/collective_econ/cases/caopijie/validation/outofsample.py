"""Out-of-sample checks: facts of the reference and published figures the model was not fitted to.

Each check here compares a model output with a fact no parameter was set from or
tuned to (economics review §3): the change in the landless's work after
expropriation (its direction, not its level), the share that changes employment
status and the sex gap, the hog margins' distribution over the cycle and the price's
range within a year, micro-business survival at 10 years and the age at closure, the
urban households' earners and bottom incomes, the rural wage share, and the dibao
caseload. They reuse the page's cached runs (the 5-year comparison, the 20-year
financing runs) and the hog scheme's random appraisals, so they add little time.
Every check carries ``kind="validation"`` and its source. The hog checks are here;
the others in :mod:`.employment` and :mod:`.welfare`.
"""

from __future__ import annotations

import numpy as np

from ....schemes import hogs
from ._common import (
    _D,
    HOG_PATH_YEARS,
    SEED,
    Check,
    Kind,
    _num,
    _pct,
    grade,
)
from .employment import _work_checks
from .hogs import _profit_range
from .welfare import _household_checks

__all__ = ["out_of_sample"]

_V: Kind = "validation"


def out_of_sample() -> list[Check]:
    """Every out-of-sample check of this module, in the page's order of areas."""
    return [*_hog_checks(), *_work_checks(), *_household_checks()]


# -- hogs ------------------------------------------------------------------------------------


def _hog_checks() -> list[Check]:
    sec = "Hogs and spent grain"
    hp = hogs.HogParams()
    prof = _profit_range(hp)
    median = float(np.median(prof))
    loss = float(np.mean(prof < 0.0))
    path = hogs.pig_price_path(hp, 12 * HOG_PATH_YEARS, np.random.default_rng([SEED, 3]))
    by_year = path.reshape(-1, 12)
    within = float(np.median(by_year.max(axis=1) / by_year.min(axis=1)))
    grain = hogs.spent_grain_balance(hp)
    batch = hogs.batch_margin(hp, hp.hog_price, bsg_share=grain.share)
    per_hog = sum(float(batch[k]) for k in hogs.COSTS) / float(batch["hogs_sold"])
    return [
        Check(
            sec,
            "hog margin in a median year",
            "net profit per head is +50-150 yuan in normal years (domain-reference.md §2a)",
            "+50 to +150 yuan",
            f"{_num(median, 2)} yuan" if abs(median) >= 10 else f"{median:+.0f} yuan",
            grade(median, 50.0, 150.0),
            f"median of the yearly profit per hog sold over five seeded 40-year random "
            f"appraisals (p25 {_num(float(np.percentile(prof, 25)), 2)}, p75 "
            f"{_num(float(np.percentile(prof, 75)), 2)}); the model's cost per hog at the "
            f"mean price ({_num(per_hog)} yuan; the reference's 2010 estimate 1,100-1,300) "
            f"leaves a typical year near break-even, so the farms lose in {_pct(loss)} of "
            "the years (next row)",
            median,
            kind=_V,
            source=f"{_D} §2a (net profit per head over the cycle, estimate for normal years)",
        ),
        Check(
            sec,
            "hog loss years",
            "loss years are the troughs: 2010 H1, 2014 and 2023 in 2010-2023 (domain-reference.md "
            "§2a, profit per head -150 to -50 in those years)",
            "about 3 years in 14 (15-30% of years)",
            f"{_pct(loss)} of years",
            grade(loss, 0.15, 0.30),
            "share of the years above with a negative profit per hog sold; the same margins "
            "as the row above",
            loss,
            kind=_V,
            source=f"{_D} §2a (trough years of the net-profit row)",
        ),
        Check(
            sec,
            "hog price range within a year",
            "live hog prices ranged 12.9-17.1 yuan/kg (monthly averages) over a normal year "
            "(Sichuan 2013, domain-reference.md §2a): highest / lowest month 1.33",
            "about 1.33 (1.2-1.45)",
            _num(within, 3),
            grade(within, 1.2, 1.45),
            f"median over the {HOG_PATH_YEARS} calendar years of the seeded pig_price_path() "
            "of the highest / lowest monthly price; the cycle's period and peak/trough ratio "
            "are inputs, its monthly noise and New-Year bump estimates, so the within-year "
            "range is not fitted",
            within,
            kind=_V,
            source=f"{_D} §2a (Sichuan Animal Husbandry 2013 review)",
        ),
    ]
