"""The decision page's words (``decision.html``), English and Chinese: same keys and fields.

Also the appraisal section's notes on whom each scheme's rows count and every account's
gain or loss between two policies (:mod:`.sections`), kept here as ``_text_more`` is full.

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
        "Criterion: {criterion}, judged in each of {futures} on the mean of "
        "{replications} (common random numbers). Satisficing: the share of "
        "futures in which it holds (with its 95% CI, a Wilson interval); regret: the "
        "shortfall against the best policy in each future (with its 95% CI, by bootstrap); "
        "extra public cost: the government's expected net cost (county and higher levels) "
        "minus that under {base}, present value at 8%, with its 95% CI; the total "
        "net public cost is shown last, for reference.",
        "判据：{criterion}，在{futures}个情景中逐一判断，每个情景取{replications}次重复"
        "（共同随机数）的均值。满足率：判据成立的情景所占比例（附95%置信区间，Wilson 区间）；"
        "遗憾值：每个情景中与最优政策的差距（附95%置信区间，自助法）；额外公共成本：政府（县级及"
        "上级）的预期净成本减去{base}下的净成本，按8%折现的现值，附95%置信区间；最后一列"
        "为公共净成本总额，仅供参考。",
    ),
    "d.robust.horizon": (
        "Horizon and runs: every run simulates {years}; {runs} per policy ({futures} x "
        "{replications}).",
        "期限与运行次数：每次运行模拟{years}年；每种政策共{runs}次运行（{futures}个情景 x "
        "{replications}次重复）。",
    ),
    "d.robust.differs": (
        "The main report (collective-econ run) simulates the scenario's own {main} by "
        "default, not {years}: its costs and shares are not these, and a cost over {years} "
        "cannot be set beside one over {main}.",
        "主报告（运行命令）默认模拟情景自身的{main}年，而不是{years}年：其成本和比例"
        "与这里的不同，{years}年的成本不能与{main}年的成本直接比较。",
    ),
    "d.criterion": ("{outcome} {comparison} {value}", "{outcome}{comparison}{value}"),
    "d.cmp.>=": ("at least", "不低于"),
    "d.cmp.>": ("above", "高于"),
    "d.cmp.<=": ("at most", "不高于"),
    "d.cmp.<": ("below", "低于"),
    "d.o.restored_within_5y": (
        "the share of landless households back at their former income within 5 years",
        "5年内恢复原有收入的失地农户比例",
    ),
    "d.o.restored_within_5y_one_year": (
        "the share of landless households at their former income in any one year within 5 years",
        "5年内任一年达到原有收入的失地农户比例",
    ),
    "d.o.poverty_long": ("long-run poverty (years 11 on)", "长期贫困发生率（第11年起）"),
    "d.o.poverty_peak": ("poverty in the worst year", "最困难年份的贫困发生率"),
    "d.o.income_long": (
        "long-run income (years 11 on, yuan/person/year)",
        "长期收入（第11年起，元/人/年）",
    ),
    "d.o.mean_income_total": (
        "mean income over the horizon (yuan/person/year)",
        "整个期间的平均收入（元/人/年）",
    ),
    "d.o.fiscal_cost_npv": (
        "the net public cost, county and higher levels (yuan, present value)",
        "公共净成本，县级及上级（元，现值）",
    ),
    "d.o.npv_households": (
        "the households' net gain (yuan, present value)",
        "农户的净收益（元，现值）",
    ),
    "d.analyst": ("For analysts: {names}.", "供分析人员参考：{names}。"),
    "d.verdict_apart": (
        "{policy} meets the criterion ({criterion}) in {share} of {futures} futures; it is "
        "told apart from every other policy (for each, the {confidence} CI of the difference "
        "in satisficing share or in mean regret excludes 0).",
        "{policy}在{futures}个情景中的{share}满足判据（{criterion}）；它与其他每种政策都可区分"
        "（满足率或平均遗憾值之差的{confidence}置信区间不含0）。",
    ),
    "d.verdict_same": (
        "{policy} meets the criterion ({criterion}) in {share} of {futures} futures; it cannot "
        "be told apart from {others} (the {confidence} CIs of the differences in satisficing "
        "share and in mean regret both contain 0).",
        "{policy}在{futures}个情景中的{share}满足判据（{criterion}）；它与{others}无法区分"
        "（满足率和平均遗憾值之差的{confidence}置信区间均含0）。",
    ),
    "d.col.policy": ("Policy", "政策"),
    "d.col.satisficing": ("Satisficing share", "满足率"),
    "d.col.mean_regret": ("Mean regret", "平均遗憾值"),
    "d.col.max_regret": ("Maximum regret", "最大遗憾值"),
    "d.col.cost": ("Cost to the county", "县级财政成本"),
    "d.col.extra_cost": (
        "Extra public cost (county and higher levels) against {base} (95% CI)",
        "与{base}相比的额外公共成本（县级及上级，95%置信区间）",
    ),
    "d.col.total_cost": (
        "Total net public cost, compensation included (all of it, not against a "
        "baseline; for reference)",
        "公共净成本总额，含征地补偿（全部成本，不与基准相减；仅供参考）",
    ),
    "d.minimax": (
        "{policy} has the smallest maximum regret (minimax).",
        "{policy}的最大遗憾值最小（极小化极大遗憾）。",
    ),
    "d.verdict": ("Verdict:", "结论："),
    "d.o.county_cost_npv": (
        "the net cost to the county's own budget (yuan, present value)",
        "县本级财政净成本（元，现值）",
    ),
    "d.h.county": ("What the county's own budget pays", "县本级财政负担多少"),
    "d.county.intro": (
        "The part of the net public cost that the county's own budget carries, in each of "
        "{futures}: each item of the government's books weighted by the county's share of "
        "it (the share it pays of an outlay, or keeps of a receipt: {shares}); provincial "
        "and central transfers pay the rest. Present value at 8%. Expected: the mean over "
        "the futures and replications (95% CI, by bootstrap); worst and best future: the "
        "highest and lowest mean over one future's replications; regret: how much more the "
        "county pays than under the cheapest policy of that future, the largest over the "
        "futures. A negative cost is a net receipt: the county takes in more than it pays "
        "out (land revenue and the taxes it keeps, less compensation and its other outlays).",
        "在{futures}个情景中，公共净成本中由县本级财政负担的部分：政府账目各项按县级负担比例计算"
        "（支出中县级支付的比例，或收入中县级留存的比例：{shares}）；剩余部分由省级和中央转移支付负担。"
        "按8%折现的现值。预期成本：各情景和各次重复的均值（95%置信区间，自助法）；最差和最好情景："
        "单个情景各次重复均值的最高值和最低值；遗憾值：与该情景中成本最低的政策相比县级多支付的部分，"
        "取各情景中的最大值。成本为负即净收入：县级的收入（土地出让收入和留存的税收）多于其支出"
        "（征地补偿和其他支出）。",
    ),
    "d.county.rest": ("; every other item 100%", "；其余各项100%"),
    "d.county.col.expected": (
        "Expected cost to the county's own budget (95% CI)",
        "县本级财政预期成本（95%置信区间）",
    ),
    "d.county.col.extra": (
        "Extra cost to the county's own budget against {base} (95% CI)",
        "与{base}相比县本级财政的额外成本（95%置信区间）",
    ),
    "d.county.col.worst": ("In its worst future", "最差情景下"),
    "d.county.col.best": ("In its best future", "最好情景下"),
    "d.county.col.max_regret": (
        "Maximum regret (above the cheapest policy of a future)",
        "最大遗憾值（比该情景中成本最低的政策多付）",
    ),
    "d.county.minimax_cost": (
        "{policy} costs the county's own budget least in its worst future ({cost}).",
        "{policy}在其最差情景下县本级财政成本最低（{cost}）。",
    ),
    "d.county.minimax_regret": (
        "{policy} has the smallest maximum regret on that cost: in no future does it cost "
        "the county more than {regret} above the cheapest policy of that future.",
        "{policy}在该成本上的最大遗憾值最小：在任何情景中，县级比该情景中成本最低的政策多付"
        "不超过{regret}。",
    ),
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
    # the main report's "Robust choice" section (report/robust_choice.py)
    "h.robust": (
        "Robust choice: which policy holds up across plausible futures",
        "稳健选择：哪种政策在多种可能情景下都成立",
    ),
    "rc.intro": (
        "From the decision commands whose outputs are in this run's folder: each policy is "
        "judged in many futures, each a different draw of "
        "the uncertain inputs, rather than at the case's own values alone.",
        "以下来自本次运行文件夹中决策命令的输出："
        "每种政策在许多情景下接受检验，每个情景是不确定输入的一次不同取值，而不只是案例自身的取值。",
    ),
    "rc.robust": (
        "Each future judged on the mean of {replications}; {futures}.",
        "共{futures}个情景，每个情景取{replications}次重复的均值来判断。",
    ),
    "rc.robust_horizon": (
        "Each future judged on the mean of {replications}; {futures}, each run simulating "
        "{years} ({runs} per policy).",
        "共{futures}个情景，每个情景取{replications}次重复的均值来判断，每次运行模拟{years}年"
        "（每种政策共{runs}次运行）。",
    ),
    "rc.differs": (
        "These are not the summary's runs: they cover {years} and {runs} per policy, the "
        "summary's {main_years} and {main_runs}, so their costs and shares differ from the "
        "summary's and cannot be compared with them.",
        "这些不是摘要所用的运行：它们覆盖{years}年、每种政策{runs}次运行，而摘要覆盖"
        "{main_years}年、{main_runs}次运行，因此其成本和比例与摘要不同，不能直接比较。",
    ),
    "rc.col.satisficing": (
        "Share of futures meeting the criterion (95% CI)",
        "满足判据的情景比例（95%置信区间）",
    ),
    "rc.fails": ("When it fails: {sentence}", "何时失败：{sentence}"),
    "rc.voi": (
        "Worth measuring first: {input}. Knowing it before choosing is worth {evppi} "
        "({share} of the {evpi} that knowing every uncertain input would be worth).",
        "最值得先测量的是：{input}。在选择之前弄清它，价值为{evppi}"
        "（相当于弄清全部不确定输入的价值{evpi}的{share}）。",
    ),
    "rc.voi_short": (
        "Worth measuring first: {input}. Knowing it before choosing is worth {evppi}.",
        "最值得先测量的是：{input}。在选择之前弄清它，价值为{evppi}。",
    ),
    "rc.voi_none": (
        "Measuring the uncertain inputs first would not change the choice: {best} is the "
        "better choice in every future explored (the value of perfect information is 0).",
        "先测量不确定输入不会改变选择：在所考察的每个情景中，{best}都是更优的选择（完全信息价值为0）。",
    ),
    "rc.voi_next": ("Next: {inputs}.", "其次是：{inputs}。"),
    "rc.optimum": (
        "The best lever setting found: {levers}; {outcome}: {value}; {feasible}.",
        "找到的最佳政策参数设置：{levers}；{outcome}：{value}；{feasible}。",
    ),
    "rc.feasible": ("its constraints are shown to hold", "约束条件经检验成立"),
    "rc.infeasible": (
        "its constraints are not shown to hold (more runs needed)",
        "约束条件未能证实成立（需要更多运行）",
    ),
    "rc.more": ("Details:", "详情："),
    "rc.page": ("the decision page ({where})", "决策页面（{where}）"),
    "rc.page_here": ("the decision page", "决策页面"),
    "d.note": (
        "Figures from a small experiment are indicative only: rerun with more futures "
        "and replications (--futures, --replications) before deciding.",
        "小规模试验的数字仅供参考：决策前请用更多情景和重复次数重新运行"
        "（--futures、--replications）。",
    ),
    # --- the appraisal's stakeholders and every account (sections.py) ----------------------
    "ap.irr_cost": ("{irr} (a cost: receives first)", "{irr}（成本：先收后付）"),
    "ap.receives_first": ("n/a: receives before it pays", "不适用：先收后付"),
    "ap.first_note": (
        "Where a stakeholder receives money before it pays more back (a borrower's profile: "
        "the county taking the pension fund's contributions and paying the pensions later, "
        "say), its IRR is the cost of the money it received, not a return (lower is better), "
        "and a payback does not apply.",
        "若某利益相关方先收到资金、随后偿付更多（借款人的现金流形态，例如县政府先收取养老"
        "基金缴费、后支付养老金），其内部收益率是所收资金的成本而非收益（越低越好），"
        "回收期不适用。",
    ),
    "ap.displaced": (
        "{title}: the row of {who} is what they lose ({lost}, the Monte Carlo mean): the "
        "part of the places the households fill that is not a net new job takes the job of "
        "an outside worker, who loses its wage (without the landless workers' training "
        "uplift) and falls back on casual work, as the households' members leave theirs (the "
        "additionality of each kind of place; the same function books their loss in the "
        "simulation). Beside the households' {gain}, the two together come to {net}.",
        "{title}：{who}一行为他们的损失（{lost}，蒙特卡洛均值）：农户获得的岗位中不属于"
        "新增就业的部分占用了外来务工者的岗位，他们失去该岗位的工资（不含失地劳动者培训带来的"
        "加薪），转而从事零工，正如农户成员放弃了零工（按各类岗位的新增比例；模拟中以同一函数"
        "记录其损失）。与农户的{gain}合计为{net}。",
    ),
    "ap.developer": (
        "{title}: the developer's rows count only what this scheme makes it pay and receive "
        "(present values at the default inputs): the land conveyance fee to the county "
        "({convey}), the flats it gives the households in the house swap ({swap}), their "
        "transitional allowance until delivery ({allowance}) and the "
        "dividends, recovery and redemption of the shares ({paid}), against the share "
        "capital the households put in ({shares}). Its revenue from selling what it builds "
        "on the land, and the value of the houses, are outside the model: its loss here is "
        "the cost of the land and the shares, not the project's profit, and the county's gain "
        "is the conveyance fee less the compensation it pays.",
        "{title}：开发商一行只计入本项目使其支付和收取的资金（默认输入下的现值）：向县政府缴纳的"
        "土地出让金（{convey}）、房屋置换中给农户的住房（{swap}）、交房前的过渡安置费（{allowance}）"
        "以及股份的分红、清偿和赎回"
        "（{paid}），收入为农户投入的股本（{shares}）。开发商出售其在该土地上所建房产的收入"
        "以及房屋的价值不在模型之内：这里的亏损是土地和股份的成本，而非项目的利润；县政府的"
        "收益是出让金减去其支付的补偿。",
    ),
    "ap.not_shown": (
        "Not appraised here: {list}, in none of the policies compared (the command "
        "collective-econ appraise appraises every scheme).",
        "此处未评估：{list}，不属于所比较的任何政策（命令行的单项评估命令评估全部项目）。",
    ),
    "ac.head": ("Every account, against {base}", "各方账户（与{base}相比）"),
    "ac.account": ("account", "账户"),
    "ac.rate": (
        "the bank's own discount rate ({lender} instead of {social})",
        "银行自身的折现率（{lender}而非{social}）",
    ),
    "ac.total": ("total", "合计"),
    "ac.caption": (
        "Each account's gain or loss against {base}, in present value over {first}-{last} "
        "(mean over the runs; the key findings' basis: cash flows plus the shares and loans "
        "held at the horizon, at {social}, the bank at {lender}). Every yuan moves between two "
        "of these accounts, so they add up to zero: the bank's line above the total is what "
        "discounting its flows at its own cost of funds rather than {social} adds to it. The "
        "outside market is everyone outside the community the households and institutions "
        "buy from and sell to (the households' own consumption counts as theirs, not as "
        "the market's).",
        "与{base}相比，{first}–{last}年间各方账户的得失（现值；各次模拟的均值；口径同主要发现："
        "现金流加上期末持有的股份和贷款，按{social}折现，银行按{lender}）。每一元钱都在两个账户"
        "之间流动，因此合计为零：合计上方银行一行是按其自身资金成本而非{social}折现所带来的差额。"
        "外部市场指农户和各机构与之买卖的社区外各方（农户自身消费计为农户所得，不计入市场）。",
    ),
    "ac.developer": (
        "Who pays the developer's {gain} under {policies}: the households, as shareholders. "
        "It takes {shares} of their compensation as share capital and pays back dividends, "
        "recovery and redemption at par worth {paid} at {social} (the land-shares appraisal "
        "at the default inputs: {net} to the developer). The households' own row shows less "
        "of it because, with that money in shares rather than in cash, they spend less on "
        "extra floor area from the builders (net of the rent it earns): that is much of the "
        "outside market's loss.",
        "{policies}下开发商的收益{gain}由谁支付：作为股东的农户。开发商将农户补偿款中的{shares}"
        "作为股本，而以{social}折现，其支付的分红、清偿和按面值赎回仅值{paid}（默认输入下的土地"
        "入股单项评估：开发商得{net}）。农户自身一行显示的损失较小，是因为这笔钱入股而非持有现金，"
        "农户向建筑商购买的额外住房面积减少（扣除其租金收入）：这正是外部市场损失的大部分。",
    ),
}
