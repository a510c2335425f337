"""The Chinese report's units and plots: sums in 万元 / 亿元, Chinese drawn or not at all.

A Chinese reader expects "45.1 万元" and "150 万元", not "451,000 元" or "1.5 百万元"
(small sums, below 10,000 yuan, stay in 元). Without a CJK font the plots are labelled
in English and the page says so once; no Chinese character reaches matplotlib (it would
draw empty boxes).
"""

import html
import re
import warnings

import matplotlib.text
import pytest

from collective_econ import plotting
from collective_econ.cases.caopijie import check_case, default_scenario
from collective_econ.economy.community import CommunityParams
from collective_econ.report import build_report
from collective_econ.report._text import money
from collective_econ.runs.experiment import run_experiment
from collective_econ.runs.spec import ExperimentSpec
from collective_econ.scenario import Scenario

HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
NO_FONT = "本机未找到中文字体，图中文字为英文"
BIG_IN_YUAN = re.compile(r"(?<![\d,.])(?:\d{2,3},\d{3}|\d(?:,\d{3}){2,})(?:,\d{3})*\s*元(?!/)")
"""A sum of 10,000 yuan or more written in 元 (an income per person, 元/人/年, aside)."""


@pytest.mark.parametrize(
    ("yuan", "zh"),
    [
        (451_286, "45.1 万元"),
        (1_500_000, "150 万元"),
        (-1_049_000, "-100 万元"),
        (14_300_000, "1,430 万元"),
        (-18_123, "-1.81 万元"),
        (10_000, "1 万元"),
        (123_456_789, "1.235 亿元"),
        (9_400, "9,400 元"),
        (740, "740 元"),
    ],
)
def test_chinese_sums_are_in_wan_and_yi_yuan(yuan, zh):
    assert money(yuan, "zh") == zh


def test_a_sum_is_the_same_sum_in_both_languages():
    for yuan in (451_286, 2_345_678, 14_300_000, 18_123, 987_654_321):
        en, zh = money(yuan, "en"), money(yuan, "zh")
        value, unit = zh.split()
        scale = {"万元": 1e4, "亿元": 1e8}[unit]
        number = float(en.split()[0].replace(",", ""))
        in_en = number * (1e6 if "million" in en else 1)
        assert float(value.replace(",", "")) * scale == pytest.approx(in_en)


@pytest.fixture(scope="module")
def run():
    policies = default_scenario().policies[:3]
    community = CommunityParams(residents=1500, agricultural_residents=900)
    sc = Scenario("u", policies, community=community, horizon_years=4)
    return sc, run_experiment(sc, ExperimentSpec(replications=2, seed=5, panels="all"))


@pytest.fixture(scope="module")
def drawn(run):
    """The Chinese page without a CJK font, and every string matplotlib drew for it."""
    sc, res = run
    texts: list[str] = []
    draw = matplotlib.text.Text.draw

    def spy(self, renderer):
        texts.append(self.get_text())
        return draw(self, renderer)

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(plotting._style, "find_cjk_font", lambda: None)
        mp.setattr(matplotlib.text.Text, "draw", spy)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            page = build_report(sc, res, seed=1, case_notes=check_case(), lang="zh")
    return page, texts


def _visible(page):
    page = re.sub(r"<(style|script)\b.*?</\1>|<code>.*?</code>", " ", page, flags=re.S)
    return html.unescape(re.sub(r"<[^>]+>", " ", page))


def test_the_chinese_page_writes_no_million_and_no_large_sum_in_yuan(drawn):
    page = drawn[0]
    assert "百万元" not in _visible(page)
    # the register's sources quote theirs as written; the case notes are in 万元 too
    ours = page[: page.index('id="register"')] + page[page.index('id="case"') :]
    shown = _visible(ours)
    assert "万元" in shown
    big = BIG_IN_YUAN.findall(shown)
    assert big == [], big[:8]


def test_without_a_cjk_font_the_plots_are_english_and_the_page_says_so_once(drawn):
    page, texts = drawn
    assert texts, "no plot was drawn"
    assert [t for t in texts if HAN.search(t)] == []  # no Chinese reaches a font without it
    assert any("cash only" in t for t in texts)
    assert _visible(page).count(NO_FONT) == 1
