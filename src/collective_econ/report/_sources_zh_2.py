"""Chinese sources of the assumption register, part 2 of 4 (read through :mod:`._translate`)."""

from __future__ import annotations

__all__ = ["SOURCES_ZH_2"]

SOURCES_ZH_2: dict[str, str] = {
    "domain-reference.md §6/§8: county factory 1,000-1,600, default 1,200 (estimate)": (
        "`domain-reference.md` §6/§8：县城工厂1,000-1,600，默认1,200（估计）"
    ),
    "domain-reference.md §6: +10-20%": "`domain-reference.md` §6: +10-20%",
    "domain-reference.md §6: +5-15 pp": "`domain-reference.md` §6：+5-15个百分点",
    "domain-reference.md §6: 20-30%": "`domain-reference.md` §6: 20-30%",
    "domain-reference.md §6: Yunnan class II minimum wage 740 (2010) -> 2,020 (2025)": (
        "`domain-reference.md` §6：云南二类地区最低工资740（2010年）→ 2,020（2025年）"
    ),
    "domain-reference.md §6: Yunnan class II minimum wage from Jul 2010": (
        "`domain-reference.md` §6：云南二类地区最低工资，2010年七月起"
    ),
    "domain-reference.md §6: landless unemployment 20-30%, higher for older (estimate)": (
        "`domain-reference.md` §6：失地农民失业率20-30%，年长者更高（估计）"
    ),
    "domain-reference.md §6: public-welfare posts exist while subsidised (up to 3 yr)": (
        "`domain-reference.md` §6：公益性岗位在补贴期内存在（最长3年）"
    ),
    "domain-reference.md §6: service posts are public-welfare posts (公益性岗位)": (
        "`domain-reference.md` §6：服务岗位即公益性岗位"
    ),
    "domain-reference.md §6: subsidy up to 3 yr": "`domain-reference.md` §6：补贴最长3年",
    "domain-reference.md §7 (estimate)": "`domain-reference.md` §7（估计）",
    "domain-reference.md §7/§8: 3.8 (2.9-4.2)": "`domain-reference.md` §7/§8: 3.8 (2.9-4.2)",
    "domain-reference.md §7/§8: Yunnan urban 200-250 in 2010 (estimate)": (
        "`domain-reference.md` §7/§8：2010年云南城镇200-250（估计）"
    ),
    "domain-reference.md §7: 3 years (贷免扶补)": "`domain-reference.md` §7：3年（贷免扶补）",
    "domain-reference.md §7: 50,000 standard": "`domain-reference.md` §7：标准50,000",
    "domain-reference.md §7: <= 70% of funds": "`domain-reference.md` §7：不超过资金的70%",
    "domain-reference.md §7: Yunnan urban 2010": "`domain-reference.md` §7：云南城镇，2010年",
    "domain-reference.md §7: interest waived": "`domain-reference.md` §7：免息",
    "domain-reference.md §7: risk-compensation fund (share covered: estimate)": (
        "`domain-reference.md` §7：风险补偿基金（覆盖比例：估计）"
    ),
    (
        "domain-reference.md §7: survival 85% at 1 yr, 60-65% at 3, 45-50% at 5, peak hazard in"
        " year 3 (derived estimate); the last value repeats"
    ): (
        "`domain-reference.md` §7：1年存活率85%，3年60-65%，5年45-50%，第3年风险最高（推算的估"
        "计值）；此后沿用最后一个值"
    ),
    (
        "domain-reference.md §7: the urban line was about 25% of urban consumption per person, "
        "so it tracks incomes; Yunnan's urban line rose from about 220 (2010) to 640 "
        "yuan/month (2020), faster than wages"
    ): (
        "`domain-reference.md` §7：城镇低保线约为城镇人均消费的25%，因此随收入变动；云南城镇低"
        "保线从约220（2010年）升至640元/月（2020年），快于工资增长"
    ),
    "domain-reference.md §7: usually 2, max 3": "`domain-reference.md` §7：通常2，最多3",
    "domain-reference.md §8": "`domain-reference.md` §8",
    "domain-reference.md §8 (100-120)": "`domain-reference.md` §8 (100-120)",
    "domain-reference.md §8 (120-180)": "`domain-reference.md` §8 (120-180)",
    "domain-reference.md §8 (2010)": "`domain-reference.md` §8 (2010)",
    "domain-reference.md §8 tea_ramp; §3 stylised fact 1 (estimate)": (
        "`domain-reference.md` §8 `tea_ramp`；§3 典型事实1（估计）"
    ),
    "economics review L4: 2-4 years (estimate)": "经济学评审 L4：2-4年（估计）",
    "estimate": "估计",
    "estimate (as LandSharesParams)": "估计（同 `LandSharesParams`）",
    (
        "estimate (confidence low): Chinese rural migrants remit roughly a fifth to a third of "
        "earnings in household surveys (CHIP/RUMiC order of magnitude)"
    ): (
        "估计（可信度低）：住户调查显示农村外出务工人员汇回约五分之一至三分之一的收入（CHIP/RUM"
        "iC 的量级）"
    ),
    (
        "estimate (confidence low): Siler model qx by single year of age 0-100 (q100 = 1), "
        "infant mortality 13.93 per 1,000 and life expectancy at birth 72.38 (male) from "
        "China's 2010 census (NBS, 2012); Gompertz slope 0.09/yr and background 0.0005/yr "
        "assumed; replace with the NBS 2010 census life table when it is at hand"
    ): (
        "估计（可信度低）：Siler 模型按单岁年龄0-100的死亡概率 qx（q100 = 1），婴儿死亡率每1,00"
        "0人13.93，出生时预期寿命72.38岁（男性），来自中国2010年人口普查（国家统计局，2012年）"
        "；假设 Gompertz 斜率每年0.09、背景死亡率每年0.0005；有国家统计局2010年人口普查生命表时"
        "应替换"
    ),
    (
        "estimate (confidence low): Siler model qx by single year of age 0-100 (q100 = 1), "
        "infant mortality 13.93 per 1,000 and life expectancy at birth 77.37 (female) from "
        "China's 2010 census (NBS, 2012); Gompertz slope 0.09/yr and background 0.0005/yr "
        "assumed; replace with the NBS 2010 census life table when it is at hand"
    ): (
        "估计（可信度低）：Siler 模型按单岁年龄0-100的死亡概率 qx（q100 = 1），婴儿死亡率每1,00"
        "0人13.93，出生时预期寿命77.37岁（女性），来自中国2010年人口普查（国家统计局，2012年）"
        "；假设 Gompertz 斜率每年0.09、背景死亡率每年0.0005；有国家统计局2010年人口普查生命表时"
        "应替换"
    ),
    (
        "estimate (confidence low): domain-reference.md §6 (younger landless farmers migrate or"
        " take local factory jobs; no rate given); 4%/yr from 16 to 30 means about 45% leave "
        "at least once"
    ): (
        "估计（可信度低）：`domain-reference.md` §6（年轻的失地农民外出务工或进本地工厂；未给出"
        "比率）；16至30岁每年4%意味着约45%至少外出一次"
    ),
    (
        "estimate (confidence low): mean spell about 10 years; return at marriage, "
        "child-rearing or job loss is common but no rate is in the reference"
    ): ("估计（可信度低）：平均外出约10年；结婚、育儿或失业时返乡很常见，但参考资料中没有比率"),
    (
        "estimate (confidence medium): Yunnan 2010 census-reported TFR about 1.41 (NBS 2010 "
        "census tabulation, recalled, not checked here); census TFRs are under-reported "
        "(China: 1.18 reported vs 1.52 from census microdata, Jiang et al., 'The Fertility "
        "Level of China's Population: Analysis of Microdata from the 2010 Census'); plausible "
        "range 1.4-1.8"
    ): (
        "估计（可信度中）：云南2010年人口普查公布的总和生育率约1.41（国家统计局2010年人口普查汇"
        "总资料，凭记忆，未在此核对）；普查的总和生育率存在漏报（全国：公布1.18，普查微观数据为"
        "1.52，Jiang 等，《The Fertility Level of China's Population: Analysis of Microdata fro"
        "m the 2010 Census》）；合理范围1.4-1.8"
    ),
    (
        "estimate (confidence medium): shape of China's 2010 census age-specific fertility "
        "(5.93, 69.47, 84.08, 45.84, 18.71, 7.51, 4.68 per 1,000; NBS 2010 census tabulation, "
        "recalled: they sum to the reported TFR 1.18)"
    ): (
        "估计（可信度中）：中国2010年人口普查分年龄生育率的形状（每1,000人5.93、69.47、84.08、4"
        "5.84、18.71、7.51、4.68；国家统计局2010年人口普查汇总资料，凭记忆：其和为公布的总和生"
        "育率1.18）"
    ),
    "estimate (returns to schooling 5-7%/yr, domain-reference.md §6)": (
        "估计（教育回报率每年5-7%，`domain-reference.md` §6）"
    ),
    (
        "estimate, well-known order: Chinese households saved about 25-30% of disposable "
        "income around 2010 (Chamon and Prasad 2010, AEJ: Macroeconomics 2(1)); set lower for "
        "households that have just lost their land"
    ): (
        "估计，常识量级：2010年前后中国家庭储蓄约占可支配收入的25-30%（Chamon 和 Prasad 2010，"
        "《AEJ: Macroeconomics》2(1)）；刚失地的农户取较低值"
    ),
    "estimate: +/-5 pp at 1 or 0": "估计：在1或0处 ±5个百分点",
    "estimate: 0 = incomes grow with the real wage level only": (
        "估计：0 = 收入仅随实际工资水平增长"
    ),
    "estimate: 0 by default; §4 suggests a fall in a pessimistic case": (
        "估计：默认为0；§4 认为悲观情形下会下降"
    ),
    "estimate: 0.8-1.0 of eligible households": "估计：符合条件农户的0.8-1.0",
    "estimate: 1,000-1,500 yuan": "估计：1,000-1,500元",
    "estimate: 1,826 agricultural residents (seed-facts.md) / 3.8 per household": (
        "估计：1,826名农业人口（`seed-facts.md`）/ 每户3.8人"
    ),
    "estimate: 1,826 persons (seed) x 0.8 mu/person cultivated (estimate)": (
        "估计：1,826人（案例原始数据）× 人均耕地0.8亩（估计）"
    ),
    "estimate: 1,826 residents x 62% x 80%": "估计：1,826名居民 × 62% × 80%",
    "estimate: 10-20% of rooms empty at any time in county-town rental housing": (
        "估计：县城出租房任一时点有10-20%的房间空置"
    ),
    (
        "estimate: 25,000 residents (seed-facts.md) x 25% tenants (外来人口多, economics review"
        " L9) x 20 m²/person"
    ): ("估计：25,000名居民（`seed-facts.md`）× 25%租户（外来人口多，经济学评审 L9）× 每人20 m²"),
    (
        "estimate: 6,000 yuan/yr, between Lincang rural (~3,500) and urban (~13,000) incomes "
        "of 2010 (domain-reference.md §7)"
    ): (
        "估计：每年6,000元，介于2010年临沧农村（约3,500）和城镇（约13,000）收入之间（`domain-re"
        "ference.md` §7）"
    ),
    "estimate: AAOV 2,000 yuan/mu (domain-reference.md §8) less ~40% inputs": (
        "估计：年均产值2,000元/亩（`domain-reference.md` §8）减去约40%的投入"
    ),
    "estimate: Lincang urban income 12,500-13,500/capita (domain-reference.md §7)": (
        "估计：临沧城镇人均收入12,500-13,500（`domain-reference.md` §7）"
    ),
    "estimate: RCC loans to farm households run 1-3 years and are rolled over": (
        "估计：农信社对农户的贷款期限1-3年，可续贷"
    ),
    "estimate: RCC loans to specialised livestock households of 30,000-100,000": (
        "估计：农信社对养殖专业户的贷款30,000-100,000"
    ),
    (
        "estimate: RCC micro-credit (小额信用贷款) limits of about 10,000-30,000 yuan per grade"
        "d household, about half a landless household's yearly income"
    ): ("估计：农信社小额信用贷款对评级农户的额度约10,000-30,000元，约为失地农户年收入的一半"),
    "estimate: Yunnan 2010 census order": "估计：云南2010年人口普查的量级",
    (
        "estimate: a county bank lending on a hotel built on collective construction land "
        "(hardly mortgageable in 2010) to a resident group's company: 50-70%; the State "
        "Council's minimum project capital (国发[2009]27号: 20% for most projects) caps it at 8"
        "0% (well-known)"
    ): (
        "估计：县级银行向居民小组的公司发放以集体建设用地上的酒店为对象的贷款（2010年集体建设用"
        "地难以抵押）：50-70%；国务院项目资本金最低比例（国发[2009]27号：多数项目为20%）将其限"
        "于80%（常识）"
    ),
    (
        "estimate: a county rural credit cooperative lends one borrower at most 10% of its net "
        "capital (CBRC core indicators); a few million yuan, without land as collateral"
    ): (
        "估计：县农村信用社对单一借款人的贷款不超过其资本净额的10%（银监会核心指标）；数百万元"
        "，无土地抵押"
    ),
    "estimate: a county scales a project to the money it has (scenario's choice)": (
        "估计：县按现有资金确定项目规模（情景的选择）"
    ),
    "estimate: a debt-service reserve of 6 months, usual in project finance": (
        "估计：6个月的偿债准备金，项目融资中常见"
    ),
    "estimate: a farm quits after 3 losses in a row": "估计：养殖场连续3次亏损后退出",
    (
        "estimate: about a third of the 30 m²/person of old village floor (land for shares: "
        "old floor per person) let to migrants: the seed stresses 外来人口多 (economics review "
        "L9)"
    ): (
        "估计：人均30 m²的旧村房屋（土地入股项目的人均旧房面积）约三分之一租给"
        "外来人口：案例原始资料强调“外来人口多”（经济学评审 L9）"
    ),
    "estimate: all profit distributed, as free cash allows": (
        "估计：在自由现金允许范围内分配全部利润"
    ),
}
"""Chinese for each source string of the register, keyed by the English one."""
