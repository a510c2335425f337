"""Every word of the report, in English and Chinese: one catalogue, same keys and fields.

:func:`text` fetches an entry and fills its named fields (``"{n} policies"``); both
languages of an entry take the same fields, and the numbers of a sentence appear in the
same order in both, so that the English and the Chinese page show the same numbers in
the same order (``tests/test_report.py`` checks it in a browser). Numbers are formatted
by the helpers here, the same way in both languages: percentages ``"41%"``; amounts of
money rounded once, then written in each language's units (``"12.3 million yuan"``,
``"1,230 万元"``; ``"451,000 yuan"``, ``"45.1 万元"``), so both pages state the same
sum to the same precision.

Examples
--------
>>> text("title", "en", n=3), text("title", "zh", n=3)
("Landless households' incomes under 3 policies", '3种政策下失地农户的收入')
>>> money(12_345_678, "en"), money(12_345_678, "zh"), money(-4_500, "zh")
('12.3 million yuan', '1,230 万元', '-4,500 元')
>>> policy_name("cash only", "zh"), policy_name("my policy", "zh")
('全部现金补偿', 'my policy')
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from types import MappingProxyType

from ..errors import ParameterError
from ..plotting.labels import LANGUAGES, POLICY_NAMES_ZH
from ..schemes import SCHEMES
from ._text_decision import ENTRIES as _DECISION
from ._text_more import ENTRIES as _MORE
from ._text_refs import ENTRIES as _REFS

__all__ = [
    "CATALOGUE",
    "count",
    "join",
    "money",
    "policy_name",
    "scenario_name",
    "scheme_name",
    "text",
    "yes_no",
    "yuan_pp",
]

_E: dict[str, tuple[str, str]] = {
    # --- the page -------------------------------------------------------------------
    "title": ("Landless households' incomes under {n} policies", "{n}种政策下失地农户的收入"),
    "h.summary": ("Summary: the answer on one screen", "摘要：一屏看懂结论"),
    "h.question": ("1. The question", "1. 研究问题"),
    "h.plots": ("2. The plots", "2. 图表"),
    "h.findings": ("3. Key findings", "3. 主要结论"),
    "h.policies": ("4. The policies compared", "4. 所比较的政策"),
    "h.appraisal": ("5. The appraisal of each scheme", "5. 各项目的单独评估"),
    "h.register": ("6. The assumption register", "6. 假设清单"),
    "h.case": ("7. Notes on the case's own figures", "7. 关于案例自身数据的说明"),
    "h.method": ("How this was computed", "计算方法"),
    "contents": ("Contents", "目录"),
    "baseline": ("(baseline)", "（基准）"),
    "show": ("Show", "展开"),
    "details.register": (
        "Show the {n} assumptions with their units and sources",
        "展开全部{n}项假设（含单位与来源）",
    ),
    "details.case": ("Show the {n} checks of the case's figures", "展开对案例数据的{n}项核对"),
    "details.cash": (
        "Show the cumulative cash flows of each of the {n} schemes",
        "展开{n}个项目各自的累计现金流图",
    ),
    "orig_note": (
        "",
        "说明：文件名、文献标题和模型中的名称（代码字体）保留原文，本清单的数字与单位与英文版相同"
        "（正文中的较大金额以万元、亿元表示）。",
    ),
    # --- the summary ------------------------------------------------------------------
    "dt.policy": ("policy", "政策"),
    "dt.restored": ("back at former income within 5 years", "5年内恢复原有收入"),
    "dt.peak": ("worst year: poor (year)", "最困难年份：贫困发生率（年份）"),
    "dt.income": ("long-run income, yuan/person/year", "长期收入（元/人/年）"),
    "dt.poverty": ("long-run poverty", "长期贫困发生率"),
    "dt.cost": (
        "extra public cost (county and higher levels) against {base}",
        "与{base}相比的额外公共成本（县级及上级）",
    ),
    "dt.county_first": (
        "cost to the county's own budget against {base}",
        "与{base}相比县本级财政的额外成本",
    ),
    "dt.caption": (
        "Each cell: the mean over {runs} runs per policy, with its 95% CI. Back at former "
        "income: share of landless households back "
        "at their income before losing their land within 5 years (their 3-year average income "
        "at or above it). Worst year: the highest share of landless residents below the "
        "poverty line ({line} yuan/person/year) in any year of a run, averaged over the runs "
        "(so above the peak of the poverty chart's mean line, as runs peak in different "
        "years), and the year (the most frequent across runs). Long run: the mean over years 11 "
        "to the end of the horizon, 2010 prices. Extra "
        "public cost: the government's net cost minus that under {base} ('less': a saving), "
        "present value at a real discount rate of {rate} a year (China's social discount rate, "
        "NDRC and Ministry of Construction, 2006; 2010 prices); it leaves out "
        "the debts the county guarantees (below the table); all public money counts, the "
        "county's and the transfers from higher levels that "
        "fund much of the dibao and the pensions; the column before gives the county's own "
        "budget's part of it (by each item's county share, 'Who pays it' below the table).",
        "每格为每种政策{runs}次模拟的均值，附95%置信区间。恢复原有收入："
        "失地后5年内收入恢复到失地前水平（3年平均收入不低于失地前）的失地农户比例。最困难年份："
        "每次模拟中任一年低于贫困线（{line}元/人/年）的失地居民比例的最高值，再对各次模拟取平均"
        "（因各次模拟峰值年份不同，高于贫困图均值线的峰值），及其年份（各次模拟中最常见的年份）。长期：第11年至模拟期末的平均值，2010年价格。"
        "额外公共成本：政府净支出减去{base}下的净支出（“少”表示节省），按{rate}实际折现率"
        "（国家发展改革委和建设部2006年发布的社会折现率；2010年价格）折现的现值，不含县政府担保的债务（见表下）；"
        "计入全部公共资金，包括县级资金和上级转移支付（低保和养老金的大部分由上级转移支付"
        "承担）；前一列为其中县级财政自身负担的部分（按各项目的县级分担比例，见表下“由谁负担”）。",
    ),
    "cli.plan": (
        "{name}: {n} policies x {drawn}{reps} (seed {seed}) -> {out}/",
        "{name}：{n}种政策 x {drawn}{reps}（随机种子{seed}）-> {out}/",
    ),
    "cli.drawn": (
        "{samples} samples of {k} uncertain inputs ({design}) x ",
        "{samples}组样本，涵盖{k}个不确定输入（{design}）x ",
    ),
    "cli.drawn_plain": ("{samples} samples x ", "{samples}个样本 x "),
    "cli.reps": ("{reps} replication{s}", "每个样本重复{reps}次"),
    "design.montecarlo": ("random draws", "随机抽样"),
    "design.lhs": ("Latin hypercube design", "拉丁超立方抽样"),
    "design.sobol": ("Sobol sequence", "Sobol序列"),
    "design.factorial": ("every combination", "全因子组合"),
    "design.given": ("the given draws", "给定的样本"),
    "cli.cost_head": (
        "Public cost against '{base}': present value of {first}-{last} at {rate} a year "
        "(2010 prices), million yuan; 95% CI in brackets ('-': a saving).",
        "与{base}相比的公共成本：{first}–{last}年按每年{rate}折现的现值（2010年价格），百万元；"
        "括号内为95%置信区间（负数为节省）。",
    ),
    "cli.cost_county": ("county's own budget", "县本级财政"),
    "cli.cost_total": ("all public (county + higher)", "全部公共资金（县级+上级）"),
    "cli.legend": (
        "Landless households' income per person (mean, {money}); restored = the household's "
        "3-year mean income back at its pre-expropriation level within 5 years; poor = below "
        "{line} yuan/person/yr (2010 prices); better off = share of households better off "
        "than under '{base}' (paired); extra cost = the government's net cost beyond "
        "'{base}', present value at {rate}, in million yuan (M).",
        "失地农户人均收入（均值，{money}）；恢复 = 农户3年平均收入在5年内回到失地前水平；"
        "贫困 = 低于{line}元/人/年（2010年价格）；受益 = 收入高于{base}下的农户比例（配对比较）；"
        "额外成本 = 政府相对{base}的额外净成本，按{rate}折现的现值，单位百万元（M）。",
    ),
    "cli.money_real": ("real {year} yuan", "{year}年实际元"),
    "cli.money_nominal": ("nominal yuan of each year", "各年名义元"),
    "cli.tables_en": (
        "",
        "（以下两张表的表头为英文。）",
    ),
    "cli.decision": (
        "Decision table: mean over the runs ({runs}), 95% CI in brackets below; worst-year "
        "poverty with its most frequent year; years 11+ = year 11 to the end.",
        "决策表：各次模拟（{runs}）的均值，下一行括号内为95%置信区间；最困难年份的贫困发生率及"
        "其最常见年份；years 11+ = 第11年至期末。",
    ),
    "cli.runs": ("{samples} input samples x {reps}", "{samples}个输入样本 x {reps}"),
    "cli.plots": ("(plots drawn from {n})", "（图表取自{n}次模拟）"),
    "dt.no_long": (
        "The long-run columns are empty (n/a): the long run is years 11 to the end, and this "
        "run simulates {years} years only; a horizon of {need} years or more gives them "
        "(the default is 20). The worst year and the 5-year restoration cover the years run.",
        "长期两列为空（无）：长期指第11年至期末，而本次只模拟了{years}年；模拟期为{need}年或以上"
        "（默认20年）时才有这两列。最困难年份和5年内恢复覆盖已模拟的各年。",
    ),
    "ci": ("{mid} (95% CI {lo} to {hi})", "{mid}（95%置信区间：{lo}至{hi}）"),
    "runs_range": ("{mid} (5-95% of runs: {lo} to {hi})", "{mid}（5%–95%的模拟：{lo}至{hi}）"),
    "guide.h": ("How to read this report", "阅读说明"),
    "guide.no_inputs": (
        "What the intervals include: chance only, that is the random events of the "
        "households' lives and businesses over {reps} runs per policy. They leave out the "
        "uncertainty about the inputs: {est} of the {n} figures the model uses are estimates "
        "(see the assumption register), and none of them was varied in this run, so the true "
        "uncertainty is wider than the intervals show. {how}",
        "区间包含的内容：仅为随机性，即每种政策{reps}次模拟中农户生活和经营的随机事件。区间不"
        "包含输入数据的不确定性：模型所用的{n}个数字中有{est}个是估计值（见假设清单），本次运行"
        "没有改变其中任何一个，因此真实的不确定性比区间显示的更大。{how}",
    ),
    "guide.how_listed": (
        "To include it, run again drawing several samples of the {listed} uncertain inputs "
        "the scenario lists.",
        "若要计入，请对情景列出的{listed}个不确定输入抽取多组样本重新运行。",
    ),
    "guide.how_none": (
        "To include it, list the uncertain inputs in the scenario (the scenario lists none) "
        "and run again drawing several samples of them.",
        "若要计入，请在情景中列出不确定输入（本情景未列出任何不确定输入），并抽取多组样本重新运行。",
    ),
    "guide.inputs": (
        "What the intervals include: chance (the random events of the households' lives and "
        "businesses, {reps} per sample of the inputs) and the uncertainty about {k}, each "
        "drawn {samples} times: {list}. The other estimates among the {n} figures the model "
        "uses ({est} are estimates; see the assumption register) are held at their values, "
        "so the true uncertainty is wider still.",
        "区间包含的内容：随机性（每组样本{reps}次模拟中农户生活和经营的随机事件）以及{k}个输入"
        "的不确定性，每个输入抽取{samples}次：{list}。模型所用的{n}个数字中其余的估计值（共{est}"
        "个估计值；见假设清单）保持不变，因此真实的不确定性更大。",
    ),
    "guide.analyst": (
        "For analysts: the uncertain inputs are the scenario file's `[[uncertainties]]`, "
        "their number of draws `[experiment] samples`.",
        "供分析人员参考：不确定输入为情景文件中的 `[[uncertainties]]`，抽样次数为 "
        "`[experiment] samples`。",
    ),
    "guide.brackets": (
        "Brackets, the same everywhere on this page: a mean with its 95% confidence "
        "interval is written '{ci}': with more runs the mean would most likely fall in that "
        "range. The spread of single runs is written '{runs}': nine runs in ten fall in that "
        "range, so it is wider.",
        "本页括号的写法处处相同：均值及其95%置信区间写作“{ci}”：增加模拟次数后，均值很可能"
        "落在此范围内。单次模拟结果的分布写作“{runs}”：十次模拟中有九次落在此范围内，因此"
        "范围更宽。",
    ),
    "dt.peak_cell": ("{share} in {year}", "{share}（{year}年）"),
    "s.long_run": (
        "in the long run (the mean share poor over {lf}-{last}, years 11 to the end)",
        "长期看（{lf}–{last}年，即第11年至期末的平均贫困发生率）",
    ),
    "s.long_run_plain": ("in the long run", "长期看"),
    "s.worst_year": ("in its worst year", "在最困难的年份"),
    "s.tradeoff_base": (
        "The trade-off: {when} no policy leaves fewer landless residents poor than {base} "
        "({pov}); {restore} brings the most households back to their former income within 5 "
        "years ({share}).",
        "取舍：{when}，没有哪种政策下贫困的失地居民比{base}更少（{pov}）；{restore}在5年内使"
        "最多的农户恢复原有收入（{share}）。",
    ),
    "s.tradeoff": (
        "The trade-off: {when} {low} leaves the fewest landless residents poor "
        "({pov}, against {pov_b} under {base}) and costs the public purse (county and "
        "higher levels) {cost} more than {base}; "
        "{restore} brings the most households back to their former income within 5 years "
        "({share}).",
        "取舍：{when}，{low}下贫困的失地居民最少（{pov}，{base}下为{pov_b}），但公共财政"
        "（县级及上级）比{base}多支出{cost}；{restore}在5年内使最多的农户恢复原有收入（{share}）。",
    ),
    "s.tradeoff_unsure": (
        "The trade-off: {when} {low} leaves the fewest landless residents poor "
        "({pov}, against {pov_b} under {base}); its public cost (county and higher levels) "
        "cannot be told apart from {base}'s ({cost} more, 95% CI {cost_lo} to {cost_hi}); "
        "{restore} brings the most households back to their former income within 5 "
        "years ({share}).",
        "取舍：{when}，{low}下贫困的失地居民最少（{pov}，{base}下为{pov_b}）；其公共财政（县级及上级）"
        "支出与{base}相比没有可分辨的差别（多{cost}，95%置信区间{cost_lo}至{cost_hi}）；"
        "{restore}在5年内使最多的农户恢复原有收入（{share}）。",
    ),
    "s.who": (
        "Who gains and who loses under {name}, against {base}, in present value: "
        "{said} (the detail is in the key findings).",
        "{name}下各方的得失（与{base}相比，现值）：{said}（详见主要发现）。",
    ),
    "s.tradeoff_saves": (
        "The trade-off: {when} {low} leaves the fewest landless residents poor "
        "({pov}, against {pov_b} under {base}) and saves the public purse (county and "
        "higher levels) {cost} against {base}; "
        "{restore} brings the most households back to their former income within 5 years "
        "({share}).",
        "取舍：{when}，{low}下贫困的失地居民最少（{pov}，{base}下为{pov_b}），且公共财政"
        "（县级及上级）比{base}节省{cost}；{restore}在5年内使最多的农户恢复原有收入（{share}）。",
    ),
    "s.hardship": (
        "The transition is hardest under {worst}: in {year} {peak} of landless residents are "
        "below the poverty line; under {best} the worst year is {year_b}, with {peak_b}.",
        "过渡期在{worst}下最为困难：{year}年有{peak}的失地居民低于贫困线；{best}下最困难"
        "的年份为{year_b}年，比例为{peak_b}。",
    ),
    "s.rent": (
        "An assumption behind every figure: the rent households earn by letting floor (their "
        "old houses until demolished, then the surplus of their resettlement flats), {share} of "
        "the landless households' income under {base} over the horizon. The rent per square "
        "metre, the vacancy and the floor let are estimates, not measured figures, and the "
        "scenario can turn the flats' rent off.",
        "所有数字背后的假设：农户出租房屋的租金收入（拆迁前出租旧房，之后出租安置房的富余面积），"
        "在{base}下占整个期间失地居民收入的{share}。每平方米租金、空置率和出租面积都是估计值，"
        "不是实测数字，情景也可以不计安置房租金。",
    ),
    "s.rent_off": (
        "An assumption that moves the levels: rent from the resettlement (swap) floor is "
        "turned off in this scenario, so the incomes and poverty above leave it out under "
        "every policy; with the default rent, an estimate, every policy's incomes would be "
        "higher.",
        "影响水平的假设：本情景不计安置（置换）房屋的租金，因此上述收入和贫困在每种政策下都不含"
        "这部分；若按默认租金（估计值）计算，每种政策下的收入都会更高。",
    ),
    "s.pov": (
        "Poverty: {when} {low} leaves the fewest landless residents poor ({pov}, against "
        "{pov_b} under {base}), ahead of every other policy beyond chance (the 95% CI of each "
        "paired difference excludes 0).",
        "贫困：{when}，{low}下贫困的失地居民最少（{pov}，{base}下为{pov_b}），领先其他每种政策"
        "且超出随机波动（每项配对差异的95%置信区间都不包含0）。",
    ),
    "s.pov_ties": (
        "Poverty: {when} the policies with the fewest landless residents poor cannot be told "
        "apart: {low} ({pov}, against {pov_b} under {base}) and {ties} (the 95% CI of each "
        "paired difference includes 0).",
        "贫困：{when}，贫困失地居民最少的几种政策之间没有可分辨的差别：{low}（{pov}，{base}下为"
        "{pov_b}）与{ties}（每项配对差异的95%置信区间都包含0）。",
    ),
    "s.pov_base": (
        "Poverty: {when} no policy leaves fewer landless residents poor than {base} ({pov}).",
        "贫困：{when}，没有哪种政策下贫困的失地居民比{base}更少（{pov}）。",
    ),
    "s.pov_base_ties": (
        "Poverty: {when} no policy leaves fewer landless residents poor than {base} ({pov}), "
        "and {ties} cannot be told apart from it (the 95% CI of the paired difference "
        "includes 0).",
        "贫困：{when}，没有哪种政策下贫困的失地居民比{base}更少（{pov}），{ties}与之没有可分辨的"
        "差别（配对差异的95%置信区间包含0）。",
    ),
    "s.restore": (
        "Back at their former income within 5 years: most households under {restore} ({share}).",
        "5年内恢复原有收入：{restore}下的农户最多（{share}）。",
    ),
    "s.restore_ties": (
        "Back at their former income within 5 years: {restore} ({share}) cannot be told apart "
        "from {ties}.",
        "5年内恢复原有收入：{restore}（{share}）与{ties}没有可分辨的差别。",
    ),
    "s.more": ("{x} more", "多{x}"),
    "s.no_change": ("no change", "无变化"),
    "s.less": ("{x} less", "少{x}"),
    "s.yuan_more": ("{x} yuan more", "多{x}元"),
    "s.yuan_less": ("{x} yuan less", "少{x}元"),
    "s.cost": (
        "Public cost (county and higher levels) of {low} against {base}: {said}, the present "
        "value of {first}-{last} at a real discount rate of {rate} a year (2010 prices): "
        "{per_year} a year spread evenly, or {per_hh} per landless household ({hh} households).",
        "{low}相对{base}的公共成本（县级及上级）：{said}，为{first}–{last}年按{rate}实际折现率"
        "（2010年价格）计算的现值；平均分摊，每年{per_year}，每户失地农户{per_hh}（共{hh}户）。",
    ),
    "s.cost_unsure": (
        "Public cost (county and higher levels) of {low} against {base}: {said}, which cannot "
        "be told apart from no difference; the present value of {first}-{last} at a real "
        "discount rate of {rate} a year (2010 prices): {per_year} a year spread evenly, or "
        "{per_hh} per landless household ({hh} households).",
        "{low}相对{base}的公共成本（县级及上级）：{said}，与零没有可分辨的差别；为{first}–{last}年"
        "按{rate}实际折现率（2010年价格）计算的现值；平均分摊，每年{per_year}，每户失地农户"
        "{per_hh}（共{hh}户）。",
    ),
    "s.cost_short": (
        "Public cost (county and higher levels) of {low} against {base}: {said}, present value "
        "at a real discount rate of {rate} a year (2010 prices).",
        "{low}相对{base}的公共成本（县级及上级）：{said}，按{rate}实际折现率（2010年价格）计算的现值。",
    ),
    "s.cost_unsure_short": (
        "Public cost (county and higher levels) of {low} against {base}: {said}, which cannot "
        "be told apart from no difference; present value at a real discount rate of {rate} a "
        "year (2010 prices).",
        "{low}相对{base}的公共成本（县级及上级）：{said}，与零没有可分辨的差别；按{rate}实际折现率"
        "（2010年价格）计算的现值。",
    ),
    "s.cost_own": (
        "Cost to the county's own budget of {low} against {base}: {county}; to all public "
        "money (county and higher levels together): {said}; the present value of "
        "{first}-{last} at a real discount rate of {rate} a year (2010 prices): {per_year} a "
        "year spread evenly, or {per_hh} per landless household ({hh} households).",
        "{low}相对{base}的县本级财政成本：{county}；全部公共资金（县级及上级合计）：{said}；为"
        "{first}–{last}年按{rate}实际折现率（2010年价格）计算的现值；平均分摊，每年{per_year}，"
        "每户失地农户{per_hh}（共{hh}户）。",
    ),
    "s.cost_own_unsure": (
        "Cost to the county's own budget of {low} against {base}: {county}; to all public "
        "money (county and higher levels together): {said}, which cannot be told apart from "
        "no difference; the present value of {first}-{last} at a real discount rate of "
        "{rate} a year (2010 prices): {per_year} a year spread evenly, or {per_hh} per "
        "landless household ({hh} households).",
        "{low}相对{base}的县本级财政成本：{county}；全部公共资金（县级及上级合计）：{said}，与零"
        "没有可分辨的差别；为{first}–{last}年按{rate}实际折现率（2010年价格）计算的现值；平均分摊，"
        "每年{per_year}，每户失地农户{per_hh}（共{hh}户）。",
    ),
    "s.cost_higher": (
        "The rest falls on higher levels (provincial and central transfers, and the taxes "
        "passed up to them): {higher}; each item of the government's books split by the "
        "county's share of it (the assumption register, 'who pays': for instance {shares}).",
        "其余由上级（省级和中央的转移支付，及上缴的税收）负担：{higher}；政府账目各项按县级负担"
        "比例拆分（见假设清单“由谁负担”，例如{shares}）。",
    ),
    "s.cost_county": (
        "Who pays it: the county's own budget {county}; higher levels (provincial and central "
        "transfers, and the taxes passed up to them) {higher}; each item of the government's "
        "books split by the county's share of it (the assumption register, 'who pays': for "
        "instance {shares}).",
        "由谁负担：县本级财政{county}；上级（省级和中央的转移支付，及上缴的税收）{higher}；"
        "政府账目各项按县级负担比例拆分（见假设清单“由谁负担”，例如{shares}）。",
    ),
    "s.cost_share": ("{item} {share}", "{item}{share}"),
    "s.cost_share_reform": (
        "{item} {before} before {when} and {after} from then",
        "{item}{when}以前{before}、此后{after}",
    ),
    "s.month": ("{month} {year}", "{year}年{month}月"),  # the month: its name, its number
    "s.cost_gross_out": (
        "Before taxes come back: under {low} the government pays out {out} than under {base} "
        "(subsidies, grants, dibao, guarantees and its other outlays, net of what they save); "
        "its taxes and land revenue do not change: a net cost of {net}.",
        "税收回流之前：与{base}相比，{low}下政府的支出{out}（补贴、补助、低保、担保及其他支出合计，"
        "已扣除其节省）；税收和土地收入不变：净成本{net}。",
    ),
    "s.cost_gross": (
        "Before taxes come back: under {low} the government pays out {out} than under {base} "
        "(subsidies, grants, dibao, guarantees and its other outlays, net of what they save) "
        "and takes in {recv} in taxes and land revenue: a net cost of {net}.",
        "税收回流之前：与{base}相比，{low}下政府的支出{out}（补贴、补助、低保、担保及其他支出合计，"
        "已扣除其节省），税收和土地收入{recv}：净成本{net}。",
    ),
    "s.debt": (
        "Not in that cost: the county guarantees {share} of the collectives' project loans, "
        "and under {name} they still owe {left} in {last} (5-95% of runs: {lo} to {hi}): the "
        "county's exposure is {exposure} on average ({exp_hi} or more in 1 run in 20).",
        "上述成本未计入：县政府为集体的项目贷款担保{share}，{name}下集体仍欠{left}"
        "（{last}年；5%–95%的模拟：{lo}至{hi}）：县政府的或有负债平均为{exposure}"
        "（1/20的模拟中达到{exp_hi}或更多）。",
    ),
    "s.debt_rising": (
        "Not in that cost: the county guarantees {share} of the collectives' project loans, "
        "and under {name} they still owe {left} in {last} (5-95% of runs: {lo} to {hi}), a debt "
        "still rising: the county's exposure is {exposure} on average ({exp_hi} or more in 1 "
        "run in 20).",
        "上述成本未计入：县政府为集体的项目贷款担保{share}，{name}下集体仍欠{left}"
        "（{last}年；5%–95%的模拟：{lo}至{hi}），且仍在增加：县政府的或有负债平均为{exposure}"
        "（1/20的模拟中达到{exp_hi}或更多）。",
    ),
    "s.transition_worse": (
        "The transition is harder under {low}: in its worst year {peak} of landless residents "
        "are poor (most often {year}), against {peak_b} under {base} ({year_b}). {defined}",
        "{low}下过渡期更困难：最困难年份有{peak}的失地居民处于贫困（多为{year}年），{base}下为"
        "{peak_b}（{year_b}年）。{defined}",
    ),
    "s.transition_better": (
        "The transition is easier under {low}: in its worst year {peak} of landless residents "
        "are poor (most often {year}), against {peak_b} under {base} ({year_b}). {defined}",
        "{low}下过渡期较为缓和：最困难年份有{peak}的失地居民处于贫困（多为{year}年），{base}下为"
        "{peak_b}（{year_b}年）。{defined}",
    ),
    "s.transition_same": (
        "The transition: in its worst year {peak} of landless residents are poor under {low} "
        "(most often {year}), against {peak_b} under {base} ({year_b}); the two cannot be told "
        "apart. {defined}",
        "过渡期：{low}下最困难年份有{peak}的失地居民处于贫困（多为{year}年），{base}下为{peak_b}"
        "（{year_b}年），两者没有可分辨的差别。{defined}",
    ),
    "s.pov_measures": (
        "Four measures, four questions, so they need not agree: the long run averages the "
        "share poor over {lf}-{last} ({nl} years pooled, so small gaps can be told apart); the "
        "key findings' poverty is {last} alone (one year, noisier: the same gap may not be "
        "told apart); the worst year is the transition's peak, in the first years after the "
        "land is lost; and 'back at former income within 5 years' is about each household's "
        "income against its own past, not the poverty line: a policy can bring most "
        "households back and still have more poor in its worst year.",
        "四个指标回答四个问题，结论不必一致：长期指{lf}–{last}年的平均贫困发生率（合并{nl}年，较小"
        "的差别也能分辨）；主要发现中的贫困发生率只看{last}年（一年，波动更大：同样的差别未必能分辨）；"
        "最困难年份是过渡期的峰值，出现在失地后的头几年；“5年内恢复原有收入”比较的是每户与自身"
        "过去的收入，而不是贫困线：一种政策可以使大多数农户恢复收入，但最困难年份的贫困仍然更多。",
    ),
    "s.pov_measures_short": (
        "Three measures, three questions, so they need not agree: the key findings' poverty "
        "is {last} alone; the worst year is the transition's peak, in the first years after "
        "the land is lost; and 'back at former income within 5 years' is about each "
        "household's income against its own past, not the poverty line: a policy can bring "
        "most households back and still have more poor in its worst year.",
        "三个指标回答三个问题，结论不必一致：主要发现中的贫困发生率只看{last}年；最困难年份是过渡期"
        "的峰值，出现在失地后的头几年；“5年内恢复原有收入”比较的是每户与自身过去的收入，而不是"
        "贫困线：一种政策可以使大多数农户恢复收入，但最困难年份的贫困仍然更多。",
    ),
    "v.differs": (
        "The project's own validation (docs/validation.md) marks {n} on which {this} rests as "
        "'differs': {list}.",
        "本项目自身的验证（docs/validation.md）将{this}所依据的{n}项检验标为“不符”：{list}。",
    ),
    "v.this": ("this", "此结论"),
    "v.this_cost": ("this cost", "此成本"),
    "v.this_dibao": ("the dibao item of this cost", "此成本中的低保一项"),
    "v.this_farms": ("the hog farms' fate", "养殖场的结局"),
    "v.this_restored": (
        "the share back under the policy without schemes",
        "无扶持措施政策下的恢复比例",
    ),
    "v.item": (
        "'{topic}' (the reference: {target}; the model: {model})",
        "“{topic}”（参照：{target}；模型：{model}）",
    ),
    "s.worst_defined": (
        "Worst year: each run's highest yearly share, averaged over the runs (above the peak "
        "of the chart's mean line, as runs peak in different years).",
        "最困难年份：每次模拟中最高的年度比例，再对各次模拟取平均（高于图中均值线的峰值，因为各次模拟"
        "的峰值年份不同）。",
    ),
    "s.hardest": (
        "The transition is hardest under {worst}: {peak} poor in its worst year (most often "
        "{year}).",
        "过渡期在{worst}下最为困难：最困难年份有{peak}处于贫困（多为{year}年）。",
    ),
    "s.hardest_ties": (
        "The hardest transitions: {worst} ({peak} poor in its worst year, most often {year}) "
        "and {ties}, which cannot be told apart from it.",
        "过渡期最困难的政策：{worst}（最困难年份有{peak}处于贫困，多为{year}年）以及与之没有可"
        "分辨差别的{ties}。",
    ),
    "s.driver": (
        "What makes the difference between {low} and {base}: {source}, {d} a person a year on "
        "average over {first}-{last} (all sources together: {tot}).",
        "{low}与{base}的差别主要来自：{source}，平均每人每年{d}（{first}–{last}年；全部来源合计：{tot}）。",
    ),
    "s.displaced": (
        "Against the landless households' gain of {hh} in present value under {low} (against "
        "{base}), the outside workers the reserved jobs displace lose {lost} (the places' "
        "wages less the casual work they fall back on), {share} of that gain: that part is a "
        "transfer between workers, not new income.",
        "{low}下（与{base}相比）失地农户的现值收益为{hh}，而保留岗位挤占的外来务工者损失{lost}"
        "（岗位工资减去他们转而从事的零工收入），相当于该收益的{share}：这部分是劳动者之间的转移，"
        "不是新增收入。",
    ),
    "s.rent_level": (
        "An assumption that moves the levels, not the ranking: the rent households earn by "
        "letting floor (old houses until demolished, then their resettlement flats' surplus), "
        "{r_b} yuan a person a year under {base} and {r_l} under {low} ({share} of income under "
        "{base}). The rent per square metre, the vacancy and the floor let are estimates; "
        "without any rent, households under {low} would still earn {gap} a person a year than "
        "under {base}.",
        "影响水平而非排序的假设：农户出租房屋的租金（拆迁前出租旧房，之后出租安置房的富余面积），"
        "{base}下每人每年{r_b}元，{low}下{r_l}元（占{base}下收入的{share}）。每平方米租金、空置率"
        "和出租面积都是估计值；即使完全没有租金，{low}每人每年仍比{base}{gap}。",
    ),
    "s.rent_decides": (
        "An assumption the ranking depends on: the rent households earn by letting floor (old "
        "houses until demolished, then their resettlement flats' surplus), {r_b} yuan a person "
        "a year under {base} and {r_l} under {low} ({share} of income under {base}); without "
        "any rent, households under {low} would earn {gap} a person a year than under {base}. "
        "The rent per square "
        "metre, the vacancy and the floor let are estimates.",
        "排序取决于这一假设：农户出租房屋的租金（拆迁前出租旧房，之后出租安置房的富余面积），"
        "{base}下每人每年{r_b}元，{low}下{r_l}元（占{base}下收入的{share}）；若完全没有租金，"
        "{low}每人每年比{base}{gap}。每平方米租金、空置率和出租面积都是估计值。",
    ),
    "s.rent_level_one": (
        "An assumption that moves the levels: the rent households earn by letting floor (old "
        "houses until demolished, then their resettlement flats' surplus), {r_b} yuan a person "
        "a year under {base} ({share} of income). The rent per square metre, the vacancy and "
        "the floor let are estimates.",
        "影响水平的假设：农户出租房屋的租金（拆迁前出租旧房，之后出租安置房的富余面积），{base}下"
        "每人每年{r_b}元（占收入的{share}）。每平方米租金、空置率和出租面积都是估计值。",
    ),
    "f.sum_restored_tie": (
        "Within 5 years of losing their land, {value} of landless households are back at their "
        "pre-expropriation income under {name}{versus}; on this measure it cannot be told "
        "apart from {ties} (the 95% CI of the paired difference includes 0).",
        "失地后5年内，{name}下恢复征地前收入的失地农户比例为{value}{versus}；在这一指标上，它与"
        "{ties}没有可分辨的差别（配对差异的95%置信区间包含0）。",
    ),
    "f.sum_poor_tie": (
        "By {last}, {value} of landless residents are below the poverty line ({line} "
        "yuan/person/year) under {name}{versus}; on this measure it cannot be told apart from "
        "{ties} (the 95% CI of the paired difference includes 0).",
        "到{last}年，{name}下失地居民中有{value}低于贫困线（{line}元/人/年）{versus}；在这一"
        "指标上，它与{ties}没有可分辨的差别（配对差异的95%置信区间包含0）。",
    ),
    "f.sum_income_tie": (
        "In {last}, landless households under {name} earn {income} on average{versus}; on this "
        "measure it cannot be told apart from {ties} (the 95% CI of the paired difference "
        "includes 0). Before losing their land they earned {before} on average.",
        "{last}年，{name}下失地农户的平均收入为{income}{versus}；在这一指标上，它与{ties}没有可"
        "分辨的差别（配对差异的95%置信区间包含0）。失地前平均为{before}。",
    ),
    "s.rent_analyst": (
        "For analysts: the switch is `land_shares.rent_on` in the scenario file (`false`: no "
        "rent from the resettlement flats).",
        "供分析人员参考：该开关为情景文件中的 `land_shares.rent_on`（`false`：不计安置房租金）。",
    ),
    "analyst.head": ("name in the scenario file (for analysts)", "情景文件中的名称（供分析人员）"),
    "warnings": ("Warnings the model computed", "模型给出的警示"),
    "summary.chart": ("Poverty over time", "贫困状况随时间的变化"),
    # --- the question -------------------------------------------------------------------
    "q.community": (
        "{name}: a community of {residents} residents, {agri} of them agricultural, in {groups} "
        "resident groups, whose farmland is being taken for urban and industrial growth.",
        "{name}：一个有{residents}名居民的社区，其中农业人口{agri}人，分属{groups}个居民小组，"
        "其耕地正被征用于城镇和工业发展。",
    ),
    "q.ask": (
        "How do the landless households fare, {y0}-{y1}, under {n} policies ({names})? Do "
        "they regain the income they had before losing their land, how many fall into "
        "poverty, who is better or worse off, and what does each policy cost the government, "
        "the developer and the resident groups' collectives?",
        "{y0}–{y1}年间，在{n}种政策（{names}）下，失地农户的境况如何？他们能否恢复失地前的收入，"
        "有多少人陷入贫困，谁受益、谁受损，每种政策给政府、开发商和居民小组集体带来多少成本？",
    ),
    "q.sim": (
        "The simulation follows {households} landless households ({persons} persons) month by "
        "month. Before losing their land they earned {before} yuan/person/year on average "
        "(2010 prices).",
        "模拟逐月跟踪{households}户失地农户（{persons}人）。失地前他们的平均收入为"
        "{before}元/人/年（2010年价格）。",
    ),
    # --- plots ----------------------------------------------------------------------------
    "plots.none": (
        "No plots: the experiment kept no income panels for a replication under every "
        "policy. Run it with `panels='all'` (small experiments) or keep the first "
        "replications' panels.",
        "没有图表：本次实验未保存每种政策下同一次重复模拟的收入面板数据。请以 `panels='all'` "
        "运行（小型实验），或保留前几次重复模拟的面板数据。",
    ),
    "plots.some": (
        "The plots show {n} per policy: the first replications of the first "
        "samples of the uncertain inputs, the same under every policy.",
        "图表显示每种政策的{n}次模拟：不确定输入前几组抽样的前几次重复模拟，各政策相同。",
    ),
    "plots.zh_no_font": (
        "",
        "本机未找到中文字体，图中文字为英文；安装中文字体并重建 matplotlib 字体缓存后即显示中文。",
    ),
}

_E.update(_MORE)  # the findings, tables, captions, appraisal, register and method
_E.update(_DECISION)  # the decision page (decision.html)
_E.update(_REFS)  # the documents the register cites, and the glossary

CATALOGUE: Mapping[str, Mapping[str, str]] = MappingProxyType(
    {lang: MappingProxyType({k: v[i] for k, v in _E.items()}) for i, lang in enumerate(LANGUAGES)}
)
"""The report's text per language: ``CATALOGUE[lang][key]`` (a template with named fields)."""


def text(key: str, lang: str, **fields: object) -> str:
    """The entry ``key`` in ``lang``, its named fields filled.

    Raises
    ------
    ParameterError
        If ``lang`` is not one of the report's languages.
    KeyError
        If there is no entry ``key``.
    """
    if lang not in CATALOGUE:
        raise ParameterError("lang", f"one of {LANGUAGES}", lang)
    return CATALOGUE[lang][key].format(**fields)


def money(yuan: float, lang: str) -> str:
    """Yuan for a reader, rounded once and written in ``lang``'s units.

    The sum is rounded to 0.1 million from a million up, to three significant figures
    from 10,000 up (a simulated sum is not known to the yuan), to the yuan below. English
    writes it in millions from a million up (``"2.3 million yuan"``), else in yuan
    (``"451,000 yuan"``); Chinese in 亿元 from 100 million up, in 万元 from 10,000 up
    (``"230 万元"``, ``"45.1 万元"``), else in 元 (``"740 元"``): the same sum, never
    ``"百万元"`` or ``"451,000 元"``.

    Examples
    --------
    >>> money(2_345_678, "en"), money(451_286, "en"), money(-18_123, "en"), money(740, "en")
    ('2.3 million yuan', '451,000 yuan', '-18,100 yuan', '740 yuan')
    >>> money(2_345_678, "zh"), money(451_286, "zh"), money(-18_123, "zh"), money(740, "zh")
    ('230 万元', '45.1 万元', '-1.81 万元', '740 元')
    >>> money(1_500_000, "zh"), money(123_456_789, "zh"), money(10_000, "zh")
    ('150 万元', '1.235 亿元', '1 万元')
    """
    if not math.isfinite(yuan):
        return "n/a" if lang == "en" else "无"
    if abs(yuan) >= 999_950:
        sum_ = round(yuan, -5)
    elif abs(yuan) >= 10_000:
        sum_ = round(yuan, 2 - math.floor(math.log10(abs(yuan))))
    else:
        sum_ = float(round(yuan))
    if lang == "en":
        if abs(yuan) >= 999_950:
            return f"{sum_ / 1e6:,.1f} million yuan"
        return f"{sum_:,.0f} yuan"
    for scale, unit, digits in ((1e8, "亿元", 3), (1e4, "万元", 2)):
        if abs(sum_) >= scale:
            return f"{_trimmed(sum_ / scale, digits)} {unit}"
    return f"{sum_:,.0f} 元"


def _trimmed(x: float, digits: int) -> str:
    """``x`` with at most ``digits`` decimals and no trailing zeros: ``"45.1"``, ``"150"``."""
    out = f"{x:,.{digits}f}"
    return out.rstrip("0").rstrip(".") if "." in out else out


def count(n: int, word: str, lang: str) -> str:
    """``"1 run"``, ``"20 runs"`` in English; the number alone in Chinese.

    The Chinese sentences carry their own measure words after the number.

    Examples
    --------
    >>> count(1, "replication", "en"), count(2_000, "run", "en"), count(20, "run", "zh")
    ('1 replication', '2,000 runs', '20')
    """
    if lang != "en":
        return f"{n:,}"
    return f"{n:,} {word}" + ("" if n == 1 else "s")


def yuan_pp(yuan: float, lang: str) -> str:
    """Income per person: ``"4,503 yuan/person/year"`` / ``"4,503 元/人/年"``."""
    return f"{yuan:,.0f} " + ("yuan/person/year" if lang == "en" else "元/人/年")


def yes_no(value: bool, lang: str) -> str:
    """``"yes"``/``"no"`` or ``"是"``/``"否"``."""
    return text("yes" if value else "no", lang)


def policy_name(name: str, lang: str) -> str:
    """A policy's name in ``lang``: the Chinese name where one is known, else as given."""
    return POLICY_NAMES_ZH.get(name, name) if lang == "zh" else name


SCENARIO_NAMES_ZH: Mapping[str, str] = MappingProxyType(
    {"Caopijie community, Yun County (c. 2010)": "云县草皮街社区（约2010年）"}
)
"""Chinese names of the embedded scenarios, keyed by their English names."""


def scenario_name(name: str, lang: str) -> str:
    """A scenario's name in ``lang``: the Chinese name where one is known, else as given."""
    return SCENARIO_NAMES_ZH.get(name, name) if lang == "zh" else name


def scheme_name(name: str, lang: str) -> str:
    """A scheme's title in ``lang``, from its registered ``Scheme`` (``label_zh``)."""
    if name not in SCHEMES:
        return name
    scheme = SCHEMES[name]
    return scheme.title if lang == "en" else scheme.title_in("zh")


def join(items: list[str], lang: str) -> str:
    """``"a, b and c"`` / ``"a、b和c"``."""
    if len(items) == 1:
        return items[0]
    if lang == "zh":
        return "、".join(items[:-1]) + "和" + items[-1]
    return ", ".join(items[:-1]) + " and " + items[-1]
