"""Chinese sources of the assumption register, part 1 of 4 (read through :mod:`._translate`)."""

from __future__ import annotations

__all__ = ["SOURCES_ZH_1"]

SOURCES_ZH_1: dict[str, str] = {
    (
        "Beijing 2012 rule: about 12,500 yuan/person urban (line 520/month) and 9,120 rural "
        "(line 380): 24 months of the line (China Daily 2012-02-07)"
    ): (
        "北京2012年规定：城镇约12,500元/人（低保线520元/月），农村9,120元（低保线380元）：即24"
        "个月的低保线（China Daily 2012-02-07）"
    ),
    "CHINA_CPI_INFLATION": "`CHINA_CPI_INFLATION`",
    "China 2010 census: 105.20 males per 100 females (NBS communique No. 1, 2011)": (
        "中国2010年人口普查：每100名女性对应105.20名男性（国家统计局第1号公报，2011年）"
    ),
    (
        "LAL 2019 Art. 48 and the 2011 State Council Regulations on house expropriation Art. "
        "22 (temporary-housing costs paid until the exchange house is delivered, "
        "domain-reference.md §1a); level an estimate: the rent of the demolished floor at the m"
        "odel's new-floor rent (5% x 1,000 yuan/m² / 12 = 4.2), county rules commonly 3-10"
    ): (
        "2019年《土地管理法》第48条和2011年国务院《国有土地上房屋征收与补偿条例》第22条（临时安"
        "置费付至安置房交付，`domain-reference.md` §1a）；标准为估计值：按模型的新房租金计算拆"
        "除面积的租金（5% × 1,000元/m² / 12 = 4.2），各县规定通常为3-10"
    ),
    "Labour Law 1994 Art. 15: no hiring under 16": "1994年《劳动法》第15条：禁止招用未满16周岁者",
    (
        "Labour Law of the PRC (1994) Art. 38: at least one day of rest a week, so at most ~26 "
        "working days a month (30.4 - 4.35)"
    ): (
        "《中华人民共和国劳动法》（1994年）第38条：每周至少休息一日，故每月至多约26个工作日（30"
        ".4 - 4.35）"
    ),
    "NBS CPI 2011-2020 average, well-known": "国家统计局2011-2020年居民消费价格指数平均值，常识",
    "State Council 1978 No. 104: men retire at 60 (the model's working age 16-59)": (
        "国务院1978年104号文：男性60岁退休（模型的劳动年龄为16-59岁）"
    ),
    (
        "State Council 2012 No. 45 opinion on the dibao: eligibility tests income and "
        "property; local rules cap financial assets per person (Beijing 2012, China Daily "
        "2012-02-07)"
    ): (
        "国务院2012年45号关于低保工作的意见：资格审核收入和财产；地方规定限定人均金融资产（北京"
        "2012年，China Daily 2012-02-07）"
    ),
    (
        "MCA 2012 No. 220 (dibao review rules, art. 4; under State Council 2012 No. 45): "
        "household property includes deposits, securities (有价证券) and claims (债权); local "
        "rules count securities and paid-in capital at their value in the monetary-asset "
        "limit (Beijing 2012); no rule found that discounts unlisted or not-yet-redeemable "
        "shares (estimate: at par)"
    ): (
        "民政部2012年220号《最低生活保障审核审批办法（试行）》第4条（依据国务院2012年45号意见）："
        "家庭财产包括存款、有价证券和债权；地方规定将有价证券和出资额按其价值计入货币财产限额（北京"
        "2012年）；未见对非上市或尚不能赎回的股份打折的规定（估计：按面值）"
    ),
    "domain-reference.md §0 S1: ~350 beneficiaries (1,000 yuan each)": (
        "`domain-reference.md` §0 S1：约350名受益人（每人1,000元）"
    ),
    "domain-reference.md §1a, §8: 1,500-3,000 (estimate)": (
        "`domain-reference.md` §1a、§8：1,500-3,000（估计）"
    ),
    "domain-reference.md §1a, §8: 30,000-60,000 (estimate; Hebei 2013 avg 44,000)": (
        "`domain-reference.md` §1a、§8：30,000-60,000（估计；河北2013年平均44,000）"
    ),
    "domain-reference.md §1a: +15 m² at cost (one rule)": (
        "`domain-reference.md` §1a：按成本价增购15 m²（一种规定）"
    ),
    "domain-reference.md §1a: 1:1 floor": "`domain-reference.md` §1a：按1:1面积",
    "domain-reference.md §1a: 30-40 (estimate)": "`domain-reference.md` §1a：30-40（估计）",
    "domain-reference.md §1a: 4-6": "`domain-reference.md` §1a: 4-6",
    "domain-reference.md §1a: 6-10": "`domain-reference.md` §1a: 6-10",
    "domain-reference.md §1a: 800-1,200 (estimate)": (
        "`domain-reference.md` §1a：800-1,200（估计）"
    ),
    "domain-reference.md §1a: <= 15 (province may raise it, total <= 30)": (
        "`domain-reference.md` §1a：≤ 15（省可提高，合计 ≤ 30）"
    ),
    "domain-reference.md §1a: LAL 1998/2004 in force 2009": (
        "`domain-reference.md` §1a：2009年施行的1998/2004年《土地管理法》"
    ),
    "domain-reference.md §1a: principle; amount estimate": (
        "`domain-reference.md` §1a：原则；金额为估计值"
    ),
    "domain-reference.md §1a: set by province; one season's output, 0.5 x AAOV (estimate)": (
        "`domain-reference.md` §1a：由省规定；一季产值，0.5 × 年均产值（估计）"
    ),
    "domain-reference.md §1a: set by province; wells, sheds, trees (estimate)": (
        "`domain-reference.md` §1a：由省规定；水井、棚舍、树木（估计）"
    ),
    (
        "domain-reference.md §1b stylised fact 1: compensation well below land-grant fees (esti"
        "mate)"
    ): ("`domain-reference.md` §1b 典型事实1：补偿远低于土地出让金（估计）"),
    "domain-reference.md §1b stylised fact 2: lump sums spent within a few years": (
        "`domain-reference.md` §1b 典型事实2：一次性补偿款几年内即花完"
    ),
    (
        "domain-reference.md §1b stylised fact 4 (dividend cuts, dilution); estimate: cut (pay "
        "what the project has) as the default"
    ): (
        "`domain-reference.md` §1b 典型事实4（削减分红、股权稀释）；估计：默认削减（项目有多少"
        "付多少）"
    ),
    "domain-reference.md §1b: 3-10%/yr, the low end while the project has cash (estimate)": (
        "`domain-reference.md` §1b：每年3-10%，项目有现金时取低端（估计）"
    ),
    "domain-reference.md §1b: 4-6% (est.)": "`domain-reference.md` §1b：4-6%（估计）",
    "domain-reference.md §1b: 6-10%, typical 8% (estimate)": (
        "`domain-reference.md` §1b：6-10%，典型为8%（估计）"
    ),
    "domain-reference.md §1b: LSCs' bonus 0-50% of surplus, stylised fact 4 (estimate)": (
        "`domain-reference.md` §1b：土地股份合作社按盈余的0-50%分红，典型事实4（估计）"
    ),
    (
        "domain-reference.md §1b: 保底分红 6-10%, the low end: below the mean rate (estimate); "
        "0 = none"
    ): ("`domain-reference.md` §1b：保底分红6-10%，取低端：低于平均分红率（估计）；0 = 无"),
    "domain-reference.md §2a (3-4)": "`domain-reference.md` §2a（3-4）",
    "domain-reference.md §2a (estimate)": "`domain-reference.md` §2a（估计）",
    "domain-reference.md §2a (pre-ASF)": "`domain-reference.md` §2a（非洲猪瘟之前）",
    "domain-reference.md §2a: 2019-20 high prices (estimate)": (
        "`domain-reference.md` §2a：2019-20年的高价（估计）"
    ),
    "domain-reference.md §2b": "`domain-reference.md` §2b",
    "domain-reference.md §3 (sourced)": "`domain-reference.md` §3（有出处）",
    "domain-reference.md §3, §8 (estimate)": "`domain-reference.md` §3、§8（估计）",
    "domain-reference.md §3, §8: 3,000-6,000 in 2010 (estimate)": (
        "`domain-reference.md` §3、§8：2010年3,000-6,000（估计）"
    ),
    "domain-reference.md §3, §8: 300-500": "`domain-reference.md` §3、§8：300-500",
    "domain-reference.md §3: 500-1,000 before bearing (estimate)": (
        "`domain-reference.md` §3：投产前500-1,000（估计）"
    ),
    "domain-reference.md §3: ~1/3": "`domain-reference.md` §3：约1/3",
    (
        "domain-reference.md §4 default path: ~100 yuan/mu in years 1-3, 300-500 in 4-7, full f"
        "rom 8 (of 1,200) (estimate)"
    ): (
        "`domain-reference.md` §4 默认路径：第1-3年约100元/亩，第4-7年300-500，第8年起全额（1,2"
        "00）（估计）"
    ),
    "domain-reference.md §4: 1,500-3,000 (estimate)": (
        "`domain-reference.md` §4：1,500-3,000（估计）"
    ),
    "domain-reference.md §4: 100-300 net (estimate)": (
        "`domain-reference.md` §4：净100-300（估计）"
    ),
    "domain-reference.md §4: 25-35 (2010-12 peak, estimate), 13.5 (2020)": (
        "`domain-reference.md` §4：25-35（2010-12年高峰，估计），13.5（2020年）"
    ),
    "domain-reference.md §4: grafted walnut economic yield in years 7-10 (estimate)": (
        "`domain-reference.md` §4：嫁接核桃第7-10年的经济产量（估计）"
    ),
    "domain-reference.md §5a": "`domain-reference.md` §5a",
    (
        "domain-reference.md §5a: 1-yr benchmark 5.31% (23 Dec 2008) x 1.3, a rural credit coop"
        "erative's float (ceiling 2.3x; the multiple is an estimate)"
    ): (
        "`domain-reference.md` §5a：1年期基准利率5.31%（2008年十二月23日）× 1.3，农村信用社的上"
        "浮（上限2.3倍；倍数为估计值）"
    ),
    "domain-reference.md §5a: 1-yr benchmark 5.31% x 1.3, an RCC float (ceiling 2.3x)": (
        "`domain-reference.md` §5a：1年期基准利率5.31% × 1.3，农信社的上浮（上限2.3倍）"
    ),
    "domain-reference.md §5a: 1-yr deposit rate, 23 Dec 2008": (
        "`domain-reference.md` §5a：1年期存款利率，2008年十二月23日"
    ),
    "domain-reference.md §5a: PBoC 1-3 yr loan rate 5.40%, 23 Dec 2008": (
        "`domain-reference.md` §5a：人民银行1-3年期贷款利率5.40%，2008年十二月23日"
    ),
    "domain-reference.md §5a: PBoC >5-yr loan rate, 23 Dec 2008": (
        "`domain-reference.md` §5a：人民银行5年以上贷款利率，2008年十二月23日"
    ),
    (
        "domain-reference.md §5a: PBoC benchmark lending rate over 5 years, 5.94% from 23 Dec 2"
        "008 (sourced); rural credit cooperatives may charge more (§5a)"
    ): (
        "`domain-reference.md` §5a：人民银行5年以上基准贷款利率，2008年十二月23日起为5.94%（有"
        "出处）；农村信用社可收取更高利率（§5a）"
    ),
    "domain-reference.md §5b: 100-180, default 140 (estimate)": (
        "`domain-reference.md` §5b：100-180，默认140（估计）"
    ),
    "domain-reference.md §5b: 12-24 (estimate)": "`domain-reference.md` §5b：12-24（估计）",
    (
        "domain-reference.md §5b: 25%; the small low-profit rate (20%) needs taxable income <= "
        "300,000 yuan (EIT Implementation Rules Art. 92, well-known), below the hotel's "
        "~500,000"
    ): (
        "`domain-reference.md` §5b：25%；小型微利企业税率（20%）要求应纳税所得额 ≤ 30万元（"
        "《企业所得税法实施条例》第92条，常识），低于酒店的约50万元"
    ),
    "domain-reference.md §5b: 25-35%": "`domain-reference.md` §5b: 25-35%",
    "domain-reference.md §5b: 50-65% (estimate)": "`domain-reference.md` §5b：50-65%（估计）",
    "domain-reference.md §5b: 50-70 (estimate)": "`domain-reference.md` §5b：50-70（估计）",
    "domain-reference.md §5b: F&B 41.1% of star-hotel revenue (2014)": (
        "`domain-reference.md` §5b：餐饮占星级酒店收入的41.1%（2014年）"
    ),
    "domain-reference.md §5b: buildings 20 yr": "`domain-reference.md` §5b：建筑物20年",
    "domain-reference.md §5b: business tax + surcharges 5.5% (pre-2016)": (
        "`domain-reference.md` §5b：营业税及附加5.5%（2016年前）"
    ),
}
"""Chinese for each source string of the register, keyed by the English one."""
