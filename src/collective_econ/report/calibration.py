"""The page of ``collective-econ calibrate`` and ``monitor``: fit and monitoring, in words.

:func:`calibration_page` reads what the two commands wrote to an output folder
(``calibration.json``, ``monitoring.json``, the charts) and renders a posterior-predictive
section (each survey moment against the moments simulated under the posterior, with
their 90% band) and a monitoring section (the completion-audit indicators, the
observations over the forecast fan, the effective sample size), in English or Chinese.
``collective-econ report DIR`` writes it as ``DIR/report.html`` when DIR is such a
folder (both commands may write to the same one).

Examples
--------
>>> import json, tempfile
>>> from pathlib import Path
>>> folder = Path(tempfile.mkdtemp())
>>> _ = (folder / "calibration.json").write_text(json.dumps({"households": 60,
...     "weights": {"method": "raking", "distance": "logit", "bounds": [0.2, 5],
...                 "iterations": 5, "max_error": 1e-14, "ratio_min": 0.3,
...                 "ratio_max": 2.1, "margins": 18}}))
>>> page = calibration_page(folder, lang="en")
>>> "Survey weights" in page, "raking" in page
(True, True)
"""

from __future__ import annotations

import base64
import json
import math
import re
from pathlib import Path
from typing import Any

from ..decision._discovery_inputs import input_labels
from ..errors import ParameterError
from ..files import atomic_write
from ..plotting.labels import labels
from ._html import esc, pct, standalone_page, table, tag
from ._text import money, policy_name, scenario_name

__all__ = ["CALIBRATION_FILE", "MONITORING_FILE", "calibration_page", "write_calibration_report"]

CALIBRATION_FILE = "calibration.json"
"""What ``collective-econ calibrate`` writes for this page."""
MONITORING_FILE = "monitoring.json"
"""What ``collective-econ monitor`` writes for this page."""

_T: dict[str, tuple[str, str]] = {
    "title": ("Calibration and monitoring", "校准与监测"),
    "lead": (
        "{scenario}: the household survey, the parameters fitted to it, and what the "
        "monitoring rounds observed.",
        "{scenario}：住户调查、据此拟合的参数，以及监测轮次的观测结果。",
    ),
    "h.weights": ("Survey weights", "调查权数"),
    "weights": (
        "{households} surveyed households; their weights were calibrated by {method} to "
        "{margins} county margins (households per resident group, age bands, landless "
        "households{cuts}), met within a relative error of {error}. The calibrated weights "
        "are {lo} to {hi} times the design weights.",
        "共调查{households}户；其权数按{method}校准到县级的{margins}项总量（各居民小组户数、"
        "年龄组人数、无地户数{cuts}），相对误差不超过{error}。校准后的权数为设计权数的"
        "{lo}至{hi}倍。",
    ),
    "cuts": (", households below income cuts", "、收入分段户数"),
    "method.raking": ("raking", "迭代比例调整（raking）"),
    "method.linear": ("linear calibration", "线性校准"),
    "method.logit": ("bounded (logit) raking", "有界（logit）调整"),
    "h.fit": ("Fitted parameters", "拟合的参数"),
    "fit": (
        "Fitted by approximate Bayesian computation (sequential Monte Carlo, {engine}) to "
        "the survey's moments under the policy '{policy}': {runs} simulations over "
        "{generations} generations; effective sample size of the last population {ess}.",
        "在“{policy}”政策下，以近似贝叶斯计算（序贯蒙特卡洛，{engine}）拟合调查矩："
        "共{runs}次模拟、{generations}代；最后一代的有效样本量为{ess}。",
    ),
    "engine.abc-smc": ("the library's own engine", "本库自带算法"),
    "engine.pyabc": ("pyABC", "pyABC"),
    "col.parameter": ("Parameter", "参数"),
    "col.mean": ("Posterior mean", "后验均值"),
    "col.sd": ("Posterior sd", "后验标准差"),
    "col.interval": ("90% credible interval", "90%可信区间"),
    "h.predictive": ("Posterior-predictive check", "后验预测检验"),
    "predictive": (
        "Each survey moment against the same moment simulated under {draws} draws from the "
        "posterior, each with its own households and shocks: the band holds 90% of the "
        "simulated values. {inside} of {n} observed moments fall inside their band.",
        "将每个调查矩与后验的{draws}次抽样（每次各有其住户与冲击）所模拟的同一矩相比："
        "区间包含90%的模拟值。{n}个观测矩中有{inside}个落在其区间内。",
    ),
    "col.moment": ("Survey moment", "调查矩"),
    "col.observed": ("Observed (s.e.)", "观测值（标准误）"),
    "col.simulated": ("Simulated mean", "模拟均值"),
    "col.band": ("90% band", "90%区间"),
    "col.inside": ("Inside", "是否在区间内"),
    "yes": ("yes", "是"),
    "no": ("no", "否"),
    "h.monitoring": ("Monitoring rounds and completion audit", "监测轮次与完工审计"),
    "monitoring": (
        "{households} households visited in every round ({years}); land taken in "
        "{loss}, incomes due to be restored by {target}. Share restored at the last "
        "round, survey-weighted, with its 90% interval:",
        "{households}户在每轮均被回访（{years}年）；土地于{loss}年征收，收入应于{target}年"
        "前恢复。最后一轮的收入恢复比例（按调查权数加权，含90%区间）：",
    ),
    "col.category": ("Households", "住户类别"),
    "col.share": ("Share restored", "恢复比例"),
    "col.households": ("Households observed", "观测户数"),
    "gap": (
        "Remaining gap: {pp} below the baseline on average ({total} a year over the "
        "households represented); {off} households lie below their path to restoration.",
        "尚余缺口：平均比基线低{pp}（按所代表的住户合计每年{total}）；{off}户低于其恢复路径。",
    ),
    "forecast": (
        "The forecast of '{policy}' ({runs} simulations) was reweighted by the "
        "observations: effective sample size {ess}. The chart shows the forecast fan "
        "before (grey) and after (blue) with the observations and their intervals.",
        "以观测值对“{policy}”的预测（{runs}次模拟）重新加权：有效样本量为{ess}。"
        "图中为更新前（灰色）与更新后（蓝色）的预测区间及观测值和其区间。",
    ),
    "probability": (
        "Chance that 80% of the landless households are restored within five years: "
        "{before} before the rounds, {after} after.",
        "五年内80%失地住户收入恢复的概率：监测前为{before}，监测后为{after}。",
    ),
    "refused": (
        "The forecast was not updated: too few of its simulations come near the "
        "observations (run more, widen the input ranges, or question the model).",
        "未更新预测：接近观测值的模拟太少（请增加模拟、放宽输入范围，或检查模型）。",
    ),
    "cat.all": ("All households", "全部住户"),
    "cat.head: female": ("Female-headed", "女性户主"),
    "cat.head: male": ("Male-headed", "男性户主"),
    "cat.elderly head": ("Head aged 60 or over", "户主60岁及以上"),
    "cat.dibao": ("Receiving dibao", "低保户"),
    "cat.vulnerable": ("Vulnerable (any of the three)", "脆弱户（三者之一）"),
    "cat.not vulnerable": ("Not vulnerable", "非脆弱户"),
    "cat.group": ("Resident group {name}", "居民小组：{name}"),
    "m.employed": (
        "Households with wage income {months} months after the land loss (share)",
        "失地后{months}个月有工资收入的住户（比例）",
    ),
    "m.income": ("Mean income per person from {source}, {year}", "{year}年人均{source}收入"),
    "m.median": ("Median income per person, {year}", "{year}年人均收入中位数"),
    "m.dibao": ("Households receiving dibao, {year} (share)", "{year}年低保户（比例）"),
    "m.survival": (
        "Businesses still earning two years on (share)",
        "两年后仍有收益的经营户（比例）",
    ),
    "note": (
        "Made by collective-econ from the files the calibration and monitoring commands "
        "wrote to this folder.",
        "由 collective-econ 根据本文件夹中校准与监测命令写出的文件生成。",
    ),
}
_LANG = {"en": 0, "zh": 1}


def _t(key: str, lang: str, **fields: object) -> str:
    return _T[key][_LANG[lang]].format(**fields)


def _num(x: float) -> str:
    if not math.isfinite(x):
        return "n/a"
    return f"{x:,.0f}" if abs(x) >= 100 else f"{x:.3g}"


def moment_label(name: str, lang: str) -> str:
    """A survey moment's name in words (``income_wage_2011``: mean income per person ...)."""
    if name in ("employed_12m", "employed_24m"):
        return _t("m.employed", lang, months=name[9:11])
    if name == "business_survival":
        return _t("m.survival", lang)
    m = re.match(r"^(.+)_(\d{4})$", name)
    if m:
        head, year = m[1], m[2]
        if head == "median_income":
            return _t("m.median", lang, year=year)
        if head == "dibao":
            return _t("m.dibao", lang, year=year)
        if head.startswith("income_"):
            source = head[len("income_") :]
            words = labels(lang).get(f"source.{source}", source.replace("_", " "))
            return _t("m.income", lang, source=words, year=year)
    return name.replace("_", " ")


def _category(key: str, lang: str) -> str:
    if key.startswith("group: "):
        return _t("cat.group", lang, name=key[len("group: ") :])
    return _t(f"cat.{key}", lang) if f"cat.{key}" in _T else key


def _weights_section(c: dict[str, Any], lang: str) -> str:
    w = c["weights"]
    method = f"method.{w['method']}" if f"method.{w['method']}" in _T else "method.raking"
    if w.get("bounds") and w["method"] == "raking":
        method = "method.logit"
    cuts = _t("cuts", lang) if w.get("cuts") else ""
    body = _t("weights", lang, households=c["households"], method=_t(method, lang),
              margins=w["margins"], cuts=cuts, error=f"{w['max_error']:.0e}",
              lo=f"{w['ratio_min']:.2f}", hi=f"{w['ratio_max']:.2f}")  # fmt: skip
    return tag("section", tag("h2", esc(_t("h.weights", lang))) + tag("p", esc(body)))


def _fit_section(f: dict[str, Any], lang: str) -> str:
    params = f["parameters"]
    names = input_labels([p["path"] for p in params])
    rows = []
    for p, lab in zip(params, names, strict=True):
        label = lab.en if lang == "en" else lab.zh
        rows.append((label, lab.value(p["mean"], lang), lab.value(p["sd"], lang),
                     f"{lab.value(p['low'], lang)} - {lab.value(p['high'], lang)}"))  # fmt: skip
    engine = _t(f"engine.{f['method']}", lang)
    intro = _t("fit", lang, engine=engine, policy=policy_name(f["policy"], lang),
               runs=f"{f['simulations']:,}", generations=f["generations"],
               ess=f"{f['ess']:.0f}")  # fmt: skip
    head = [_t(f"col.{k}", lang) for k in ("parameter", "mean", "sd", "interval")]
    parts = [tag("h2", esc(_t("h.fit", lang))), tag("p", esc(intro)),
             table(head, rows, numeric=(1, 2, 3), id="posterior")]  # fmt: skip
    pred = f.get("predictive") or []
    if pred:
        inside = sum(bool(r["inside"]) for r in pred)
        prows = [
            (moment_label(r["moment"], lang), f"{_num(r['observed'])} ({_num(r['se'])})",
             _num(r["mean"]), f"{_num(r['lo'])} - {_num(r['hi'])}",
             _t("yes" if r["inside"] else "no", lang))
            for r in pred
        ]  # fmt: skip
        head = [
            _t(f"col.{k}", lang) for k in ("moment", "observed", "simulated", "band", "inside")
        ]
        parts += [
            tag("h2", esc(_t("h.predictive", lang)), id="predictive"),
            tag("p", esc(_t("predictive", lang, draws=f["draws"], inside=inside, n=len(pred)))),
            table(head, prows, numeric=(1, 2, 3), id="predictive-table"),
        ]
    return tag("section", "".join(parts))


def _monitoring_section(m: dict[str, Any], folder: Path, lang: str) -> str:
    years = m["years"]
    span = f"{years[0]}-{years[-1]}" if len(years) > 1 else str(years[0])
    intro = _t("monitoring", lang, households=m["households"], years=span,
               loss=m["loss_year"], target=m["target_year"])  # fmt: skip
    rows = [
        (_category(r["category"], lang), f"{pct(r['share'])} ({pct(r['low'])}-{pct(r['high'])})",
         f"{r['households']:,}")
        for r in m["restored_by"]
    ]  # fmt: skip
    head = [_t(f"col.{k}", lang) for k in ("category", "share", "households")]
    unit = "yuan/person/year" if lang == "en" else "元/人/年"
    gap = _t("gap", lang, pp=f"{m['gap_per_person']:,.0f} {unit}",
             total=money(m["gap_total"], lang), off=m["off_track"])  # fmt: skip
    parts = [tag("h2", esc(_t("h.monitoring", lang)), id="monitoring"), tag("p", esc(intro)),
             table(head, rows, numeric=(1, 2), id="audit"), tag("p", esc(gap))]  # fmt: skip
    if m.get("update") == "refused":
        parts.append(tag("p", esc(_t("refused", lang))))
    elif "ess" in m:
        parts.append(tag("p", esc(_t("forecast", lang, policy=policy_name(m["policy"], lang),
                                     runs=f"{m['runs']:,}", ess=f"{m['ess']:.1f}"))))  # fmt: skip
        if "probability_before" in m:
            parts.append(tag("p", esc(_t("probability", lang, before=pct(m["probability_before"]),
                                         after=pct(m["probability_after"])))))  # fmt: skip
        for name in (
            ("monitoring.zh.png", "monitoring.png") if lang == "zh" else ("monitoring.png",)
        ):
            png = folder / name
            if png.is_file():
                data = base64.b64encode(png.read_bytes()).decode("ascii")
                alt = _t("h.monitoring", lang)
                parts.append(f'<img src="data:image/png;base64,{data}" alt="{esc(alt)}" '
                             'style="max-width:100%">')  # fmt: skip
                break
    return tag("section", "".join(parts))


def _read(path: Path) -> dict[str, Any] | None:
    if not path.is_file():
        return None
    data = json.loads(path.read_text(encoding="utf-8"))
    return data if isinstance(data, dict) else None


def calibration_page(folder: str | Path, *, lang: str = "en") -> str:
    """The page of a ``calibrate`` and/or ``monitor`` output folder (self-contained HTML).

    Raises
    ------
    ParameterError
        ``lang`` is not ``"en"`` or ``"zh"``, or the folder holds neither file.
    """
    if lang not in _LANG:
        raise ParameterError("lang", "'en' or 'zh'", lang)
    folder = Path(folder)
    cal, mon = _read(folder / CALIBRATION_FILE), _read(folder / MONITORING_FILE)
    if cal is None and mon is None:
        rule = f"a folder of 'collective-econ calibrate' or 'monitor' ({CALIBRATION_FILE})"
        raise ParameterError("DIR", rule, str(folder))
    sections = []
    if cal is not None:
        sections.append(_weights_section(cal, lang))
        if cal.get("fit"):
            sections.append(_fit_section(cal["fit"], lang))
    if mon is not None:
        sections.append(_monitoring_section(mon, folder, lang))
    heading = _t("title", lang)
    name = (cal or mon or {}).get("scenario", "")
    lead = _t("lead", lang, scenario=scenario_name(name, lang))
    return standalone_page(heading, lead, sections, _t("note", lang), lang)


def write_calibration_report(folder: str | Path, *, lang: str = "en") -> Path:
    """Write :func:`calibration_page` to ``folder/report.html`` (whole or not at all)."""
    page = calibration_page(folder, lang=lang)
    return atomic_write(Path(folder) / "report.html", page.encode("utf-8"))
