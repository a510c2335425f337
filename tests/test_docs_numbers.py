"""The numbers the docs quote are the code's: generated blocks regenerated and compared."""

import re
from pathlib import Path

import numpy as np
import pytest

from collective_econ import docs_numbers as dn

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize("block", [b for b in dn.BLOCKS if not b.slow], ids=lambda b: b.name)
def test_a_fast_block_is_what_the_code_produces(block):
    assert dn.check([block]) == [], (
        f"{block.page}: block {block.name!r} is stale; run python -m collective_econ.docs_numbers"
    )


@pytest.mark.slow
@pytest.mark.parametrize("block", [b for b in dn.BLOCKS if b.slow], ids=lambda b: b.name)
def test_a_slow_block_is_what_the_code_produces(block):
    assert dn.check([block]) == []


def test_every_block_is_on_its_page_once():
    for b in dn.BLOCKS:
        text = (ROOT / b.page).read_text(encoding="utf-8")
        assert text.count(f"<!-- BEGIN generated: {b.name} ") == 1, (b.page, b.name)


def test_check_catches_a_planted_stale_number(tmp_path):
    block = next(b for b in dn.BLOCKS if b.name == "hogs-appraisal")
    page = tmp_path / block.page
    page.parent.mkdir(parents=True)
    text = (ROOT / block.page).read_text(encoding="utf-8")
    page.write_text(re.sub(r"P\(NPV < 0\) = \d+%", "P(NPV < 0) = 99%", text), encoding="utf-8")
    assert dn.check([block], root=tmp_path) == ["hogs-appraisal"]
    assert dn.write([block], root=tmp_path) == [block.page]
    assert dn.check([block], root=tmp_path) == []


def test_fill_refuses_a_page_without_the_block():
    with pytest.raises(KeyError):
        dn.fill("no markers here", "x", "body")


def test_the_tutorial_and_scheme_pages_quote_no_stale_range():
    hogs = (ROOT / "docs/schemes/hogs.md").read_text(encoding="utf-8")
    tutorial = (ROOT / "docs/tutorial.md").read_text(encoding="utf-8")
    assert "8.2 M (5th percentile)" not in hogs
    assert "5,116" not in tutorial
    assert "92% (75%-100%)" not in tutorial


def test_the_tutorial_and_metrics_pages_carry_the_generated_blocks():
    tutorial = (ROOT / "docs/tutorial.md").read_text(encoding="utf-8")
    metrics = (ROOT / "docs/metrics.md").read_text(encoding="utf-8")
    intro = " ".join(dn.current(tutorial, "tutorial-intro").split())
    households, persons, _ = dn.case_households()
    assert f"the {households:,} landless households" in intro
    assert f"({persons:,} persons" in intro
    assert "one-year rule" in dn.current(metrics, "restoration-rules")
    assert "sustained" in dn.current(metrics, "restoration-rules")


@pytest.mark.slow
def test_the_restoration_rules_differ_on_the_default_case_and_the_counts_are_the_runs():
    res = dn.case_run()
    runs = res.samples * res.replications
    sus = np.asarray(res.sel("restored_within_5y")).reshape(len(res.policies), runs).mean(axis=1)
    one = np.asarray(res.sel("restored_within_5y_one_year")).reshape(len(res.policies), runs)
    one = one.mean(axis=1)
    assert np.all(sus <= one)
    cash = res.index("cash only")
    assert one[cash] - sus[cash] > 0.05  # measured: 94% one-year against 82% sustained
    households, persons, _ = dn.case_households()
    assert res.baseline.shape[0] == households
    assert round(float(res.size.sum())) == persons


def test_the_tutorial_sensitivity_sentence_is_the_codes():
    from collective_econ.cases.caopijie import SIMULATION_UNCERTAINTIES
    from collective_econ.sensitivity import appraisal_model, one_at_a_time

    text = " ".join((ROOT / "docs/tutorial.md").read_text(encoding="utf-8").split())
    words = dict(enumerate(["no", "one", "two", "three", "four", "five", "six", "seven",
                            "eight", "nine", "ten", "eleven", "twelve"]))  # fmt: skip
    assert f"over {words[len(SIMULATION_UNCERTAINTIES)]} uncertain inputs" in text
    evaluate, inputs = appraisal_model("hotel")
    tornado = one_at_a_time(evaluate, inputs, base=evaluate.base_values)
    assert "(room rate first)" in text
    assert tornado.names[int(np.argmax(tornado.swing))] == "adr"  # the average daily room rate


def test_the_readme_prints_labelled_figures_and_quotes_what_its_lines_print():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    hotel = dn.current(readme, "readme-hotel")
    assert "```text\n" + dn.readme_printed(1) + "\n```" in hotel  # the lines, run
    shown = hotel.split("```text\n")[1]
    assert not re.search(r"^\s*\[", shown, re.M)  # no bare array: every figure has its name
    for who in ("households", "collective", "government", "firm", "bank"):
        assert re.search(rf"P\(NPV < 0\), {who}: \d+\.\d%", shown), who


def test_the_bank_is_judged_at_its_cost_of_funds_as_the_readme_says():
    # the old snippet printed P(NPV < 0) with every stakeholder at 8%: the bank, lending at
    # 5.94%, then lost in every sample, against 0% at its 1.5% cost of funds in the prose
    mc = dn.monte_carlo("hotel", n=200, seed=2010)
    bank = dn.STAKEHOLDERS.index("bank")
    assert (mc.npv(0.08)[:, bank] < 0).mean() > 0.9
    assert (mc.npv()[:, bank] < 0).mean() < 0.05
    code = dn.readme_code(1)
    assert "mc.npv() < 0" in code
    assert "npv(0.08)" not in code


def test_every_better_off_share_in_the_readme_says_its_years_and_runs():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    printed = dn.current(readme, "readme-simulate")
    said = [ln for ln in printed.splitlines() if ln.startswith("better off")]
    assert len(said) == 2
    assert all(re.search(r"\(2010-2019, 5 runs\): \d+%", ln) for ln in said), said
    horizons = dn.current(readme, "readme-horizons")
    shares = re.findall(r"^- .*?(\d{4}-\d{4}), (\d+) runs.*?: (\d+)% \(95% CI", horizons, re.M)
    assert len(shares) == 3, horizons  # the snippet's, carried to 20 years, the run's
    assert len({s[:2] for s in shares}) == 3  # each of other years or runs
    example = (ROOT / "examples/compare_compensation.out").read_text(encoding="utf-8")
    assert "Versus cash only, 2010-2017, 20 runs" in example
