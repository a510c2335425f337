"""The report's catalogue, continued: findings, tables, captions, appraisal, register, method.

Read through :func:`collective_econ.report._text.text`; each entry is (English, Chinese)
with the same named fields and the numbers in the same order.
"""

from __future__ import annotations

__all__ = ["ENTRIES", "FIELD_WORDS_ZH", "POLICY_DESCRIPTIONS_ZH"]

ENTRIES: dict[str, tuple[str, str]] = {
    "yes": ("yes", "是"),
    "no": ("no", "否"),
    "n/a": ("n/a", "无"),
    "ap.irr_over": ("over 100%", "100%以上"),
    "ap.fixed": (
        "{mid} (the same in every run: no uncertain input acts on it)",
        "{mid}（每次模拟都相同：没有不确定的输入影响它）",
    ),
    "ap.plan_hogs": (
        "The hog farms' rows value the plan: {farms} farms raising hogs for all {horizon} "
        "years. The simulation does not bear it out: under {policy}, every farm has quit in "
        "{share} of the runs, the last in {year} on average, so these values are those of a "
        "plan the runs do not carry out.",
        "生猪养殖各行按计划估值：{farms}个养殖场在全部{horizon}年中养猪。模拟结果与计划不符："
        "在政策“{policy}”下，{share}的模拟中所有养殖场都已退出，最后一个平均在{year}年退出，"
        "因此这些数值属于一个模拟中并未实现的计划。",
    ),
    "sep": ("; ", "；"),
    "list_sep": (", ", "、"),
    # --- findings ----------------------------------------------------------------------
    "f.ranges_note": (
        "Each figure is the mean over {runs} simulation runs per policy ({how}); brackets as "
        "in the reading guide at the top. A 95% CI of a difference between two policies is "
        "paired run by run (the same households meet the same random events under both). "
        "Incomes are in yuan per person per year at 2010 prices; present values are "
        "discounted at {rate} a year. The households' position counts all their money flows "
        "but their own consumption (which is theirs, not a loss), plus the shares and loans "
        "they hold or owe at the horizon; the firms are the brewery, the factories and the "
        "hotel company.",
        "每个数字都是每种政策{runs}次模拟的均值（{how}）；括号的写法见页首的阅读说明。两种政策"
        "之差的95%置信区间按次配对（同一批农户在两种政策下遇到相同的随机事件）。收入单位为元/人/年，2010年"
        "价格；现值按每年{rate}折现。农户的状况包括其除自身消费以外的全部资金流（消费归农户"
        "所有，不计为损失），以及期末持有或欠付的股份和贷款；企业指啤酒厂、各工厂和酒店公司。",
    ),
    "f.how_samples": (
        "{samples} of the uncertain inputs x {reps}",
        "{samples}组不确定输入抽样 × {reps}次重复模拟",
    ),
    "f.how_reps": (
        "{reps} with different random events",
        "{reps}次随机事件不同的重复模拟",
    ),
    "f.in_short": ("In short", "概要"),
    "f.compared": ("{name} compared with {base}", "{name}与{base}相比"),
    "f.highest": ("highest ", "最高"),
    "f.lowest": ("lowest ", "最低"),
    "f.most": ("most ", "最高"),
    "f.versus": (", against {value} under {base}", "（{base}下为{value}）"),
    "f.sum_restored": (
        "Within 5 years of losing their land, the share of landless households back at their "
        "pre-expropriation income is {most}under {name}: {value}{versus}.",
        "失地后5年内恢复征地前收入的失地农户比例，{name}下{most}：{value}{versus}。",
    ),
    "f.sum_poor": (
        "By {last}, the poverty headcount among landless residents (below {line} "
        "yuan/person/year) is {least}under {name}: {value}{versus}.",
        "到{last}年，失地居民的贫困发生率（低于{line}元/人/年），{name}下{least}：{value}{versus}。",
    ),
    "f.sum_income": (
        "In {last}, landless households earn {most}under {name}: {income} on average{versus}. "
        "Before losing their land they earned {before} on average.",
        "{last}年，失地农户的平均收入{name}下{most}：{income}{versus}。失地前平均为{before}。",
    ),
    "f.follow": (
        "The simulation ends in {last}: households that lose their land last are followed "
        "for {n} year{s} only, and count as back at their former income within 5 years only "
        "if they are by {last}.",
        "模拟在{last}年结束：最后失地的农户只被跟踪{n}年，只有到{last}年前已恢复的才计为5年内"
        "恢复原有收入。",
    ),
    "f.restored": (
        "{value} of landless households regain their pre-expropriation income within 5 years "
        "of losing their land, against {value_b} under {base}.",
        "{name}下{value}的失地农户在失地后5年内恢复征地前收入，{base}下为{value_b}。",
    ),
    "f.poor": (
        "By {last}, the poverty headcount among landless residents is {value} under {name}, "
        "against {value_b} under {base}.",
        "到{last}年，{name}下失地居民的贫困发生率为{value}，{base}下为{value_b}。",
    ),
    "f.hog_poor": (
        "In {year}, the worst year under {name}, {share} of the landless residents who are "
        "poor, about {persons} people, live in a household whose hog farm lost money that "
        "year (its pigs fetched less than the piglets, feed and spent grain cost).",
        "{year}年是{name}下最困难的年份，当年的失地贫困人口中有{share}生活在当年养猪场亏损"
        "（生猪售价抵不上仔猪、饲料和酒糟的成本）的家庭，约{persons}人。",
    ),
    "f.income": (
        "In {last}, landless households earn {income} on average under {name}, against "
        "{income_b} under {base}.",
        "{last}年，{name}下失地农户的平均收入为{income}，{base}下为{income_b}。",
    ),
    "f.winners": (
        "{better} of landless households are better off under {name} than under {base}{ci}, "
        "{m_better} by more than {amount} yuan a person a year ({share} of their former "
        "income); {worse} are worse off, {m_worse} by more than that; comparing each "
        "household's average income over {first}-{last}.",
        "与{base}相比，{name}下有{better}的失地农户收入提高{ci}，其中{m_better}每人每年提高"
        "{amount}元以上（失地前收入的{share}）；{worse}的收入下降，其中{m_worse}下降超过该数"
        "（比较每户{first}–{last}年的平均收入）。",
    ),
    "f.ci": (" (95% CI {lo} to {hi})", "（95%置信区间：{lo}至{hi}）"),
    "f.fiscal_same": (
        "The net cost to the government is the same as under {base} ({pv}).{items}",
        "政府的净成本与{base}下相同（{pv}）。{items}",
    ),
    "f.fiscal_more": (
        "The extra net cost to the government is {money} against {base} ({pv}).{items}",
        "与{base}相比，政府的额外净成本为{money}（{pv}）。{items}",
    ),
    "f.fiscal_less": (
        "The government spends {money} less, net, than under {base} ({pv}).{items}",
        "与{base}相比，政府的净支出减少{money}（{pv}）。{items}",
    ),
    "f.pv": ("present value at {rate}", "按{rate}折现的现值"),
    "f.fiscal_split": (
        " Who pays it: the county's own budget {county}, higher levels {higher} (by the "
        "county's share of each item, in the assumption register).",
        "由谁负担：县本级财政{county}，上级{higher}（按假设清单中县级对各项的负担比例）。",
    ),
    "f.items": (" Its largest items: {list}.", "主要项目：{list}。"),
    "f.item_more": ("more {item} ({money})", "{item}增加（{money}）"),
    "f.item_less": ("less {item} ({money})", "{item}减少（{money}）"),
    "f.item_more_recv": ("more {item} received ({money})", "多收{item}（{money}）"),
    "f.item_less_recv": ("less {item} received ({money})", "少收{item}（{money}）"),
    "f.who": (
        "Who gains and who loses against {base}, in present value over {first}-{last}: "
        "{parts}. Basis: each group's cash flows plus the shares and loans it holds or owes, "
        "valued at the horizon, as one NPV at {rate} a year (the appraisal's basis, "
        "reconciled with it on the validation page); what households spend on their own "
        "consumption counts as theirs, not as a loss.",
        "与{base}相比，{first}–{last}年间各方的得失（现值）：{parts}。口径：各方的现金流加上"
        "期末持有或欠付的股份和贷款的价值，按每年{rate}折现为一个净现值（与单项评估的口径相同，"
        "并在验证页面中核对）；农户用于自身消费的支出仍计为农户所得，不计为损失。",
    ),
    "f.both_hold": (
        "The households' loss here and the share of them better off above can both hold: "
        "that share compares each household's income year by year, while this is the NPV "
        "at {rate} of all the households' money flows, the compensation they put into "
        "shares included.",
        "这里农户受损与上文农户收入提高的比例并不矛盾：后者逐年比较每户的收入，而这里是农户"
        "全部资金流（包括投入入股的补偿款）按{rate}折现的净现值。",
    ),
    "f.gains": ("gains for {list}", "受益：{list}"),
    "f.losses": ("losses for {list}", "受损：{list}"),
    "f.same": ("no change for {list}", "无变化：{list}"),
    "f.sh_gain": ("{who} (+{money})", "{who}（+{money}）"),
    "f.sh_loss": ("{who} ({money})", "{who}（{money}）"),
    "sh.households": ("the households", "失地农户"),
    "sh.collectives": ("the resident groups' collectives", "居民小组集体"),
    "sh.developer": ("the developer", "开发商"),
    "sh.government": ("the government", "政府"),
    "sh.firms": ("the firms", "企业"),
    "sh.bank": ("the bank", "银行"),
    "sh.other_workers": (
        "the outside workers the reserved jobs displace",
        "被预留岗位挤出的其他务工者",
    ),
    "sh.market": (
        "the outside market (buyers, sellers, builders, tenants)",
        "外部市场（买方、卖方、建筑商、租户）",
    ),
    "county.land_conveyance": ("land conveyance revenue", "土地出让收入"),
    "county.compensation": (
        "compensation (land, transitional housing)",
        "征地补偿（土地、过渡安置）",
    ),
    "county.taxes": ("taxes", "税款"),
    "county.household_subsidies": ("subsidies to households (hogs)", "对农户的补贴（生猪）"),
    "county.wage_subsidies": ("public-welfare post wage subsidies", "公益性岗位补贴"),
    "county.interest_subsidies": ("interest subsidies on loans", "贷款贴息"),
    "county.programme_subsidies": (
        "training and other programme subsidies",
        "培训及其他项目补贴",
    ),
    "county.grants": ("capital grants", "资本性补助"),
    "county.dibao": ("dibao", "低保"),
    "county.pensions": ("basic pensions", "基本养老金"),
    "county.land_pension": (
        "the landless farmers' pension insurance",
        "被征地农民养老保障",
    ),
    "county.guarantees": ("guarantees paid on collective debt", "代集体债务支付的担保"),
    "county.loans": ("the enterprise guarantee fund", "创业担保基金"),
    "county.other": ("other flows", "其他收支"),
    "county.claims": ("claims at the horizon", "期末债权"),
    # --- what became of each scheme (status.py) ----------------------------------------------
    "st.h": ("What became of each scheme", "各项目的后续情况"),
    "st.intro": (
        "From the runs: how many hog farms and household businesses were still active each "
        "year, and what the resident groups' collectives still owed on their project loans "
        "(means over the runs; brackets as in the reading guide).",
        "根据各次模拟：每年仍在经营的生猪养殖场和农户经营数量，以及居民小组集体尚欠的项目贷款"
        "（各次模拟的均值；括号的写法见阅读说明）。",
    ),
    "st.policy": ("{name}:", "{name}："),
    "st.in_year": ("{n} in {year}", "{year}年{n}个"),
    "st.at_most": (", at most {n} in {year}", "，最多时{year}年{n}个"),
    "st.hogs": ("Hog farms active: {by_year}. {end}", "仍在经营的生猪养殖场：{by_year}。{end}"),
    "st.hogs_quit": ("The last hog farm quit in {year}", "最后一个养殖场于{year}退出"),
    "st.hogs_none_after": (
        ": from then on the policy works without its hog scheme.",
        "：此后该政策实际上已没有生猪养殖项目。",
    ),
    "st.hogs_some_left": (
        "; in {share} of the runs some farms are still active in {last}.",
        "；{share}的模拟中到{last}年仍有养殖场在经营。",
    ),
    "st.hogs_all_left": (
        "In {last}, {n} farms are still active (some in every run).",
        "到{last}年仍有{n}个养殖场在经营（每次模拟中都有）。",
    ),
    "st.business": (
        "Household businesses: {peak} at most (in {year}); {left} still running in {last}.",
        "农户经营：最多{peak}户（{year}年）；到{last}年仍在经营：{left}。",
    ),
    "st.loans": (
        "The collectives' project loans, borrowed less repaid: {peak} at the peak ({year}); "
        "{left} still owed in {last}.",
        "集体项目贷款（借入减去已偿还）：最高为{peak}（{year}年）；到{last}年仍欠{left}。",
    ),
    "st.loans_rising": (
        "The collectives' project loans, borrowed less repaid, are still rising at the "
        "horizon: {left} owed in {last}.",
        "集体项目贷款（借入减去已偿还）到期末仍在增加：{last}年欠{left}。",
    ),
    "st.guarantee": (
        "The county guarantees {share} of what a collective fails to repay: the {left} "
        "still owed in {last} is a liability of the county that its cost in this report "
        "does not count.",
        "县政府为集体无力偿还的贷款担保{share}：{last}年仍欠的{left}是县政府的或有负债，"
        "本报告中的财政支出未计入。",
    ),
    "s.liability": (
        "Not in the cost above: under {name} the resident groups' collectives still owe "
        "{left} on their project loans in {last}, and the county guarantees {share} of what "
        "they fail to repay, a liability of up to {exposure} that the cost does not count.",
        "上述成本未计入：{name}下，居民小组集体到{last}年仍欠项目贷款{left}，县政府为其无力"
        "偿还部分担保{share}，即最多{exposure}的或有负债，成本中未计入。",
    ),
    "st.quiet": (
        "{names}: no hog farms, household businesses or collective project loans to follow.",
        "{names}：没有需要跟踪的生猪养殖场、农户经营或集体项目贷款。",
    ),
    # --- the detail tables ----------------------------------------------------------------
    "h.glance": ("At a glance", "一览"),
    "g.policy": ("policy", "政策"),
    "g.income": ("income {year}", "{year}年收入"),
    "g.restored": ("back within 5 years", "5年内恢复"),
    "g.poor": ("poor in {year}", "{year}年贫困发生率"),
    "g.gini": ("Gini {year}", "{year}年基尼系数"),
    "g.better": ("better off", "受益比例"),
    "g.extra": (
        "extra public cost (county and higher levels) against {base}",
        "与{base}相比的额外公共成本（县级及上级）",
    ),
    "g.county": (
        "of which the county's own budget",
        "其中县本级财政",
    ),
    "g.nominal": (
        "Incomes in nominal yuan of each year; the poverty line stays {line} yuan/person/year "
        "in 2010 prices (the shares poor are measured in real terms).",
        "收入为各年名义元；贫困线仍为{line}元/人/年，2010年价格（贫困发生率按实际值计算）。",
    ),
    "g.caption": (
        "Means over all runs. Income: landless households' mean income, yuan/person/year at "
        "2010 prices. Back within 5 years: share of households back at their income before "
        "losing their land. Poor: share of landless residents below the poverty line. Better "
        "off: share of households with a higher average income than under {base}, with its "
        "95% CI. Extra cost "
        "to government: its net cost minus that under {base}, present value at {rate}.",
        "各次模拟的均值。收入：失地农户的平均收入，元/人/年，2010年价格。5年内恢复：恢复到失地"
        "前收入的农户比例。贫困发生率：低于贫困线的失地居民比例。受益比例：平均收入高于{base}"
        "下的农户比例，附95%置信区间。政府额外成本：政府净成本减去{base}下的净成本，按{rate}折现的现值。",
    ),
    "h.county": ("What the extra cost consists of", "额外成本的构成"),
    "c.total": ("total", "合计"),
    "c.county": ("of which the county's own budget", "其中县本级财政"),
    "c.higher": ("of which higher levels", "其中上级转移支付"),
    "c.caption": (
        "The extra cost to the government against {base} by item of the county's books, "
        "present value at {rate}: a positive figure costs the government, county and higher "
        "levels together (more spent or less received), a negative one saves it. The last "
        "two columns split the total by the county's own share of each item (the assumption "
        "register, 'who pays').",
        "与{base}相比政府的额外成本，按县级账目分项，按{rate}折现的现值："
        "正数表示政府（县级及上级合计）多支出或少收入，负数表示节省。最后两列按县级对各项的"
        "负担比例（见假设清单“由谁负担”）拆分合计。",
    ),
    "h.sens": ("What drives the results (sensitivity)", "影响结果的因素（敏感性分析）"),
    # sensitivity tables' columns (the statistic's name in the model in the analysts' column)
    "s.col.input": ("Uncertain input", "不确定输入"),
    "s.col.output": ("Output (number)", "输出（序号）"),
    "s.col.base": ("Base value", "基准值"),
    "s.col.low_value": ("Low value", "低值"),
    "s.col.high_value": ("High value", "高值"),
    "s.col.low_output": ("Result at the low value", "低值下的结果"),
    "s.col.high_output": ("Result at the high value", "高值下的结果"),
    "s.col.swing": ("Swing (high minus low result)", "摆幅（高值结果减低值结果）"),
    "s.col.lower": ("Nearest crossing below the base", "基准以下最近的转换点"),
    "s.col.upper": ("Nearest crossing above the base", "基准以上最近的转换点"),
    "s.col.value": ("Switching value (the nearer)", "转换值（较近者）"),
    "s.col.change": ("Change from the base", "相对基准的变化"),
    "s.col.quantile": ("Its place in the input's range (quantile)", "在输入分布中的位置"),
    "s.col.reason": ("Why none was found", "未找到的原因"),
    "s.col.mu": ("Mean effect", "平均效应"),
    "s.col.mu_star": ("Mean absolute effect", "平均绝对效应"),
    "s.col.sigma": ("Spread of the effects", "效应的离散程度"),
    "s.col.S1": ("Share of the variance from this input alone", "该输入单独解释的方差比例"),
    "s.col.S1_low": ("(low end of its CI)", "（置信区间下限）"),
    "s.col.S1_high": ("(high end of its CI)", "（置信区间上限）"),
    "s.col.ST": ("Share of the variance with its interactions", "含交互作用的方差比例"),
    "s.col.ST_low": ("(low end of its CI)", "（置信区间下限）"),
    "s.col.ST_high": ("(high end of its CI)", "（置信区间上限）"),
    # --- figure captions ------------------------------------------------------------------
    "fig.fan.t": ("Income over time", "收入随时间的变化"),
    "fig.fan.c": (
        "Income per person of landless households each year, one colour per policy. The line "
        "is the median person; the dark band holds the middle half of persons, the light band "
        "nine in ten. The dashed line is the median income of the same households before they "
        "lost their land: the level to regain. A line above the dashed line means the typical "
        "household is back; wide bands mean unequal outcomes ({n_runs} pooled).",
        "失地农户每年的人均收入，每种政策一种颜色。实线为中位数；深色带为中间一半的人口，"
        "浅色带为中间九成。虚线为同一批农户失地前的收入中位数，即需要恢复的水平。实线高于虚线"
        "表示典型农户已恢复；带越宽，结果越不均（合并{n_runs}次模拟）。",
    ),
    "fig.dist.t": ("How incomes are spread in {last}", "{last}年收入的分布"),
    "fig.dist.c": (
        "For each income on the horizontal axis, the share of landless residents at or below "
        "it. A curve further to the right is better off. Where a curve crosses the dotted "
        "poverty line ({line} yuan/person/year) is the share of residents in poverty.",
        "横轴上每个收入水平对应收入不高于该水平的失地居民比例。曲线越靠右，收入越高。曲线与"
        "贫困线虚线（{line}元/人/年）的交点即贫困人口的比例。",
    ),
    "fig.lorenz.t": ("Inequality in {last} (Lorenz curves)", "{last}年的收入不平等（洛伦兹曲线）"),
    "fig.lorenz.c": (
        "From the poorest to the richest landless resident (horizontal axis), the share of all "
        "their income held by those counted so far. The diagonal is perfect equality: the "
        "further a curve sags below it, the more unequal the incomes. The legend gives each "
        "policy's Gini coefficient (0: all equal, 1: one person has all).",
        "横轴从最穷到最富排列失地居民，纵轴为已计入者占全部收入的累计比例。对角线为绝对平等："
        "曲线越向下弯，收入越不平等。图例给出每种政策的基尼系数（0：完全平等，1：一人独占）。",
    ),
    "fig.src.t": ("Where income comes from, year by year", "逐年的收入来源"),
    "fig.src.c": (
        "One panel per policy: income per person stacked by source (wages, dividends on land "
        "shares, hog farming, collective payouts, the dibao, ...). Sources that lose money are "
        "stacked below zero. The black line is the net total; the dashed line is the mean "
        "income before the land was lost.",
        "每种政策一幅小图：人均收入按来源堆叠（工资、土地股份分红、生猪养殖、集体分配、低保等）。"
        "亏损的来源堆叠在零线以下。黑线为净收入合计；虚线为失地前的平均收入。",
    ),
    "fig.srcm.t": ("Where income comes from, on average", "平均收入来源"),
    "fig.srcm.c": (
        "One bar per policy: the mean over the whole period of each source of income per "
        "person. The diamond is the net total; the dashed line the mean income before the land "
        "was lost.",
        "每种政策一根柱：整个时期各项人均收入来源的均值。菱形为净收入合计；虚线为失地前的"
        "平均收入。",
    ),
    "fig.pov.t": ("Poverty over time", "贫困状况随时间的变化"),
    "fig.pov.c": (
        "Left: the share of landless residents below {line} yuan/person/year (the national "
        "rural poverty line, 2010 prices). Right: the poverty gap, their average shortfall as "
        "a share of the line (the non-poor count as zero): how deep poverty is, not only how "
        "common. A household's cash income falls below zero in a year its hog farm loses "
        "money (piglets and feed cost more than the pigs fetch: a business loss, not spending); "
        "it counts as poor, and as short by the whole line, no more. Lines are means over the "
        "runs, bands the 5-95% range. Lower is better.",
        "左图：低于{line}元/人/年（国家农村贫困线，2010年价格）的失地居民比例。右图：贫困缺口，"
        "即平均收入缺口占贫困线的比例（非贫困者计为零），反映贫困的深度而不只是广度。养猪场亏损"
        "的年份（仔猪和饲料支出超过生猪售价，属经营亏损而非生活支出），农户的现金收入会低于零；"
        "该户计为贫困，缺口按整条贫困线计，不再更多。线为各次模拟的均值，阴影为5%–95%的范围。"
        "越低越好。",
    ),
    "fig.wl.t": ("Winners and losers", "受益者与受损者"),
    "fig.wl.c": (
        "For each policy against {base}: the share of landless households better off (bar up) "
        "and worse off (hatched bar down), comparing each household's average income per "
        "person over the period under the two policies, with the same random events. Black "
        "whiskers are 95% confidence intervals. The rest are no different.",
        "每种政策与{base}相比：收入提高（向上的柱）和下降（向下的斜线柱）的失地农户比例，比较"
        "每户在两种政策下（随机事件相同）整个时期的人均平均收入。黑色须线为95%置信区间。"
        "其余农户没有差别。",
    ),
    "fig.cash.how_mc": (
        "the median of {n} Monte Carlo samples, with the 5-95% band",
        "{n}次蒙特卡洛抽样的中位数，阴影为5%–95%的范围",
    ),
    "fig.cash.how": ("the expected flows", "期望现金流"),
    "fig.cash.c": (
        "Each stakeholder's cumulative net cash flow, undiscounted ({how}), over {years} "
        "years. Where a line crosses zero upwards the stakeholder has its money back (a dot "
        "marks the payback year). The legend gives NPV, IRR and payback (with samples: the "
        "median, and the range of 5-95% of runs).",
        "各利益相关方的累计净现金流，未折现（{how}），共{years}年。线由下向上穿过零点时，该方"
        "已收回投入（圆点标出回收年份）。图例给出净现值、内部收益率和回收期（有抽样时为中位数"
        "及5%–95%的模拟所在范围）。",
    ),
    # --- the policies ---------------------------------------------------------------------
    "pol.note": (
        "Each row marked 'yes' is a scheme the policy includes; the indented rows below it are "
        "the parameters whose values differ between policies (in bold where they differ from "
        "the first policy that has the scheme). Every other parameter is the same under all "
        "policies: see the assumption register.",
        "标为“是”的行表示该政策包含的项目；其下缩进的行是各政策取值不同的参数（与第一个包含该"
        "项目的政策不同时以粗体显示）。其他参数在所有政策下都相同，见假设清单。",
    ),
    "pol.head": ("scheme / parameter", "项目 / 参数"),
    "pol.dated": ("{scheme}: dated changes", "{scheme}：分时段变化"),
    "pol.stale": (
        " (the words state {stated}, the default of the {path}; under this policy it is {value})",
        "（文字所述的{stated}是{path}的默认值；本政策下该参数为{value}）",
    ),
    "pol.none": ("none", "无"),
    "pol.span_to": ("months {a}-{b}", "第{a}–{b}月"),
    "pol.span_from": ("from month {a}", "自第{a}月起"),
    # --- the appraisal --------------------------------------------------------------------
    "ap.stakeholder": ("stakeholder", "利益相关方"),
    "ap.npv_mc": (
        "NPV at {rate}: Monte Carlo mean (5-95% of runs)",
        "净现值（折现率{rate}）：蒙特卡洛均值（5%–95%的模拟）",
    ),
    "ap.p_loss": ("P(NPV < 0)", "P(净现值 < 0)"),
    "ap.npv_default": ("NPV at default inputs", "默认输入下的净现值"),
    "ap.irr_mc": (
        "IRR of the mean flows (5-95% of runs)",
        "平均现金流的内部收益率（5%–95%的模拟）",
    ),
    "ap.payback_mc": ("payback of the mean flows (years)", "平均现金流的回收期（年）"),
    "ap.npv": (
        "NPV at {rate} at default inputs (expected flows only)",
        "默认输入下的净现值（折现率{rate}，仅期望现金流）",
    ),
    "ap.irr": ("IRR", "内部收益率"),
    "ap.payback": ("payback (years)", "回收期（年）"),
    "ap.never": ("never", "未收回"),
    "ap.no_outlay": ("no outlay", "无投入"),
    "ap.what_mc": (
        "the mean net present value over {n} Monte Carlo samples of the uncertain inputs and "
        "random events, each sample one run of the scheme (NPV: what the stream of money is "
        "worth today), with the range of 5-95% of runs and the probability that it is "
        "negative; the NPV of the expected flows at the default inputs, in bold where its "
        "sign differs from the mean's; the internal rate of return (IRR: the discount rate "
        "at which the NPV is zero; n/a where no rate makes the NPV change sign: flows of one "
        "sign, or flows that change sign but whose NPV keeps one sign at every rate) and the "
        "simple payback (years until the money put in is back; 'never' within the horizon or when "
        "nothing is put in) of the mean flows",
        "不确定输入和随机事件{n}次蒙特卡洛抽样（每次抽样为该项目的一次模拟）的平均净现值"
        "（净现值：未来资金流在今天的价值），及5%–95%的模拟所在范围和为负的概率；"
        "默认输入下期望现金流的净现值（符号与均值不同时以粗体显示）；"
        "平均现金流的内部收益率（使净现值为零的折现率；没有任何折现率能使净现值变号时为“无”："
        "现金流同号，或现金流变号但净现值在任何折现率下都同号）和静态"
        "回收期（收回投入所需年数；期内未收回或无投入时为“未收回”）",
    ),
    "ap.what": (
        "the net present value of the expected flows at the default inputs (NPV: what the "
        "stream of money is worth today; expected flows only, no Monte Carlo samples), the "
        "internal rate of return (IRR: the discount rate at which the NPV is zero; n/a where "
        "no rate makes the NPV change sign: flows of one sign, or flows that change sign but "
        "whose NPV keeps one sign at every rate) and the simple payback (years until the "
        "money put in is back; 'never' within the horizon or when nothing is put in)",
        "默认输入下期望现金流的净现值（净现值：未来资金流在今天的价值；仅期望现金流，无蒙特卡洛"
        "抽样）、内部收益率（使净现值为零的折现率；没有任何折现率能使净现值变号时为“无”："
        "现金流同号，或现金流变号但净现值在任何折现率下都同号）和静态回收期（收回"
        "投入所需年数；期内未收回或无投入时为“未收回”）",
    ),
    "ap.intro": (
        "Each scheme appraised on its own over {years} years, in 2010 yuan, per stakeholder: "
        "{what}. {note} The appraisal of hog farming follows the scheme as planned: every "
        "farm keeps going and repays its loan. The simulation lets farms quit after losing "
        "batches and borrowers default, so where the two differ (the bank's position, most "
        "of all) the findings' figures and 'What became of each scheme' are the ones to read.",
        "每个项目单独评估，期限{years}年，2010年价格，按利益相关方列示：{what}。{note}"
        "生猪养殖的单项评估按计划执行来计算：每个养殖场持续经营并偿还贷款。模拟则允许养殖场在"
        "连续亏损后退出、借款人违约，因此两者不同之处（尤其是银行的收益）应以主要发现和"
        "“各项目的后续情况”为准。",
    ),
    "s.tea_scale": (
        "As simulated, {policy} is smaller than the case's plan: cash and credit carry only "
        "{share} of the planned {area} mu tea garden ({mu} mu), so its figures are those of "
        "a much smaller garden (section 5).",
        "按模拟的{policy}小于案例的计划：现金和贷款只能支撑计划中{area}亩茶园的{share}"
        "（{mu}亩），其结果对应的是一个小得多的茶园（见第5部分）。",
    ),
    "ap.tea_scale": (
        "The appraisal of the tea garden values all {area} mu as planned. At the default "
        "inputs, cash and credit carry only {share} of it ({mu} mu) until it pays its way, "
        "and the simulation plants that share (a little more where the collectives have "
        "cash of their own): its findings for the garden are those of a much smaller one.",
        "茶园的单项评估按计划的全部{area}亩计算。默认输入下，现金和贷款只能支撑其中的{share}"
        "（{mu}亩）直到茶园收支平衡，模拟只种植这一部分（集体自有资金多时略多）："
        "主要发现中的茶园结果对应的是一个小得多的茶园。",
    ),
    "ap.how_mc": (
        "{n} Monte Carlo samples per scheme, seed {seed}",
        "每个项目{n}次蒙特卡洛抽样，随机种子{seed}",
    ),
    "ap.how": ("expected flows", "期望现金流"),
    "ap.computed": (
        "Computed for this report ({how}), with the scenario's scheme parameters.",
        "为本报告计算（{how}），采用情景中的项目参数。",
    ),
    "ap.given": ("As given to the report.", "由调用方提供。"),
    "ap.signs": (
        "Where the value at default inputs and the Monte Carlo mean differ in sign, the mean "
        "is the headline:",
        "默认输入下的值与蒙特卡洛均值符号不同时，以均值为准：",
    ),
    "ap.why": (
        "the value at default inputs is {a}, but the Monte Carlo mean is {b}: the mean over "
        "the uncertain inputs and random events is the expected outcome, the value at default "
        "inputs one point of their range.",
        "默认输入下的值为{a}，而蒙特卡洛均值为{b}：对不确定输入和随机事件取平均的结果才是期望"
        "结果，默认输入下的值只是其范围中的一个点。",
    ),
    "ap.sign": (
        "the value at default inputs is {a}, but the Monte Carlo mean is {b}: {why} ({listed}).",
        "默认输入下的值为{a}，而蒙特卡洛均值为{b}：{why}（{listed}）。",
    ),
    "ap.sign_none": (
        "the value at default inputs is {a}, but the Monte Carlo mean is {b}: the default "
        "inputs are the means of their distributions, so the gap comes from the scheme's "
        "random events and its non-linear response to its inputs.",
        "默认输入下的值为{a}，而蒙特卡洛均值为{b}：默认输入均为其分布的均值，差异来自项目的"
        "随机事件及其对输入的非线性响应。",
    ),
    "ap.sign_input": ("{param}: {d} against a mean of {m}", "{param}为{d}，均值为{m}"),
    "ap.sign_more": ("; and {n} more", "；另有{n}项"),
    "ap.sign_modes": (
        "the default inputs are the modes of right-skewed distributions",
        "默认输入取的是右偏分布的众数",
    ),
    "ap.sign_means": (
        "some default inputs are not the means of their distributions",
        "部分默认输入不是其分布的均值",
    ),
    "ap.sign_item": ("{title}, {who}: {why}", "{title}，{who}：{why}"),
    # --- the register and the case ---------------------------------------------------------
    "reg.intro": (
        "Every figure the model uses, with its unit and source ({n} in all: {tally}). "
        "Confidence: 'seed' figures come from the community's own report (the case report); "
        "'sourced' ones from a cited source; 'well-known' ones are common knowledge; "
        "'estimate' marks the model's own assumptions, the first to question. The documents "
        "the sources cite are listed below the table.",
        "模型使用的每个数字及其单位和来源（共{n}项：{tally}）。可信度：“案例原始数据”来自社区"
        "自己的报告（案例报告）；“有出处”来自所引文献；“常识”为公认知识；“估计”是模型"
        "自身的假设，应首先质疑。来源所引的文献列于表后。",
    ),
    "reg.tally": ("{n} {c}", "{c}{n}项"),
    "reg.community": ("The community", "社区"),
    "reg.livelihood": ("The household economy", "农户经济"),
    "reg.policies": ("Values set by the policies", "政策设定的值"),
    "reg.demography": ("Births, deaths and ageing", "人口变动（出生、死亡与老龄化）"),
    "reg.prices": ("Prices and wages", "价格与工资指数"),
    "reg.discount": (
        "Discount rates (the library's own, used by every present value)",
        "折现率（本库统一使用，所有现值均按此计算）",
    ),
    "reg.funding": (
        "Who pays: the county's own share of each item of the government's books",
        "由谁负担：政府账目各项中县本级财政的负担比例",
    ),
    "reg.parameter": ("parameter", "参数"),
    "reg.value": ("value", "数值"),
    "reg.unit": ("unit", "单位"),
    "reg.source": ("source", "来源"),
    "reg.confidence": ("confidence", "可信度"),
    "reg.lifetable": (
        "a life table of ages 0-{last}: life expectancy at birth {e0} years",
        "0-{last}岁的生命表：出生时预期寿命{e0}岁",
    ),
    "reg.values": ("{n} values, from {lo} to {hi}", "{n}个数值，从{lo}到{hi}"),
    "conf.seed": ("seed", "案例原始数据"),
    "conf.sourced": ("sourced", "有出处"),
    "conf.well-known": ("well-known", "常识"),
    "conf.estimate": ("estimate", "估计"),
    "conf.": ("unrated", "未评级"),
    "case.intro": (
        "The community's report is the source of the 'seed' figures. {n} checks set its "
        "figures against each other and against the scheme models; {odd} do not add up as "
        "written. The model does not repeat such figures: the last column says how it reads "
        "each one.",
        "社区的报告是“案例原始数据”的来源。{n}项核对将其数字相互比较并与各项目模型比较；其中"
        "{odd}项按原文对不上。模型不照搬这些数字：最后一列说明模型如何解读每一项。",
    ),
    "case.topic": ("topic", "主题"),
    "case.says": ("the report says", "报告原文"),
    "case.arithmetic": ("arithmetic", "核算"),
    "case.verdict": ("verdict", "结论"),
    "case.reading": ("reading", "模型的解读"),
    "verdict.consistent": ("consistent", "一致"),
    "verdict.inconsistent": ("inconsistent", "不一致"),
    "verdict.implausible": ("implausible", "不合理"),
    "verdict.ambiguous": ("ambiguous", "有歧义"),
    # --- how it was computed -------------------------------------------------------------
    "m.seed": ("seed {seed}", "随机种子{seed}"),
    "m.noseed": ("seed not recorded", "未记录随机种子"),
    "m.experiment": (
        "Experiment: {seed}; {samples} of the uncertain inputs x {reps} "
        "per policy, {runs} in all, {events} SimPy events; replication r "
        "uses the same random numbers under every policy (common random numbers).",
        "实验：{seed}；每种政策{samples}组不确定输入抽样 × {reps}次重复模拟，共{runs}次模拟，"
        "{events}个 SimPy 事件；同一次重复模拟在各政策下使用相同的随机数（共同随机数）。",
    ),
    "m.horizon": (
        "Horizon: {y0}-{y1} ({n} years), monthly steps; {households} landless households.",
        "模拟期：{y0}–{y1}年（{n}年），按月步进；{households}户失地农户。",
    ),
    "m.inputs": ("Inputs sampled: {list}.", "抽样的输入：{list}。"),
    "m.no_inputs": (
        "none: every input at its value in the scenario (see 'How to read this report')",
        "无：所有输入均采用情景设定值（见“阅读说明”）",
    ),
    "m.appraisal": (
        "Appraisal: {how}, {years} years, each scheme on its own.",
        "单项评估：{how}，{years}年，各项目单独计算。",
    ),
    "m.software": (
        "Software: `collective_econ` {v}, numpy {np}, matplotlib {mpl}, Python {py}.",
        "软件：`collective_econ` {v}，numpy {np}，matplotlib {mpl}，Python {py}。",
    ),
    "m.nodate": (
        "The page carries no date: the same inputs give the same file, byte for byte. When and "
        "where the experiment ran is in its `metadata.json`.",
        "本页不含日期：相同的输入生成逐字节相同的文件。实验的运行时间和地点记录在 "
        "`metadata.json` 中。",
    ),
    "m.zh": ("", "报告正文和图中标签均为中文。"),
}
"""Entries (English, Chinese) by key."""

POLICY_DESCRIPTIONS_ZH: dict[str, str] = {
    "All land compensation paid in cash; the dibao, a national entitlement, as in every "
    "policy.": "全部征地补偿款以现金发放；低保是国家规定的权利，与各方案相同。",
    "Residents invest 80% of their land compensation as shares (the case); the dibao, a "
    "national entitlement, as in every policy.": (
        "居民将80%的征地补偿款入股（案例的做法）；低保是国家规定的权利，与各方案相同。"
    ),
    "80% shares and the Double Hundred hog scheme on brewery spent grain.": (
        "80%补偿款入股，加上利用啤酒厂酒糟的“双百”生猪养殖项目。"
    ),
    "The case's package: shares, hogs, jobs and training, tea, park, hotel and microcredit "
    "(the dibao is in every policy).": (
        "案例的综合方案：入股、生猪养殖、就业与培训、茶园、农业示范园、酒店和创业小额信贷（低保各方案都有）。"
    ),
    "The full package without the tea garden, the park and the hotel.": (
        "不含茶园、农业示范园和酒店的综合方案。"
    ),
}
"""Chinese descriptions of the default policies, keyed by their English description."""

FIELD_WORDS_ZH: dict[str, str] = {
    "share_fraction": "入股比例",
    "rent_on": "计入安置房租金",
    "households": "参与农户数",
    "places": "岗位数",
    "training_rounds": "培训轮数",
    "loan_size": "贷款额度",
    "subsidy_per_head": "每头补贴",
    "persons": "人数",
    "shareholders": "股东人数",
    "regional_land_price_per_mu": "区片综合地价（每亩）",
    # every uncertain input of the schemes (the warnings and the decision page name them)
    "aaov_per_mu": "年均亩产值",
    "dividend_rate": "股份分红率",
    "default_prob": "开发商违约概率",
    "distress_default_prob": "困境下的违约概率",
    "reserve_fraction": "储备金比例",
    "recovery_fraction": "违约后的回收比例",
    "construction_cost_per_m2": "每平方米建造成本",
    "rental_yield": "租金收益率",
    "hog_price": "生猪价格",
    "cycle_years": "猪周期长度",
    "peak_trough_ratio": "猪价峰谷比",
    "piglet_price": "仔猪价格",
    "feed_price": "饲料价格",
    "fcr": "料肉比",
    "mortality": "死亡率",
    "bsg_price": "酒糟价格",
    "outbreak_prob": "疫病暴发概率",
    "asf_prob": "非洲猪瘟发生概率",
    "asf_cull_share": "非洲猪瘟扑杀比例",
    "asf_price_spike": "非洲猪瘟后的猪价涨幅",
    "spring_price": "春茶鲜叶价格",
    "summer_price": "夏秋茶鲜叶价格",
    "mature_yield_kg_per_mu": "成龄茶园亩产",
    "spring_share": "春茶产量占比",
    "establishment_cost_per_mu": "每亩建园成本",
    "daily_wage": "日工资",
    "walnut_price": "核桃价格",
    "ramp_stretch": "投产期延长倍数",
    "walnut_yield_kg_per_mu": "核桃亩产",
    "livestock_net_per_mu": "每亩养殖净收入",
    "adr": "平均房价",
    "occupancy": "入住率",
    "gop_margin": "经营毛利率",
    "construction_months": "建设工期（月）",
    "wage_scale": "工资倍数",
    "baseline_unemployment": "基准失业率",
    "training_hire_uplift": "培训对录用率的提升",
    "training_wage_uplift": "培训对工资的提升",
    "cost_per_trainee": "人均培训成本",
    "hazard_scale": "经营失败风险倍数",
    "profit_scale": "经营利润倍数",
    "default_given_closure": "歇业后的贷款违约比例",
    "tax_rate": "税率",
    "line_month": "低保标准（每月）",
    "take_up": "申领率",
    "income_mean_month": "平均月收入",
    "income_cv": "收入变异系数",
    "contribution_per_person": "人均缴费",
    "pension_month": "每月养老金",
}
"""Chinese words for the parameters a policy most often sets (the policies table shows a
parameter in words, never by its name in the model); others are shown in English words."""
