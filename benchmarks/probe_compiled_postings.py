"""A measured probe: the ledger's small postings compiled with numba, in place.

Run from the repository root (needs numba: ``pip install numba``)::

    python benchmarks/probe_compiled_postings.py [--policy "full package"] [--pairs 12]

The ledger's postings to a few households (``Ledger._post_summed`` below its
``np.add.at`` threshold: a gather, the operation and a scatter for the balances, the
flow row and the month's income) are the commonest call of a run: about 2,500 in a
warm run of the full package. This probe replaces that branch, and only it, by one
compiled loop (``@njit``, no fastmath; each household's three additions in today's
order, the institution's side unchanged), checks that a run's household and
institution flows, balances and claims are bit-identical to numpy's, and times warm
runs of one policy with the two in turns (CPU time, ``time.process_time``; medians of
``--pairs`` alternated pairs, after one untimed run of each). numba compiles the loop
once, on the first run (not timed).

It measures what compiling the ledger alone would give, to decide whether a compiled
dependency pays for itself one piece at a time (docs/performance.md, "Where issue 15
stands"). It prints the two medians, their ratio and the bit check; it changes nothing
in the package.
"""

from __future__ import annotations

import argparse
import math
import statistics
import sys
import time
from typing import Any

import numpy as np


def compiled_branch() -> Any:
    """The compiled small-posting loop, or None (with a message) when numba is absent."""
    try:
        from numba import njit
    except ImportError:
        print("numba is not installed: pip install numba", file=sys.stderr)
        return None

    @njit(cache=False)  # type: ignore[misc]
    def post(balance: Any, row: Any, income: Any, homes: Any, amounts: Any,
             sign: float, with_income: bool) -> None:  # fmt: skip
        for i in range(homes.shape[0]):
            h, a = homes[i], amounts[i]
            if sign > 0:  # x + a and x - a, never x + (-a) * 1: the same bits as numpy's
                balance[h] = balance[h] + a
                row[h] = row[h] + a
                if with_income:
                    income[h] = income[h] + a
            else:
                balance[h] = balance[h] - a
                row[h] = row[h] - a
                if with_income:
                    income[h] = income[h] - a

    return post


def main(argv: list[str] | None = None) -> int:
    """Time warm runs with the ledger's small postings in numpy and compiled, in turns."""
    from collective_econ.cases.caopijie import default_scenario
    from collective_econ.economy import ledger as ledger_module
    from collective_econ.economy.community import synthesize
    from collective_econ.seeding import as_seed_sequence, stream
    from collective_econ.simulation import simulate

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--policy", default="full package")
    ap.add_argument("--pairs", type=int, default=12)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args(argv)
    post = compiled_branch()
    if post is None:
        return 1
    ledger_cls = ledger_module.Ledger
    numpy_post = ledger_cls._post_summed
    add_at, first_capital = ledger_module._ADD_AT, ledger_module._FIRST_CAPITAL

    def compiled_post(self: Any, op: Any, account: int, households: Any, amounts: Any,
                      total: float, source: Any, income: bool = True) -> None:  # fmt: skip
        if households is None or households.shape[0] >= add_at:
            numpy_post(self, op, account, households, amounts, total, source, income)
            return
        if account < self.households or not math.isfinite(total):
            numpy_post(self, op, account, households, amounts, total, source, income)
            return  # (numpy's branch raises the errors)
        income = income and source < first_capital
        sign = 1.0 if op is np.add else -1.0
        post(self.balance, self._rows[source], self.month_income, households, amounts,
             sign, income)  # fmt: skip
        total = total if op is np.add else -total
        balance, k = self.balance, account - self.households
        balance[account] = balance.item(account) - total
        self._institution_rows[source, k] = self._institution_rows.item(source, k) - total

    sc = default_scenario()
    root = as_seed_sequence(args.seed)
    com = synthesize(sc.community, stream(root, "community"), sc.livelihood)

    def run(variant: Any) -> tuple[float, Any]:
        ledger_cls._post_summed = variant
        try:
            start = time.process_time()
            result = simulate(sc, args.policy, seed=args.seed, community=com)
            return time.process_time() - start, result
        finally:
            ledger_cls._post_summed = numpy_post

    _, ref = run(numpy_post)
    _, got = run(compiled_post)  # compiles the loop
    same = all(
        np.array_equal(getattr(ref, name), getattr(got, name))
        for name in ("household_flows", "institution_flows", "institution_balance", "claims")
    )
    times: dict[str, list[float]] = {"numpy": [], "compiled": []}
    for _ in range(args.pairs):
        times["numpy"].append(run(numpy_post)[0])
        times["compiled"].append(run(compiled_post)[0])
    a, b = (statistics.median(times[k]) * 1000 for k in ("numpy", "compiled"))
    print(f"{args.policy}, warm run, CPU ms (medians of {args.pairs} alternated pairs):")
    print(f"  ledger's small postings in numpy     {a:7.1f}")
    print(f"  ledger's small postings compiled     {b:7.1f}   ({a / b:.3f}x)")
    print(f"  bit-identical flows, balances, claims: {same}")
    return 0 if same else 2


if __name__ == "__main__":
    sys.exit(main())
