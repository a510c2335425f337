"""Chinese sources of the assumption register, part 3 of 4 (read through :mod:`._translate`)."""

from __future__ import annotations

__all__ = ["SOURCES_ZH_3"]

SOURCES_ZH_3: dict[str, str] = {
    (
        "estimate: an investor from outside the community (a hotel operator or businessman), "
        "to bring the loan within the bank's loan-to-value cap"
    ): ("估计：社区外的投资者（酒店经营者或商人），使贷款不超过银行的贷款价值比上限"),
    "estimate: an owner's outside earnings, 740 yuan x 75% employed (see jobs)": (
        "估计：业主的外部收入，740元 × 75%就业（见 `jobs`）"
    ),
    "estimate: area a household lives in": "估计：一户居住的面积",
    "estimate: barren hill at year 8, below grafted full yield 100-200 (§4)": (
        "估计：荒山第8年，低于嫁接核桃满产的100-200（§4）"
    ),
    "estimate: between fine (2.5) and standard (25) plucking, §3": (
        "估计：介于细嫩采摘（2.5）与标准采摘（25）之间，§3"
    ),
    "estimate: boom and bust, §3 stylised fact 3": "估计：暴涨暴跌，§3 典型事实3",
    "estimate: business tax, surcharges and income tax of a small 个体户": (
        "估计：小个体户的营业税、附加和所得税"
    ),
    "estimate: cap on 直补平衡": "估计：直补平衡的上限",
    "estimate: casual work is irregular (about 13 days a month)": "估计：零工不规律（每月约13天）",
    "estimate: class II minimum wage (§6)": "估计：二类地区最低工资（§6）",
    "estimate: clearing and terracing in the dry season, planting in the rains": (
        "估计：旱季清理和修梯田，雨季种植"
    ),
    "estimate: closed borrowers who do not repay": "估计：关闭后不还款的借款人",
    (
        "estimate: county-town factories hire mostly under 40-45 (review J5, "
        "domain-reference.md §6 stylised fact 2)"
    ): ("估计：县城工厂主要招用40-45岁以下的人（评审 J5，`domain-reference.md` §6 典型事实2）"),
    "estimate: county-town micro-business": "估计：县城小微企业",
    "estimate: county-town property cycle": "估计：县城房地产周期",
    "estimate: county-town retirees, below the 2010 national enterprise average": (
        "估计：县城退休人员，低于2010年全国企业平均水平"
    ),
    "estimate: demolished floor area": "估计：拆除面积",
    "estimate: domain-reference.md §5b stylised fact 1 (Spring Festival, Golden Weeks)": (
        "估计：`domain-reference.md` §5b 典型事实1（春节、黄金周）"
    ),
    "estimate: fertiliser ~250, field work ~200, management ~150": (
        "估计：肥料约250，田间作业约200，管理约150"
    ),
    "estimate: fertiliser, pesticide, drying, transport": "估计：肥料、农药、烘干、运输",
    (
        "estimate: firms hire anyway, so reserving places mostly displaces other local workers "
        "(review J2); HCA Additionality Guide 2014, 'high' displacement 75%"
    ): (
        "估计：企业本来就会招人，预留岗位主要挤占其他本地工人（评审 J2）；《HCA Additionality G"
        "uide》2014，“高”替代率75%"
    ),
    (
        "estimate: a county-town hotel's guests and diners (F&B is 41% of its revenue) mostly "
        "come from the town's other hotels and restaurants; HCA Additionality Guide 2014, "
        "'high' displacement 75%"
    ): (
        "估计：县城酒店的住客和餐饮顾客（餐饮占其收入的41%）大多来自城里其他酒店和餐馆；"
        "《HCA Additionality Guide》2014，“高”替代率75%"
    ),
    (
        "estimate: catering, services and transport (70% of starts) mostly take customers from "
        "other county-town businesses, planting and breeding sell beyond the county; HCA "
        "Additionality Guide 2014, 'medium' displacement 50%"
    ): (
        "估计：餐饮、服务和运输（占新办企业的70%）主要从县城其他商户争夺顾客，种植和养殖则销往县外；"
        "《HCA Additionality Guide》2014，“中”替代率50%"
    ),
    (
        "estimate: first fixed-term contracts of 1-3 years (Labour Contract Law 2008 Art. 14 "
        "makes the third consecutive one open-ended)"
    ): (
        "估计：首份固定期限合同1-3年（2008年《劳动合同法》第14条规定连续订立的第三份为无固定期"
        "限合同）"
    ),
    (
        "estimate: former farmers still collective members; fits ~350 hotel shareholders in "
        "one group (domain-reference.md S1)"
    ): ("估计：原农民仍是集体成员；与一个小组约350名酒店股东相符（`domain-reference.md` S1）"),
    "estimate: hazard in a year the project's cash cannot pay the floor": (
        "估计：项目现金不足以支付保底分红的年份中的违约风险"
    ),
    "estimate: held as cash for the floor while building": "估计：建设期间作为保底分红的现金持有",
    "estimate: interest only until the project earns (its yield ramp)": (
        "估计：项目产生收益前只付利息（其产量爬坡期）"
    ),
    "estimate: issue 12 (young adults); WORKING_AGE starts at 16": (
        "估计：议题12（青年）；`WORKING_AGE` 从16岁起"
    ),
    "estimate: largest top-up as a share of the household's line (1: no cap)": (
        "估计：最大补差占该户低保线的比例（1：不设上限）"
    ),
    "estimate: lease of collective construction land in a county town": (
        "估计：县城集体建设用地的租金"
    ),
    "estimate: mean spell of casual work": "估计：零工的平均持续时间",
    (
        "estimate: medium- and long-term project loans of a county bank or rural credit "
        "cooperative run 3-10 years"
    ): ("估计：县级银行或农村信用社的中长期项目贷款期限3-10年"),
    "estimate: monthly quits and lay-offs": "估计：每月的辞职和解雇",
    "estimate: most satisfactory workers are kept at a contract's end": (
        "估计：合同到期时多数合格工人被留用"
    ),
    "estimate: multiplies every sector's hazard": "估计：乘以各行业的风险",
    "estimate: multiplies every sector's profit": "估计：乘以各行业的利润",
    "estimate: multiplies every job type's monthly wage": "估计：乘以每类岗位的月工资",
    "estimate: none named in the case": "估计：案例中未提及",
    (
        "estimate: old village rooms let below new floor (new floor at a 5% yield on 1,000 "
        "yuan/m² = 4.2 yuan/m²/month, domain-reference.md §1b, §1a)"
    ): (
        "估计：旧村房屋租金低于新房（新房按1,000元/m²的5%收益率 = 4.2元/m²/月，`domain-referenc"
        "e.md` §1b、§1a）"
    ),
    "estimate: one-year working-capital loans": "估计：一年期流动资金贷款",
    "estimate: ordinary spring leaf 4-8 (2010), 7 (2024) yuan/kg, §3": (
        "估计：普通春茶鲜叶4-8（2010年）、7（2024年）元/kg，§3"
    ),
    "estimate: peri-urban farmers' off-farm work before expropriation": (
        "估计：征地前城郊农民的非农就业"
    ),
    "estimate: pits and terraces dug in the dry season, seedlings planted in the rains": (
        "估计：旱季挖坑修梯田，雨季栽苗"
    ),
    "estimate: pits and terracing dug by residents": "估计：由居民挖坑修梯田",
    "estimate: places open to landless residents": "估计：向失地居民开放的岗位",
    (
        "estimate: price elasticities of housing demand of about 0.5-1 (Mayo 1981, J. Urban "
        "Econ. 10(1))"
    ): ("估计：住房需求价格弹性约0.5-1（Mayo 1981，《J. Urban Econ.》10(1)）"),
    "estimate: province splits the 区片综合地价 into land fee and resettlement": (
        "估计：省将区片综合地价分为土地补偿费和安置补助费"
    ),
    "estimate: provinces commonly pass 70-80% on (economics review L1)": (
        "估计：各省通常将70-80%转付给农户（经济学评审 L1）"
    ),
    "estimate: pruning, weeding, harvest and hulling ~5, herding ~3": (
        "估计：修剪、除草、采收和脱壳约5，放牧约3"
    ),
    "estimate: re-employment tax relief, full": "估计：再就业税收减免，全额",
    "estimate: recovered on default": "估计：违约时的回收比例",
    "estimate: residents clear and terrace": "估计：由居民清理并修梯田",
    "estimate: sales swing +-30%": "估计：销售额波动 ±30%",
    "estimate: sector's risk vs the average": "估计：该行业相对平均水平的风险",
    "estimate: sector's share of new businesses": "估计：该行业在新创企业中的比例",
    "estimate: spread of income per person": "估计：人均收入的离散程度",
    "estimate: spread of profit across businesses": "估计：各企业利润的离散程度",
    "estimate: term of a hotel construction loan": "估计：酒店建设贷款的期限",
    (
        "estimate: the Jiewei group's retained land compensation cash (the case names "
        "no other contributor; its 筹措资金400万元 says how much was raised, not by whom)"
    ): (
        "估计：街尾小组留存的土地补偿费现金（案例未提及其他出资方；“筹措资金400万元”只说明筹集"
        "了多少，未说明由谁出资）"
    ),
    (
        "estimate: the establishment cost; a county rural credit cooperative's project loan to "
        "village collectives, without land as collateral"
    ): ("估计：建设成本；县农村信用社对村集体的项目贷款，无土地抵押"),
    (
        "estimate: the mean price the farms pay for the grain: a large brewery's spent grain is "
        "sold in bulk to dairy and cattle farms at a market price (Ben-Hamed, Seddighi and "
        "Thomas 2011, Int. J. Econ. Manag. Eng. 5(2)), and its 37,000 t a year far exceed the "
        "scheme's 5,000 t"
    ): (
        "估计：养殖场购买啤酒糟的平均价格：大型啤酒厂的啤酒糟成批出售给奶牛和肉牛"
        "养殖场，按市场价计价（Ben-Hamed、Seddighi和Thomas 2011，《Int. J. Econ. Manag. Eng.》"
        "5(2)），且其每年37,000吨远超本项目的5,000吨"
    ),
    (
        "estimate: the subsidy creates the posts, but local units would have hired some of the "
        "staff anyway; HCA Additionality Guide 2014, 'medium' 50%"
    ): (
        "估计：补贴创造了岗位，但本地单位本来也会雇用部分人员；《HCA Additionality Guide》2014"
        "，“中”替代率50%"
    ),
    "estimate: three waves": "估计：分三批",
    "estimate: untrained, per hiring round": "估计：未培训者，每轮招聘",
    "estimate: urban working-age employment": "估计：城镇劳动年龄人口就业率",
}
"""Chinese for each source string of the register, keyed by the English one."""
