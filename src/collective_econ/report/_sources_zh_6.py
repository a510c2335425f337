"""Chinese sources of the assumption register, part 6 (read through :mod:`._translate`).

The discount rates every present value uses (``finance.DiscountRates``) and who pays each
item of the government's books (``funding.FundingShares``).
"""

SOURCES_ZH_6: dict[str, str] = {
    (
        "NDRC and Ministry of Construction, Methods and Parameters for the Economic Evaluation "
        "of Construction Projects, 3rd ed., 2006: social discount rate 8% (well-known)"
    ): (
        "国家发展改革委、建设部《建设项目经济评价方法与参数》（第3版，2006年）："
        "社会折现率8%（常识）"
    ),
    (
        "estimate: the lender's cost of funds, the 1-yr deposit rate 2.25-3.50% (2008-2012, "
        "domain-reference.md §5a) plus about 1% of operating costs, less 2.5% CPI inflation a "
        "year (prices.py), about 1.5% real; range 0-3.5% (the upper end: the >5-yr loan rate "
        "5.94% less inflation, the loan market's rate)"
    ): (
        "估计：贷款方的资金成本，即1年期存款利率2.25-3.50%（2008-2012年，`domain-reference.md` "
        "§5a）加约1%的经营费用，减去每年2.5%的居民消费价格涨幅（`prices.py`），实际约1.5%；"
        "范围0-3.5%（上限：5年以上贷款利率5.94%减去通胀，即贷款市场利率）"
    ),
    (
        "well-known: General Office of the State Council 2006 No. 100 (国办发〔2006〕100号): land "
        "conveyance income is paid in full into the local government-fund budget of the city "
        "or county that sells the land"
    ): (
        "常识：国务院办公厅2006年100号文（国办发〔2006〕100号）：土地出让收入全额缴入出让土地的市、县"
        "地方政府性基金预算"
    ),
    (
        "well-known: General Office of the State Council 2006 No. 100 (国办发〔2006〕100号): the "
        "compensation and resettlement of the land taken is paid from the county's land "
        "conveyance income"
    ): (
        "常识：国务院办公厅2006年100号文（国办发〔2006〕100号）：征地补偿和安置费用从县里的"
        "土地出让收入中支付"
    ),
    (
        "estimate: the centre's part is set by the State Council: of enterprise and "
        "personal income tax 60% from 2003 (国发〔2001〕37号), of VAT 75% before the 2016 reform "
        "and 50% after (国发〔2016〕26号, kept by 国发〔2019〕21号), business tax (until 2016) "
        "local; the local part is shared by provincial rules (Yunnan's not found): in 2003 "
        "the county and township levels got about a third of the local governments' shared "
        "taxes (Qiao and Shah, in Shah ed., Local Governance in Developing Countries, World "
        "Bank 2006, ch. 4): about 13% (income tax) to 33% (business tax) of the schemes' "
        "taxes stays with the county; 30%, the business-tax end, for a county town's firms"
    ): (
        "估计：中央分享比例由国务院规定：企业所得税和个人所得税自2003年起中央分享60%"
        "（国发〔2001〕37号），增值税在2016年改革前中央分享75%、此后50%（国发〔2016〕26号，"
        "国发〔2019〕21号予以保持），营业税（至2016年）为地方税；地方部分再按省里的规定分享"
        "（未查到云南的规定）：2003年县乡两级约得到地方共享税收入的三分之一（Qiao与Shah，"
        "载Shah编《Local Governance in Developing Countries》，世界银行2006年，第4章）："
        "各方案税收约有13%（所得税）至33%（营业税）留在县里；县城企业取营业税一端，30%"
    ),
    (
        "estimate: from May 2016 business tax became VAT, of which the centre takes "
        "50% (国发〔2016〕26号, kept by 国发〔2019〕21号); the centre's returns to the "
        "provinces are fixed on their 2014 revenue, so of a new firm's VAT the local "
        "governments keep half; income taxes stay 60% central (国发〔2001〕37号); the "
        "province's rule for sharing the new VAT with its counties not found (Yunnan's "
        "neither): the county's third of the local part, as before the reform (Qiao and "
        "Shah 2006), keeps about 17% of the VAT and 13% of the income taxes: 15%"
    ): (
        "估计：2016年五月起营业税改征增值税，中央分享50%（国发〔2016〕26号，国发〔2019〕21号"
        "予以保持）；中央对地方的税收返还以2014年收入为基数核定，因此新企业缴纳的增值税地方"
        "留一半；所得税仍由中央分享60%（国发〔2001〕37号）；省里与县分享新增值税的规定未查到"
        "（云南的也未查到）：按改革前县里得到地方部分三分之一计（Qiao与Shah，2006年），"
        "县里约留增值税的17%、所得税的13%：取15%"
    ),
    (
        "well-known: business tax was replaced by VAT in every sector from May "
        "2016, and the VAT split 50:50 between the centre and the local governments from "
        "the same day (营改增; State Council 2016 No. 26, 国发〔2016〕26号): May 2016, "
        "month 76 from January 2010"
    ): (
        "常识：自2016年五月起全面营改增，增值税同日起由中央与地方按50:50分享（国务院2016年"
        "26号文，国发〔2016〕26号）：2016年五月，即自2010年一月起的第76个月（从零数起）"
    ),
    (
        "estimate: the hog scheme's per-head subsidies and culling compensation are the "
        "county's own programmes in the case; the national breeding-sow subsidy, 60% central "
        "in western provinces (domain-reference.md §2a), is not the case's"
    ): (
        "估计：养猪项目的按头补贴和扑杀补偿在本案中都是县里自己的项目；国家能繁母猪补贴"
        "（西部省份中央承担60%，`domain-reference.md` §2a）不属于本案"
    ),
    (
        "estimate: the public-welfare posts' wage subsidies (公益性岗位补贴, "
        "domain-reference.md §6) are paid from the county's employment fund; the central "
        "transfers into that fund are not separated"
    ): (
        "估计：公益性岗位补贴（`domain-reference.md` §6）由县就业专项资金支付；"
        "该资金中来自中央的转移支付未单列"
    ),
    (
        "estimate: the interest subsidies on the hog start-up loans and the household "
        "business loans are the county's in the case (the national micro guaranteed loans' "
        "central interest subsidy, domain-reference.md §7, is for the laid-off and "
        "unemployed, not these loans)"
    ): (
        "估计：养猪启动贷款和农户创业贷款的贴息在本案中由县里负担（国家小额担保贷款的中央财政贴息"
        "面向下岗失业人员，不适用于这些贷款，`domain-reference.md` §7）"
    ),
    (
        "estimate: the job training and the tea garden's establishment subsidies "
        "are the county's own programmes in the case"
    ): "估计：就业培训和茶园建园补贴在本案中都是县里自己的项目",
    (
        "estimate: the house-swap subsidy (直补平衡, seed-facts.md) and the grants to the hog "
        "farms are the county's own; the national grants to standardised farms "
        "(domain-reference.md §2a) go to larger farms than the case's"
    ): (
        "估计：以房换房的直补平衡（`seed-facts.md`）和对养猪场的补助由县里负担；国家对标准化规模"
        "养殖场的补助（`domain-reference.md` §2a）面向比本案更大的养殖场"
    ),
    (
        "estimate: central subsidies paid 69.7% of urban dibao spending in 2010 "
        "(36,560 million yuan of 52,470 million yuan) and 60.4% of rural (26,900 million "
        "yuan of 44,500 million yuan), nationally, "
        "most of them going to central and western provinces (Ministry of Civil Affairs, "
        "2010 Statistical Report on Social Service Development); the rest (30-40% "
        "nationally, less in the west) is shared by the province, the prefecture and the "
        "county by provincial rules (Yunnan's not found): the county's own budget pays about "
        "a fifth in a western province such as Yunnan"
    ): (
        "估计：2010年全国城市低保支出中中央补助占69.7%（524.7亿元中的365.6亿元），农村低保占"
        "60.4%（445.0亿元中的269.0亿元），且大部分投向中西部省份（民政部《2010年社会服务发展"
        "统计报告》）；其余部分（全国为30%-40%，西部更少）由省、州（市）、县按省里的规定分担（未查到云南的规定）：在云南"
        "这样的西部省份，县本级财政约负担五分之一"
    ),
    (
        "well-known: the residents' basic pension of the New Rural Pension Scheme (55 "
        "yuan a month at 60, the national minimum) is paid in full by the central budget in "
        "central and western "
        "provinces, half of it in eastern ones (State Council 2009 No. 32, 国发〔2009〕32号; "
        "kept for the unified residents' scheme by 国发〔2014〕8号; Xinhua 2011-06-14); the "
        "county-town retirees' pensions are paid by the provincially pooled enterprise "
        "pension fund, not the county budget"
    ): (
        "常识：新农保的居民基础养老金（60岁起每月55元，全国最低标准）在中西部地区由中央财政全额负担，"
        "东部地区负担一半（国务院2009年32号文，国发〔2009〕32号；城乡居民基本养老保险合并后由国发〔2014〕8号沿用；"
        "新华社2011-06-14）；县城退休人员的养老金由省级统筹的企业职工基本养老保险基金支付，"
        "不由县财政负担"
    ),
    (
        "well-known: General Office of the State Council 2006 No. 29 (国办发〔2006〕29号): "
        "the government's part of the landless farmers' pension insurance is paid from land "
        "conveyance income, which is the county's (国办发〔2006〕100号); the fund is the "
        "county's, and so are its top-ups when it runs short"
    ): (
        "常识：国务院办公厅2006年29号文（国办发〔2006〕29号）：被征地农民养老保障中政府承担的"
        "部分从土地出让收入中列支，而土地出让收入归县里（国办发〔2006〕100号）；该基金是县里的，"
        "基金不足时的补足也由县里负担"
    ),
    (
        "estimate: the county's own; a county bank lends to a village collective "
        "without land as collateral only against a guarantee of the county or its guarantee "
        "company, and what the county pays on a default comes from its own budget"
    ): (
        "估计：由县里负担；县里的银行只在县政府或其担保公司担保的情况下才向没有土地抵押的村集体放贷，"
        "违约时县里代偿的款项出自县本级预算"
    ),
    (
        "estimate: the guarantee fund behind the household business loans is the county's "
        "(the micro guaranteed loans' risk-compensation fund, domain-reference.md §7, is a "
        "local one)"
    ): (
        "估计：农户创业贷款的担保基金由县里出资（小额担保贷款的风险补偿基金，"
        "`domain-reference.md` §7，为地方基金）"
    ),
    "estimate: any other flow of the government's account is the county's": (
        "估计：政府账户的其他收支均归县里"
    ),
    "estimate: loans still owed to the county at the horizon are the county's": (
        "估计：期末仍欠县里的贷款归县里"
    ),
}
"""Chinese for each source string of the register, keyed by the English one."""
