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
from collective_econ.economy.community import CommunityParams
from collective_econ.errors import ParameterError
from collective_econ.plotting import find_cjk_font
from collective_econ.report import SECTIONS, build_report, key_findings, write_report
from collective_econ.runs.experiment import run_experiment
from collective_econ.runs.spec import ExperimentSpec
from collective_econ.scenario import Scenario
from collective_econ.sensitivity import appraisal_model, one_at_a_time, sobol

PNG = b"\x89PNG\r\n\x1a\n"
IMG = re.compile(r"<img\b[^>]*>")
COMPARISON_PLOTS = 7  # fan, distribution, Lorenz, sources x2, poverty, winners and losers


@pytest.fixture(scope="module")
def experiment():
    policies = default_scenario().policies[:3]
    community = CommunityParams(residents=1500, agricultural_residents=900)
    sc = Scenario("t", policies, community=community, horizon_years=6)
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
    places = [page.index(f'id="{i}"') for i, _ in SECTIONS]
    assert places == sorted(places)
    for _, heading in SECTIONS:
        assert f">{html.escape(heading)}</h2>" in page
    assert page.startswith("<!DOCTYPE html>")
    assert page.rstrip().endswith("</html>")


def test_every_policy_named_with_its_difference(experiment, page):
    sc, _ = experiment
    policies = page[page.index('id="policies"') : page.index('id="findings"')]
    for p in sc.policies:
        assert f"<b>{html.escape(p.name)}</b>" in policies
        assert f"<th>{html.escape(p.name)}</th>" in policies
    # cash only sets share_fraction to 0, the others keep the case's 0.8 (shown in bold)
    row = re.search(r"<tr><td>\s*land_shares\.share_fraction.*?</tr>", policies).group(0)
    assert re.findall(r"<td[^>]*>([^<]*)</td>", row)[1:] == ["0", "0.8", "0.8"]
    assert row.count('class="diff"') == 2
    hogs = re.search(r"<tr><td>[^<]*\(hogs\)</td>.*?</tr>", policies).group(0)
    assert re.findall(r"<td>([^<]*)</td>", hogs)[1:] == ["-", "-", "yes"]


def _pct(x, d=0):
    return f"{100 * x:.{d}f}%"


def _share(mid, lo, hi, d=0):
    a, b = _pct(lo, d), _pct(hi, d)
    return _pct(mid, d) + ("" if a == b else f" ({a[:-1]}-{b})")


def _money(y):
    return f"{y / 1e6:,.1f} million yuan" if abs(y) >= 999_950 else f"{y:,.0f} yuan"


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
            f"{base} (95% CI {_pct(lo)[:-1]}-{_pct(hi)}), and {_pct(wl.worse)} are worse off, "
            f"comparing each household's average income over {first}-{last}.",
        ]
        if round(fiscal.mean) > 0:
            expected.append(
                f"The extra net cost to the government is {_money(fiscal.mean)} against {base}"
                f" (present value at 8%; 95% CI {_money(fiscal.low)} to {_money(fiscal.high)})."
            )
        for group in ("developer", "government"):
            npv = res.mean(f"npv_{group}")
            delta = float(npv[i] - npv[0])
            if round(delta) != 0:
                expected.append(f"the {group} ({'+' * (delta > 0)}{_money(delta)})")
    b = int(np.argmax(restored))
    expected.append(
        "the share of landless households back at their pre-expropriation income is highest "
        f"under {res.policies[b]}: {_share(restored[b], r_lo[b], r_hi[b])}"
    )
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
    glance = page[page.index(">At a glance<") : page.index('id="plots"')]
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
        if r.note:
            assert html.escape(r.note) in appraisal
    register = page[page.index('id="register"') : page.index('id="case"')]
    for a in sc.assumptions:
        assert f"<td>{html.escape(a.path)}</td>" in register
    assert register.count("<tr><td>") == len(sc.assumptions)
    case = _text(page[page.index('id="case"') : page.index('id="method"')])
    for f in check_case():
        assert f.arithmetic in case
        assert f.verdict in case
    method = _text(page[page.index('id="method"') :])
    assert "seed 1;" in method
    assert "3 replication(s)" in method
    assert "2010-2015" in method


def test_text_is_escaped(experiment):
    sc, res = experiment
    odd = dataclasses.replace(sc, name='<script>alert("x")</script> & co')
    page = build_report(odd, res, title="A <b>bold</b> title", appraisal_samples=0)
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
    assert re.search(r"<th[^>]*>swing</th>", page)
    assert re.search(r"<th[^>]*>ST_high</th>", page)
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
    assert any("CJK" in str(w.message) for w in caught) == no_font
    assert "No plots: the experiment kept no income panels" in page
    assert len(IMG.findall(page)) == len(_schemes(sc))  # the cash-flow charts only
    assert "seed not recorded" in page
    assert ("Plot labels are in Chinese" in page) != no_font


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


def test_the_case_notes_section_is_left_out_without_case_notes(experiment):
    sc, res = experiment
    page = build_report(sc, res, seed=1, appraisal_samples=0)
    assert 'id="case"' not in page
    assert 'href="#case"' not in page
    assert 'id="method"' in page
