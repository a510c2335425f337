"""Appraisal and simulation: each scheme's value per stakeholder in both views (issue 11).

Each pair of default policies that differ by one scheme gives that scheme's simulated
value to each stakeholder group (paired difference of ``npv_<group>``, common random
numbers); the appraisal gives its Monte Carlo NPV. :func:`_reconciliation` sets them side
by side with :func:`collective_econ.runs.reconcile.reconcile`: both on cash flows plus
shares and loans valued at the horizon, NPV at the default rate, over the same years
(the appraisal's horizon is the simulation's last year, t = 0 its first).
"""

from __future__ import annotations

import dataclasses
import functools

import numpy as np
from numpy.random import SeedSequence

from ....appraisal import monte_carlo
from ....economy.collective import PLAN_MARGIN, ProjectFinance, fundable_share
from ....finance import DiscountRates
from ....params import Parameters
from ....runs.experiment import run_experiment
from ....runs.reconcile import SIMULATION_ONLY, ReconciliationRow, reconcile
from ....runs.results import ExperimentResults
from ....runs.spec import ExperimentSpec
from ....scenario import Scenario
from ....schemes import tea
from ....schemes.base import STAKEHOLDERS, Appraisal
from ....schemes.tea import TeaParams
from ....seeding import as_seed_sequence, child
from ._common import SEED, Check, _fixed, _scenario

REC_YEARS = 20
"""Years simulated and appraised for the reconciliation (the case file's horizon)."""
REC_REPLICATIONS = 6
"""Paired replications of each policy."""
REC_SAMPLES = 200
"""Monte Carlo samples of each appraisal."""
REC_PAIRS: tuple[tuple[str, str, str, dict[str, float] | None], ...] = (
    ("land_shares", "80% shares", "cash only", {"share_fraction": 0.0}),
    ("hogs", "shares + hogs", "80% shares", None),
    ("tea", "full package", "full package without tea", None),
    ("agro_park", "full package", "full package without the park", None),
)
"""(scheme, policy with it, policy without it, the baseline's form of the scheme or None)."""

_EXTRA = {"full package without tea": "tea", "full package without the park": "agro_park"}
"""Policies of the reconciliation only: 'full package' less one collective project (the
default policies drop the tea garden, the park and the hotel together)."""

_REASONS: dict[str, dict[str, str]] = {
    "land_shares": {
        "bank": "size: in both views the bank gains on the cash households keep, whose real "
        "deposit rate is below zero in most years (inflation above the nominal rate), and "
        "less is kept under shares; the simulation's bank also lends on the households' "
        "credit lines, more under shares (less cash), which narrows its difference",
        "developer": "timing: the simulation's three expropriation waves (2010-12) raise "
        "and redeem share capital later than the appraisal's single year",
    },
    "hogs": {
        "bank": "the simulation's farms default on their start-up and working-capital "
        "loans as they exit, so the bank recovers little of what it lent; the appraisal's "
        "start-up loans are repaid in full",
        "firms": "the simulation's farms exit after losing batches or a default (at "
        "defaults, all of them within a few years) and buy less spent grain while they "
        "run; the appraisal's 100 farms run every year",
        "households": "the simulation's farms exit after losses or a default; the "
        "appraisal's farms run every year",
    },
    "tea": {
        "households": "scale: the simulation plants only the share of the 2,000 mu that cash "
        "and the {limit} yuan credit limit carry until the garden pays its way ({share}, "
        "{mu} mu: at the defaults it never does, as picking wages follow the real wage "
        "index and leaf prices do not), the appraisal the whole garden, its deficit beyond "
        "the credit limit ({unfunded} yuan undiscounted, item loan_unfunded) paid by nobody's "
        "loan. The appraisal of {mu} mu gives households {hh}, the collective {co}, the "
        "bank {bk} ({owed} yuan still owed at the horizon, guaranteed by the county, counted "
        "in both views). Wages count net of the casual work forgone in both views; the "
        "appraisal at the shadow wage (cautious), the simulation hires those out of work "
        "first",
        "collectives": "scale (see the households' row): the appraisal of the simulation's "
        "{mu} mu gives the collective {co}; both count the loans still owed at the "
        "horizon against it",
        "bank": "scale (see the households' row): the appraisal of {mu} mu gives the "
        "bank {bk}, its claim at the horizon counted in both views",
        "government": "the simulation's county pays less dibao (and takes more tax) as the "
        "garden's wages raise incomes; the appraisal has no dibao",
    },
    "agro_park": {
        "government": "the simulation's county pays less dibao as the park's wages raise "
        "incomes; the appraisal has no dibao",
    },
}
"""Known reasons, by scheme and simulation group, for rows that differ ({fields} filled by
:func:`_tea_figures`)."""


@functools.cache
def _tea_figures() -> dict[str, str]:
    """The tea garden appraised at the size the simulation plants (the reasons' fields)."""
    p = _scenario().policy("full package").params("tea")
    assert isinstance(p, TeaParams)
    full = tea.appraise(p, horizon_years=REC_YEARS - 1)
    f = ProjectFinance.of(p)
    margin = dataclasses.replace(f, limit=f.limit * PLAN_MARGIN)  # as _CollectiveBooks.plan
    share = fundable_share(full.items["collective_profit"], margin)
    small = tea.appraise(p.evolve(area_mu=share * p.area_mu), horizon_years=REC_YEARS - 1)
    v = np.atleast_1d(small.npv(DiscountRates()))
    at = {w.value: _m(float(v[j])) for j, w in enumerate(STAKEHOLDERS)}
    return {
        "share": f"{share:.0%}",
        "mu": f"{share * p.area_mu:,.0f}",
        "limit": f"{p.loan_limit / 1e6:.1f} M",
        "owed": f"{float(small.items['loan_owed'][-1]) / 1e6:.1f} M",
        "unfunded": f"{float(full.items['loan_unfunded'].sum()) / 1e6:.1f} M",
        "hh": at["households"],
        "co": at["collective"],
        "bk": at["bank"],
    }


def _reasons(scheme: str) -> dict[str, str] | None:
    known = _REASONS.get(scheme)
    if known is None or scheme != "tea":
        return known
    return {k: v.format(**_tea_figures()) for k, v in known.items()}


def _rec_scenario() -> Scenario:
    """The default case with the reconciliation's own policies (:data:`_EXTRA`) added."""
    sc = _scenario()
    full = sc.policy("full package")
    extra = tuple(
        full.reform(name, remove=(scheme,), description=f"'full package' without {scheme}")
        for name, scheme in _EXTRA.items()
    )
    return dataclasses.replace(sc, policies=(*sc.policies, *extra))


@functools.cache
def _results() -> ExperimentResults:
    policies = tuple(dict.fromkeys(p for _, a, b, _ in REC_PAIRS for p in (a, b)))
    spec = ExperimentSpec(
        policies=policies, replications=REC_REPLICATIONS, horizon_years=REC_YEARS, seed=SEED
    )
    return run_experiment(_rec_scenario(), spec)


@functools.cache
def reconciliation_rows() -> tuple[ReconciliationRow, ...]:
    """The reconciliation table of the default case (cached)."""
    sc, res, out = _scenario(), _results(), []
    for scheme, with_, without, cf in REC_PAIRS:
        params = sc.policy(with_).params(scheme)
        # both appraisals from one seed: sample i of each has the same inputs and path
        seed = child(as_seed_sequence(SEED), "reconciliation", scheme)

        def mc(p: Parameters, seed: SeedSequence = seed, scheme: str = scheme) -> Appraisal:
            return monte_carlo(scheme, p, n=REC_SAMPLES, seed=seed, horizon_years=REC_YEARS - 1)

        app = mc(params)
        other = mc(dataclasses.replace(params, **cf)) if cf else None
        out += reconcile(app, res, with_, without, counterfactual=other, reasons=_reasons(scheme))
    return tuple(out)


def _m(x: float) -> str:
    return f"{_fixed(x / 1e6, 1, sign=True)} M"


def _reconciliation() -> list[Check]:
    sec = "Appraisal and simulation"
    out = []
    for r in reconciliation_rows():
        what = "80% shares instead of cash" if r.scheme == "land_shares" else r.scheme
        out.append(
            Check(
                sec,
                f"{r.scheme}: {r.stakeholder} / {r.group}",
                f"appraisal of {what} to the {r.stakeholder}: Monte Carlo mean NPV "
                f"({r.samples} samples, p5-p95); the two views must reconcile (economics "
                "review L6, issue 11)",
                f"{_m(r.appraisal_mean)} ({_m(r.appraisal_p5)} to {_m(r.appraisal_p95)})",
                f"{_m(r.simulated_mean)} ({_m(r.simulated_low)} to {_m(r.simulated_high)})",
                "matches" if r.verdict == "agree" else "differs",
                (f"{r.verdict}: {r.reason}" if r.reason else r.verdict)
                + f"; simulated: npv_{r.group} of '{r.policy}' minus '{r.baseline}', "
                f"{r.replications} paired replications, 95% interval",
                r.simulated_mean,
            )
        )
    return out


_INTRO = (
    "Each scheme's value to each stakeholder in the appraisal (`monte_carlo`, mean NPV and "
    "its 5-95% range) and in the simulation (the paired difference of `npv_<group>` between "
    "two default policies that differ by the scheme, common random numbers, mean and 95% "
    f"interval), both on cash flows plus shares and loans valued at the horizon, NPV at 8%, "
    f"over the same {REC_YEARS} years (`runs.reconcile.reconcile`, seed {SEED}, "
    f"{REC_REPLICATIONS} replications, {REC_SAMPLES} samples). Land for shares is appraised "
    "as the default scheme minus its all-cash form (`share_fraction = 0`), paired by sample. "
    "The tea garden and the park are simulated as 'full package' against 'full package' "
    "without that one project (policies of this check only). "
    "Groups: the appraisal's collective and firm are the simulation's collectives and firms; "
    f"the simulation's {', '.join(SIMULATION_ONLY)} (what households buy and sell) has no "
    "appraisal counterpart. Verdict: agree (**matches**) unless both views resolve the sign "
    "and it is opposite, or their ranges do not overlap and their means are more than 25% "
    "(or 0.1 M yuan) apart."
)
"""The section's introduction on the page."""
