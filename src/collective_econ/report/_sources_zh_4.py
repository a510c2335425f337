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
    "seed-facts.md §4: 4.0 million yuan (or 4.4 million yuan, ambiguous)": (
        "`seed-facts.md` §4：400万元（或440万元，有歧义）"
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
}
"""Chinese for each source string of the register, keyed by the English one."""
