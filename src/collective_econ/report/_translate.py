"""The report's Chinese for text made outside it: the model's warnings and the register's sources.

:func:`warning_text` reads a sentence of :func:`collective_econ.runs.alerts.warnings_for`
(one pattern a kind of warning, its figures taken from the sentence itself, so the
Chinese shows the same numbers); :func:`source_text` looks a parameter's source up in
the catalogue of translated sources (:mod:`._sources_zh_1` to :mod:`._sources_zh_6`).
The two reference documents cited by their old file names are named and linked to the
list below the register (:func:`._references.cite`); titles stay in 《》. Text with no
Chinese (a warning of a new kind, a source added since) is shown in English, marked
``lang="en"``; ``tests/test_report.py`` fails on it for the default case.

Examples
--------
>>> str(source_text("domain-reference.md §1a: 30-40 (estimate)", "zh"))
'<a href="#src-dr-1a">领域参考资料 §1a</a>：30-40（估计）'
>>> str(source_text("user", "zh")), str(source_text("user", "en"))
('用户设定', 'user')
>>> w = "jobs: 430 places under policy 'full package' exceed the community's 400 landless"
>>> str(warning_text(w + " persons of working age.", "zh"))
'就业与培训：在政策“综合方案”下有430个岗位，超过社区400名劳动年龄的失地人口。'
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from types import MappingProxyType

from ._html import Html, esc, orig, prose
from ._names import plain_names
from ._references import cite
from ._sources_zh_1 import SOURCES_ZH_1
from ._sources_zh_2 import SOURCES_ZH_2
from ._sources_zh_3 import SOURCES_ZH_3
from ._sources_zh_4 import SOURCES_ZH_4
from ._sources_zh_5 import SOURCES_ZH_5
from ._sources_zh_6 import SOURCES_ZH_6
from ._text import policy_name, scenario_name

__all__ = ["SOURCES_ZH", "WARNINGS_ZH", "source_text", "warning_text"]

SOURCES_ZH: Mapping[str, str] = MappingProxyType(
    {
        **SOURCES_ZH_1,
        **SOURCES_ZH_2,
        **SOURCES_ZH_3,
        **SOURCES_ZH_4,
        **SOURCES_ZH_5,
        **SOURCES_ZH_6,
    }
)
"""Chinese of every source string the default case's register shows, keyed by the English."""

_FILES = re.compile(r"(?<!`)\b(domain-reference\.md|seed-facts\.md|docs/sources\.md)\b")
_USER = re.compile(r"user's value \(scenario (?P<name>.+); the Caopijie default is (?P<d>.+)\)")
_FOREIGN = re.compile(
    r"Caopijie's figure, not scaled to this community \((?P<n>\S+) agricultural residents, "
    r"not (?P<case>\S+)\): (?P<source>.+)"
)
_ENGLISH = re.compile(r"[A-Za-z][A-Za-z'_-]*(?:[\s,;:()/.&-]+[A-Za-z][A-Za-z'_-]*){2,}")


def source_text(source: str, lang: str) -> Html:
    """A register source in ``lang``: the catalogue's Chinese, or the English marked as such."""
    if lang == "en":
        return cite(Html(esc(source)), lang)
    if source in SOURCES_ZH:
        return cite(prose(SOURCES_ZH[source]), lang)
    if source == "user":
        return Html("用户设定")
    if found := _USER.fullmatch(source):
        name = found["name"].strip("'\"")
        shown = scenario_name(name, lang)
        named = f"“{shown}”" if shown != name else f"`{name}`"  # a user's name: as code
        return prose(f"用户设定的值（情景{named}；草皮街案例的默认值为 `{found['d']}`）")
    if found := _FOREIGN.fullmatch(source):  # a count of the case's, in another community
        said = source_text(found["source"], lang)
        return Html(
            f"草皮街案例的数字，未按本社区调整（本社区农业人口{esc(found['n'])}人，"
            f"而非{esc(found['case'])}人）：{said}"
        )
    plain = _FILES.sub(r"`\1`", source)
    if not _ENGLISH.search(re.sub(r"`[^`]*`", " ", plain)):  # a citation only: a name
        return cite(prose(plain), lang)
    return cite(orig(source, lang), "en")  # kept in English: the documents' English names


def _who(names: str) -> str:
    """``"policy 'a', 'b'"``'s names in Chinese: ``"政策“甲”、“乙”"``."""
    listed = re.findall(r"'((?:[^']|'(?!, '|$))*)'", names)
    return "政策" + "、".join(f"“{policy_name(n, 'zh')}”" for n in listed)


_Fill = Callable[[Mapping[str, str]], str]

WARNINGS_ZH: tuple[tuple[re.Pattern[str], _Fill], ...] = (
    (
        re.compile(
            r"land_shares: the guaranteed rate \((?P<g>[^)]*)/yr\) is at or above the mean "
            r"dividend rate \((?P<m>[^)]*)/yr\) under policy (?P<who>.+): the floor binds in "
            r"(?P<below>\S+) of years, so changing dividend_rate barely changes what "
            r"households receive\."
        ),
        lambda f: (
            f"`land_shares`：在{_who(f['who'])}下，保底分红率（每年{f['g']}）不低于平均"
            f"分红率（每年{f['m']}）：保底在{f['below']}的年份起作用，因此改变 `dividend_rate` "
            "几乎不改变农户所得。"
        ),
    ),
    (
        re.compile(
            r"land_shares: the profit rate falls below the guaranteed rate \((?P<g>[^)]*)/yr\) "
            r"in (?P<below>\S+) of years under policy (?P<who>.+): the floor binds most years, "
            r"so dividend_rate barely acts\."
        ),
        lambda f: (
            f"`land_shares`：在{_who(f['who'])}下，利润率在{f['below']}的年份低于保底"
            f"分红率（每年{f['g']}）：保底在多数年份起作用，因此 `dividend_rate` 几乎不起作用。"
        ),
    ),
    (
        re.compile(
            r"safety_net: the dibao cap \((?P<c>\S+) of the line\) binds for (?P<capped>\S+) of "
            r"recipients under policy (?P<who>.+): raising line_month barely raises their "
            r"top-ups\."
        ),
        lambda f: (
            f"`safety_net`：在{_who(f['who'])}下，低保补差上限（低保线的{f['c']}）对"
            f"{f['capped']}的受助者起作用：提高 `line_month` 几乎不增加他们的补差。"
        ),
    ),
    (
        re.compile(
            r"(?P<path>\w+\.\w+): moving it from (?P<lo>\S+) to (?P<hi>\S+) \(its 10th to 90th "
            r"percentile\) changes no stakeholder's NPV in the appraisal by more than "
            r"(?P<change>\S+) yuan \((?P<tol>\S+) of the scheme's largest NPV, (?P<scale>\S+)\): "
            r"under these settings the input does not act \(a choice such as the law or a "
            r"switch may leave it unused\), or a floor or cap binds\."
        ),
        lambda f: (
            f"`{f['path']}`：将其从{f['lo']}调到{f['hi']}（第10至第90百分位），评估中"
            f"任何利益相关方的净现值变化都不超过{f['change']}元（该项目最大净现值{f['scale']}的"
            f"{f['tol']}）：在当前设定下该输入不起作用（法律或开关等选择可能使其闲置），或某个"
            "下限或上限在起作用。"
        ),
    ),
    (
        re.compile(
            r"(?P<name>\w+): the households' NPV is positive on average \((?P<mean>[^)]*) "
            r"yuan\) but negative in (?P<p>\S+) of (?P<n>\S+) Monte Carlo samples: the headline "
            r"rests on a few good draws\."
        ),
        lambda f: (
            f"`{f['name']}`：农户的净现值平均为正（{f['mean']}元），但在{f['n']}次蒙特"
            f"卡洛抽样中有{f['p']}为负：这一结论依赖少数有利的抽样。"
        ),
    ),
    (
        re.compile(
            r"'(?P<name>.+)': the landless households' mean income is (?P<gain>\S+) "
            r"yuan/person/yr above '(?P<base>.+)', yet (?P<worse>\S+) of them are worse off\."
        ),
        lambda f: (
            f"“{policy_name(f['name'], 'zh')}”：失地农户的平均收入比"
            f"“{policy_name(f['base'], 'zh')}”高{f['gain']}元/人/年，但其中{f['worse']}的农户"
            "境况变差。"
        ),
    ),
    (
        re.compile(
            r"(?P<path>\w+\.\w+) = (?P<value>\S+) (?P<unit>households|farms) under policy "
            r"(?P<who>.+) exceeds the community's (?P<h>\S+) landless households\."
        ),
        lambda f: (
            f"`{f['path']}` = {f['value']}"
            f"{'户' if f['unit'] == 'households' else '个养殖场'}，在{_who(f['who'])}下超过社区的"
            f"{f['h']}户失地农户。"
        ),
    ),
    (
        re.compile(
            r"(?P<name>\w+)\.shareholders = (?P<value>\S+) under policy (?P<who>.+) exceeds "
            r"the community's (?P<p>\S+) landless persons\."
        ),
        lambda f: (
            f"`{f['name']}.shareholders` = {f['value']}，在{_who(f['who'])}下超过社区的"
            f"{f['p']}名失地人口。"
        ),
    ),
    (
        re.compile(
            r"land_shares\.persons = (?P<value>\S+) under policy (?P<who>.+) differs by more "
            r"than 10% from the community's (?P<p>\S+) landless persons: the appraisal's "
            r"shares are another community's\."
        ),
        lambda f: (
            f"`land_shares.persons` = {f['value']}，在{_who(f['who'])}下与社区的"
            f"{f['p']}名失地人口相差超过10%：评估中的股份属于另一个社区。"
        ),
    ),
    (
        re.compile(
            r"jobs: (?P<places>\S+) places under policy (?P<who>.+) exceed the community's "
            r"(?P<w>\S+) landless persons of working age\."
        ),
        lambda f: (
            f"`jobs`：在{_who(f['who'])}下有{f['places']}个岗位，超过社区{f['w']}名"
            "劳动年龄的失地人口。"
        ),
    ),
)
"""Each kind of warning :func:`~collective_econ.runs.alerts.warnings_for` writes: its
pattern, and the Chinese sentence filled from the pattern's groups."""


def warning_text(warning: str, lang: str) -> Html:
    """A warning in ``lang``: the matching pattern's Chinese, else the English marked."""
    if lang == "en":
        return Html(esc(plain_names(warning, lang)))
    for pattern, fill in WARNINGS_ZH:
        if found := pattern.fullmatch(warning):
            return prose(plain_names(fill(found.groupdict()), lang))
    return orig(plain_names(warning, "en"), lang)
