"""Hogs and spent grain: domain-reference.md §2 (the pig cycle, costs, spent grain)."""

from __future__ import annotations

import numpy as np

from ....schemes import hogs
from ._common import (
    _D,
    HOG_PATH_YEARS,
    SEED,
    Check,
    Floats,
    Verdict,
    _fixed,
    _num,
    _pct,
    _sig,
    _yuan,
    grade,
)


def _acf_period_months(prices: Floats, lo: int = 18, hi: int = 96) -> int:
    """Lag (months, within [lo, hi]) of the highest autocorrelation of the log price."""
    x = np.log(prices) - np.log(prices).mean()
    n = x.size
    spec = np.fft.rfft(x, 2 * n)
    acf = np.fft.irfft(spec * np.conj(spec))[:n]
    return lo + int(np.argmax(acf[lo : hi + 1]))


# -- sections --------------------------------------------------------------------------------


def _profit_range(hp: hogs.HogParams) -> Floats:
    """Yearly profit per hog sold over five seeded 40-year random appraisals."""
    out = []
    for i in range(5):
        a = hogs.appraise(hp, horizon_years=40, rng=np.random.default_rng([SEED, 2, i]))
        sold = a.items["hogs_sold"][2:-1]
        out.append(a.items["margin"][2:-1] / sold)
    return np.concatenate(out)


def _hogs() -> list[Check]:
    sec = "Hogs and spent grain"
    hp = hogs.HogParams()
    path = hogs.pig_price_path(hp, 12 * HOG_PATH_YEARS, np.random.default_rng([SEED, 3]))
    lag = _acf_period_months(path)
    windows = path[: path.size // lag * lag].reshape(-1, lag)
    ratio = float(np.median(windows.max(axis=1) / windows.min(axis=1)))
    expected = hogs.pig_price_path(hp, 12)
    peak_month = int(np.argmax(expected))
    month = ("January", "February", "March", "April", "May", "June", "July", "August",
             "September", "October", "November", "December")[peak_month]  # fmt: skip
    grain = hogs.spent_grain_balance(hp)
    b = hogs.batch_margin(hp, hp.hog_price, bsg_share=grain.share)
    costs = {k: float(b[k]) for k in hogs.COSTS}
    total = sum(costs.values())
    feed_share = (costs["feed_cost"] + costs["bsg_cost"] + costs["haulage_cost"]) / total
    per_hog_cost = total / float(b["hogs_sold"])
    margin_mean = float(b["margin"] / b["hogs_sold"])
    prof = _profit_range(hp)
    p5, p95 = (float(x) for x in np.percentile(prof, [5, 95]))
    lo_ok, hi_ok = -225.0 <= p5 <= -50.0, 300.0 <= p95 <= 600.0
    prof_verdict: Verdict = (
        "matches" if lo_ok and hi_ok else "close" if lo_ok or hi_ok else "differs"
    )
    sold_year = float(hogs.appraise(hp).items["hogs_sold"][5]) / hp.households
    return [
        Check(
            sec,
            "pig cycle period",
            f"hog prices cycle with a period of about 3-4 years ({_D} §2a stylised fact 1)",
            "3-4 years",
            f"{_fixed(lag / 12, 1)} years",
            grade(lag / 12, 3.0, 4.0),
            f"lag of the highest autocorrelation (18-96 months) of the log price along a "
            f"{HOG_PATH_YEARS}-year pig_price_path() with rng (seeded); "
            f"HogParams.cycle_years = {hp.cycle_years:g}",
            lag / 12,
        ),
        Check(
            sec,
            "pig cycle peak/trough",
            f"normal peak/trough ratio about 2 (Mar 2010 9.5 -> Jun 2011 18.4 yuan/kg) "
            f"({_D} §2a stylised fact 1)",
            "about 2 (1.6-2.5)",
            f"{_num(ratio)}",
            grade(ratio, 1.6, 2.5),
            "median over the path's cycles of the monthly maximum / minimum (cycle, "
            "pre-New-Year seasonal and noise together)",
            ratio,
        ),
        Check(
            sec,
            "seasonal price peak",
            f"pre-Chinese-New-Year demand gives a seasonal price rise ({_D} §2a stylised fact 6)",
            "winter, before the New Year",
            month,
            "matches" if peak_month in (0, 1, 11) else "differs",
            f"month of the highest expected price; amplitude {hp.cny_amplitude:.0%}",
            peak_month,
        ),
        Check(
            sec,
            "feed share of cost",
            f"feed is 60-70% of cost; 55-60% when piglets are bought ({_D} §2a, stylised fact 3)",
            "60-70%",
            _pct(feed_share),
            grade(feed_share, 0.60, 0.70),
            "compound feed, spent grain and its haulage / all costs of a batch at the mean "
            "price; the farms buy piglets, so 55-60% would fit as well",
            feed_share,
        ),
        Check(
            sec,
            "cost per finished hog",
            f"1,100-1,300 yuan a hog of about 110 kg in 2010 ({_D} §2a, estimate)",
            "1,100-1,300 yuan",
            _yuan(per_hog_cost),
            grade(per_hog_cost, 1_100.0, 1_300.0),
            "batch_margin() at the mean price, with spent grain",
            per_hog_cost,
        ),
        Check(
            sec,
            "profit per head, normal year",
            f"+50-150 yuan a hog in normal years ({_D} §2a)",
            "+50 to +150 yuan",
            f"{_sig(margin_mean):+,.0f} yuan",
            grade(margin_mean, 50.0, 150.0),
            "batch_margin() at the mean price of 12 yuan/kg",
            margin_mean,
        ),
        Check(
            sec,
            "profit per head over the cycle",
            f"profit per head swings from about -150 to +500 yuan in normal cycles "
            f"({_D} §2a stylised fact 3; -150 to -50 in troughs, +300-500 at the 2011 peak)",
            "-150 to +500 yuan",
            f"{_sig(p5):+,.0f} to {_sig(p95):+,.0f} yuan (p5-p95)",
            prof_verdict,
            "yearly profit per hog sold, five seeded 40-year random appraisals; graded "
            "'matches' if p5 is within -225..-50 and p95 within 300..600, 'close' if one is",
            p95,
        ),
        Check(
            sec,
            "feed conversion",
            f"smallholders convert worse: FCR 3.0-4.0 vs 2.7 on scale farms "
            f"({_D} §2a stylised fact 4)",
            "3.0-4.0 (household)",
            f"{_num(hp.fcr, 2)}",
            grade(hp.fcr, 3.0, 4.0),
            "HogParams.fcr: a 100-head household farm",
            hp.fcr,
        ),
        Check(
            sec,
            "spent grain in the diet",
            f"spent grain is capped at about 20% of diet DM because of fibre "
            f"({_D} §2b stylised fact 5; up to 23%)",
            "about 20% of DM (<= 23%)",
            _pct(grain.share),
            grade(grain.share, 0.15, hogs.BSG_MAX_INCLUSION),
            "the inclusion the brewery's supply allows (supply does not bind)",
            grain.share,
        ),
        Check(
            sec,
            "spent grain saving",
            f"spent grain saves 8-15% of the feed cost, 60-150 yuan a hog ({_D} §2b, estimate)",
            "8-15% of feed cost",
            f"{_pct(grain.saving_fraction, 1)} ({_yuan(grain.saving_per_hog, 2)}/hog)",
            grade(grain.saving_fraction, 0.08, 0.15),
            "spent_grain_balance(): compound feed saved less spent grain and haulage bought",
            grain.saving_fraction,
        ),
        Check(
            sec,
            "spent grain demand",
            f"100 farms x 100 hogs at 20% DM use about 8,000-9,000 t wet a year ({_D} §0 S6)",
            "8,000-9,000 t wet/yr",
            f"{_num(grain.demand_t)} t wet/yr",
            grade(grain.demand_t, 8_000.0, 9_000.0),
            f"{_num(sold_year * hp.households)} hogs a year x 90 kg of gain x FCR "
            f"{hp.fcr:g}, 20% of diet DM as spent grain of 21% DM, 90% usable; the reference "
            f"does not show its sum, which needs {_num(8_500.0 / grain.demand_t, 2)}x the "
            "model's spent grain a hog; either way demand stays far below the "
            f"{_num(grain.supply_t)} t supply, the point of S6",
            grain.demand_t,
        ),
        Check(
            sec,
            "hogs sold per farm",
            f"a 100-head farm runs about 2 batches a year, about 200 hogs sold ({_D} §2a)",
            "about 200 a year",
            f"{_num(sold_year)} a year",
            grade(sold_year, 180.0, 210.0),
            "150 days to finish + 30 cleaning: 2.0 batches a year, 6% mortality and "
            "outbreak losses",
            sold_year,
        ),
    ]
