"""Chinese sources of the assumption register, part 5 (read through :mod:`._translate`).

The sources rewritten for the county's readers: no names in the model, no items of the
project's review, one true source for each kind of job.
"""

SOURCES_ZH_5: dict[str, str] = {
    "well-known: Labour Law 1994 Art. 15, no hiring under 16": (
        "常识：1994年《劳动法》第15条，禁止招用未满16周岁者"
    ),
    (
        "well-known: State Council 1978 No. 104, men retire at 60 (the model's working age 16-59)"
    ): "常识：国务院1978年104号文，男性60岁退休（模型的劳动年龄为16-59岁）",
    (
        "well-known: Labour Law of the PRC (1994) Art. 38, at least one day of rest a week, so "
        "at most ~26 working days a month (30.4 - 4.35)"
    ): (
        "常识：《中华人民共和国劳动法》（1994年）第38条，每周至少休息一日，故每月至多约26个工作日"
        "（30.4 - 4.35）"
    ),
    "domain-reference.md §8: the tea yield ramp; §3 stylised fact 1 (estimate)": (
        "`domain-reference.md` §8：茶叶产量爬坡；§3 典型事实1（估计）"
    ),
    (
        "estimate: cultivated land per agricultural resident, the same 0.8 mu "
        "as the land-for-shares scheme's area (1,460.8 mu for 1,826 persons)"
    ): ("估计：每个农业人口的耕地，与土地入股方案的面积相同，每人0.8亩（1,460.8亩，1,826人）"),
    ("well-known: China 2010 census: 105.20 males per 100 females (NBS communique No. 1, 2011)"): (
        "常识：2010年全国人口普查，男女性别比为105.20（每100名女性），见"
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
        "常识：2010年全国人口普查（国家统计局）；云南本省的比值较低（约113），未采用"
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
    ): ("常识：国家统计局公布的2011-2024年各年居民消费价格涨幅，此后按上面的通胀率"),
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
