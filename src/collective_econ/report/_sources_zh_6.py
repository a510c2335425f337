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
        "estimate: under the 1994 tax-sharing system the centre takes 75% of VAT and, from "
        "2002, 60% of enterprise income tax; business tax is local; the local part is shared "
        "with the province and the prefecture by provincial rules: about 30% of the schemes' "
        "taxes stays with the county"
    ): (
        "估计：1994年分税制下，增值税中央分享75%；自2002年起，企业所得税中央分享60%；营业税为"
        "地方税；地方部分再按省里的规定在省、州（市）之间分享：各方案税收约有30%留在县里"
    ),
    (
        "estimate: the hog scheme's per-head subsidies and culling compensation and the "
        "transitional housing allowance (when the county, not the developer, pays it) are the "
        "county's own programmes in the case; the national breeding-sow subsidy, 60% central "
        "in western provinces (domain-reference.md §2a), is not the case's"
    ): (
        "估计：养猪项目的按头补贴和扑杀补偿以及过渡安置费（由县里而非开发商支付时）在本案中都是县里"
        "自己的项目；国家能繁母猪补贴（西部省份中央承担60%，`domain-reference.md` §2a）不属于本案"
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
        "estimate: central and provincial transfers (the central subsidy for the minimum "
        "living guarantee) fund most dibao spending in western provinces such as Yunnan; the "
        "county's own budget pays about a fifth"
    ): (
        "估计：在云南等西部省份，低保支出大部分由中央和省级转移支付（中央财政低保补助资金）负担；"
        "县本级财政约负担五分之一"
    ),
    (
        "estimate: the residents' pensions are the New Rural Pension Scheme's basic "
        "pension, which the central budget pays in full in central and western provinces "
        "(State Council 2009 No. 32), and the county-town retirees' pensions, paid by the "
        "provincially pooled enterprise pension fund, not the county budget; the landless "
        "farmers' pension insurance, which the county pays from land conveyance income, "
        "is booked here too and is not yet told apart from the basic pension (one ledger "
        "source): under a policy with it, the county's own cost leaves out what the county "
        "pays into the fund"
    ): (
        "估计：居民的养老金是新农保的基础养老金（中西部地区由中央财政全额补助，国务院2009年32号文）"
        "和县城退休人员的养老金（由省级统筹的企业职工基本养老保险基金支付，不由县财政负担）；"
        "被征地农民养老保障（县里从土地出让收入中支付）也计入此项，目前尚不能与基础养老金分开（同一账目来源）：政策包含该保障时，县本级负担不含县里向该基金的缴款"
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
