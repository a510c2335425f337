"""A measured probe of the next engine design: the households' month step three ways.

Run from the repository root::

    python benchmarks/probe_designs.py [--month 120] [--repeats 11] [--out PATH]

What it measures (CPU time, ``time.process_time``; medians of rounds, each round the
runs in place and then every variant, in turn):

(a) **in place**: the CPU time of the households' economy
    (``economy/households.py`` ``process``) and the dibao's means test
    (``schemes/safety_net.py`` ``process``) in warm runs of "cash only" and of the full
    package (``bench_engine.time_by_process``, one run of each policy a round);
(k) **the kernel, today's numpy**: the dominant operations of those two processes,
    copied from them call for call, on one policy's arrays of a recorded month;
(b) **the kernel over (policies, households)**: the same numpy calls, each over a
    (5, 8,584) array (the five default policies' arrays of that month stacked; the flow
    rows by source, the scatters and ``nonzero`` over the flat (policy, household)
    pairs: a 2-d ``nonzero`` costs 20-30x a 1-d one);
(c) **the kernel compiled with numba** (``@njit``, no fastmath): per policy and month a
    loop over the households for the pensions, one over the ~700 remittances, and one
    fused loop for the rest (wages, savings step, interest, consumption, the dibao's
    window), alone (one policy) and over (policies, households) in one call.

The recorded month: one run of each default policy (seed 1, the full community) with
``Ledger.settle_summed`` wrapped to copy, in month ``--month``, the households'
balances, this month's income, the income of 12 months before and the flow rows as
they stand at the pensions' posting, and the amounts of the pensions, remittances
and wages postings. The last 12 months' income sum and the dibao's 12-month window
are made from the ledger's kept months (the processes keep their own, with other last
bits); the dibao's bound is the household's size x 400 yuan x 12 months for 60% of the
households (drawn: the claimants) and -inf for the others; the real deposit rate is
the nominal one less 2% a year. Each variant is timed on a fresh copy of the state
with the month applied 240 times (a run's length; the state drifts, the work does
not), "hot" (in one call) and "cold" (one call a month, each after an untimed pass
over 16 MB of other memory, as a run's other processes pass over theirs between two
months of the households).

The kernel covers, per month: the pensions' posting (every household: balance, flow
row, month's income, the government's balance), the remittances' (a scatter over the
~700 households with a member away), the wages' (every household); the savings step
(capital, the 12-month income sum moved on, spending, the real interest, who runs
short); the interest's and the consumption's postings (every household, with their
sums for the bank and the market); the dibao's 12-month window moved on and its
comparison with the bound (who may be below the line). It leaves out: the work chain
and wages of touched households, the casual pay published, the pensions' and
remittances' look-ups, farming and old-house rent (gone after the waves), the credit
lines (~54 households a month, ~30 small calls), the dibao's size changes, tables,
top-ups and their posting (~180 households), the ledger's checks, and SimPy (two
events a month for each process). The kernel's figure is therefore a lower bound of
each design's cost; the in-place figure less the kernel's is what the kernel omits.

Results are checked against the numpy kernel on the same inputs, after one month and
after 240: every household array (balances, flow rows, income, 12-month sums,
window, spending, interest) and the counts bit for bit; the institutions' balances
(the sums of interest and spending) bit for bit or by their largest relative
difference. The compiled loop adds each household's figures in today's order, so its
household arrays can be bit-identical; its sums are numpy's pairwise summation
written out (``pairwise`` in :func:`numba_kernel`) or, as a check of what a plain
loop gives, sequential.

It prints a table and an extrapolation to a warm run (:func:`extrapolate`): each
variant's cold figure per policy in place of today's kernel (the low saving), and the
two processes wholly at the kernel's ratio (the high saving). Both assume that what
the kernel leaves out would cost what it costs today, or scale like the kernel.

numba is imported only when present; without it variant (c) is skipped with a
message. Writes JSON to ``benchmarks/results/probe_designs.json`` by default.
"""

from __future__ import annotations

import argparse
import json
import platform
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

HORIZON = 240
POLICIES_AT_ONCE = 5
GOV, MARKET, BANK = 0, 1, 2
IN_PLACE = ("cash only", "full package")
FLUSH_BYTES = 16 << 20
"""Memory passed over between two months in the "cold" timings (over the caches' size)."""
_sum_of = np.add.reduce


# -- the recorded month ---------------------------------------------------------------------
def record_month(month: int, seed: int) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """One recorded month of each default policy, with the scenario's figures.

    Returns the shared figures (community size, rates) and, per policy, the arrays as
    they stood at the households' pensions posting of ``month`` with the amounts of
    that month's pensions, remittances and wages.
    """
    from collective_econ.cases.caopijie import default_scenario
    from collective_econ.economy import ledger as ledger_module
    from collective_econ.economy.community import synthesize
    from collective_econ.economy.ledger import Source
    from collective_econ.seeding import as_seed_sequence, stream
    from collective_econ.simulation import simulate

    sc = default_scenario()
    com = synthesize(sc.community, stream(as_seed_sequence(seed), "community"), sc.livelihood)
    original = ledger_module.Ledger.settle_summed
    got: dict[str, Any] = {}

    def spy(self: Any, account: int, households: Any, amounts: Any, total: float,
            source: Any, **kw: Any) -> None:  # fmt: skip
        if self.month == month and self.households == com.n_households:
            year = self._year
            if source == Source.PENSION and households is None and "pension" not in got:
                got["balance"] = self.balance[: self.households].copy()
                got["income"] = self.month_income.copy()
                got["ago"] = [self.income_ago(k).copy() for k in range(1, 13)]
                got["flows"] = self.household_flows[
                    year, [Source.PENSION, Source.REMITTANCE, Source.WAGE, Source.INTEREST,
                           Source.CONSUMPTION]
                ].copy()  # fmt: skip
                got["pension"] = (amounts.copy(), total)
            elif source == Source.REMITTANCE and "remittance" not in got:
                got["remittance"] = (households.copy(), amounts.copy(), total)
            elif source == Source.WAGE and households is None and "wage" not in got:
                got["wage"] = (amounts.copy(), total)
        original(self, account, households, amounts, total, source, **kw)

    out = []
    ledger_module.Ledger.settle_summed = spy  # type: ignore[method-assign]
    try:
        for name in sc.policy_names[:POLICIES_AT_ONCE]:
            got = {}
            simulate(sc, name, seed=seed, community=com)
            missing = {"pension", "remittance", "wage"} - set(got)
            if missing:
                raise RuntimeError(f"month {month} of {name!r}: no {sorted(missing)} posting")
            got["policy"] = name
            out.append(got)
    finally:
        ledger_module.Ledger.settle_summed = original  # type: ignore[method-assign]
    lp = sc.livelihood
    shared = {
        "n": com.n_households,
        "size": np.asarray(com.size, dtype=float),
        "keep": 1.0 - lp.saving_rate,
        "draw": 1.0 - (1.0 - lp.spend_down_rate) ** (1.0 / 12.0),
        "rate": (1.0 + lp.deposit_rate / 12.0) / (1.0 + 0.02 / 12.0) - 1.0,
        "policies": [g["policy"] for g in out],
    }
    return shared, out


def make_state(shared: dict[str, Any], rec: list[dict[str, Any]], month: int) -> dict[str, Any]:
    """The kernel's state over (policies, households), C-contiguous 2-d arrays."""
    n, p = shared["n"], len(rec)
    slot = month % 12
    window = np.zeros((p, 12, n))
    for i, r in enumerate(rec):
        for k in range(1, 13):  # row (month - k) % 12 holds the income of k months before
            window[i, (month - k) % 12] = r["ago"][k - 1]
    rng = np.random.default_rng(2026)
    claims = rng.random(n) < 0.6
    bound = np.where(claims, shared["size"] * 400.0 * 12.0, -np.inf)
    home = rec[0]["remittance"][0]
    for r in rec:  # the same population history: the same households send money home
        if not np.array_equal(r["remittance"][0], home):
            raise RuntimeError("the policies' remittance households differ")
    return {
        "bal": np.stack([r["balance"] for r in rec]),
        "inc": np.stack([r["income"] for r in rec]),
        "flows": np.stack([r["flows"] for r in rec]),  # (p, 5, n)
        "ago12": np.stack([r["ago"][11] for r in rec]),
        "recent": window.sum(axis=1),
        "window": window,
        "wsum": window.sum(axis=1),
        "bound": np.broadcast_to(bound, (p, n)).copy(),
        "pen": np.stack([r["pension"][0] for r in rec]),
        "pen_total": np.array([r["pension"][1] for r in rec]),
        "home": home,
        "sent": np.stack([r["remittance"][1] for r in rec]),
        "sent_total": np.array([r["remittance"][2] for r in rec]),
        "wage": np.stack([r["wage"][0] for r in rec]),
        "wage_total": np.array([r["wage"][1] for r in rec]),
        "inst": np.zeros((p, 3)),
        "slot": slot,
        "months": 12,
        "keep": shared["keep"],
        "draw": shared["draw"],
        "rate": shared["rate"],
    }


def one_policy(state: dict[str, Any], i: int) -> dict[str, Any]:
    """Policy ``i``'s part of ``state`` (copies, 1-d where the kernel (a) works on 1-d)."""
    out = {}
    for key, value in state.items():
        if key == "home" or not isinstance(value, np.ndarray):
            out[key] = value
        else:
            out[key] = value[i : i + 1].copy()
    return out


def fresh(state: dict[str, Any]) -> dict[str, Any]:
    """A copy of ``state``'s arrays (the kernel works in place)."""
    return {k: v.copy() if isinstance(v, np.ndarray) else v for k, v in state.items()}


# -- (k) today's numpy, one policy --------------------------------------------------------
def numpy_one(s: dict[str, Any], months: int) -> dict[str, Any]:
    """``months`` months of the kernel on one policy, numpy calls as in today's processes."""
    bal, inc, ago12, recent = s["bal"][0], s["inc"][0], s["ago12"][0], s["recent"][0]
    fp, fr, fw, fi, fc = s["flows"][0]
    pen, pen_total = s["pen"][0], float(s["pen_total"][0])
    home, sent, sent_total = s["home"], s["sent"][0], float(s["sent_total"][0])
    wage, wage_total = s["wage"][0], float(s["wage_total"][0])
    window, wsum, bound, inst = s["window"][0], s["wsum"][0], s["bound"][0], s["inst"][0]
    slot, keep, draw, rate, m = s["slot"], s["keep"], s["draw"], s["rate"], s["months"]
    n = bal.size
    spend, earned, scratch, zero = np.zeros((4, n))
    short = np.zeros(n, dtype=bool)
    low = np.zeros(n, dtype=bool)
    counts = [0, 0]
    for _ in range(months):
        # Ledger._post_summed, every household (np.add in place on three arrays)
        np.add(bal, pen, out=bal)
        np.add(fp, pen, out=fp)
        np.add(inc, pen, out=inc)
        inst[GOV] = inst.item(GOV) - pen_total
        np.add.at(bal, home, sent)  # (>= 256 households: op.at)
        np.add.at(fr, home, sent)
        np.add.at(inc, home, sent)
        inst[MARKET] = inst.item(MARKET) - sent_total
        np.add(bal, wage, out=bal)
        np.add(fw, wage, out=fw)
        np.add(inc, wage, out=inc)
        inst[MARKET] = inst.item(MARKET) - wage_total
        # the savings step (households.process)
        capital = earned
        np.maximum(np.subtract(bal, inc, out=capital), zero, out=capital)
        recent += np.subtract(inc, ago12, out=scratch)
        np.multiply(np.divide(recent, m, out=spend), keep, out=spend)
        spend += np.multiply(draw, capital, out=scratch)
        np.maximum(spend, zero, out=spend)
        np.multiply(capital, rate, out=earned)
        np.greater(spend, np.add(bal, earned, out=scratch), out=short)
        counts[0] = short.nonzero()[0].size  # (the credit lines' households: left out)
        np.add(bal, earned, out=bal)  # interest (income=False)
        np.add(fi, earned, out=fi)
        inst[BANK] = inst.item(BANK) - float(_sum_of(earned))
        np.subtract(bal, spend, out=bal)  # consumption
        np.subtract(fc, spend, out=fc)
        inst[MARKET] = inst.item(MARKET) + float(_sum_of(spend))
        # the dibao's window and comparison (safety_net.process)
        replaced = window[slot]
        wsum += np.subtract(inc, replaced, out=replaced)
        np.copyto(replaced, inc)
        counts[1] = np.less(wsum, bound, out=low).nonzero()[0].size
    return {"spend": spend[None], "earned": earned[None], "counts": counts}


# -- (b) numpy over (policies, households) ------------------------------------------------
def numpy_batched(s: dict[str, Any], months: int) -> dict[str, Any]:
    """The kernel over (policies, households): each numpy call over every policy at once."""
    bal, inc, ago12, recent = s["bal"], s["inc"], s["ago12"], s["recent"]
    flows = np.ascontiguousarray(s["flows"].transpose(1, 0, 2))  # by source: (5, p, n)
    fp, fr, fw, fi, fc = flows
    pen, pen_total = s["pen"], s["pen_total"]
    home, sent, sent_total = s["home"], s["sent"], s["sent_total"]
    wage, wage_total = s["wage"], s["wage_total"]
    window, wsum, bound, inst = s["window"], s["wsum"], s["bound"], s["inst"]
    slot, keep, draw, rate, m = s["slot"], s["keep"], s["draw"], s["rate"], s["months"]
    spend, earned, scratch, zero = np.zeros((4, *bal.shape))
    short = np.zeros(bal.shape, dtype=bool)
    low = np.zeros(bal.shape, dtype=bool)
    flat = (np.arange(bal.shape[0])[:, None] * bal.shape[1] + home).ravel()  # (p, h) pairs
    sent = sent.ravel()
    bal_f, fr_f, inc_f, short_f, low_f = (a.reshape(-1) for a in (bal, fr, inc, short, low))
    counts = [0, 0]
    for _ in range(months):
        np.add(bal, pen, out=bal)
        np.add(fp, pen, out=fp)
        np.add(inc, pen, out=inc)
        inst[:, GOV] -= pen_total
        np.add.at(bal_f, flat, sent)  # (over the flat (p, h) pairs: one call each)
        np.add.at(fr_f, flat, sent)
        np.add.at(inc_f, flat, sent)
        inst[:, MARKET] -= sent_total
        np.add(bal, wage, out=bal)
        np.add(fw, wage, out=fw)
        np.add(inc, wage, out=inc)
        inst[:, MARKET] -= wage_total
        capital = earned
        np.maximum(np.subtract(bal, inc, out=capital), zero, out=capital)
        recent += np.subtract(inc, ago12, out=scratch)
        np.multiply(np.divide(recent, m, out=spend), keep, out=spend)
        spend += np.multiply(draw, capital, out=scratch)
        np.maximum(spend, zero, out=spend)
        np.multiply(capital, rate, out=earned)
        np.greater(spend, np.add(bal, earned, out=scratch), out=short)
        counts[0] = short_f.nonzero()[0].size  # (flat: a 2-d nonzero is 20x slower)
        np.add(bal, earned, out=bal)
        np.add(fi, earned, out=fi)
        inst[:, BANK] -= _sum_of(earned, axis=1)
        np.subtract(bal, spend, out=bal)
        np.subtract(fc, spend, out=fc)
        inst[:, MARKET] += _sum_of(spend, axis=1)
        replaced = window[:, slot]
        wsum += np.subtract(inc, replaced, out=scratch)
        replaced[...] = inc
        np.less(wsum, bound, out=low)
        counts[1] = low_f.nonzero()[0].size
    s["flows"][...] = flows.transpose(1, 0, 2)
    return {"spend": spend, "earned": earned, "counts": counts}


# -- (c) numba, one fused loop ------------------------------------------------------------
_NUMBA: dict[str, Any] = {}


def numba_kernel() -> Callable[..., Any] | None:
    """The compiled month (None without numba); compiled once, on first use."""
    if "month" in _NUMBA:
        return _NUMBA["month"]  # type: ignore[no-any-return]
    try:
        import numba
    except ImportError:
        _NUMBA["month"] = None
        return None
    njit = numba.njit(cache=False, fastmath=False, error_model="numpy")

    @njit  # type: ignore[misc]
    def pairwise(a: Any, lo: int, n: int) -> float:
        # numpy's pairwise_sum (loops_utils.h.src): blocks of 128 in 8 accumulators
        if n < 8:
            res = 0.0
            for i in range(lo, lo + n):
                res += a[i]
            return res
        if n <= 128:
            r0, r1, r2, r3 = a[lo], a[lo + 1], a[lo + 2], a[lo + 3]
            r4, r5, r6, r7 = a[lo + 4], a[lo + 5], a[lo + 6], a[lo + 7]
            i = 8
            while i < n - (n % 8):
                j = lo + i
                r0 += a[j]
                r1 += a[j + 1]
                r2 += a[j + 2]
                r3 += a[j + 3]
                r4 += a[j + 4]
                r5 += a[j + 5]
                r6 += a[j + 6]
                r7 += a[j + 7]
                i += 8
            res = ((r0 + r1) + (r2 + r3)) + ((r4 + r5) + (r6 + r7))
            while i < n:
                res += a[lo + i]
                i += 1
            return res
        n2 = n // 2
        n2 -= n2 % 8
        return pairwise(a, lo, n2) + pairwise(a, lo + n2, n - n2)

    @njit  # type: ignore[misc]
    def add_reduce(a: Any, sequential: bool) -> float:
        # np.add.reduce of a contiguous 1-d array (numpy 2.4: pairwise over all of it)
        if sequential:
            res = 0.0
            for v in a:
                res += v
            return res
        return pairwise(a, 0, a.size)

    @njit  # type: ignore[misc]
    def month(bal, inc, flows, ago12, recent, pen, pen_total, home, sent, sent_total,
              wage, wage_total, window, wsum, bound, inst, slot, m, keep, draw, rate,
              spend, earned, short, low, sequential):  # type: ignore[no-untyped-def]  # fmt: skip
        n_pol, n = bal.shape
        nh = home.size
        fm = float(m)
        n_short = 0
        n_low = 0
        for p in range(n_pol):
            for h in range(n):  # pensions (a loop of their own: no branch in the fused loop)
                x = pen[p, h]
                bal[p, h] += x
                flows[p, 0, h] += x
                inc[p, h] += x
            for k in range(nh):  # remittances: after the pensions, before the wages
                h = home[k]
                x = sent[p, k]
                bal[p, h] += x
                flows[p, 1, h] += x
                inc[p, h] += x
            for h in range(n):
                x = wage[p, h]  # wages
                b = bal[p, h] + x
                flows[p, 2, h] += x
                y = inc[p, h] + x
                inc[p, h] = y
                c = b - y  # capital: np.maximum(balance - income, 0), NaN kept
                c = c if (c >= 0.0 or c != c) else 0.0
                r = recent[p, h] + (y - ago12[p, h])
                recent[p, h] = r
                sp = (r / fm) * keep
                sp = sp + draw * c
                sp = sp if (sp >= 0.0 or sp != sp) else 0.0
                e = c * rate
                sh = sp > b + e
                short[p, h] = sh
                n_short += sh
                b = b + e  # interest
                flows[p, 3, h] += e
                b = b - sp  # consumption
                flows[p, 4, h] -= sp
                bal[p, h] = b
                earned[p, h] = e
                spend[p, h] = sp
                ws = wsum[p, h] + (y - window[p, slot, h])  # the dibao's window
                wsum[p, h] = ws
                window[p, slot, h] = y
                lo = ws < bound[p, h]
                low[p, h] = lo
                n_low += lo
            inst[p, 0] -= pen_total[p]
            inst[p, 1] -= sent_total[p]
            inst[p, 1] -= wage_total[p]
            inst[p, 2] -= add_reduce(earned[p], sequential)
            inst[p, 1] += add_reduce(spend[p], sequential)
        return n_short, n_low

    _NUMBA["month"] = month
    return month  # type: ignore[no-any-return]


def numba_run(s: dict[str, Any], months: int, sequential: bool = False) -> dict[str, Any]:
    """``months`` months of the compiled kernel over ``s``'s policies."""
    month = numba_kernel()
    assert month is not None
    shape = s["bal"].shape
    spend, earned = np.zeros(shape), np.zeros(shape)
    short, low = np.zeros(shape, dtype=np.bool_), np.zeros(shape, dtype=np.bool_)
    counts = (0, 0)
    args = (s["bal"], s["inc"], s["flows"], s["ago12"], s["recent"], s["pen"],
            s["pen_total"], s["home"], s["sent"], s["sent_total"], s["wage"],
            s["wage_total"], s["window"], s["wsum"], s["bound"], s["inst"], s["slot"],
            s["months"], s["keep"], s["draw"], s["rate"], spend, earned, short, low,
            sequential)  # fmt: skip
    for _ in range(months):
        counts = month(*args)
    return {"spend": spend, "earned": earned, "counts": list(counts)}


# -- checks ---------------------------------------------------------------------------------
_ARRAYS = ("bal", "inc", "flows", "recent", "window", "wsum")


def compare(ref: list[tuple[dict[str, Any], dict[str, Any]]], got: dict[str, Any],
            got_out: dict[str, Any]) -> dict[str, Any]:  # fmt: skip
    """``got`` (over policies) against the one-policy numpy kernel's states ``ref``."""
    households_equal = True
    inst_rel = 0.0
    counts_equal = True
    for i, (s, out) in enumerate(ref):
        for key in _ARRAYS:
            if not np.array_equal(s[key][0], got[key][i], equal_nan=True):
                households_equal = False
        for key in ("spend", "earned"):
            if not np.array_equal(out[key][0], got_out[key][i]):
                households_equal = False
        a, b = s["inst"][0], got["inst"][i]
        inst_rel = max(inst_rel, float(np.max(np.abs(a - b) / np.maximum(np.abs(a), 1e-300))))
    total_counts = [sum(out["counts"][j] for _, out in ref) for j in range(2)]
    if len(ref) == 1:
        total_counts = ref[0][1]["counts"]
    counts_equal = list(got_out["counts"]) == list(total_counts)
    return {
        "household_arrays_bit_identical": households_equal,
        "institution_balances_max_rel_diff": inst_rel,
        "counts_equal": counts_equal,
    }


# -- in place -------------------------------------------------------------------------------
def in_place_sampler(seed: int) -> Callable[[dict[str, dict[str, list[float]]]], None]:
    """A function that adds one warm run's CPU ms by process, cash only and full package.

    ``bench_engine.time_by_process`` with one timed run of each default policy (after
    a run on the same history); the samples go into the dict it is given.
    """
    from bench_engine import time_by_process

    from collective_econ.cases.caopijie import default_scenario
    from collective_econ.economy.community import synthesize
    from collective_econ.seeding import as_seed_sequence, stream

    sc = default_scenario()
    com = synthesize(sc.community, stream(as_seed_sequence(seed), "community"), sc.livelihood)
    if not set(IN_PLACE) <= set(sc.policy_names):
        raise RuntimeError(f"the default scenario's policies are {sc.policy_names}")

    def sample(got: dict[str, dict[str, list[float]]]) -> None:
        t = time_by_process(sc, com, HORIZON // 12, seed, 1)
        for name in IN_PLACE:
            by = got.setdefault(name, {})
            for proc, sec in t[name]["by_process"].items():
                by.setdefault(proc, []).append(sec * 1e3)
            by.setdefault("run", []).append(t[name]["seconds"] * 1e3)

    return sample


def in_place_summary(got: dict[str, dict[str, list[float]]]) -> dict[str, dict[str, float]]:
    """Medians of the samples: each process, the two together, the run (CPU ms a run)."""
    out: dict[str, dict[str, float]] = {}
    for key, by in got.items():
        hh = next(k for k in by if k.startswith("households"))
        out[key] = {
            "households_ms_run": statistics.median(by[hh]),
            "safety_net_ms_run": statistics.median(by["safety_net"]),
            "both_ms_run": statistics.median(
                [a + b for a, b in zip(by[hh], by["safety_net"], strict=True)]
            ),
            "run_ms": statistics.median(by["run"]),
        }
    return out


def extrapolate(
    place: dict[str, Any], rows: list[dict[str, Any]], households: int
) -> dict[str, Any]:
    """A warm run's CPU ms with each variant in place of today's step, two ways.

    Low saving: only the kernel's part of the two processes changes (its cold
    figure per policy in place of numpy's). High saving: the whole of the two
    processes scales by the kernel's ratio (everything they do compiled as well).
    """
    cold = [r for r in rows if r["caches"] == "cold"]
    k = cold[0]["ms_run_per_policy"]
    out = []
    for r in cold:
        v = r["ms_run_per_policy"]
        e: dict[str, Any] = {"variant": r["variant"]}
        for key in ("cash only", "full package"):
            run, both = place[key]["run_ms"], place[key]["both_ms_run"]
            e[key] = (run - k + v, run - both + both * v / k)
        out.append(e)
    return {"rows": out, "ms_for_20M": households * HORIZON / 20e6 * 1e3}


# -- main -----------------------------------------------------------------------------------
def timed(func: Callable[[], object]) -> float:
    """CPU seconds of one call."""
    start = time.process_time()
    func()
    return time.process_time() - start


_FLUSH = np.zeros(FLUSH_BYTES // 8)


def timed_cold(func: Callable[[dict[str, Any], int], object], s: dict[str, Any]) -> float:
    """CPU seconds of a run's months of ``func`` on ``s``, one call a month, caches cold.

    Before each month (untimed) a pass over :data:`FLUSH_BYTES` of other memory, as
    the other processes of a run touch theirs between two months of the households.
    """
    spent, clock = 0.0, time.process_time
    for _ in range(HORIZON):
        np.add(_FLUSH, 1.0, out=_FLUSH)
        start = clock()
        func(s, 1)
        spent += clock() - start
    return spent


def main(argv: list[str] | None = None) -> int:
    """Record a month, check the variants, time them in turns, print and write the table."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--month", type=int, default=120)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--repeats", type=int, default=11, help="rounds of the timings, in turns")
    ap.add_argument("--out", type=Path, default=Path("benchmarks/results/probe_designs.json"))
    args = ap.parse_args(argv)

    shared, rec = record_month(args.month, args.seed)
    state = make_state(shared, rec, args.month)
    n_pol = len(rec)
    have_numba = numba_kernel() is not None
    compile_s = None
    if have_numba:  # the first call compiles (wall time: numba's JIT, once per process)
        start = time.perf_counter()
        numba_run(one_policy(state, 0), 1)
        compile_s = time.perf_counter() - start
    else:
        print("numba is not installed: variant (c) skipped (pip install numba in a scratch venv)")

    # checks: after 1 month and after a run's 240, against the one-policy numpy kernel
    checks: dict[str, Any] = {}
    for months in (1, HORIZON):
        ref = []
        for i in range(n_pol):
            s = one_policy(state, i)
            ref.append((s, numpy_one(s, months)))
        b = fresh(state)
        checks[f"numpy batched, {months} months"] = compare(ref, b, numpy_batched(b, months))
        if have_numba:
            for seq in (False, True):
                c = fresh(state)
                label = "sequential sums" if seq else "pairwise sums"
                checks[f"numba batched ({label}), {months} months"] = compare(
                    ref, c, numba_run(c, months, seq)
                )
            c1 = one_policy(state, 0)
            checks[f"numba one policy, {months} months"] = compare(
                ref[:1], c1, numba_run(c1, months)
            )

    # timings: the variants in turns, each on a fresh copy, 240 months per repeat
    variants: dict[str, tuple[Callable[[dict[str, Any], int], object], bool]] = {
        "(k) numpy, one policy": (numpy_one, False),
        "(b) numpy, 5 policies at once": (numpy_batched, True),
    }
    if have_numba:
        variants["(c) numba, one policy"] = (numba_run, False)
        variants["(c) numba, 5 policies at once"] = (numba_run, True)
    times: dict[str, list[float]] = {k: [] for k in variants}
    cold: dict[str, list[float]] = {k: [] for k in variants}
    sample, samples = in_place_sampler(args.seed), {}  # type: ignore[var-annotated]
    for _ in range(args.repeats):  # each round: the runs in place, then every variant hot and cold
        sample(samples)
        for name, (func, batched) in variants.items():
            s = fresh(state) if batched else one_policy(state, 0)
            times[name].append(timed(lambda f=func, s=s: f(s, HORIZON)))  # type: ignore[misc]
            s = fresh(state) if batched else one_policy(state, 0)
            cold[name].append(timed_cold(func, s))

    place = in_place_summary(samples)
    rows = []
    for mode, got in (("hot", times), ("cold", cold)):
        for name, (_, batched) in variants.items():
            run_ms = statistics.median(got[name]) * 1e3
            per_policy = run_ms / (n_pol if batched else 1)
            rows.append(
                {
                    "variant": name,
                    "caches": mode,
                    "ms_run": run_ms,
                    "us_month": run_ms / HORIZON * 1e3,
                    "ms_run_per_policy": per_policy,
                    "us_month_per_policy": per_policy / HORIZON * 1e3,
                }
            )
    for row in rows:
        base = next(r for r in rows if r["caches"] == row["caches"])["ms_run_per_policy"]
        row["x_numpy_one"] = base / row["ms_run_per_policy"]

    print(
        f"recorded month {args.month}, seed {args.seed}; {shared['n']} households; "
        f"policies: {', '.join(shared['policies'])}"
    )
    print(
        "\n(a) in place, CPU ms a warm run (medians of "
        f"{args.repeats}, in turns with the kernel): households' economy + safety net"
    )
    for key in ("cash only", "full package"):
        p = place[key]
        print(
            f"  {key:13s} households {p['households_ms_run']:6.1f}  safety net "
            f"{p['safety_net_ms_run']:5.1f}  both {p['both_ms_run']:6.1f} ms a run = "
            f"{p['both_ms_run'] / HORIZON * 1e3:5.0f} us a month  (run {p['run_ms']:.0f} ms)"
        )
    print(
        f"\nthe kernel, CPU time (medians of {args.repeats} repeats of {HORIZON} months; hot:"
        " one call a run; cold: one call a month, after a pass over 16 MB of other memory):"
    )
    print(
        f"  {'variant':32s} {'caches':6s} {'ms/run':>8s} {'us/month':>9s} {'ms/run/pol':>11s} "
        f"{'us/month/pol':>13s} {'x (k)':>6s}"
    )
    for r in rows:
        print(
            f"  {r['variant']:32s} {r['caches']:6s} {r['ms_run']:8.2f} {r['us_month']:9.1f} "
            f"{r['ms_run_per_policy']:11.2f} {r['us_month_per_policy']:13.1f} "
            f"{r['x_numpy_one']:6.1f}"
        )
    extrapolated = extrapolate(place, rows, shared["n"])
    print(
        "\nextrapolated to a warm run (ms; per policy, cold caches): the kernel's part replaced"
        " (low) .. both processes at the kernel's ratio (high); issue 15: 20 M hm/s is"
        f" {extrapolated['ms_for_20M']:.0f} ms a run, 90 s for 5 x 1,000 on 2 cores is 36 ms"
    )
    for e in extrapolated["rows"]:
        print(
            f"  {e['variant']:32s} cash only {e['cash only'][0]:5.0f} .. {e['cash only'][1]:5.0f}"
            f"   full package {e['full package'][0]:5.0f} .. {e['full package'][1]:5.0f}"
        )
    if compile_s is not None:
        print(
            f"\nnumba: the kernel's first call (compilation) took {compile_s:.2f} s of wall time"
        )
    print("\nchecks against (k) on the same inputs:")
    for name, c in checks.items():
        print(
            f"  {name:44s} households bit-identical: {c['household_arrays_bit_identical']}; "
            f"counts equal: {c['counts_equal']}; institutions max rel diff "
            f"{c['institution_balances_max_rel_diff']:.2e}"
        )

    try:
        import numba

        numba_version: str | None = numba.__version__
    except ImportError:
        numba_version = None
    result = {
        "month": args.month,
        "seed": args.seed,
        "households": shared["n"],
        "policies": shared["policies"],
        "in_place": place,
        "kernel": rows,
        "checks": checks,
        "extrapolated": extrapolated,
        "numba_compile_s": compile_s,
        "versions": {
            "python": sys.version.split()[0],
            "numpy": np.__version__,
            "numba": numba_version,
            "machine": platform.machine(),
        },
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2, default=float) + "\n")
    print(f"\nwritten: {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
