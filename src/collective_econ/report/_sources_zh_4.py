"""Chinese sources of the assumption register, part 4 of 4 (read through :mod:`._translate`)."""

from __future__ import annotations

__all__ = ["SOURCES_ZH_4"]

SOURCES_ZH_4: dict[str, str] = {
    (
        "estimate: urban-village resettlement housing typically takes 1.5-3 years from "
        "demolition to delivery (economics review L9: 1-2 years of transitional housing)"
    ): ("估计：城中村安置房从拆迁到交付通常需1.5-3年（经济学评审 L9：1-2年过渡安置）"),
    "estimate: vs 2010 wages of 800-1,200 yuan/month (domain-reference.md §6)": (
        "估计：相对于2010年每月800-1,200元的工资（`domain-reference.md` §6）"
    ),
    "estimate: weeding and pruning": "估计：除草和修剪",
    "estimate: year-to-year spread": "估计：年际波动",
    "estimate: year-to-year spread of occupancy": "估计：入住率的年际波动",
    "estimate: years in which loans are granted": "估计：发放贷款的年份",
    "estimate: ~ class II minimum wage 740 yuan/month / 21.75 days = 34 (§6)": (
        "估计：约为二类地区最低工资740元/月 / 21.75天 = 34（§6）"
    ),
    "estimate: ~ minimum wage 740 yuan/month / 21.75 days = 34 (§6)": (
        "估计：约为最低工资740元/月 / 21.75天 = 34（§6）"
    ),
    "estimate: ~3% of 900 job seekers": "估计：900名求职者的约3%",
    "estimate: ~minimum wage (740/800)": "估计：约为最低工资（740/800）",
    "estimate: §4 stylised fact 2 (oversupply; -20% in 2020)": (
        "估计：§4 典型事实2（供过于求；2020年 -20%）"
    ),
    "estimate: 留用地 10-15% in some provinces (review L1); 0 = off (default)": (
        "估计：部分省份的留用地为10-15%（评审 L1）；0 = 关闭（默认）"
    ),
    "mean of the triangular in UNCERTAINTIES (estimate)": (
        "`UNCERTAINTIES` 中三角分布的均值（估计）"
    ),
    "mean of the triangular in UNCERTAINTIES: domain-reference.md §2a": (
        "`UNCERTAINTIES` 中三角分布的均值：`domain-reference.md` §2a"
    ),
    "mean of the triangular in UNCERTAINTIES: domain-reference.md §2a (herd -41% in 2019)": (
        "`UNCERTAINTIES` 中三角分布的均值：`domain-reference.md` §2a（2019年存栏 -41%）"
    ),
    (
        "mean of the triangular in UNCERTAINTIES: domain-reference.md §2a (live price 35-40 yua"
        "n/kg, 2-3x, at the 2019-20 peak)"
    ): (
        "`UNCERTAINTIES` 中三角分布的均值：`domain-reference.md` §2a（2019-20年高峰时生猪价格35"
        "-40元/kg，为2-3倍）"
    ),
    "mean of the triangular in UNCERTAINTIES: domain-reference.md §8": (
        "`UNCERTAINTIES` 中三角分布的均值：`domain-reference.md` §8"
    ),
    "mean of the triangular in UNCERTAINTIES: domain-reference.md §8 (estimate)": (
        "`UNCERTAINTIES` 中三角分布的均值：`domain-reference.md` §8（估计）"
    ),
    "mean of the triangular in UNCERTAINTIES: domain-reference.md §8 2.7-3.0-4.0": (
        "`UNCERTAINTIES` 中三角分布的均值：`domain-reference.md` §8 2.7-3.0-4.0"
    ),
    "mean of the triangular in UNCERTAINTIES: domain-reference.md §8 3-6-10% (estimate)": (
        "`UNCERTAINTIES` 中三角分布的均值：`domain-reference.md` §8 3-6-10%（估计）"
    ),
    (
        "mean of the triangular in UNCERTAINTIES: one ASF-scale shock (2018-19) in decades "
        "(estimate)"
    ): ("`UNCERTAINTIES` 中三角分布的均值：几十年一遇的非洲猪瘟级冲击（2018-19年）（估计）"),
    "model option: False removes all rent from swap floor (simulation and appraisal)": (
        "模型选项：`False` 去掉置换房屋的全部租金（模拟和评估）"
    ),
    "model option: draw births": "模型选项：随机抽取出生",
    "model option: draw deaths": "模型选项：随机抽取死亡",
    "model option: draw out-migration": "模型选项：随机抽取外出迁移",
    "policy lever": "政策杠杆",
    (
        "policy lever: no-raising zones (禁养区) drawn by 2017 under the 2014 Regulation and th"
        "e 2015 Water Pollution Action Plan (month 84 = Jan 2017 from a 2010 start)"
    ): (
        "政策杠杆：依据2014年《畜禽规模养殖污染防治条例》和2015年《水污染防治行动计划》于2017年"
        "前划定禁养区（从2010年起算第84月 = 2017年一月）"
    ),
    (
        "reviews/economics.md T3 and §2.4: 'if the county backs the collectives, as it would' ("
        "a county bank lends to a village collective without land as collateral only against a "
        "county guarantee or its guarantee company); estimate: full backing"
    ): (
        "`reviews/economics.md` T3 和 §2.4：“如果县为集体担保（它会这样做）”（县级银行只有在县"
        "政府或其担保公司担保时才向无土地抵押的村集体放贷）；估计：全额担保"
    ),
    "seed-facts.md": "`seed-facts.md`",
    "seed-facts.md (report of c. 2010)": "`seed-facts.md`（约2010年的报告）",
    (
        "seed-facts.md (the developer as the leader; it pays the 1:1 swap area); 'government' "
        "for the 2011 Regulations' rule (the expropriating department pays)"
    ): (
        "`seed-facts.md`（开发商为主导方；由其支付1:1置换面积）；按2011年《条例》的规定为 `gove"
        "rnment`（由征收部门支付）"
    ),
    "seed-facts.md (农业人口)": "`seed-facts.md`（农业人口）",
    "seed-facts.md §1": "`seed-facts.md` §1",
    "seed-facts.md §2": "`seed-facts.md` §2",
    (
        "seed-facts.md §2-3: the firm account that pays the wages in a simulation; local units "
        "employing public-welfare posts are grouped with the factories"
    ): ("`seed-facts.md` §2-3：模拟中支付工资的企业账户；雇用公益性岗位人员的本地单位归入工厂"),
    "seed-facts.md §3": "`seed-facts.md` §3",
    "seed-facts.md §4": "`seed-facts.md` §4",
    "seed-facts.md §4 (5 mu)": "`seed-facts.md` §4（5亩）",
    "seed-facts.md §4 (群众融资40万元)": "`seed-facts.md` §4（群众融资40万元）",
    "seed-facts.md §4 (闲置的500亩集体荒山)": "`seed-facts.md` §4（闲置的500亩集体荒山）",
    "seed-facts.md §4: 4.0 M (or 4.4 M, ambiguous)": (
        "`seed-facts.md` §4：4.0百万元（或4.4百万元，有歧义）"
    ),
    "seed-facts.md §5": "`seed-facts.md` §5",
    "seed-facts.md §6: 3 rounds (yearly: estimate)": "`seed-facts.md` §6：3轮（每年一轮：估计）",
    "seed-facts.md §6: 500+ in 3 rounds": "`seed-facts.md` §6：3轮共500+",
    "well-known: China 2010 census (NBS); Yunnan's is lower (about 113, estimate)": (
        "常识：中国2010年人口普查（国家统计局）；云南较低（约113，估计）"
    ),
    (
        "well-known: NBS 2010 migrant-worker monitoring survey, average monthly income of "
        "out-migrant rural workers 1,690 yuan"
    ): ("常识：国家统计局2010年农民工监测调查，外出农民工月均收入1,690元"),
    "well-known: basic pension of the 2009 New Rural Pension Scheme (新农保)": (
        "常识：2009年新型农村社会养老保险（新农保）的基础养老金"
    ),
    "well-known: re-employment tax relief, 3 years": "常识：再就业税收减免，3年",
    (
        "well-known: the residents' basic pension rose from 55 (2009) to 143 yuan/month "
        "(2025), about 6.6%/yr nominal, close to wages' 6.9% (domain-reference.md §6); enterpri"
        "se pensions were raised yearly by about 10% (2005-2015) and 5-6% after (State Council "
        "yearly adjustments)"
    ): (
        "常识：城乡居民基础养老金从55（2009年）升至143元/月（2025年），名义年增约6.6%，接近工资"
        "的6.9%（`domain-reference.md` §6）；企业养老金每年上调约10%（2005-2015年），之后为5-6%"
        "（国务院年度调整）"
    ),
    (
        "estimate (confidence low): 1, a community that neither gains nor loses brides on "
        "balance; above 1 for a place that attracts brides (peri-urban villages may), below 1 "
        "for one that loses them; no sourced figure"
    ): (
        "估计（可信度低）：1，即社区的新娘迁入与迁出大体平衡；吸引新娘的地方（城郊村可能如此）"
        "高于1，流失新娘的地方低于1；无有出处的数字"
    ),
    (
        "estimate (confidence low): most first marriages fall between the legal minimum (20 "
        "women, 22 men; Marriage Law 1980 Art. 6) and about 30"
    ): (
        "估计（可信度低）：多数初婚发生在法定最低年龄（女20岁，男22岁；1980年《婚姻法》第6条）"
        "与约30岁之间"
    ),
    (
        "estimate (confidence low): rural men's marriage squeeze; Han and Zhao, 'One-Child "
        "Policy and Marriage Market in China', IZA DP 14415 (2021): more men than women "
        "unmarried at 30; 3-5% of rural men never marry (recalled, not checked)"
    ): (
        "估计（可信度低）：农村男性的婚姻挤压；Han 和 Zhao，《One-Child Policy and Marriage Mar"
        "ket in China》，IZA DP 14415（2021）：30岁未婚的男性多于女性；3-5%的农村男性终身未婚（"
        "凭记忆，未核对）"
    ),
    (
        "estimate (confidence low): village exogamy is the norm in rural China; a peri-urban "
        "community of 25,000 has many marriages inside it; no rate for Caopijie"
    ): (
        "估计（可信度低）：村外婚是中国农村的常态；25,000人的城郊社区内部也有许多婚姻；草皮街没"
        "有相关比率"
    ),
    (
        "estimate (confidence medium): China's women married first at 24.00 on average in the "
        "2010 census (Chen Wei and Ouyang Baihui, 'Trends in Marriage Postponement in China', "
        "Population Research 48(6), 2024, pp. 18-32); rural women marry earlier than the "
        "national mean (same source, urban-town-rural gap): 23.0 for rural Yunnan is an "
        "estimate"
    ): (
        "估计（可信度中）：2010年人口普查中中国女性平均初婚年龄为24.00岁（Chen Wei 和 Ouyang Ba"
        "ihui，《Trends in Marriage Postponement in China》，《人口研究》48(6)，2024，第18-32页"
        "）；农村女性结婚早于全国平均（同一来源，城镇乡差距）：云南农村取23.0为估计值"
    ),
    (
        "estimate (confidence medium): marriage of women is near universal in rural China "
        "(under 1% never married at 40-49 in the 2010 census, recalled)"
    ): (
        "估计（可信度中）：中国农村女性几乎普遍结婚（2010年人口普查中40-49岁从未结婚者不足1%，"
        "凭记忆）"
    ),
    (
        "estimate (confidence medium): the women's mean plus the husband-wife gap of about "
        "2.5-2.7 years (1982 census: 25.49 for men, 22.8 for women; 'An analysis of age at "
        "first marriage of China's population', Population Research 2(4), 1985, pp. 27-35)"
    ): (
        "估计（可信度中）：女性平均值加上约2.5-2.7岁的夫妻年龄差（1982年人口普查：男性25.49岁，"
        "女性22.8岁；《An analysis of age at first marriage of China's population》，《人口研究"
        "》2(4)，1985，第27-35页）"
    ),
    (
        "estimate: no sourced rate of in-migration into collective member households in "
        "peri-urban Yunnan; in-migrants to such villages are mostly tenants, outside the "
        "collective and outside the model's households, and collectives rarely admit new "
        "members once compensation shares are at stake: 0"
    ): (
        "估计：云南城郊集体成员户没有有出处的迁入率；迁入此类村庄的多为租户，不属于集体，也不在"
        "模型的农户之中，而且补偿股份攸关时集体很少接纳新成员：0"
    ),
    "estimate: working-age labour migrants": "估计：劳动年龄的外出务工人员",
    (
        "model option: not available (True is refused: households are the rows of month 0 and "
        "every ledger, scheme and outcome is sized by them)"
    ): (
        "模型选项：不可用（`True` 会被拒绝：农户即第0月的各行，所有账目、项目和结果都按其确定规"
        "模）"
    ),
    (
        "model option: patrilocal marriage moves (women leave their natal household at "
        "marriage, brides enter their husband's; marital fertility)"
    ): ("模型选项：从夫居的婚姻迁移（女性结婚时离开娘家，新娘进入丈夫家；婚内生育）"),
    # the sources rewritten for county readers (no names in the model, no review items)
    (
        "estimate: cultivated land per agricultural resident, the same 0.8 mu "
        "as the land-for-shares scheme's area (1,460.8 mu for 1,826 persons)"
    ): ("估计：每个农业人口的耕地，与土地入股方案的面积相同，每人0.8亩（1,460.8亩，1,826人）"),
    ("well-known: China 2010 census: 105.20 males per 100 females (NBS communique No. 1, 2011)"): (
        "公认：2010年全国人口普查，男女性别比为105.20（每100名女性），见"
        "国家统计局第1号公报（2011年）"
    ),
    (
        "estimate: about a third of the 30 m²/person of old village floor "
        "(land for shares: old floor per person) let to migrants: the case "
        "report stresses 外来人口多 (many outsiders), so old houses earn rent "
        "before they are demolished"
    ): (
        "估计：旧村每人30 m²住房面积（土地入股方案：每人旧房面积）中约三分之一出"
        "租给外来人口：案例报告强调外来人口多，因此旧房在拆除前有租金收入"
    ),
    ("well-known: China 2010 census (NBS); Yunnan's own ratio, lower (about 113), is not used"): (
        "公认：2010年全国人口普查（国家统计局）；云南本省的比值较低（约113），未采用"
    ),
    ("estimate: young adults leave, from the first year of working age (16) to 30"): (
        "估计：青年外出，从劳动年龄的第一年（16岁）到30岁"
    ),
    (
        "model option, always no: a married couple stays in a household of the "
        "start, since every account, scheme and outcome is sized by those "
        "households"
    ): (
        "模型选项，始终为否：已婚夫妇留在起始时的农户中，因为所有账目、项目和结果都按"
        "这些农户确定规模"
    ),
    (
        "well-known: China's published yearly consumer price inflation (NBS "
        "CPI) for 2011-2024, then the inflation rate above"
    ): ("公认：国家统计局公布的2011-2024年各年居民消费价格涨幅，此后按上面的通胀率"),
    (
        "estimate: urban-village resettlement housing typically takes 1.5-3 "
        "years from demolition to delivery, with 1-2 years of transitional "
        "housing (过渡费) in between"
    ): ("估计：城中村安置房从拆除到交付一般需要1.5-3年，其间有1-2年的过渡安置（过渡费）"),
    (
        "model option: switched off, no rent is earned from swap floor "
        "(simulation and appraisal), to show how much rent decides"
    ): (
        "模型选项：关闭时，置换房面积不产生任何租金（模拟和评估均如此），用以显示租金的作用有多大"
    ),
    (
        "estimate: 25,000 residents (seed-facts.md) x 25% tenants (the case "
        "report stresses 外来人口多, many outsiders) x 20 m²/person"
    ): ("估计：25,000名常住人口（`seed-facts.md`）× 25%租户（案例报告强调外来人口多）× 每人20 m²"),
    ("estimate: the collective owns the land fee; provinces have 70-80% passed on"): (
        "估计：土地补偿费归集体所有；各省通常规定将其中70-80%转付给农户"
    ),
    ("estimate: 10-15% kept as 留用地 in some provinces; 0, none, as in the case"): (
        "估计：部分省份留出10-15%作为留用地；本案例为0，即没有"
    ),
    "estimate: 2-4 years to build and sell": ("估计：建设和销售需要2-4年"),
    (
        "policy lever: never by default; no-raising zones (禁养区) were drawn by "
        "2017 under the 2014 Regulation and the 2015 Water Pollution Action "
        "Plan (month 84 = Jan 2017 from a 2010 start, for a scenario that "
        "closes the farms)"
    ): (
        "政策杠杆：默认从不关闭；禁养区于2017年前划定，依据2014年《畜禽规模养"
        "殖污染防治条例》和2015年《水污染防治行动计划》（第84月即2017年元月"
        "，从2010年起算；供关闭养殖场的情景使用）"
    ),
    (
        "estimate: full backing; a county bank lends to a village collective "
        "without land as collateral only against a county guarantee or its "
        "guarantee company, so the county backs the collectives' project loans"
    ): (
        "估计：全额担保；县级银行向没有土地可抵押的村集体贷款，只接受县政府或其担保公"
        "司的担保，因此由县为集体的项目贷款担保"
    ),
    (
        "domain-reference.md §6/§8: county-town factory worker 1,000-1,600 "
        "yuan/month, default 1,200 (estimate)"
    ): ("`domain-reference.md` §6/§8：县城工厂工人每月1,000-1,600元，默认1,200元（估计）"),
    (
        "domain-reference.md §6: a factory place is an ordinary job, not a "
        "subsidised public-welfare post (公益性岗位)"
    ): ("`domain-reference.md` §6：工厂岗位是普通工作，不是有补贴的公益性岗位"),
    (
        "seed-facts.md §2-3: the firm that pays the wages in a simulation (the "
        "brewery, the new factories or the hotel company)"
    ): ("`seed-facts.md` §2-3：模拟中支付工资的企业（啤酒厂、新建工厂或酒店公司）"),
    (
        "estimate: county-town factories hire mostly workers under 40-45; "
        "older landless workers are rarely hired (domain-reference.md §6 "
        "stylised fact 2)"
    ): (
        "估计：县城工厂主要招用40-45岁以下的工人；年龄较大的失地农民很少被录用（"
        "`domain-reference.md` §6 典型事实2）"
    ),
    (
        "domain-reference.md §6/§8: urban service jobs (traffic assistants, "
        "greening, sanitation) 700-1,000 yuan/month, default 800 (estimate)"
    ): (
        "`domain-reference.md` §6/§8：城镇服务岗位（交通协"
        "管、绿化、环卫）每月700-1,000元，默认800元（估计）"
    ),
    (
        "estimate: monthly quits and lay-offs, half the factories' rate: older "
        "workers in subsidised posts seldom leave"
    ): ("估计：每月辞职和解雇的比例，为工厂的一半：有补贴岗位上的年长工人很少离职"),
    (
        "domain-reference.md §6: traffic, greening and sanitation jobs are "
        "usually public-welfare posts (公益性岗位), their wages subsidised"
    ): ("`domain-reference.md` §6：交通协管、绿化和环卫工作通常是公益性岗位，工资有补贴"),
    (
        "seed-facts.md §2-3: the account that pays the wages in a simulation; "
        "the local units employing public-welfare posts are grouped with the "
        "factories"
    ): ("`seed-facts.md` §2-3：模拟中支付工资的账户；使用公益性岗位的本地单位与工厂合并计算"),
    (
        "estimate: public-welfare posts go to the '4050' group, women from 40 "
        "and men from 50, whom factories rarely hire (domain-reference.md §6 "
        "stylised fact 2)"
    ): (
        "估计：公益性岗位面向“4050”人员，即40岁以上的女性和50岁以上的男性，"
        "工厂很少招用他们（`domain-reference.md` §6 典型事实"
        "2）"
    ),
    (
        "estimate: public-welfare posts hire up to the last year of working "
        "age (59); the subsidy runs up to 5 years for those near retirement "
        "(domain-reference.md §6)"
    ): (
        "估计：公益性岗位招用到劳动年龄的最后一年（59岁）；临近退休者补贴最长5年（"
        "`domain-reference.md` §6）"
    ),
    ("estimate: yearly agreements within a subsidy of up to 3 years (domain-reference.md §6)"): (
        "估计：在最长3年的补贴期内逐年签订协议（`domain-reference.md` §6）"
    ),
    (
        "estimate: firms hire anyway, so reserving places mostly displaces "
        "other local workers; HCA Additionality Guide 2014, 'high' "
        "displacement 75%"
    ): (
        "估计：企业本来就要招工，因此预留岗位主要挤占了其他本地工人；《HCA Add"
        "itionality Guide》（2014）中“高”替代率为75%"
    ),
    (
        "the mean of the range (lowest, most likely, highest) varied in the "
        "uncertainty analysis: domain-reference.md §8 2.7-3.0-4.0"
    ): (
        "不确定性分析中变动范围（最低、最可能、最高）的平均值：`domain-ref"
        "erence.md` §8 2.7-3.0-4.0"
    ),
    (
        "the mean of the range (lowest, most likely, highest) varied in the "
        "uncertainty analysis: domain-reference.md §8 3-6-10% (estimate)"
    ): (
        "不确定性分析中变动范围（最低、最可能、最高）的平均值：`domain-ref"
        "erence.md` §8 3-6-10%（估计）"
    ),
    (
        "the mean of the range (lowest, most likely, highest) varied in the "
        "uncertainty analysis: domain-reference.md §2a"
    ): ("不确定性分析中变动范围（最低、最可能、最高）的平均值：`domain-reference.md` §2a"),
    (
        "the mean of the range (lowest, most likely, highest) varied in the "
        "uncertainty analysis: domain-reference.md §8"
    ): ("不确定性分析中变动范围（最低、最可能、最高）的平均值：`domain-reference.md` §8"),
    (
        "the mean of the range (lowest, most likely, highest) varied in the "
        "uncertainty analysis: domain-reference.md §8 (estimate)"
    ): ("不确定性分析中变动范围（最低、最可能、最高）的平均值：`domain-reference.md` §8（估计）"),
    (
        "the mean of the range (lowest, most likely, highest) varied in the "
        "uncertainty analysis (estimate)"
    ): ("不确定性分析中变动范围（最低、最可能、最高）的平均值（估计）"),
    (
        "the mean of the range (lowest, most likely, highest) varied in the "
        "uncertainty analysis: one ASF-scale shock (2018-19) in decades "
        "(estimate)"
    ): (
        "不确定性分析中变动范围（最低、最可能、最高）的平均值：数十年一遇的非洲猪瘟级"
        "冲击（2018-19年）（估计）"
    ),
    (
        "the mean of the range (lowest, most likely, highest) varied in the "
        "uncertainty analysis: domain-reference.md §2a (herd -41% in 2019)"
    ): (
        "不确定性分析中变动范围（最低、最可能、最高）的平均值：`domain-ref"
        "erence.md` §2a（存栏-41%，2019年）"
    ),
    (
        "the mean of the range (lowest, most likely, highest) varied in the "
        "uncertainty analysis: domain-reference.md §2a (live price 35-40 "
        "yuan/kg, 2-3x, at the 2019-20 peak)"
    ): (
        "不确定性分析中变动范围（最低、最可能、最高）的平均值：`domain-ref"
        "erence.md` §2a（活猪价每公斤35-40元，为2-3倍，2019"
        "-20年高峰时）"
    ),
}
"""Chinese for each source string of the register, keyed by the English one."""
