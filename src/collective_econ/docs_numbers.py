r"""The numbers the documentation quotes, produced by the code.

Run ``python -m collective_econ.docs_numbers`` to regenerate them.

A page quotes a number the model computes only inside a generated block::

    <!-- BEGIN generated: NAME (python -m collective_econ.docs_numbers) -->
    ...
    <!-- END generated: NAME -->

:data:`BLOCKS` maps each block to its page and to the function that writes it.
Running the module rewrites every block in place (``--check`` only compares and
exits 1 on a difference); ``tests/test_docs_numbers.py`` regenerates the blocks and
compares them with the pages, so a page cannot drift from the code. The cheap
blocks (appraisals, the sources page) are checked in every test run; the ones that
simulate the whole case (the tutorial's table, the README's comparison) in the slow
tests.

Examples
--------
>>> text = "a\n<!-- BEGIN generated: x -->\nold\n<!-- END generated: x -->\nb"
>>> print(fill(text, "x", "new"))
a
<!-- BEGIN generated: x -->
new
<!-- END generated: x -->
b
"""

from __future__ import annotations

import argparse
import re
import sys
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from .appraisal import appraise, monte_carlo, payback_text
from .cases.caopijie import default_scenario, init_text
from .cases.caopijie.sources import published_block, review_block
from .runs.experiment import run_experiment
from .runs.spec import ExperimentSpec
from .scenario import validate_file
from .schemes.base import STAKEHOLDERS
from .units import format_yuan

__all__ = ["BLOCKS", "Block", "check", "fill", "main", "render", "write"]

ROOT = Path(__file__).resolve().parents[2]
"""The repository (the pages are read and written relative to it)."""

_BLOCK = re.compile(
    r"(?P<head><!-- BEGIN generated: (?P<name>[\w.-]+)[^\n]*-->\n)(?P<body>.*?)"
    r"(?P<tail><!-- END generated: (?P=name) -->)",
    re.S,
)


@dataclass(frozen=True, slots=True)
class Block:
    """One generated block: its name, the page holding it and what writes it."""

    name: str
    page: str
    make: Callable[[], str]
    slow: bool = False


def fill(text: str, name: str, body: str) -> str:
    """``text`` with the block ``name`` replaced by ``body``.

    Raises
    ------
    KeyError
        If the page has no block ``name``.
    """
    found = False

    def swap(m: re.Match[str]) -> str:
        nonlocal found
        if m.group("name") != name:
            return m.group(0)
        found = True
        return m.group("head") + body.rstrip("\n") + "\n" + m.group("tail")

    out = _BLOCK.sub(swap, text)
    if not found:
        raise KeyError(f"no generated block {name!r}")
    return out


def current(text: str, name: str) -> str:
    """The body of block ``name`` in ``text`` (without the final newline)."""
    for m in _BLOCK.finditer(text):
        if m.group("name") == name:
            return m.group("body").rstrip("\n")
    raise KeyError(f"no generated block {name!r}")


# -- the blocks ----------------------------------------------------------------------------
RATE = 0.08
MC_SAMPLES = 500
MC_SEED = 2010


def hogs_appraisal() -> str:
    """The hog scheme's deterministic appraisal and Monte Carlo range (docs/schemes/hogs.md)."""
    det = appraise("hogs")
    npv, irr, pay = det.npv(RATE), det.irr(), det.payback()
    lines = [
        f"Deterministic appraisal at the defaults, {det.horizon_years} years, NPV at "
        f"{RATE:.0%} (real, 2010 yuan):",
        "",
        "| stakeholder | NPV | IRR | payback |",
        "|---|---|---|---|",
    ]
    for s in det.involved():
        j = STAKEHOLDERS.index(s)
        irr_text = f"{irr[j]:.1%}" if np.isfinite(irr[j]) else "n/a"
        lines.append(
            f"| {s} | {format_yuan(float(npv[j]), compact=True)} | {irr_text} | "
            f"{payback_text(float(pay[j]))} |"
        )
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


def readme_appraisal() -> str:
    """What the README's hotel and land-shares lines print."""
    hotel = appraise("hotel")
    j = STAKEHOLDERS.index("households")
    profit = float(hotel.items["net_profit"][-1])
    mc = monte_carlo("hotel", n=1000, seed=2010)
    p_loss = (mc.npv(RATE) < 0).mean(axis=0)
    shown = ", ".join(f"{s} {p_loss[STAKEHOLDERS.index(s)]:.0%}" for s in mc.involved())
    return "\n".join(
        [
            "What the hotel lines print (generated; the model changes, these lines follow):",
            "",
            f"- the hotel's net profit in its last year: {profit:,.0f} yuan (the case says "
            "about 350,000);",
            f"- the households' NPV at 8%: {float(hotel.npv(RATE)[j]):,.0f} yuan;",
            f"- P(NPV < 0) over 1,000 samples: {shown}.",
        ]
    )


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


def headline_table(replications: int | None = None, horizon_years: int | None = None) -> str:
    """The table ``collective-econ run`` prints for the case (its defaults)."""
    sc = default_scenario()
    spec = ExperimentSpec(
        policies=sc.policy_names,
        replications=replications or sc.experiment.replications,
        horizon_years=horizon_years,
        seed=sc.experiment.seed,
    )
    results = run_experiment(sc, spec)
    return "```\n" + results.format_headline() + "\n```"


BLOCKS: tuple[Block, ...] = (
    Block("published", "docs/sources.md", published_block),
    Block("review", "docs/sources.md", review_block),
    Block("hogs-appraisal", "docs/schemes/hogs.md", hogs_appraisal),
    Block("readme-hotel", "README.md", readme_appraisal),
    Block("tutorial-validate", "docs/tutorial.md", validate_example),
    Block("tutorial-table", "docs/tutorial.md", headline_table, slow=True),
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


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
