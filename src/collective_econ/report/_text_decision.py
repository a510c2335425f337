"""The decision page's words (``decision.html``), English and Chinese: same keys and fields.

Merged into the report's catalogue (:data:`~collective_econ.report._text.CATALOGUE`).
"""

from __future__ import annotations

ENTRIES: dict[str, tuple[str, str]] = {
    "d.title": ("Decisions under deep uncertainty", "深度不确定性下的决策"),
    "d.lead": (
        "{scenario}: what the decision commands of collective-econ found.",
        "{scenario}：collective-econ 决策命令的结果。",
    ),
    "d.h.robust": (
        "Robustness: which policy holds up in most futures",
        "稳健性：哪种政策在多数情景下成立",
    ),
    "d.robust.intro": (
        "Criterion: {criterion}, judged in each of {futures} futures on the mean of "
        "{replications} replications (common random numbers). Satisficing: the share of "
        "futures in which it holds ({confidence} Wilson interval); regret: the shortfall "
        "against the best policy in each future ({confidence} bootstrap interval); cost: "
        "the expected net cost to the government, NPV at 8%.",
        "判据：{criterion}，在{futures}个情景中逐一判断，每个情景取{replications}次重复"
        "（共同随机数）的均值。满足率：判据成立的情景所占比例（{confidence} Wilson 区间）；"
        "遗憾值：每个情景中与最优政策的差距（{confidence} 自助法区间）；成本：政府的预期净成本"
        "（8%贴现的净现值）。",
    ),
    "d.col.policy": ("Policy", "政策"),
    "d.col.satisficing": ("Satisficing share", "满足率"),
    "d.col.mean_regret": ("Mean regret", "平均遗憾值"),
    "d.col.max_regret": ("Maximum regret", "最大遗憾值"),
    "d.col.cost": ("Cost to the county", "县级财政成本"),
    "d.minimax": (
        "{policy} has the smallest maximum regret (minimax).",
        "{policy}的最大遗憾值最小（极小化极大遗憾）。",
    ),
    "d.verdict": ("Verdict:", "结论："),
    "d.h.discover": ("Scenario discovery: when does the policy fail?", "情景发现：政策何时失败？"),
    "d.discover.intro": (
        "PRIM on {futures} futures: {cases} of them miss the criterion {criterion}. "
        "The box below holds {coverage} of those futures (coverage), and {density} of the "
        "futures inside it miss the criterion (density); {stability} of bootstrap "
        "resamples find the same box; on held-out futures, coverage {holdout_coverage} "
        "and density {holdout_density}.",
        "对{futures}个情景运用 PRIM 算法：其中{cases}个情景未达到判据{criterion}。"
        "下面的区域包含这些情景的{coverage}（覆盖率），区域内{density}的情景未达到判据（密度）；"
        "{stability}的自助法重抽样得到相同区域；在留出情景上，覆盖率为{holdout_coverage}，"
        "密度为{holdout_density}。",
    ),
    "d.col.input": ("Uncertain input", "不确定输入"),
    "d.col.lower": ("Lower bound", "下限"),
    "d.col.upper": ("Upper bound", "上限"),
    "d.unbounded": ("none", "无"),
    "d.h.voi": (
        "Value of information: what is worth measuring first?",
        "信息价值：最值得先测量什么？",
    ),
    "d.voi.intro": (
        "Choosing between {policies} over {futures} futures, net benefit in {unit}. "
        "With today's knowledge the choice is {best}. Perfect information on every input "
        "would be worth {evpi} (EVPI, standard error {evpi_se}); the table gives the "
        "partial value of each input alone (EVPPI).",
        "在{futures}个情景下比较{policies}，净收益以{unit}计。"
        "按现有认识应选择{best}。所有输入的完全信息价值为{evpi}（EVPI，标准误{evpi_se}）；"
        "下表列出单个输入的部分信息价值（EVPPI）。",
    ),
    "d.col.evppi": ("EVPPI", "EVPPI（部分信息价值）"),
    "d.col.se": ("Standard error", "标准误"),
    "d.col.share": ("Share of the EVPI", "占 EVPI 的比例"),
    "d.unit.yuan": ("yuan", "元"),
    "d.unit.households": ("restored households", "恢复收入的农户数"),
    "d.note": (
        "Figures from a small experiment are indicative only: rerun with more futures "
        "and replications (--futures, --replications) before deciding.",
        "小规模试验的数字仅供参考：决策前请用更多情景和重复次数重新运行"
        "（--futures、--replications）。",
    ),
}
