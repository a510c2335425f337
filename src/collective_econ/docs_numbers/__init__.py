r"""The numbers the documentation quotes, produced by the code.

Run ``python -m collective_econ.docs_numbers`` to regenerate them.

A page quotes a number the model computes only inside a generated block::

    <!-- BEGIN generated: NAME (python -m collective_econ.docs_numbers) -->
    ...
    <!-- END generated: NAME -->

:data:`BLOCKS` maps each block to its page and to the function that writes it.
Running the module rewrites every block in place (``--check`` only compares and
exits 1 on a difference); ``tests/test_docs_numbers.py`` compares them with the pages
(the blocks that simulate the whole case in the slow tests).
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import io
import shlex
import sys
import tempfile
import textwrap
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from .. import cli
from ..appraisal import appraise, monte_carlo, payback_text
from ..cases.caopijie import default_scenario, init_text
from ..cases.caopijie.sources import published_block, review_block
from ..economy.community import synthesize
from ..metrics.lines import NATIONAL_RURAL_POVERTY_LINE
from ..report._references import glossary_markdown
from ..report._text import text as catalogue_text
from ..runs.comparison import compare
from ..runs.decision import t_interval
from ..runs.experiment import run_experiment
from ..runs.results import ExperimentResults
from ..runs.spec import ExperimentSpec, main_spec
from ..scenario import validate_file
from ..schemes import SCHEMES
from ..schemes.base import STAKEHOLDERS
from ..schemes.hotel import HotelParams, equity_shares
from ..schemes.hotel import appraise as appraise_hotel
from ..seeding import as_seed_sequence, stream
from ..units import format_yuan
from ._pages import ROOT, current, fill, readme_block, readme_code, readme_printed

__all__ = [
    "BLOCKS",
    "Block",
    "check",
    "fill",
    "main",
    "readme_block",
    "readme_code",
    "readme_printed",
    "render",
    "write",
]


@dataclass(frozen=True, slots=True)
class Block:
    """One generated block: its name, the page holding it and what writes it."""

    name: str
    page: str
    make: Callable[[], str]
    slow: bool = False


# -- the blocks ----------------------------------------------------------------------------
RATE = 0.08
MC_SAMPLES = 500
MC_SEED = 2010


def hogs_appraisal() -> str:
    """The hog scheme's deterministic appraisal and Monte Carlo range (docs/schemes/hogs.md)."""
    det = appraise("hogs")
    lines = [
        f"Deterministic appraisal at the defaults, {det.horizon_years} years, NPV at "
        f"{RATE:.0%} (real, 2010 yuan):",
        "",
        "| stakeholder | NPV | IRR | payback |",
        "|---|---|---|---|",
    ]
    lines += _stakeholder_rows(det, lambda yuan: format_yuan(yuan, compact=True))
    mc = monte_carlo("hogs", n=MC_SAMPLES, seed=MC_SEED)
    hh = mc.npv(RATE)[:, STAKEHOLDERS.index("households")]
    lo, mid, hi = (format_yuan(float(v), compact=True) for v in np.percentile(hh, [5, 50, 95]))
    lines += [
        "",
        f"Over {MC_SAMPLES} Monte Carlo samples of the uncertain inputs and random paths "
        f"(seed {MC_SEED}) the households' NPV runs from {lo} (5th percentile) through {mid} "
        f"(median) to {hi} (95th); P(NPV < 0) = {float(np.mean(hh < 0)):.0%}.",
    ]
    return "\n".join(lines)


def _m(yuan: float) -> str:
    return f"{'+' if yuan > 0 else ''}{yuan / 1e6:.2f} million yuan"


def hotel_figures() -> str:
    """The hotel's default figures by year, averages, paths and NPVs (docs/schemes/hotel.md)."""
    p = HotelParams()
    h = appraise_hotel(p)
    it, last = h.items, h.horizon_years
    cols = [c for c in (0, 1, 2, 4, 10, 12, 13) if c < last] + [last]

    def row(k: str, r: int = -3) -> str:
        return " | ".join(f"{round(float(it[k][c]), r):,.0f}" for c in cols)

    share = equity_shares(p)[0]
    profit = float(it["net_profit"][2:].mean())
    rng = np.random.default_rng(MC_SEED)
    paths = [float(appraise_hotel(p, rng=rng).items["net_profit"][2:].mean()) for _ in range(300)]
    lo, hi = np.percentile(paths, [5, 95])
    cut = [int(t) for t in np.flatnonzero(it["dividends"] < it["net_profit"] - 0.5)]
    big = appraise_hotel(p.evolve(total_investment=4_400_000.0, outside_equity=1_160_000.0))
    j = STAKEHOLDERS.index("households")
    lines = [
        "| year | " + " | ".join(str(c) for c in cols) + " |",
        "|---" * (len(cols) + 1) + "|",
        f"| net profit, yuan | {row('net_profit')} |",
        f"| dividends, yuan | {row('dividends')} |",
        f"| company's cash at year-end, yuan | {row('cash')} |",
        f"| per resident shareholder ({p.shareholders}), yuan | {row('per_shareholder', 0)} |",
        "",
        textwrap.fill(
            (
                f"The dividend is cut to the free cash in year(s) {', '.join(map(str, cut))}. "
                if cut
                else "The dividend is the whole net profit every year. "
            )
            + f"Once open (years 2-{last}) the net profit averages **{profit:,.0f} yuan a "
            f"year** (the case says 350,000; {profit / 350_000 - 1:+.1%}) and each of the "
            f"{p.shareholders} resident shareholders receives "
            f"**{share * profit / p.shareholders:,.0f} yuan a year** on average. Over 300 "
            f"random occupancy paths (seed {MC_SEED}) the mean net profit of years 2-{last} runs "
            f"from {lo:,.0f} (5th percentile) to {hi:,.0f} (95th). The company's cash never "
            f"falls below {float(it['cash'].min()):,.0f} yuan. With the 4.4 million reading "
            "(the extra 0.4 million from outside investors and the loan, 60% of 4.4 M; "
            "`outside_equity = 1_160_000`), the net profit once open averages "
            f"{float(big.items['net_profit'][2:].mean()):,.0f} and the residents' IRR is "
            f"{float(big.irr()[j]):.1%}. Taxes: the hotel's {it['tax'].sum() / 1e6:.2f} million "
            f"yuan in {last + 1} years, of which {it['displaced_tax'].sum() / 1e6:.2f} million "
            "the town's other hotels and restaurants no longer pay on the sales it takes "
            f"(`additionality` {p.additionality:g}): "
            f"{(it['tax'] - it['displaced_tax']).sum() / 1e6:.2f} million of net new taxes.",
            width=88,
        ),
        "",
    ]
    who = {"households": "households (the resident shareholders)", "collective":
           "collective (the Jiewei group)", "firm": "firm (outside investors)", "bank": "bank",
           "government": "government (net new business and income tax)"}  # fmt: skip
    lines += _stakeholder_table(h, who)
    return "\n".join(lines)


def hotel_return() -> str:
    """The residents' return on the hotel against S2's credibility test (docs/schemes/hotel.md)."""
    p = HotelParams()
    h = appraise_hotel(p)
    share = equity_shares(p)[0]
    profit = float(h.items["net_profit"][2:].mean())
    theirs = share * profit
    irr = float(h.irr()[STAKEHOLDERS.index("households")])
    return textwrap.fill(
        "**Residents' return against the credibility test (S2).** With profit split by equity, "
        f"the residents' {share:.0%} receives on average {theirs:,.0f} yuan a year over the full "
        f"years open, **{theirs / p.resident_equity:.0%} a year on their "
        f"{p.resident_equity:,.0f} yuan; IRR {irr:.1%}** (it was 51% with all the equity theirs "
        "on a 90% loan; S2's \"not credible\" figure is 87.5% a year). The hotel's own return on "
        f"the {p.total_investment / 1e6:.1f} million, {profit / p.total_investment:.1%} (net "
        "profit / investment; S2 computes 8.75% from the case's 350,000), is S2's plausible "
        f"county-hotel return; the residents' {theirs / p.resident_equity:.0%} is that return "
        f"levered by a {p.loan / p.total_investment:.0%} loan at {p.loan_rate:.2%}, the ordinary "
        "reward of equity "
        "in a leveraged project. It is above the 2.25% deposit rate (their opportunity cost), "
        "and the validation page grades it against 8.75-30% a year (`residents' return`, Hotel "
        f"table). The price: each of the {p.shareholders} resident shareholders receives about "
        f'**{theirs / p.shareholders:,.0f} yuan a year**, not the case\'s "1,000-odd" (S1): the '
        "case's figure needs the residents to take the whole profit, which is S2's incredible "
        "return.",
        width=88,
    )


def _stakeholder_table(a: Any, who: dict[str, str] | None = None) -> list[str]:
    """``| stakeholder | NPV | IRR | payback |`` rows of an appraisal, at :data:`RATE`."""
    return [f"| stakeholder | NPV at {RATE:.0%}, {a.horizon_years} years | IRR | payback |",
            "|---|---|---|---|", *_stakeholder_rows(a, _m, who)]  # fmt: skip


def _stakeholder_rows(
    a: Any, money: Callable[[float], str], who: dict[str, str] | None = None
) -> list[str]:
    """One ``| stakeholder | NPV | IRR | payback |`` row per stakeholder involved, at RATE."""
    npv, irr, pay = a.npv(RATE), a.irr(), a.payback()
    rows = []
    for s in a.involved():
        k = STAKEHOLDERS.index(s)
        irr_text = f"{irr[k]:.1%}" if np.isfinite(irr[k]) else "n/a"
        rows.append(
            f"| {(who or {}).get(str(s), str(s))} | {money(float(npv[k]))} | {irr_text} | "
            f"{payback_text(float(pay[k]))} |"
        )
    return rows


def agro_park_figures() -> str:
    """The agro-park's default figures and what turns its NPV (docs/schemes/agro_park.md)."""
    p = SCHEMES["agro_park"].params_type()
    a = appraise("agro_park")
    cols = [*range(0, 9), a.horizon_years]
    per_mu = a.items["revenue"] / p.area_mu
    k = STAKEHOLDERS.index("collective")
    lines = [
        "| year | " + " | ".join(str(c) for c in cols) + " |",
        "|---" * (len(cols) + 1) + "|",
        "| revenue, yuan/mu | " + " | ".join(f"{per_mu[c]:,.0f}" for c in cols) + " |",
        *(
            f"| {s}, yuan | "
            + " | ".join(f"{round(a.flows[STAKEHOLDERS.index(s)][c], -2):,.0f}" for c in cols)
            + " |"
            for s in a.involved()
        ),
        "",
        *_stakeholder_table(a),
        "",
    ]
    said = []
    for what, change in (
        ("the walnut price is 2020's 13.5 yuan/kg", {"walnut_price": 13.5}),
        ("maturity takes half as long again (`ramp_stretch` = 1.5)", {"ramp_stretch": 1.5}),
        ("walnut prices fall 3% a year in real terms", {"walnut_price_trend": -0.03}),
    ):
        b = appraise("agro_park", p.evolve(**change))
        irr = float(b.irr()[k])
        said.append(
            f"if {what}, {_m(float(b.npv(RATE)[k]))}"
            + (f" (IRR {irr:.1%})" if np.isfinite(irr) else "")
        )
    lines.append(
        textwrap.fill(
            f"The collective's NPV at {RATE:.0%} is {_m(float(a.npv(RATE)[k]))} at the defaults; "
            + "; ".join(said)
            + ".",
            width=88,
        )
    )
    return "\n".join(lines)


def tea_figures() -> str:
    """The tea garden's NPVs, a mature year and its break-even (docs/schemes/tea.md)."""
    p = SCHEMES["tea"].params_type()
    a = appraise("tea")
    it, last = a.items, a.horizon_years
    k = STAKEHOLDERS.index("collective")
    y = int(np.argmax(it["leaf_kg"] >= it["leaf_kg"].max() - 0.5))  # the first mature year

    def collective_npv(f: float) -> float:
        q = p.evolve(spring_price=p.spring_price * f, summer_price=p.summer_price * f)
        return float(appraise("tea", q).npv(RATE)[k])

    lo, hi = 1.0, 4.0
    if collective_npv(lo) < 0 < collective_npv(hi):
        for _ in range(40):
            lo, hi = (
                (lo, (lo + hi) / 2) if collective_npv((lo + hi) / 2) > 0 else ((lo + hi) / 2, hi)
            )
    f = (lo + hi) / 2
    even = (
        f"The collective breaks even at {RATE:.0%} if leaf prices are {f - 1:.0%} higher "
        f"({p.spring_price * f:.1f} / {p.summer_price * f:.1f} yuan/kg)"
        if hi < 4.0
        else f"The collective does not break even at {RATE:.0%} with leaf prices up to 4 times"
    )
    full = appraise("tea", p.evolve(establishment_subsidy_per_mu=p.establishment_cost_per_mu))
    irr = float(full.irr()[k])
    cp = float(it["collective_profit"][y])
    share = float(it["picking_wages"][y] / it["revenue"][y])
    share_last = float(it["picking_wages"][last] / it["revenue"][last])
    said = (
        f"In year {y}, the first mature year, the garden sells "
        f"{float(it['leaf_kg'][y]) / 1000:,.0f} t of leaf for {_m(float(it['revenue'][y]))[1:]}; "
        f"residents earn {_m(float(it['wages'][y]))[1:]} (picking plus upkeep labour; picking "
        f"takes {share:.0%} of the leaf's value, {share_last:.0%} in year {last} as wages follow "
        f"the real wage index), and the collective {'keeps' if cp >= 0 else 'loses'} "
        f"{_m(abs(cp))[1:]}. {even}; if the county pays the whole establishment cost "
        f"(`establishment_subsidy_per_mu` = {p.establishment_cost_per_mu:,.0f}) the "
        f"collective's NPV is {_m(float(full.npv(RATE)[k]))}"
        + (f" (IRR {irr:.1%})." if abs(irr) < 1 else ".")  # NaN or meaningless: none
    )
    return "\n".join([*_stakeholder_table(a), "", textwrap.fill(said, width=88)])


def jobs_figures() -> str:
    """The jobs scheme's key figures at the defaults (docs/schemes/jobs.md)."""
    p = SCHEMES["jobs"].params_type()
    a = appraise("jobs")
    it = a.items
    closed = int(np.argmax(~p.subsidised(np.arange(a.horizon_years + 1))))  # posts close
    t = (0, closed - 1, closed)

    def path(x: np.ndarray) -> str:
        return " → ".join(f"{float(x[k]) / 1e6:,.2f} M" for k in t) + " yuan/yr"

    hh = a.flows[STAKEHOLDERS.index("households")]
    rows = [
        ("scheme jobs", f"{it['scheme_jobs'][0]:,.0f} workers (t = 0-{closed - 1}) → "
                        f"{it['scheme_jobs'][closed]:,.0f} (t ≥ {closed}, posts closed)"),
        (f"scheme wages (t = {', '.join(map(str, t))})", path(it["wages"])),
        ("change in outside earnings", path(it["outside_earnings_change"])),
        ("households' net gain", path(hh)),
        ("displaced workers' loss (untrained wages less outside earnings)",
         path(it["displaced_wages"])),
        ("their outside earnings instead", path(it["displaced_fallback"])),
        ("county's workers' wage gain", path(it["county_wage_gain"])),
        ("public-welfare post subsidy", path(it["wage_subsidy"])),
        ("training", f"{it['training_cost'][0]:,.0f} yuan/yr in years 0-{p.training_rounds - 1}"
                     f" ({p.trainees_per_round:,} trainees a round × "
                     f"{p.cost_per_trainee:,.0f} yuan)"),
    ]  # fmt: skip
    lines = ["| quantity | value |", "|---|---|", *(f"| {q} | {v} |" for q, v in rows)]
    return "\n".join([*lines, "", *_stakeholder_table(a)])


def readme_horizons(policy: str = "80% shares", base: str = "cash only") -> str:
    """Why the README's, the run's and the examples' shares better off differ: the years and
    the runs each is of (the README's lines, the same runs to 20 years, the main job)."""  # noqa: D205, D209
    sc, res = default_scenario(), case_run()
    lines = [f"The share of landless households better off under {policy} than under {base} "
             "depends on the years and the runs it is of (generated):", ""]  # fmt: skip
    for years, what in ((10, "the lines above"), (20, "the same 5 runs carried on")):
        cmp = compare(sc, replications=5, seed=2010, horizon_years=years)
        a, b = cmp.per_capita[cmp.index(policy)], cmp.per_capita[cmp.index(base)]
        runs = np.mean(a.mean(axis=1) > b.mean(axis=1), axis=-1)  # each run's share
        wl = cmp.winners_losers(policy, base)
        lines.append(f"- {what}, {cmp.years[0]}-{cmp.years[-1]}, 5 runs (seed 2010): "
                     f"{_pct_ci(wl.better, *wl.better_ci)}; run by run: "
                     + ", ".join(f"{r:.0%}" for r in runs) + ";")  # fmt: skip
    row = next(r for r in res.headline(base) if r["policy"] == policy)
    n = res.replications
    lines += [
        f"- `collective-econ run` (its report, the tutorial's table), {res.years[0]}-"
        f"{res.years[-1]}, {res.samples * n} runs ({_draws(sc)} x {_count(n)} replication"
        f"{'s' * (n != 1)}, seed {sc.experiment.seed}): "
        f"{_pct_ci(row['better'], row['better_low'], row['better_high'])};",
        "- `examples/compare_compensation.py`: 2010-2017, 20 runs, as its output says.", "",
        textwrap.fill(
            "Each compares every household's mean income over its years under the two "
            "policies, in the same runs. Within one run the shareholders fare nearly alike "
            "(their dividends come from one developer, which may default: "
            "`land_shares.default_prob`), so run by run the share is nearly all or nothing; "
            "the longer the years compared, the more runs hold a bad spell, and the fewer "
            "the runs, the wider the interval.", width=88),
    ]  # fmt: skip
    return "\n".join(lines)


def _pct_ci(better: float, lo: float, hi: float) -> str:
    return f"{better:.0%} (95% CI {lo:.0%} to {hi:.0%})"


def validate_example() -> str:
    """What ``collective-econ validate my.toml`` prints for the tutorial's two mistakes."""
    text = init_text()
    text = text.replace("\nhogs_per_batch = 100", "\nhogs_per_batch = 50", 1)
    text = text.replace("\nhog_price = ", "\nhog_prize = ", 1)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "my.toml"
        path.write_text(text, encoding="utf-8")
        problems = validate_file(path)
    lines = [p.format("my.toml") for p in problems]
    lines.append(f"my.toml: {len(problems)} problems")
    return "```\n" + "\n".join(lines) + "\n```"


_NUMBER_WORDS = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
                 "ten")  # fmt: skip


def _count(n: int) -> str:
    """``5`` -> ``"five"`` (up to ten), else the digits."""
    return _NUMBER_WORDS[n] if 0 <= n < len(_NUMBER_WORDS) else f"{n:,}"


def _times(n: int) -> str:
    return {1: "once", 2: "twice"}.get(n, f"{_count(n)} times")


def _runs(res: ExperimentResults) -> str:
    """``"20 samples of the uncertain inputs x 1 replication"``, or ``"10 replications"``."""
    reps = f"{res.replications} replication{'s' * (res.replications != 1)}"
    return f"{res.samples} samples of the uncertain inputs x {reps}" if res.samples > 1 else reps


def _draws(sc: Any) -> str:
    """``"20 draws of its 10 uncertain inputs (Latin hypercube design)"``: the main job's."""
    n, k = sc.experiment.samples, len(sc.uncertainties)
    if n == 1 or not k:
        return "its inputs at their values"
    design = catalogue_text(f"design.{sc.experiment.design}", "en")  # as the terminal says
    return f"{n:,} draws of its {_count(k)} uncertain inputs ({design})"


@functools.cache
def case_run() -> ExperimentResults:
    """The case as ``collective-econ run`` runs it (its defaults), computed once a process."""
    return run_experiment(default_scenario(), main_spec(default_scenario(), panels=0))


def case_households() -> tuple[int, int, float]:
    """The case's landless households, persons and yuan/person/yr before the taking, as run."""
    sc = default_scenario()
    root = as_seed_sequence(sc.experiment.seed)
    c = synthesize(sc.community, stream(root, "community"), sc.livelihood)
    landless = c.landless_target
    persons = c.size[landless].sum()
    return int(landless.sum()), int(persons), float(c.baseline[landless].sum() / persons)


def simulation_baseline() -> str:
    """The landless households' income before the taking, as the report says (simulation.md)."""
    households, _, before = case_households()
    return f"about {before:,.0f} yuan per person a year for the {households:,} landless households"


def tutorial_intro() -> str:
    """What ``collective-econ run`` simulates (docs/tutorial.md): households, years, policies."""
    sc = default_scenario()
    households, persons, _ = case_households()
    agri = sc.community.agricultural_residents
    counted = (
        "" if persons == agri else f"; the case report counts {agri:,} agricultural residents"
    )
    return textwrap.fill(
        f"`collective-econ run` simulates the {households:,} landless households of Caopijie "
        f"({persons:,} persons{counted}; [the case report](sources.md#seed)) month by month "
        f"for {sc.horizon_years} "
        f"years under the case's {_count(len(sc.policies))} policies, for "
        f"{_draws(sc)}, {_times(sc.experiment.replications)} each with different random events "
        "(common random numbers: every policy meets the same inputs and events), and prints a "
        "table like this one:",
        width=88,
    )


def tutorial_reading() -> str:
    """How the tutorial's table was made and how to read it (docs/tutorial.md)."""
    sc = default_scenario()
    return textwrap.fill(
        f"(The table above is produced by the code from the case's defaults, {_draws(sc)} x "
        f"{_count(sc.experiment.replications)} replication"
        f"{'s' * (sc.experiment.replications != 1)}, seed {sc.experiment.seed}; "
        "`python -m collective_econ.docs_numbers` regenerates it and a test checks it.) "
        "Read a row as: under a policy, the landless residents' mean income per person in each "
        "year shown (real 2010 yuan); the share of households back at their income from before "
        "losing their land within 5 years (sustained: their 3-year mean income at or above it; "
        "[metrics.md](metrics.md) sets it beside the one-year rule); the share below the poverty "
        f"line of {NATIONAL_RURAL_POVERTY_LINE:,.0f} yuan; the share of households better off "
        "than under the first policy, cash compensation, with its 95% interval from the spread "
        "between runs; and what the government spends beyond the first policy.",
        width=88,
    )


def headline_table(replications: int | None = None, horizon_years: int | None = None) -> str:
    """The table ``collective-econ run`` prints for the case (its defaults)."""
    if replications is None and horizon_years is None:
        return "```\n" + case_run().format_headline() + "\n```"
    sc = default_scenario()
    spec = ExperimentSpec(
        policies=sc.policy_names,
        replications=replications or sc.experiment.replications,
        horizon_years=horizon_years,
        seed=sc.experiment.seed,
    )
    results = run_experiment(sc, spec)
    return "```\n" + results.format_headline() + "\n```"


def _share_ci(x: Sequence[float] | np.ndarray, d: int = 1) -> str:
    mean, lo, hi = t_interval(np.asarray(x, dtype=float))
    return f"{mean:.{d}%} ({lo:.{d}%}-{hi:.{d}%})".replace("%-", "-", 1)


def restoration_rules() -> str:
    """Restoration within 5 years under the sustained and the one-year rule (docs/metrics.md)."""
    res = case_run()
    runs = res.samples * res.replications
    sus = np.asarray(res.sel("restored_within_5y")).reshape(len(res.policies), runs)
    one = np.asarray(res.sel("restored_within_5y_one_year")).reshape(len(res.policies), runs)
    sc = default_scenario()
    lines = [
        textwrap.fill(
            f"**The two rules on the default case** (Caopijie, {_runs(res)}, seed "
            f"{sc.experiment.seed}; the run outcomes `restored_within_5y`, "
            "sustained, and `restored_within_5y_one_year`):",
            width=88,
        ),
        "",
        "| policy | restored within 5 years, sustained (3-year mean) | one-year rule |",
        "|---|---|---|",
    ]
    lines += [f"| {p} | {_share_ci(sus[i])} | {_share_ci(one[i])} |"
              for i, p in enumerate(res.policies)]  # fmt: skip
    b = res.index(sc.baseline) if sc.baseline in res.policies else 0
    lines += [
        "",
        textwrap.fill(
            "(Mean over the runs and its 95% t-interval across them; generated by "
            "`python -m collective_econ.docs_numbers` and checked by a test.) Under "
            f"{res.policies[b]}: **{one[b].mean():.0%} under the one-year rule against "
            f"{sus[b].mean():.0%} sustained**.",
            width=88,
        ),
    ]
    return "\n".join(lines)


def decision_table() -> str:
    """The decision table of the default case (docs/metrics.md)."""
    res = case_run()
    sc = default_scenario()
    rows = res.decision_table()

    def ci(t: tuple[float, float, float], f: Callable[[float], str]) -> str:
        return f"{f(t[0])} ({f(t[1])} to {f(t[2])})"  # the report's and the terminal's brackets

    def pct(x: float) -> str:
        return f"{x:.0%}" if abs(x) >= 0.01 else f"{x:.1%}"

    lines = [
        f"On the default case ({_runs(res)}, seed {sc.experiment.seed}; "
        "in brackets, the 95% CI of the mean across the runs):",
        "",
        "| policy | restored ≤ 5 y (sustained) | worst-year poverty (year) | income, years 11-"
        f"{sc.horizon_years} (yuan/person/yr) | poor, years 11-{sc.horizon_years} | extra cost "
        "to the county (M yuan, NPV 8%) |",
        "|---|---|---|---|---|---|",
    ]
    for k, r in enumerate(rows):
        cost = r["extra_fiscal_cost"]
        lines.append(
            f"| {r['policy']} | {ci(r['restored_5y'], pct)} | "
            f"{ci(r['poverty_peak'], pct)}, {r['poverty_peak_year']} | "
            f"{ci(r['income_long'], lambda v: f'{v:,.0f}')} | {ci(r['poverty_long'], pct)} | "
            + ("0 (baseline)" if k == 0 else ci(cost, lambda v: f"{v / 1e6:.1f}"))
            + " |"
        )
    worst = max(rows, key=lambda r: r["poverty_peak"][0])

    def long_run(r: dict[str, Any]) -> tuple[str, str]:
        return f"{r['income_long'][0]:,.0f}", pct(r["poverty_long"][0])

    same = [r["policy"] for r in rows if r is not worst and long_run(r) == long_run(worst)]
    lines += [
        "",
        textwrap.fill(
            f'Hardship peaks in the transition: "{worst["policy"]}" has the worst year '
            f"({worst['poverty_peak'][0]:.0%} of the landless below the line, in "
            f"{worst['poverty_peak_year']})"
            + (f' though its long-run figures equal "{same[0]}".' if same else "."),
            width=88,
        ),
    ]
    return "\n".join(lines)


def commands(*lines: Sequence[str]) -> str:
    """``collective-econ`` command lines run one after the other in a scratch folder.

    Returns a fenced block: each command line (``$ collective-econ ...``) and what it
    printed on stdout (the progress bars go to stderr and are left out).
    """
    out = ["```text"]
    with tempfile.TemporaryDirectory() as scratch, contextlib.chdir(scratch):
        for args in lines:
            printed = io.StringIO()
            with contextlib.redirect_stdout(printed), contextlib.redirect_stderr(io.StringIO()):
                code = cli.main(list(args))
            if code != 0:
                raise RuntimeError(f"collective-econ {' '.join(args)} exited with {code}")
            out += [f"$ collective-econ {shlex.join(args)}", printed.getvalue().rstrip(), ""]
    return "\n".join([*out[:-1], "```"])


def cli_robust() -> str:
    """The ``robust`` verb at its defaults, then the former default (80%) from the same store."""
    return commands(
        ("robust", "--workers", "2", "--out", "demo-robust"),
        ("robust", "--workers", "2", "--threshold", "0.8", "--out", "demo-robust", "--resume"),
    )


def cli_discover() -> str:
    """The ``discover`` verb: where the full package misses 99% restored within 5 years."""
    return commands(("discover", "--workers", "2", "--threshold", "0.975", "--out", "demo-d"))


def cli_voi() -> str:
    """The ``voi`` verb: the full package against 80% shares."""
    pols = ("--policy", "full package", "--policy", "80% shares")
    return commands(("voi", "--workers", "2", *pols, "--out", "demo-voi"))


def cli_optimize() -> str:
    """The ``optimize`` verb: the share fraction of 80% shares within a budget."""
    budget = ("--budget-runs", "200", "--constraint", "fiscal_cost_npv<=3.35e8@0.95")
    return commands(("optimize", "--workers", "2", *budget, "--out", "demo-optimize"))


def _printed(index: int, page: str) -> Callable[[], str]:
    """What ``page``'s ``index``-th Python block prints, quoted below it."""
    return functools.partial(readme_block, index, page)


_DIBAO = "docs/schemes/safety_net.md"
BLOCKS: tuple[Block, ...] = (
    Block("published", "docs/sources.md", published_block),
    Block("review", "docs/sources.md", review_block),
    Block("glossary", "docs/glossary.md", glossary_markdown),
    Block("simulation-baseline", "docs/simulation.md", simulation_baseline),
    Block("hogs-appraisal", "docs/schemes/hogs.md", hogs_appraisal),
    Block("readme-simulate", "README.md", functools.partial(readme_block, 0)),
    Block("readme-horizons", "README.md", readme_horizons, slow=True),
    Block("readme-hotel", "README.md", functools.partial(readme_block, 1)),
    Block("sensitivity-tornado", "docs/sensitivity.md", _printed(0, "docs/sensitivity.md")),
    Block("sensitivity-switching", "docs/sensitivity.md", _printed(1, "docs/sensitivity.md")),
    Block("sensitivity-sobol", "docs/sensitivity.md", _printed(3, "docs/sensitivity.md")),
    Block("decision-race", "docs/decision.md", _printed(2, "docs/decision.md")),
    Block("decision-voi-toy", "docs/decision.md", _printed(3, "docs/decision.md")),
    Block("hotel-return", "docs/schemes/hotel.md", hotel_return),
    Block("hotel-figures", "docs/schemes/hotel.md", hotel_figures),
    Block("agro-park-figures", "docs/schemes/agro_park.md", agro_park_figures),
    Block("dibao-shares", _DIBAO, _printed(0, _DIBAO), slow=True),
    Block("tea-figures", "docs/schemes/tea.md", tea_figures),
    Block("jobs-figures", "docs/schemes/jobs.md", jobs_figures),
    Block("tutorial-validate", "docs/tutorial.md", validate_example),
    Block("tutorial-intro", "docs/tutorial.md", tutorial_intro),
    Block("tutorial-table", "docs/tutorial.md", headline_table, slow=True),
    Block("tutorial-reading", "docs/tutorial.md", tutorial_reading),
    Block("restoration-rules", "docs/metrics.md", restoration_rules, slow=True),
    Block("decision-table", "docs/metrics.md", decision_table, slow=True),
    Block("cli-robust", "docs/decision.md", cli_robust, slow=True),
    Block("cli-discover", "docs/decision.md", cli_discover, slow=True),
    Block("cli-voi", "docs/decision.md", cli_voi, slow=True),
    Block("cli-optimize", "docs/decision.md", cli_optimize, slow=True),
)
"""Every generated block of the documentation."""


def render(blocks: Sequence[Block] = BLOCKS, root: Path = ROOT) -> dict[str, str]:
    """The pages as they should be: path -> text, with every block regenerated."""
    pages: dict[str, str] = {}
    for b in blocks:
        text = pages.get(b.page) or (root / b.page).read_text(encoding="utf-8")
        pages[b.page] = fill(text, b.name, b.make())
    return pages


def write(blocks: Sequence[Block] = BLOCKS, root: Path = ROOT) -> list[str]:
    """Regenerate ``blocks`` in place; the pages that changed."""
    changed = []
    for page, text in render(blocks, root).items():
        path = root / page
        if path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
            changed.append(page)
    return changed


def check(blocks: Sequence[Block] = BLOCKS, root: Path = ROOT) -> list[str]:
    """The names of the blocks whose page differs from what the code produces."""
    stale = []
    for b in blocks:
        text = (root / b.page).read_text(encoding="utf-8")
        if current(text, b.name) != b.make().rstrip("\n"):
            stale.append(b.name)
    return stale


def main(argv: Sequence[str] | None = None) -> int:
    """Regenerate (or with ``--check`` compare) the documentation's generated blocks."""
    ap = argparse.ArgumentParser(prog="python -m collective_econ.docs_numbers")
    ap.add_argument("--check", action="store_true", help="compare only; exit 1 if stale")
    ap.add_argument("--fast", action="store_true", help="skip the blocks that simulate")
    ap.add_argument("names", nargs="*", help="blocks to regenerate (default: all)")
    args = ap.parse_args(argv)
    blocks = [b for b in BLOCKS if (not args.names or b.name in args.names)]
    blocks = [b for b in blocks if not (args.fast and b.slow)]
    if args.check:
        stale = check(blocks)
        for name in stale:
            print(f"stale: {name}", file=sys.stderr)
        return 1 if stale else 0
    for page in write(blocks):
        print(f"updated {page}")
    return 0
