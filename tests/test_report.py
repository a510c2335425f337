"""The policymaker report: its sections, findings that are the results' own numbers,
embedded images that decode, nothing fetched, the same bytes from the same inputs, and a
real browser that loads every image without an error."""

import base64
import dataclasses
import html
import re
import shutil
import subprocess
import warnings
from pathlib import Path

import numpy as np
import pytest

from collective_econ.appraisal import appraisal_table
from collective_econ.cases.caopijie import check_case, default_scenario
from collective_econ.distributions.uncertainty import Uncertainty
from collective_econ.economy.community import CommunityParams
from collective_econ.errors import ParameterError
from collective_econ.plotting import find_cjk_font
from collective_econ.report import SECTIONS, build_report, key_findings, write_report
from collective_econ.report._text import money
from collective_econ.report.findings import STAKEHOLDER_WORDS, _stakeholders
from collective_econ.report.sections import input_words
from collective_econ.runs.experiment import run_experiment
from collective_econ.runs.outcomes import STAKEHOLDER_GROUPS
from collective_econ.runs.reconcile import results_from_npvs
from collective_econ.runs.spec import ExperimentSpec
from collective_econ.scenario import Scenario
from collective_econ.schemes.land_shares import UNCERTAINTIES_2019
from collective_econ.sensitivity import appraisal_model, one_at_a_time, sobol

PNG = b"\x89PNG\r\n\x1a\n"
IMG = re.compile(r"<img\b[^>]*>")
COMPARISON_PLOTS = 7  # fan, distribution, Lorenz, sources x2, poverty, winners and losers


# the scenario's appraisal warnings, computed once for the module (see tests/conftest.py)
pytestmark = pytest.mark.usefixtures("shared_alerts_module")


@pytest.fixture(scope="module")
def experiment():
    policies = default_scenario().policies[:3]
    community = CommunityParams(residents=1500, agricultural_residents=900)
    sc = Scenario("t", policies, community=community, horizon_years=12)  # 11+: long run
    res = run_experiment(sc, ExperimentSpec(replications=3, seed=1, panels="all"))
    return sc, res


@pytest.fixture(scope="module")
def page(experiment):
    sc, res = experiment
    return build_report(sc, res, seed=1, case_notes=check_case())


def _schemes(sc):
    return list(dict.fromkeys(k for p in sc.policies for k in p.schemes))


def _text(page):
    """The page's text with tags stripped and entities decoded (for sentence checks)."""
    return html.unescape(re.sub(r"<[^>]+>", " ", page))


def test_every_section_heading_in_order(page):
    shown = [(i, h) for i, h in SECTIONS if i != "robust"]  # robust: only with decision outputs
    places = [page.index(f'id="{i}"') for i, _ in shown]
    assert places == sorted(places)
    for _, heading in shown:
        assert f">{html.escape(heading)}</h2>" in page
    assert 'id="robust"' not in page  # no decision outputs given: no section, no heading
    assert page.startswith("<!DOCTYPE html>")
    assert page.rstrip().endswith("</html>")


def test_every_document_the_page_cites_is_listed_or_in_the_repository(page, page_zh):
    root = Path(__file__).resolve().parents[1]
    for built in (page, page_zh):
        named = set(re.findall(r"[\w./-]+\.md\b", _text(built)))
        assert {n for n in named if not (root / n).is_file()} == set()
        links = set(re.findall(r'href="#(src-[\w-]+)"', built))
        assert len(links) > 10
        assert links <= set(re.findall(r'id="(src-[\w-]+)"', built))
        assert 'id="glossary"' in built


def test_every_policy_named_with_its_difference(experiment, page):
    sc, _ = experiment
    policies = page[page.index('id="policies"') : page.index('id="appraisal"')]
    for p in sc.policies:
        assert f"<b>{html.escape(p.name)}</b>" in policies
        assert f"<th>{html.escape(p.name)}</th>" in policies
    # cash only sets share_fraction to 0, the others keep the case's 0.8 (shown in bold);
    # the parameter and the scheme are named in words, never by their names in the model
    assert "<code>" not in policies
    row = re.search(r"<tr><td>&nbsp;&nbsp;share fraction \(fraction\)</td>.*?</tr>", policies)
    row = row.group(0)
    assert re.findall(r"<td[^>]*>([^<]*)</td>", row)[1:] == ["0", "0.8", "0.8"]
    assert row.count('class="diff"') == 2
    hogs = re.search(r"<tr><td>&quot;Double Hundred&quot; hog farming on brewery spent grain"
                     r"</td>.*?</tr>", policies).group(0)  # fmt: skip
    assert re.findall(r"<td>([^<]*)</td>", hogs)[1:] == ["-", "-", "yes"]


def _pct(x, d=0):
    return f"{100 * x:.{d}f}%"


def _share(mid, lo, hi, d=0):
    """A mean and the spread of single runs, as the reading guide writes it."""
    a, b = _pct(lo, d), _pct(hi, d)
    return _pct(mid, d) + ("" if a == b else f" (5-95% of runs: {a} to {b})")


def _money(y):
    if abs(y) >= 999_950:
        return f"{y / 1e6:,.1f} million yuan"
    digits = len(str(int(abs(y))))  # below a million: three significant figures from 10,000
    return f"{round(y, 3 - digits) if digits > 4 else y:,.0f} yuan"


def test_findings_are_the_results_own_numbers(experiment, page):
    _, res = experiment
    text = _text(page)
    base, last, first = res.policies[0], int(res.years[-1]), int(res.years[0])
    restored = res.mean("restored_within_5y")
    r_lo, r_hi = np.percentile(res.sel("restored_within_5y").reshape(3, -1), [5, 95], axis=1)
    poor = res.sel("poverty_headcount", year=last).reshape(3, -1)
    p_lo, p_hi = np.percentile(poor, [5, 95], axis=1)
    income = res.sel("mean_income", year=last).reshape(3, -1).mean(axis=1)
    expected = []
    for i, name in list(enumerate(res.policies))[1:]:
        wl = res.winners_losers(name, base)
        lo, hi = wl.better_ci
        amount = float(f"{0.05 * res.baseline.mean():.2g}")  # 5% of the former income
        big = res.winners_losers(name, base, tolerance=amount)
        assert big.better <= wl.better
        assert big.worse <= wl.worse
        fiscal = res.difference("fiscal_cost_npv", name, base)
        expected += [
            f"{_share(restored[i], r_lo[i], r_hi[i])} of landless households regain their "
            "pre-expropriation income within 5 years of losing their land, against "
            f"{_share(restored[0], r_lo[0], r_hi[0])} under {base}.",
            f"By {last}, the poverty headcount among landless residents is "
            f"{_share(poor[i].mean(), p_lo[i], p_hi[i], 1)} under {name}, against "
            f"{_share(poor[0].mean(), p_lo[0], p_hi[0], 1)} under {base}.",
            f"In {last}, landless households earn {income[i]:,.0f} yuan/person/year on average "
            f"under {name}, against {income[0]:,.0f} under {base}.",
            f"{_pct(wl.better)} of landless households are better off under {name} than under "
            f"{base} (95% CI {_pct(lo)} to {_pct(hi)}), {_pct(big.better)} by more than "
            f"{amount:,.0f} yuan a person a year (5% of their former income); "
            f"{_pct(wl.worse)} are worse off, {_pct(big.worse)} by more than that; "
            f"comparing each household's average income over {first}-{last}.",
        ]
        if round(fiscal.mean) > 0:
            expected.append(
                f"The extra net cost to the government is {_money(fiscal.mean)}"
                + (
                    ""
                    if _money(fiscal.low) == _money(fiscal.high)
                    else f" (95% CI {_money(fiscal.low)} to {_money(fiscal.high)})"
                )
                + f" against {base} (present value at 8%)."
            )
        for group in ("developer", "government"):
            npv = res.mean(f"npv_{group}")
            delta = float(npv[i] - npv[0])
            if round(delta) != 0:
                expected.append(f"the {group} ({'+' * (delta > 0)}{_money(delta)})")
    b = int(np.argmax(restored))
    # "highest" only where the paired difference from every other policy excludes 0
    apart = all(res.difference("restored_within_5y", res.policies[b], p).low > 0
                for p in res.policies if p != res.policies[b])  # fmt: skip
    expected.append(
        "the share of landless households back at their pre-expropriation income is highest "
        f"under {res.policies[b]}: {_share(restored[b], r_lo[b], r_hi[b])}"
        if apart
        else f"{_share(restored[b], r_lo[b], r_hi[b])} of landless households are back at "
        f"their pre-expropriation income under {res.policies[b]}"
    )
    if not apart:
        assert "on this measure it cannot be told apart from" in text
    missing = [s for s in expected if s not in text]
    assert not missing
    # the function the page is written from says the same, sentence for sentence
    groups = key_findings(res)
    assert [g.heading for g in groups][1:] == [
        f"{p} compared with {base}" for p in res.policies[1:]
    ]
    for g in groups:
        for sentence in g.sentences:
            assert html.escape(sentence) in page


def test_headline_table_matches_results(experiment, page):
    _, res = experiment
    glance = page[page.index(">At a glance<") : page.index('id="policies"')]
    for row in res.headline():
        assert f"{row['income_last']:,.0f}" in glance
        assert _pct(row["restored_5y"]) in glance
        assert _pct(row["poverty_last"], 1) in glance


def test_every_image_is_an_embedded_png(experiment, page):
    sc, _ = experiment
    tags = IMG.findall(page)
    assert len(tags) == COMPARISON_PLOTS + len(_schemes(sc))  # + one cash-flow chart a scheme
    for t in tags:
        src = re.search(r'src="data:image/png;base64,([A-Za-z0-9+/=]+)"', t)
        assert src, t[:80]
        data = base64.b64decode(src.group(1), validate=True)
        assert data.startswith(PNG)
        assert len(data) > 1000
        assert re.search(r'alt="[^"]+"', t)


def test_nothing_is_fetched(page):
    urls = re.findall(r'\b(?:src|href|action|data|poster)\s*=\s*"([^"]*)"', page)
    assert urls
    assert all(u.startswith(("data:image/png;base64,", "#")) for u in urls)
    lowered = page.lower()
    for needle in ("<script", "<link", "<iframe", "<object", "<embed", "@import", "url("):
        assert needle not in lowered
    assert "default-src 'none'" in page  # and the page forbids fetches itself


def test_same_inputs_give_the_same_bytes(experiment, page, tmp_path):
    sc, res = experiment
    path = write_report(tmp_path / "out" / "report.html", sc, res, seed=1, case_notes=check_case())
    assert path.read_bytes() == page.encode("utf-8")


def test_appraisal_register_and_case_notes(experiment, page):
    sc, _ = experiment
    appraisal = page[page.index('id="appraisal"') : page.index('id="register"')]
    rows = appraisal_table(_schemes(sc), samples=200, seed=1)
    assert appraisal.count("<tr><td>") == len(rows)
    for r in rows:
        assert f'<td class="num">{_pct(r.p_loss)}</td>' in appraisal  # P(loss) beside the mean
        if r.note:  # the note's reason, each input in words (not by its name in the model)
            assert "the value at default inputs is" in appraisal
    register = page[page.index('id="register"') : page.index('id="case"')]
    for a in sc.assumptions:
        assert f'<td class="analyst"><code>{html.escape(a.path)}</code></td>' in register
    assert register.count('<tr><td class="name">') == len(sc.assumptions)
    case = _text(page[page.index('id="case"') : page.index('id="method"')])
    for f in check_case():
        assert f.arithmetic in case
        assert f.verdict in case
    method = _text(page[page.index('id="method"') :])
    assert "seed 1;" in method
    assert "1 sample of the uncertain inputs x 3 replications per policy" in method
    assert "(s)" not in page  # plurals are written out
    assert "2010-2021" in method


@pytest.fixture(scope="module")
def odd_page(experiment):
    """A page with markup in its name and title, and no case notes."""
    sc, res = experiment
    odd = dataclasses.replace(sc, name='<script>alert("x")</script> & co')
    return build_report(odd, res, title="A <b>bold</b> title", seed=1, appraisal_samples=0)


def test_text_is_escaped(odd_page):
    page = odd_page
    assert "<script" not in page
    assert "<b>bold</b>" not in page
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; co" in page
    assert "<title>A &lt;b&gt;bold&lt;/b&gt; title</title>" in page


def test_given_appraisal_and_sensitivity_results(experiment):
    sc, res = experiment
    evaluate, inputs = appraisal_model("hotel")
    sensitivity = {
        "Hotel: households' NPV, one input at a time": one_at_a_time(
            evaluate, inputs, base=evaluate.base_values
        ),
        "Hotel: households' NPV, Sobol indices": sobol(evaluate, inputs, n=32, seed=1),
    }
    rows = appraisal_table(["hotel"], samples=0)
    page = build_report(
        sc, res, appraisal_rows=rows, sensitivity=sensitivity, seed=1, appraisal_samples=0
    )
    assert len(IMG.findall(page)) == COMPARISON_PLOTS + 1 + 2  # one scheme, two charts
    for title in sensitivity:
        assert f"<b>{html.escape(title)}. </b>" in page
    # statistics and inputs in words; the names in the model only in the analysts' column
    assert re.search(r"<th[^>]*>Swing \(high minus low result\)</th>", page)
    assert re.search(r"<th[^>]*>Share of the variance with its interactions</th>", page)
    assert not re.search(r"<th[^>]*>(swing|ST_high|input)</th>", page)
    sens = page[page.index("What drives the results") :]
    name = "gop_margin"
    assert name in next(iter(sensitivity.values())).names
    assert f"<td>{html.escape(input_words(name))}</td>" in sens
    assert f'<td class="analyst"><code>{name}</code></td>' in sens
    assert f"<td>{name}</td>" not in sens
    appraisal = page[page.index('id="appraisal"') : page.index('id="register"')]
    assert "As given to the report." in appraisal
    assert appraisal.count("<tr><td>") == len(rows)


def test_no_panels_no_plots_and_languages(tmp_path):
    policies = default_scenario().policies[:2]
    community = CommunityParams(residents=1500, agricultural_residents=900)
    sc = Scenario("u", policies, community=community, horizon_years=3)
    res = run_experiment(sc, ExperimentSpec(replications=1, seed=3))
    with pytest.raises(ParameterError, match="lang"):
        build_report(sc, res, lang="fr", appraisal_samples=0)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        page = build_report(sc, res, lang="zh", appraisal_samples=0)
    no_font = find_cjk_font() is None
    said = [str(w.message) for w in caught if "CJK" in str(w.message)]
    assert bool(said) == no_font
    if no_font:  # the warning says how to rebuild matplotlib's font cache
        assert "fontlist-*.json" in said[0]
        assert "_load_fontmanager(try_read_cache=False)" in said[0]
    assert '<html lang="zh-CN">' in page
    assert "没有图表：本次实验未保存" in page
    assert len(IMG.findall(page)) == len(_schemes(sc))  # the cash-flow charts only
    assert "未记录随机种子" in page
    assert ("报告正文和图中标签均为中文" in page) != no_font
    english = build_report(sc, res, appraisal_samples=0)
    assert "No plots: the experiment kept no income panels" in english
    assert "seed not recorded" in english


# --- a real browser ---------------------------------------------------------------------------

CHECK = """<script>
(function () {
  var errors = [];
  window.onerror = function (message) { errors.push(String(message)); };
  window.addEventListener("load", function () {
    var images = document.images, loaded = 0;
    for (var i = 0; i < images.length; i++) {
      if (images[i].complete && images[i].naturalWidth > 0) { loaded++; }
    }
    var div = document.createElement("div");
    div.id = "check";
    div.textContent = "images-loaded:" + loaded + "/" + images.length +
      " errors:" + errors.length + (errors.length ? " " + errors.join(" | ") : "");
    document.body.appendChild(div);
  });
})();
</script>"""
"""Appended to the test's copy of the report only (before the page's CSP, which forbids
scripts after it): counts the images that decoded and the script errors on load."""


def _browser():
    for name in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable"):
        if found := shutil.which(name):
            return found
    return "/usr/bin/chromium" if Path("/usr/bin/chromium").is_file() else None


def _run_browser(browser, tmp_path, *args):
    flags = [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        f"--user-data-dir={tmp_path / 'profile'}",
    ]
    try:
        return subprocess.run(
            [browser, *flags, *args],
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
            env={"HOME": str(tmp_path), "PATH": "/usr/bin:/bin"},
        )
    except subprocess.TimeoutExpired as err:
        pytest.fail(f"{browser} did not finish in 120 s: {err}")


def test_report_renders_in_headless_chromium(experiment, page, tmp_path):
    browser = _browser()
    if browser is None:
        pytest.skip(
            "no Chromium found (chromium, chromium-browser or /usr/bin/chromium): "
            "install Debian's chromium package to render the report; .ci/run installs it"
        )
    copy = tmp_path / "report.html"
    copy.write_text(page.replace("<head>", "<head>" + CHECK, 1), encoding="utf-8")
    expected = len(IMG.findall(page))
    dom = _run_browser(
        browser, tmp_path, "--virtual-time-budget=5000", "--dump-dom", copy.as_uri()
    )
    assert dom.returncode == 0, dom.stderr[-2000:]
    assert len(IMG.findall(dom.stdout)) == expected
    check = re.search(r'<div id="check">([^<]*)</div>', dom.stdout)
    assert check, dom.stdout[-500:]
    assert check.group(1) == f"images-loaded:{expected}/{expected} errors:0"
    shot = tmp_path / "page.png"
    run = _run_browser(
        browser, tmp_path, "--window-size=1200,3000", f"--screenshot={shot}", copy.as_uri()
    )
    assert run.returncode == 0, run.stderr[-2000:]
    data = shot.read_bytes()
    assert data.startswith(PNG)
    assert len(data) > 20_000


def test_the_case_notes_section_is_left_out_without_case_notes(odd_page, page):
    assert 'id="case"' in page  # given case notes
    page = odd_page
    assert 'id="case"' not in page
    assert 'href="#case"' not in page
    assert 'id="method"' in page


# --- the summary, the Chinese report, the layout -----------------------------------------------


@pytest.fixture(scope="module")
def page_zh(experiment):
    sc, res = experiment
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # no CJK font here: English plot labels, warned
        return build_report(sc, res, seed=1, case_notes=check_case(), lang="zh")


def _cells(fragment):
    return [html.unescape(re.sub(r"<[^>]+>", "", c)) for c in
            re.findall(r"<td[^>]*>(.*?)</td>", fragment)]  # fmt: skip


def test_summary_opens_the_page_with_the_decision_table(experiment, page):
    _, res = experiment
    summary = page[page.index("<section>") : page.index('id="question"')]
    assert 'id="summary"' in summary
    assert page.index("<table") == page.index('<table id="decision"')  # the first table
    rows = res.decision_table()
    cells = _cells(summary[summary.index("<table") : summary.index("</table>")])
    assert len(cells) == 7 * len(rows)
    for k, r in enumerate(rows):  # the cost first: the county's own part, then the total
        name, own, cost, restored, peak, income, poverty = cells[7 * k : 7 * k + 7]
        assert name == r["policy"]
        assert restored.startswith(_pct(r["restored_5y"][0]))
        assert peak.startswith(_pct(r["poverty_peak"][0], 1) + f" in {r['poverty_peak_year']}")
        assert income.startswith(f"{r['income_long'][0]:,.0f}")
        assert poverty.startswith(_pct(r["poverty_long"][0], 1))
        extra = r["extra_fiscal_cost"][0]  # an amount more or less: no minus sign
        word = "more" if extra >= 0 else "less"
        assert cost == "(baseline)" if k == 0 else cost.startswith(f"{_money(abs(extra))} {word}")
        county = r["extra_county_cost"][0]  # the county's own budget's part, the same way
        word = "more" if county >= 0 else "less"
        assert own == "(baseline)" if k == 0 else own.startswith(f"{_money(abs(county))} {word}")
    sentences = re.findall(r"<li>(.*?)</li>", summary[summary.index('<ol class="answer">') :])
    assert len(sentences) >= 3
    assert sentences[0].startswith("Poverty:")
    from collective_econ.report.summary import fewest_poor

    low = fewest_poor(rows)
    if low != rows[0]["policy"]:  # who gains and who loses under the favoured policy
        assert any(s.startswith(f"Who gains and who loses under {low}, against")
                   for s in sentences)  # fmt: skip
    assert "<code>" not in summary[summary.index('<ol class="answer">') :]
    assert "For analysts" not in summary  # the scenario file's names: off the first screen
    method = page[page.index('id="method"') :]
    assert '<p class="analyst">For analysts: the switch is <code>land_shares.rent_on</code>' in (
        method
    )
    assert "What decides it" not in summary  # the rent is an assumption, not the ranking
    assert any("the rent households earn by letting floor" in s for s in sentences)
    assert "<img" in summary  # one chart


def test_decision_table_renders_the_documented_shape():
    from collective_econ.report.summary import decision_table_html, summary_sentences

    nan = float("nan")
    rows = [
        {"policy": "cash only", "restored_5y": (0.8, 0.75, 0.85),
         "poverty_peak": (0.2, 0.1, 0.3), "poverty_peak_year": 2013,
         "income_long": (4000.0, 3900.0, 4100.0), "poverty_long": (0.05, -0.01, 0.11),
         "extra_fiscal_cost": (0.0, 0.0, 0.0)},
        {"policy": "mine", "restored_5y": (0.9, nan, nan),
         "poverty_peak": (0.3, 0.25, 0.35), "poverty_peak_year": 2011,
         "income_long": (nan, nan, nan), "poverty_long": (0.04, 0.03, 0.05),
         "extra_fiscal_cost": (2_500_000.0, 1_000_000.0, 4_000_000.0)},
    ]  # fmt: skip
    cells = _cells(decision_table_html(rows, "cash only", runs=1, lang="en"))
    assert cells[:6] == [
        "cash only",
        "(baseline)",
        "80% (95% CI 75% to 85%)",
        "20.0% in 2013 (95% CI 10.0% to 30.0%)",
        "4,000 (95% CI 3,900 to 4,100)",
        "5.0% (95% CI 0.0% to 11.0%)",
    ]  # clipped
    assert cells[6:] == [
        "mine",
        "2.5 million yuan more (95% CI 1.0 million yuan more to 4.0 million yuan more)",
        "90%", "30.0% in 2011 (95% CI 25.0% to 35.0%)", "n/a",
        "4.0% (95% CI 3.0% to 5.0%)",
    ]  # fmt: skip
    zh = _cells(decision_table_html(rows, "cash only", runs=1, lang="zh"))
    assert [zh[0], zh[1], zh[6], zh[10], zh[7]] == [
        "全部现金补偿", "（基准）", "mine", "无",
        "多250 万元（95%置信区间：多100 万元至多400 万元）",
    ]  # fmt: skip
    # the rows' own intervals overlap (4.0%: 3-5% against 5.0%: -1-11%): no "fewest"
    said = summary_sentences(rows, "cash only", rent_on=False, lang="en")
    assert "fewest landless residents poor cannot be told apart: mine (4.0%" in said[0]
    assert "leaves the fewest" not in said[0]
    cost = next(s for s in said if s.startswith("Public cost"))
    assert "2.5 million yuan more (95% CI" in cost
    assert "real discount rate of 8% a year" in cost
    # the favoured policy's worst year against the baseline's, and what the figure is
    # overlapping intervals (25-35% against 10-30%): neither harder nor easier
    same = next(s for s in said if s.startswith("The transition:"))
    assert (
        "30.0% of landless residents are poor under mine (most often 2011), against "
        "20.0% under cash only (2013); the two cannot be told apart" in same
    )
    assert "each run's highest yearly share, averaged over the runs" in same
    assert "turned off in this scenario" in said[-1]
    assert not any("What decides it" in s for s in said)
    # intervals apart: the claim is made
    rows[1]["poverty_long"] = (0.04, 0.035, 0.044)
    rows[0]["poverty_long"] = (0.05, 0.045, 0.055)  # 3.5-4.4% against 4.5-5.5%
    clear = summary_sentences(rows, "cash only", rent_on=False, lang="en")[0]
    assert "mine leaves the fewest landless residents poor (4.0%, against 5.0%" in clear
    # an extra cost whose interval holds 0 is neither a cost nor a saving
    rows[1]["extra_fiscal_cost"] = (450_000.0, -390_000.0, 1_300_000.0)
    unsure = summary_sentences(rows, "cash only", rent_on=False, lang="en")
    cost = next(s for s in unsure if s.startswith("Public cost"))
    assert (
        "450,000 yuan more (95% CI 390,000 yuan less to 1.3 million yuan more), which "
        "cannot be told apart from no difference" in cost
    )
    assert "-" not in cost.replace("higher-", "")  # no minus sign to decode
    zh = summary_sentences(rows, "cash only", rent_on=False, lang="zh")
    assert any("没有可分辨的差别" in s for s in zh)
    # a saving reads as one in the table
    rows[1]["extra_fiscal_cost"] = (-1_000_000.0, -1_900_000.0, -226_000.0)
    cells = _cells(decision_table_html(rows, "cash only", runs=1, lang="en"))
    assert cells[7] == "1.0 million yuan less (95% CI 1.9 million yuan less to 226,000 yuan less)"


def test_register_case_and_cash_flows_are_collapsed(page):
    for section, nxt in (("register", "case"), ("case", "method")):
        part = page[page.index(f'id="{section}"') : page.index(f'id="{nxt}"')]
        assert "<details><summary>" in part
        assert "</details>" in part
    appraisal = page[page.index('id="appraisal"') : page.index('id="register"')]
    collapsed = appraisal[appraisal.index("<details>") :]
    assert len(IMG.findall(collapsed)) == len(IMG.findall(appraisal)) > 0
    # plots before text: the plots come before the findings and the policies
    assert page.index('id="plots"') < page.index('id="findings"') < page.index('id="policies"')


def test_every_entry_has_both_languages_with_the_same_fields():
    from string import Formatter

    from collective_econ.report._text import CATALOGUE

    def fields(s):
        return {f for _, f, _, _ in Formatter().parse(s) if f}

    assert CATALOGUE["en"].keys() == CATALOGUE["zh"].keys()
    for key, en in CATALOGUE["en"].items():
        zh = CATALOGUE["zh"][key]
        assert zh, key
        assert fields(en) - {"s"} <= fields(zh) <= fields(en) | {"name"}, key  # s: plural
        assert re.findall(r"\d+", en) == re.findall(r"\d+", zh) or not en, key
        assert not re.search(
            r"[A-Za-z]{3,}(?:\W+[A-Za-z]{3,}){2,}", re.sub(r"`[^`]*`|\{[^}]*\}", " 0 ", zh)
        ), key


NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")
ENGLISH = re.compile(r"[A-Za-z][A-Za-z'_-]*(?:[\s,;:()/.&-]+[A-Za-z][A-Za-z'_-]*){2,}")


BLOCK = re.compile(r"</(?:td|th|li|p|h\d|caption|figcaption|summary|div)>")


def _visible(page, *, drop_names=False):
    """The text a reader sees: no style, script or image, a pilcrow after each block (a
    cell, an item, a paragraph); with ``drop_names``, no code (names in the model, file
    names) and no title in 《》. Text quoted in English (marked ``lang="en"``) stays: the
    warnings, the register's sources and the case notes have Chinese of their own."""
    page = re.sub(r"<(style|script)\b.*?</\1>", " ", page, flags=re.S)
    page = re.sub(r'<div id="(check|measure)">.*?</div>', " ", page, flags=re.S)
    page = BLOCK.sub(" ¶ ", page)
    if drop_names:
        page = re.sub(r"<code>.*?</code>", " ", page, flags=re.S)
    text = html.unescape(re.sub(r"<[^>]+>", " ", page))
    return re.sub(r"《[^》]*》", " ", text) if drop_names else text


def _numbers(text, names):
    """The numbers of each block (sorted: a Chinese date or phrase may put them in another
    order within its cell), blocks without numbers left out."""
    for name in sorted(names, key=len, reverse=True):  # "80% shares" is a name, not a figure
        text = text.replace(name, " ")
    text = _in_yuan(text)
    blocks = (sorted(m.group(0).replace(",", "") for m in NUMBER.finditer(b)) for b in
              text.split("¶"))  # fmt: skip
    return [b for b in blocks if b]


SUM = re.compile(r"(\d[\d,]*(?:\.\d+)?)\s*(million yuan|万元|亿元)")
SCALE = {"million yuan": 10**6, "万元": 10**4, "亿元": 10**8}


def _in_yuan(text):
    """Sums of money written in yuan (``"4.8 million yuan"``, ``"480 万元"`` -> ``"4800000 元"``):
    the pages write one sum in their own units."""

    def whole(m):
        digits = m.group(1).replace(",", "")
        units, _, decimals = digits.partition(".")
        scale = SCALE[m.group(2)]
        value = int(units + decimals) * scale // 10 ** len(decimals)
        return f"{value} 元"

    return SUM.sub(whole, text)


def test_sums_compare_in_yuan_across_the_languages():
    assert _in_yuan("4.8 million yuan, -1.81 万元, 1.235 亿元") == (
        "4800000 元, -18100 元, 123500000 元"
    )
    en, zh = "451,000 yuan ¶ 14.3 million yuan", "45.1 万元 ¶ 1,430 万元"
    assert _numbers(en, []) == _numbers(zh, [])
    assert _numbers(en, []) != _numbers("45.1 万元 ¶ 14.3 百万元", [])  # the old unit is caught


def _names(sc):
    from collective_econ.report._text import policy_name

    return [n for p in sc.policies for n in (p.name, policy_name(p.name, "zh"))]


ANALYST = re.compile(r'<(td|p) class="(?:analyst|name)">.*?</\1>', re.S)
"""A cell or line for analysts (names in the model) or a name in words: not a figure."""


def _language_problems(en, zh, names):
    """English runs of 3+ words left in the Chinese page, and the first number that differs."""
    english = ENGLISH.findall(_visible(zh, drop_names=True))
    en, zh = ANALYST.sub(" ¶ ", en), ANALYST.sub(" ¶ ", zh)
    a, b = _numbers(_visible(en), names), _numbers(_visible(zh), names)
    first = next((i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), None)
    differs = None if len(a) == len(b) and first is None else (len(a), len(b), first)
    return english, differs


def test_chinese_page_has_the_english_numbers_and_no_english_sentence(experiment, page, page_zh):
    sc, _ = experiment
    assert '<html lang="zh-CN">' in page_zh
    for font in ('"Noto Sans CJK SC"', '"Source Han Sans SC"', '"Microsoft YaHei"'):
        assert font in page_zh  # the CSS names CJK fonts
    english, differs = _language_problems(page, page_zh, _names(sc))
    assert english == []
    assert differs is None
    for heading in ("摘要", "主要结论", "假设清单"):
        assert heading in page_zh
    # the checks can fail: an English sentence or a changed number is caught
    planted = page_zh.replace("摘要", "The summary of it", 1)
    assert [r[-17:] for r in _language_problems(page, planted, _names(sc))[0]] == [
        "The summary of it"
    ]
    changed = page_zh.replace("（基准）", "（基准 2）", 1)
    assert _language_problems(page, changed, _names(sc))[1] is not None
    # English quoted as such (lang="en") in the register counts too: no exemption
    quoted = '<span lang="en" class="orig">estimate: an English source</span>'
    register = page_zh.index('id="register"')
    at = page_zh.index("<td>估计", register) + len("<td>")
    planted = page_zh[:at] + quoted + page_zh[at:]
    assert "estimate: an English source" in _language_problems(page, planted, _names(sc))[0]


MEASURE = """<script>
window.addEventListener("load", function () {
  var t = document.getElementById("decision"), r = t.getBoundingClientRect();
  var div = document.createElement("div");
  div.id = "measure";
  div.textContent = "top:" + Math.round(r.top + window.scrollY) + " width:" + window.innerWidth;
  document.body.appendChild(div);
});
</script>"""
"""Added to the test's copy of a report (before its CSP): where the decision table starts."""

NARROW = """<!DOCTYPE html><html><body style="margin:0">
<iframe id="f" style="width:420px;height:900px;border:0" src="%s"></iframe>
<script>
document.getElementById("f").addEventListener("load", function () {
  var d = this.contentDocument.documentElement, div = document.createElement("div");
  div.id = "measure";
  div.textContent = "inner:" + this.contentWindow.innerWidth + " scroll:" + d.scrollWidth +
    " client:" + d.clientWidth;
  document.body.appendChild(div);
});
</script></body></html>"""
"""A 420 px wide frame around a report (Chromium's headless window is at least 500 px
wide): the report's own width and its scroll width."""


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_summary_first_narrow_screens_and_print_in_chromium(
    experiment, page, page_zh, tmp_path, lang
):
    browser = _browser()
    if browser is None:
        pytest.skip("no Chromium found (chromium, chromium-browser or /usr/bin/chromium)")
    sc, _ = experiment
    built = page if lang == "en" else page_zh
    copy = tmp_path / "report.html"
    copy.write_text(built.replace("<head>", "<head>" + MEASURE, 1), encoding="utf-8")
    wide = _run_browser(browser, tmp_path, "--window-size=1280,900",
                        "--virtual-time-budget=5000", "--dump-dom", copy.as_uri())  # fmt: skip
    assert wide.returncode == 0, wide.stderr[-2000:]
    top, width = map(
        int, re.search(r'<div id="measure">top:(\d+) width:(\d+)<', wide.stdout).groups()
    )
    assert width == 1280
    assert 0 < top < 900 - 150  # the table starts (and its first rows show) on the first screen
    if lang == "zh":  # what Chromium shows: Chinese sentences, the English page's numbers
        english, differs = _language_problems(page, wide.stdout, _names(sc))
        assert english == []
        assert differs is None
    frame = tmp_path / "narrow.html"
    frame.write_text(NARROW % copy.name, encoding="utf-8")
    narrow = _run_browser(browser, tmp_path, "--allow-file-access-from-files",
                          "--window-size=1280,900", "--virtual-time-budget=5000",
                          "--dump-dom", frame.as_uri())  # fmt: skip
    assert narrow.returncode == 0, narrow.stderr[-2000:]
    found = re.search(r'id="measure">inner:(\d+) scroll:(\d+) client:(\d+)<', narrow.stdout)
    inner, scroll, client = map(int, found.groups())
    assert inner == 420
    assert scroll <= client  # no sideways scrolling of the page: wide tables scroll in their box
    pdf = tmp_path / "report.pdf"
    printed = _run_browser(browser, tmp_path, "--no-pdf-header-footer",
                           f"--print-to-pdf={pdf}", copy.as_uri())  # fmt: skip
    assert printed.returncode == 0, printed.stderr[-2000:]
    pages = len(re.findall(rb"/Type\s*/Page[^s]", pdf.read_bytes()))
    assert 1 < pages <= 12  # A4, the collapsed appendices not printed


def test_the_command_line_writes_the_report_in_either_language(tmp_path, capsys):
    from collective_econ.cli import main

    out = tmp_path / "run"
    args = ["run", "--samples", "1", "--replications", "1", "--horizon", "2",
            "--policy", "cash only", "--policy", "80% shares", "--out", str(out),
            "--lang", "zh"]  # fmt: skip
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # no CJK font: English plot labels, warned
        assert main(args) == 0
        zh = (out / "report.html").read_text(encoding="utf-8")
        assert main(["report", str(out)]) == 0  # the run's own language by default
        again = (out / "report.html").read_text(encoding="utf-8")
        assert main(["report", str(out), "--lang", "en"]) == 0
    en = (out / "report.html").read_text(encoding="utf-8")
    assert again == zh
    assert '<html lang="zh-CN">' in zh
    assert "云县草皮街社区（约2010年）" in zh
    assert '<html lang="en">' in en
    assert "Caopijie community, Yun County (c. 2010)" in en
    capsys.readouterr()


# --- the Chinese of text made outside the report: warnings, sources, case notes ----------------


def _chinese_problems(english, zh, names=()):
    """What is wrong with ``zh`` as the Chinese of ``english``: English left in it (outside
    code and titles), or another multiset of numbers."""
    zh = str(zh)
    problems = []
    if 'lang="en"' in zh:
        problems.append("kept in English")
    plain = html.unescape(re.sub(r"<code>.*?</code>|<[^>]+>", " ", zh))
    problems += ENGLISH.findall(re.sub(r"《[^》]*》", " ", plain))
    if _numbers(english, names) != _numbers(html.unescape(re.sub(r"<[^>]+>", " ", zh)), names):
        problems.append("numbers differ")
    return problems


def test_every_kind_of_warning_has_chinese(monkeypatch):
    from collective_econ.report._text import policy_name
    from collective_econ.report._translate import WARNINGS_ZH, warning_text
    from collective_econ.runs import alerts
    from collective_econ.runs.alerts import warnings_for

    sc = default_scenario()

    def one(policy, changes, **kw):
        pol = sc.policy(policy).reform("changed", changes)
        return dataclasses.replace(sc, policies=(pol,), baseline=None, **kw)

    said = []
    for scenario in (
        one("80% shares", {"land_shares.dividend_rate": 0.05}),  # floor at or above the mean
        one("80% shares", {"land_shares.dividend_rate": 0.07,
                           "land_shares.guaranteed_rate": 0.069}),  # binds most years
        one("full package", {"safety_net.benefit_cap_share": 0.1}),  # dibao cap
        one("full package", {},
            community=CommunityParams(residents=300, agricultural_residents=200)),  # counts
    ):  # fmt: skip
        said += warnings_for(scenario, samples=0)
    # an input the 1998 law leaves unused, made uncertain by the scenario: flat
    (law_2019,) = UNCERTAINTIES_2019
    price = Uncertainty(f"land_shares.{law_2019.param}", law_2019.distribution, "test")
    said += alerts._flat_inputs(dataclasses.replace(one("80% shares", {}), uncertainties=(price,)))

    class Fake:  # most draws lose, the mean gains
        def npv(self, rate):
            out = np.zeros((100, 5))
            out[:, 0] = np.r_[np.full(60, -1_000.0), np.full(40, 10_000.0)]
            return out

    with monkeypatch.context() as patch:
        patch.setattr(alerts, "monte_carlo", lambda *a, **k: Fake())
        said += alerts._hidden_losses(one("cash only", {}), 100)

    class Results:  # the mean income gains, most households lose
        policies = ("cash only", "80% shares")

        def mean(self, name):
            return np.array([4_000.0, 4_500.0])

        def index(self, name):
            return self.policies.index(name)

        def winners_losers(self, name, base):
            return dataclasses.make_dataclass("WL", ["worse"])(0.6)

    said += alerts._worse_off_majority(Results(), "cash only")
    kinds = {
        next(i for i, (p, _) in enumerate(WARNINGS_ZH) if p.fullmatch(w)) for w in said
        if any(p.fullmatch(w) for p, _ in WARNINGS_ZH)
    }  # fmt: skip
    assert kinds == set(range(len(WARNINGS_ZH)))  # every kind fired, and was read
    names = [n for p in sc.policies for n in (p.name, policy_name(p.name, "zh"))]
    for w in said:
        assert _chinese_problems(w, warning_text(w, "zh"), names) == [], w
    # a sentence of a kind the report cannot read stays English, and the check says so
    odd = warning_text("hogs: something new happened to 3 farms.", "zh")
    assert _chinese_problems("hogs: something new happened to 3 farms.", odd) != []


def test_every_source_and_case_note_has_chinese():
    from collective_econ.report._html import prose
    from collective_econ.report._translate import SOURCES_ZH, source_text

    sources = {a.source for a in default_scenario().assumptions}
    small = dataclasses.replace(
        default_scenario(), community=CommunityParams(residents=1500, agricultural_residents=900)
    )
    sources |= {a.source for a in small.assumptions}  # with counts not scaled to it
    for s in sorted(sources):
        assert _chinese_problems(s, source_text(s, "zh")) == [], s
    assert set(SOURCES_ZH) >= {a.source for a in default_scenario().assumptions}
    edited = (
        default_scenario().policy("80% shares").reform("x", {"land_shares.dividend_rate": 0.1})
    )
    mine = dataclasses.replace(default_scenario(), policies=(edited,))
    for a in mine.assumptions:
        if a.source.startswith("user's value"):
            assert _chinese_problems(a.source, source_text(a.source, "zh")) == [], a.source
    for f in check_case():
        english = (f.topic, f.claim, f.arithmetic, f.reading)
        for e, z in zip(english, f.zh, strict=True):
            assert bool(e) == bool(z), (e, z)
            assert _chinese_problems(e, prose(z)) == [], z


# --- the reader's words: no names in the model, one bracket style, the schemes' fate ---------

ANALYST_PART = re.compile(r'<(td|p|span) class="analyst">.*?</\1>', re.S)
"""A cell, line or span marked for analysts: the only place a name in the model may show."""
TOKEN = re.compile(r"[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*")


def _code_names(sc):
    """The package's names a reader must not meet: outcomes, schemes and parameter paths
    (snake_case or dotted), and the fields of every parameter path."""
    from collective_econ.report.sections import register_rows
    from collective_econ.runs.outcomes import OUTCOMES
    from collective_econ.schemes import SCHEMES

    names = {*OUTCOMES, *SCHEMES, "hog_double_hundred"}
    for path, *_ in register_rows(sc, sc.policy_names):
        names |= {path, path.removeprefix("schemes."), re.sub(r"\[\d+\]", "", path)}
        names.add(re.sub(r"\[\d+\]", "", path.rsplit(".", 1)[-1]))
    return {n for n in names if "_" in n or "." in n}


def _leaks(page, names):
    """Names in the model in the text a reader sees, outside the parts marked for analysts."""
    seen = _visible(ANALYST_PART.sub(" ", page))
    return sorted({t for t in TOKEN.findall(seen)
                   if t in names or any(part in names for part in t.split("."))})  # fmt: skip


def test_no_name_in_the_model_reaches_the_reader(experiment, page, page_zh):
    sc, _ = experiment
    names = _code_names(sc)
    assert {"land_shares.rent_on", "county_books", "share_fraction"} <= names
    assert _leaks(page, names) == []
    assert _leaks(page_zh, names) == []
    # where they are, they are marked for analysts
    assert '<td class="analyst"><code>schemes.land_shares.share_fraction</code></td>' in page
    assert page.count('class="analyst"') > len(sc.assumptions)
    # the check can fail: a planted name is caught, in a sentence or a table header; the
    # same name inside a line marked for analysts is not
    planted = page.replace("<h3>In short</h3>", "<h3>In short (hog_double_hundred)</h3>", 1)
    assert _leaks(planted, names) == ["hog_double_hundred"]
    planted = page_zh.replace("<th>政策</th>", "<th>land_shares.rent_on</th>", 1)
    assert _leaks(planted, names) == ["land_shares.rent_on"]
    marked = page.replace("</main>", '<p class="analyst">county_books</p></main>')
    assert _leaks(marked, names) == []


BRACKET = re.compile(r"[(（]([^()（）]*\d[^\s()（）]*\s?(?:to|至)\s?-?\d[^()（）]*)[)）]")
"""A bracketed range: ``(... 1 to 2 ...)`` / ``（…1至2…）``."""
STYLES = {"en": ("95% CI ", "5-95% of runs: "), "zh": ("95%置信区间：", "5%–95%的模拟：")}


def _bracket_problems(page, lang):
    """Bracketed ranges not written in the page's one style, and old-style ``(81-83%)``."""
    seen = _visible(ANALYST_PART.sub(" ", page))
    odd = [b for b in BRACKET.findall(seen) if not b.startswith(STYLES[lang])]
    odd += re.findall(r"[(（]\d[\d.,]*-\d[\d.,]*%[)）]", seen)
    return odd


def test_one_bracket_style_said_once_in_the_reading_guide(page, page_zh):
    for lang, p in (("en", page), ("zh", page_zh)):
        assert _bracket_problems(p, lang) == []
        assert p.count('id="guide"') == 1
        guide = p[p.index('id="guide"') : p.index("</div>", p.index('id="guide"'))]
        for style in STYLES[lang]:
            assert style in html.unescape(guide)  # both kinds, explained once
        assert p.index('id="guide"') < p.index('<ol class="answer">')  # near the headline
    assert "(95% CI " in page
    assert "(5-95% of runs: " in page
    # the check can fail: a bracket in another style is caught
    assert _bracket_problems(page.replace("</main>", "<p>82% (81-83%)</p></main>"), "en")
    planted = page_zh.replace("</main>", "<p>4.5（2.7至5.2）</p></main>")
    assert _bracket_problems(planted, "zh") == ["4.5（2.7至5.2）"[3:][1:-1]]


def test_the_reading_guide_says_what_the_intervals_include(experiment, page, page_zh):
    from collective_econ.report.sections import register_rows
    from collective_econ.report.summary import reading_guide

    sc, res = experiment
    assert res.inputs == ()
    assert res.samples == 1
    rows = register_rows(sc, res.policies)
    estimates = sum(r[4] == "estimate" for r in rows)
    text = _text(page)
    assert (f"{estimates:,} of the {len(rows):,} figures the model uses are estimates"
            in text)  # fmt: skip
    assert "none of them was varied in this run" in text
    assert "Inputs sampled: none: every input at its value in the scenario" in text
    assert "Inputs sampled: none (the scenario values)" not in text
    assert "本次运行没有改变其中任何一个" in _text(page_zh)
    # with inputs sampled, the guide names them in words, from the run's record
    said = _text(reading_guide(estimates=268, figures=366, inputs=["Hog farming: hog price"],
                               samples=20, replications=10, listed=1, lang="en"))  # fmt: skip
    assert "the uncertainty about 1 input, each drawn 20 times: Hog farming: hog price" in said
    assert "none of them was varied" not in said
    one = _text(reading_guide(estimates=268, figures=366, inputs=["x"], samples=1,
                              replications=10, listed=1, lang="en"))  # fmt: skip
    assert "none of them was varied" in one  # one draw varies nothing


def test_what_became_of_each_scheme_is_the_runs_own_record(experiment, page, page_zh):
    from collective_econ.report.status import scheme_status
    from collective_econ.runs.outcomes import SCHEME_STATUS

    _, res = experiment
    status = res.sel("scheme_status")
    assert status.shape[-1] == len(SCHEME_STATUS)
    farms = status[..., SCHEME_STATUS.index("hog_farms")]  # (policies, s, r, years)
    hogs = res.index("shares + hogs")
    assert not farms[:hogs].any()  # no hog scheme, no hog farm
    assert (farms[hogs, :, :, 0] > 0).all()
    assert farms.max() <= res.baseline.shape[0]
    said = dict(scheme_status(res, "en"))
    assert said["cash only"] == []
    assert said["80% shares"] == []
    hog = said["shares + hogs"][0]
    assert hog.startswith(f"Hog farms active: {farms[hogs].mean(axis=(0, 1))[0]:,.0f} in 2010")
    runs = farms[hogs].reshape(-1, farms.shape[-1])
    if (runs[:, -1] == 0).all():  # all quit: the year the last one did, across runs
        last = [int(res.years[np.flatnonzero(r)[-1]]) for r in runs]
        assert f"The last hog farm quit in {np.mean(last):.0f}" in hog
    assert "What became of each scheme" in page
    assert "各项目的后续情况" in page_zh
    assert html.escape(hog) in page


def test_the_decision_page_shows_the_extra_cost_against_the_baseline():
    from collective_econ.decision.robustness import Criterion, robustness
    from collective_econ.report.decision import decision_page

    values = np.array([[[0.9, 0.9], [0.7, 0.7], [0.85, 0.95], [0.6, 0.6]],
                       [[0.8, 0.8], [0.8, 0.8], [0.80, 0.80], [0.8, 0.8]]])  # fmt: skip
    costs = np.ones_like(values) * np.array([330e6, 336.5e6])[:, None, None]
    costs[1, 0] += 1e6  # one future dearer under the second policy
    r = robustness(values, costs, Criterion("restored_within_5y", ">=", 0.8),
                   policies=("cash only", "full package"), n_boot=200, seed=1)  # fmt: skip
    extra = r.extra_cost("cash only")
    assert extra[0].tolist() == [0.0, 0.0, 0.0]
    assert extra[1, 0] == pytest.approx(6.75e6)
    assert extra[1, 1] <= 6.75e6 <= extra[1, 2]
    assert "extra_cost" not in r.table()[0]  # the table is unchanged without a baseline
    assert r.table("cash only")[1]["extra_cost"] == pytest.approx(6.75e6)
    page = decision_page(robustness=r, baseline="cash only")
    head = re.findall(r"<th[^>]*>(.*?)</th>", page)
    assert head[4:6] == [
        "Extra public cost (county and higher levels) against cash only (95% CI)",
        "Total net public cost, compensation included (all of it, not against a baseline; "
        "for reference)",
    ]
    cells = {c[0]: c for c in (re.findall(r"<td[^>]*>(.*?)</td>", row)
                               for row in re.findall(r"<tr>(<td.*?)</tr>", page))}  # fmt: skip
    assert cells["cash only"][4] == "(baseline)"
    assert cells["full package"][4].startswith("6.8 million yuan (95% CI ")
    assert cells["full package"][5] == "336.8 million yuan"  # the total, secondary
    assert "restored_within_5y" not in _visible(ANALYST_PART.sub(" ", page))
    assert "at least 80%" in page  # the criterion in words
    zh = decision_page(robustness=r, baseline="cash only", lang="zh")
    assert "与全部现金补偿相比的额外公共成本" in zh
    assert "as in the main report" not in page
    # no horizon given (the Python call): no sentence on it
    assert "Horizon and runs" not in page


def test_the_decision_page_states_its_horizon_and_runs_and_the_main_reports():
    from collective_econ.decision.robustness import Criterion, robustness
    from collective_econ.report.decision import decision_page

    values = np.full((2, 4, 2), 0.9)
    costs = np.ones_like(values) * np.array([330e6, 331e6])[:, None, None]
    r = robustness(values, costs, Criterion("restored_within_5y", ">=", 0.8),
                   policies=("cash only", "full package"), n_boot=100, seed=1)  # fmt: skip
    page = _text(decision_page(robustness=r, baseline="cash only", horizon_years=10,
                               scenario_horizon=20))  # fmt: skip
    said = " ".join(page.split())
    assert "every run simulates 10 years; 8 runs per policy (4 futures x 2 replications)" in said
    assert "simulates the scenario's own 20 years by default, not 10 years" in said
    same = _text(decision_page(robustness=r, baseline="cash only", horizon_years=20,
                               scenario_horizon=20))  # fmt: skip
    assert "every run simulates 20 years" in same
    assert "by default, not" not in same  # the same horizon: nothing to warn of
    zh = decision_page(robustness=r, baseline="cash only", horizon_years=10,
                       scenario_horizon=20, lang="zh")  # fmt: skip
    assert "每次运行模拟10年" in zh
    assert "默认模拟情景自身的20年" in zh


def test_the_summary_names_the_guaranteed_debt_its_cost_leaves_out():
    from types import SimpleNamespace

    from collective_econ.report.status import guaranteed_debt, liability_sentences
    from collective_econ.report.summary import summary_html

    status = np.zeros((3, 1, 2, 3, 3))
    status[1, 0, :, -1, 2] = (4e6, 6e6)  # owed in the last year, two runs
    status[2, 0, :, -1, 2] = 1e6  # owed, but not guaranteed
    res = SimpleNamespace(outcomes={"scheme_status": None}, sel=lambda name: status,
                          years=np.array([2010, 2011, 2012]),
                          policies=("cash only", "full package", "unbacked"))  # fmt: skip
    shares = {"cash only": 0.0, "full package": 0.5, "unbacked": 0.0}
    assert guaranteed_debt(res, shares) == {"full package": (5e6, 0.5, 2012)}
    said = liability_sentences(res, shares, "en")
    assert said == [
        "Not in the cost above: under full package the resident groups' collectives still "
        "owe 5.0 million yuan on their project loans in 2012, and the county guarantees 50% "
        "of what they fail to repay, a liability of up to 2.5 million yuan that the cost "
        "does not count."
    ]
    assert "250 万元" in liability_sentences(res, shares, "zh")[0]
    assert liability_sentences(res, dict.fromkeys(shares, 0.0), "en") == []
    rows = [
        {"policy": p, "restored_5y": (0.8, 0.7, 0.9), "poverty_peak": (0.2, 0.1, 0.3),
         "poverty_peak_year": 2011, "income_long": (4e3, 3.9e3, 4.1e3),
         "poverty_long": (v, v - 0.01, v + 0.01), "extra_fiscal_cost": (c, c - 1e5, c + 1e5)}
        for p, c, v in (("cash only", 0.0, 0.1), ("full package", 1e6, 0.05))
    ]  # fmt: skip
    page = summary_html(rows, "cash only", runs=2, rent_on=False, warnings=(), chart="",
                        lang="en", liabilities=said)  # fmt: skip
    items = re.findall(r"<li>(.*?)</li>", page)
    assert items[0].startswith("Poverty")
    assert items[2].startswith("Public cost")
    assert items[3].startswith("Not in the cost above")  # the debt beside the cost


def test_a_share_too_sure_for_whole_percent_keeps_its_interval():
    from collective_econ.report.summary import _share

    assert _share((0.993, 0.991, 0.994), "en") == "99.3% (95% CI 99.1% to 99.4%)"
    assert _share((0.95, 0.93, 0.97), "en") == "95% (95% CI 93% to 97%)"
    assert _share((0.5, 0.5, 0.5), "en") == "50%"  # no interval to show


def test_the_households_npv_loss_is_reconciled_with_the_share_better_off():
    from types import SimpleNamespace

    from collective_econ.report.findings import _stakeholders

    npv = {"households": np.array([0.0, -1.4e6]), "government": np.array([0.0, 1e6])}
    res = SimpleNamespace(mean=lambda n: npv.get(n[4:], np.zeros(2)))
    said = _stakeholders(res, 1, 0, "cash only", 2010, 2029, "en")
    assert "losses for the households (-1.4 million yuan)" in said
    assert (
        "that share compares each household's income year by year, while this is the "
        "NPV at 8% of all the households' money flows" in said
    )
    assert "逐年比较每户的收入" in _stakeholders(res, 1, 0, "cash only", 2010, 2029, "zh")
    npv["households"] = np.array([0.0, 1.4e6])  # a gain: nothing to reconcile
    assert "year by year" not in _stakeholders(res, 1, 0, "cash only", 2010, 2029, "en")


def test_the_irr_legend_states_the_rule_the_irr_follows():
    from collective_econ.finance import irr
    from collective_econ.report._text import text

    # flows that change sign twice, whose NPV stays negative at every rate: no IRR
    assert np.isnan(irr([-100.0, 300.0, -250.0]))
    for key in ("ap.what", "ap.what_mc"):
        legend = text(key, "en", n=1)
        assert "n/a where no rate makes the NPV change sign" in legend
        assert "never change sign)" not in legend


def test_every_case_note_has_a_reading():
    from collective_econ.cases.caopijie import check_case

    notes = {f.topic: f for f in check_case()}
    assert all(f.reading and f.zh[3] for f in notes.values())
    hotel = notes["hotel profit (model)"].reading
    assert "the residents' gain does not" in hotel
    assert "1,000-odd yuan" in hotel


def test_project_loans_still_owed_are_named_as_the_countys_guarantee():
    import dataclasses

    from collective_econ.cases.caopijie import default_scenario
    from collective_econ.report.status import _loans, loan_guarantees

    sc = default_scenario()
    shares = loan_guarantees(sc.policies)
    assert shares["full package"] == 1.0  # the projects' default: full backing
    assert shares["cash only"] == 0.0  # no project, nothing guaranteed
    years = np.arange(2010, 2015)
    owed = np.array([[0.0, 1e6, 2e6, 3e6, 4e6], [0.0, 1e6, 2e6, 3e6, 6e6]])
    said = _loans(owed, years, "en", 1.0)
    assert "The county guarantees 100% of what a collective fails to repay: the 5.0 mill" in said
    assert "in 2014 is a liability of the county" in said
    assert "guarantees" not in _loans(owed, years, "en", 0.0)
    assert "担保100%" in _loans(owed, years, "zh", 1.0)
    # repaid by the horizon: nothing is left to guarantee
    repaid = np.array([[0.0, 1e6, 0.0, 0.0, 0.0]])
    assert "guarantees" not in _loans(repaid, years, "en", 1.0)
    # a policy whose tea garden is not backed
    tea = sc.policy("full package").schemes["tea"]
    unbacked = dataclasses.replace(tea, base=dataclasses.replace(tea.base, loan_guarantee=0.0))
    park = sc.policy("full package").schemes["agro_park"]
    unpark = dataclasses.replace(park, base=dataclasses.replace(park.base, loan_guarantee=0.0))
    pol = dataclasses.replace(sc.policy("full package"),
                              schemes={**sc.policy("full package").schemes, "tea": unbacked,
                                       "agro_park": unpark})  # fmt: skip
    assert loan_guarantees([pol]) == {"full package": 0.0}


def test_who_gains_names_the_policy_and_each_groups_npv(experiment):
    from collective_econ.report.findings import STAKEHOLDER_WORDS, who_gains

    _, res = experiment
    name, base = res.policies[1], res.policies[0]
    said = who_gains(res, name, base)
    assert said.startswith(f"Who gains and who loses under {name}, against {base}, in present")
    i, b = res.index(name), res.index(base)
    for group, words in STAKEHOLDER_WORDS.items():
        delta = float(res.mean(f"npv_{group}")[i] - res.mean(f"npv_{group}")[b])
        if round(delta) != 0:
            assert words in said
            assert ("+" if delta > 0 else "-") + _money(abs(delta)) in said


def test_who_gains_and_who_loses_names_the_displaced_workers(page, page_zh):
    # every group but the outside market is named, the displaced workers among them
    assert set(STAKEHOLDER_WORDS) == set(STAKEHOLDER_GROUPS) - {"market"}
    words = "the outside workers the reserved jobs displace"
    assert STAKEHOLDER_WORDS["other_workers"] == words
    # the report's policies have no jobs scheme: no change for them, but named
    same = re.search(r"no change for ([^.;]*)", " ".join(_text(page).split()))
    assert same
    assert words in same.group(1)
    assert "被预留岗位挤出的其他务工者" in page_zh
    # with the jobs scheme, they lose the wages of the places they no longer hold
    res = results_from_npvs(
        ("cash only", "full package"),
        {"other_workers": [[0.0, 0.0], [-51.4e6, -51.6e6]], "households": [[0.0, 0.0],
                                                                           [2e8, 2e8]]},
    )  # fmt: skip
    said = _stakeholders(res, 1, 0, "cash only", 2010, 2029)
    assert f"losses for {words} ({money(-51.5e6, 'en')})" in said
    assert "-51.5 million yuan" in said
    zh = _stakeholders(res, 1, 0, "cash only", 2010, 2029, "zh")
    assert "受损：被预留岗位挤出的其他务工者（-5,150 万元）" in zh


def test_the_appraisal_says_how_much_of_the_tea_garden_the_simulation_plants():
    from collective_econ.economy.collective import ProjectFinance, fundable_share
    from collective_econ.report.sections import appraisal_section
    from collective_econ.schemes.tea import TeaParams
    from collective_econ.schemes.tea import appraise as appraise_tea

    rows = appraisal_table(["tea"], samples=0, horizon_years=20)
    p = TeaParams()
    share = fundable_share(appraise_tea(p).items["collective_profit"], ProjectFinance.of(p))
    assert 0.0 < share < 0.5  # the case's garden: far from all of it
    page = html.unescape(appraisal_section(rows, horizon_years=20, note=""))
    assert "values all 2,000 mu as planned" in page
    assert f"carry only {100 * share:.0f}% of it ({share * 2000:,.0f} mu)" in page
    # a garden the credit carries whole: no such sentence
    whole = p.evolve(loan_limit=1e9)
    rows = appraisal_table(["tea"], samples=0, horizon_years=20, params={"tea": whole})
    page = appraisal_section(rows, horizon_years=20, note="", params={"tea": whole})
    assert "values all" not in page
