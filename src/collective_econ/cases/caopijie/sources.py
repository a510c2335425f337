"""Where the model's figures come from: the citation rule and the published sources.

Every parameter declares a ``source`` string (:func:`collective_econ.params.param`).
:func:`citations` reads such a string and returns the keys of the entries of
``docs/sources.md`` it cites; a test walks every parameter and checks that each key
is an anchor of that page and that a source which is not an estimate cites something.

The rule:

- ``seed-facts.md`` (the case report) -> ``seed``; ``seed-facts.md §N`` (or ``§N-M``)
  -> ``seed-N`` for each section;
- ``domain-reference.md §1a`` (``§7/§8``, ``§3, §8``, ``S1``, ``domain-ref §6``) ->
  ``dr-1a``, ``dr-7``, ``dr-8``, ``dr-0`` ...; a bare ``§N`` in a string that names no
  other document cites the domain reference;
- ``economics review L1`` (``review J2``, ``reviews/economics.md T3 and §2.4``) ->
  ``review-l1``, ``review-j2``, ``review-t3``, ``review-2.4``;
- a published source named in the string (see :data:`PUBLISHED`) -> ``pub-<key>``;
- ``docs/<page>.md`` -> ``doc:<page>.md`` (the page itself, which must exist).

Strings that start with ``estimate``, ``model option``, ``policy lever`` or ``user``,
or say ``(estimate)``, need no entry (:func:`needs_entry`); citations inside them must
still resolve.

Examples
--------
>>> citations("domain-reference.md §7/§8: 3.8 (2.9-4.2)")
('dr-7', 'dr-8')
>>> citations("seed-facts.md §2-3: the firm account")
('seed-2', 'seed-3')
>>> citations("Labour Law 1994 Art. 15: no hiring under 16")
('pub-labour-law-1994',)
>>> citations("estimate: provinces commonly pass 70-80% on (economics review L1)")
('review-l1',)
>>> needs_entry("estimate: weeding and pruning"), needs_entry("local rules: men 60")
(False, True)
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = [
    "EXEMPT_PREFIXES",
    "PUBLISHED",
    "REVIEW_ITEMS",
    "Published",
    "citations",
    "needs_entry",
    "published_block",
    "review_block",
]

EXEMPT_PREFIXES = ("estimate", "model option", "policy lever", "user")
"""Source strings starting with these need no entry of docs/sources.md."""


@dataclass(frozen=True, slots=True)
class Published:
    """A published source: its anchor key, its reference and the names it is cited by.

    ``names`` are matched case-insensitively as substrings of a source string.
    """

    key: str
    reference: str
    names: tuple[str, ...]


PUBLISHED: tuple[Published, ...] = (
    Published(
        "lal",
        "Land Administration Law of the PRC (土地管理法), 1998 text (amended 2004) Art. 47; "
        "2019 revision (in force 1 Jan 2020) Art. 48. Summarised in the domain reference §1a.",
        ("LAL 1998", "LAL 2019", "Land Administration Law"),
    ),
    Published(
        "house-expropriation-2011",
        "State Council, Regulations on the Expropriation of and Compensation for Houses on "
        "State-owned Land (国有土地上房屋征收与补偿条例), 2011, Art. 22 (moving and "
        "temporary-housing costs).",
        ("2011 State Council Regulations", "2011 Regulations"),
    ),
    Published(
        "labour-law-1994",
        "Labour Law of the PRC (劳动法), 1994: Art. 15 (no hiring under 16), Art. 38 (at "
        "least one day of rest a week).",
        ("Labour Law 1994", "Labour Law of the PRC (1994)"),
    ),
    Published(
        "labour-contract-law-2008",
        "Labour Contract Law of the PRC (劳动合同法), 2008, Art. 14 (the third consecutive "
        "fixed-term contract becomes open-ended).",
        ("Labour Contract Law 2008",),
    ),
    Published(
        "retirement-1978",
        "State Council 1978 No. 104 (国发〔1978〕104号), interim measures on retirement: men "
        "retire at 60, women workers at 50 (cadres 55).",
        ("State Council 1978 No. 104",),
    ),
    Published(
        "eit-rules",
        "Enterprise Income Tax Law Implementation Rules (企业所得税法实施条例), 2008: Art. 60 "
        "(depreciation lives), Art. 92 (small low-profit enterprises).",
        ("EIT Implementation Rules",),
    ),
    Published(
        "dibao-2012",
        "State Council 2012 No. 45 (国发〔2012〕45号), opinion on strengthening and improving "
        "the minimum living guarantee (dibao): income and property tests; with Beijing's 2012 "
        "asset limits as reported by China Daily, 2012-02-07.",
        ("State Council 2012 No. 45", "Beijing 2012 rule"),
    ),
    Published(
        "land-pension-2006",
        "General Office of the State Council 2006 No. 29 (国办发〔2006〕29号), forwarding the "
        "MOLSS guideline on employment training and social security for landless farmers: "
        "the government's part of the contribution at least 30%, from land conveyance "
        "income; provinces set the collective's and the person's parts (see "
        "docs/schemes/land_pension.md).",
        ("国办发〔2006〕29号", "the 2006 guideline"),
    ),
    Published(
        "land-pension-local",
        "Local implementing rules of landless farmers' pension insurance (被征地农民养老保障), "
        "e.g. Taiyuan (enrolment from 16 at the taking) and Jinghai county (pensions from "
        "60 for men, 55 for women).",
        ("Taiyuan rules", "Jinghai"),
    ),
    Published(
        "nrps-2009",
        "State Council 2009 No. 32 (国发〔2009〕32号), New Rural Pension Scheme (新农保): "
        "basic pension 55 yuan/person/month; the central budget pays it in full in central "
        "and western provinces, half of it in eastern ones.",
        ("New Rural Pension Scheme", "国发〔2009〕32号"),
    ),
    Published(
        "residents-pension-2014",
        "State Council 2014 No. 8 (国发〔2014〕8号), opinion on a unified basic pension "
        "insurance for urban and rural residents (城乡居民基本养老保险): the central budget "
        "keeps paying the basic pension's minimum in full in central and western provinces "
        "and half of it in eastern ones.",
        ("国发〔2014〕8号",),
    ),
    Published(
        "reemployment-tax-relief",
        "Re-employment tax relief for laid-off and registered unemployed persons starting a "
        "business (再就业税收优惠), 3 years (Ministry of Finance and State Administration of "
        "Taxation notices, 2002-2010).",
        ("re-employment tax relief",),
    ),
    Published(
        "hog-zones-2014",
        "Regulation on the Prevention and Control of Pollution from Large-scale Livestock and "
        "Poultry Farming (畜禽规模养殖污染防治条例), 2014, and the Water Pollution Prevention "
        "Action Plan (水十条), 2015: no-raising zones (禁养区) drawn by 2017.",
        ("2014 Regulation", "Water Pollution Action Plan"),
    ),
    Published(
        "census-2010",
        "National Bureau of Statistics, 2010 Population Census of China: communiqué No. 1 "
        "(2011; sex ratio 105.20), tabulations (2012; life expectancy, infant mortality, "
        "age-specific fertility).",
        ("2010 census",),
    ),
    Published(
        "nbs-cpi",
        "National Bureau of Statistics, annual statistical communiqués 2011-2020: CPI "
        "inflation 5.4, 2.6, 2.6, 2.0, 1.4, 2.0, 1.6, 2.1, 2.9, 2.5% (the model's "
        "CHINA_CPI_INFLATION).",
        ("NBS CPI", "CHINA_CPI_INFLATION"),
    ),
    Published(
        "nbs-migrants-2010",
        "National Bureau of Statistics, 2010 migrant-worker monitoring survey report "
        "(2011): average monthly income of out-migrant rural workers 1,690 yuan.",
        ("NBS 2010 migrant-worker monitoring survey",),
    ),
    Published(
        "jiang-tfr",
        "Jiang, Q., Li, S. and Feldman, M. W., on under-reporting of China's census "
        "fertility (census TFR 1.18 vs about 1.5 from microdata), 2010s.",
        ("Jiang et al.",),
    ),
    Published(
        "chip-rumic",
        "Chinese Household Income Project (CHIP) and Rural-Urban Migration in China "
        "(RUMiC) surveys: migrants' remittances as a share of earnings.",
        ("CHIP/RUMiC",),
    ),
    Published(
        "chamon-prasad-2010",
        "Chamon, M. D. and Prasad, E. S. (2010), Why Are Saving Rates of Urban Households "
        "in China Rising? American Economic Journal: Macroeconomics 2(1), 93-130.",
        ("Chamon and Prasad 2010",),
    ),
    Published(
        "mayo-1981",
        "Mayo, S. K. (1981), Theory and estimation in the economics of housing demand. "
        "Journal of Urban Economics 10(1), 95-116.",
        ("Mayo 1981",),
    ),
    Published(
        "hca-additionality-2014",
        "Homes and Communities Agency (2014), Additionality Guide, 4th edition: "
        "displacement 'low' 25%, 'medium' 50%, 'high' 75%.",
        ("HCA Additionality Guide 2014",),
    ),
    Published(
        "malcolm-1959",
        "Malcolm, D. G., Roseboom, J. H., Clark, C. E. and Fazar, W. (1959), Application "
        "of a technique for research and development program evaluation. Operations "
        "Research 7(5), 646-669 (the PERT distribution).",
        ("Malcolm et al. 1959",),
    ),
    Published(
        "land-conveyance-2006",
        "General Office of the State Council 2006 No. 100 (国办发〔2006〕100号), notice on "
        "the management of the income and spending of state land conveyance: the income is "
        "paid in full into the local government-fund budget, and the compensation and "
        "resettlement of the land taken are paid from it.",
        ("国办发〔2006〕100号",),
    ),
    Published(
        "mca-2010",
        "Ministry of Civil Affairs, 2010 Statistical Report on Social Service Development "
        "(2010年社会服务发展统计报告): urban dibao spending 52.47 billion yuan, of which "
        "central subsidies 36.56 billion (69.7%); rural dibao 44.5 billion, of which central "
        "26.9 billion (60.4%).",
        ("2010 Statistical Report on Social Service Development",),
    ),
    Published(
        "income-tax-sharing-2002",
        "State Council 2001 No. 37 (国发〔2001〕37号), the income tax sharing reform: "
        "enterprise and personal income tax shared 50/50 between the centre and the "
        "localities in 2002 and 60/40 from 2003.",
        ("国发〔2001〕37号",),
    ),
    Published(
        "vat-sharing-2016",
        "State Council 2016 No. 26 (国发〔2016〕26号), the transitional plan for sharing VAT "
        "after business tax was replaced by VAT: VAT shared 50/50 between the centre and the "
        "localities from 1 May 2016 (before: 75/25); kept by State Council 2019 No. 21 "
        "(国发〔2019〕21号).",
        ("国发〔2016〕26号",),
    ),
    Published(
        "qiao-shah-2006",
        "Qiao, B. and Shah, A. (2006), Local government organization and finance: China, in "
        "Shah, A. (ed.), Local Governance in Developing Countries, World Bank, ch. 4: in 2003 "
        "the shared taxes of the provincial, prefecture and county (and township) levels "
        "were US$23, 27 and 25 billion; provinces set the sharing below them.",
        ("Qiao and Shah",),
    ),
    Published(
        "ndrc-2006",
        "NDRC and Ministry of Construction, Methods and Parameters for the Economic "
        "Evaluation of Construction Projects (建设项目经济评价方法与参数), 3rd ed., 2006: the "
        "social discount rate of 8% a year.",
        ("Methods and Parameters for the Economic Evaluation",),
    ),
)
"""The published sources that parameters cite by name (anchors ``pub-<key>``)."""

REVIEW_ITEMS: dict[str, str] = {
    "L1": "The land compensation fee belongs to the collective economic organisation (LAL "
    "Implementing Regulations 1998, Art. 26); provinces set how much the collective passes "
    "on to households, commonly 70-80%; reserved development land (留用地) of 10-15% in "
    "some provinces finances collective projects.",
    "L4": "An urban-village developer earns nothing for 2-4 years of construction, so a "
    "guaranteed dividend is a pure liability until the project sells; the floor should sit "
    "below the mean dividend.",
    "L9": "Resettled households live 1-2 years in transitional housing (过渡费) before the "
    "exchange house is delivered; vacancy, saturation of the town's rental market and rent "
    "already earned from old houses (the report stresses 外来人口多, many outsiders) must "
    "enter the rent from surplus floor.",
    "J2": "Reserving factory places for landless residents mostly displaces other local "
    "workers: the net gain is the premium only, while firms agree to it (the report says "
    "协调, coordinate, not guarantee).",
    "J5": "County-town factories hire mostly under 40-45; public-welfare posts target '4050' "
    "workers (women 40+, men 50+).",
    "T3": "The collectives' project spending needs financing: the county, or retained land "
    "compensation, would pay; a county bank lends to a village collective without land as "
    "collateral only against a county guarantee.",
    "2.4": "Sensitivity of the results (section 2.4): 'if the county backs the collectives, "
    "as it would', the collectives' borrowing is a county liability.",
}
"""Items of the project's economic review (reviews/economics.md) cited by parameters."""

_SEED = re.compile(r"seed-facts\.md")
_DOMAIN = re.compile(r"domain-ref(?:erence\.md)?")
_REVIEW = re.compile(r"(?:reviews/economics\.md|economics review|\breview\b)")
_SECTION = re.compile(r"§\s*(\d+(?:\.\d+)?[a-z]?)(?:\s*-\s*(\d+))?")
_S_ROW = re.compile(r"\bS(\d)\b")
_REVIEW_ITEM = re.compile(r"\b([LJT]\d+)\b")
_DOC = re.compile(r"docs/([\w/-]+\.md)")


def needs_entry(source: str) -> bool:
    """Whether ``source`` must cite an entry (it is not an estimate, option or lever).

    An estimate starts with ``estimate`` (or another of :data:`EXEMPT_PREFIXES`) or says
    ``(estimate)`` in brackets.
    """
    text = source.strip().lower()
    return not (text.startswith(EXEMPT_PREFIXES) or "(estimate" in text)


def citations(source: str) -> tuple[str, ...]:
    """The anchors of docs/sources.md that ``source`` cites, in order, each once.

    Parameters
    ----------
    source : str
        A parameter's source string.

    Returns
    -------
    tuple of str
        Anchor keys (``"seed-2"``, ``"dr-1a"``, ``"review-l1"``, ``"pub-census-2010"``,
        ``"doc:schemes/land_pension.md"``).
    """
    marks = [(m.start(), "seed") for m in _SEED.finditer(source)]
    marks += [(m.start(), "dr") for m in _DOMAIN.finditer(source)]
    marks += [(m.start(), "review") for m in _REVIEW.finditer(source)]
    marks.sort()
    found: list[str] = []

    def context(at: int) -> str | None:
        before = [doc for pos, doc in marks if pos <= at]
        return before[-1] if before else None

    for pos, doc in marks:
        if doc == "seed" and not _SECTION.match(source, pos + len("seed-facts.md") + 1):
            found.append("seed")
        if doc == "review":
            end = next((p for p, _ in marks if p > pos), len(source))
            found += [
                f"review-{m.group(1).lower()}" for m in _REVIEW_ITEM.finditer(source, pos, end)
            ]
    for m in _SECTION.finditer(source):
        doc = context(m.start()) or "dr"
        first = m.group(1)
        last = m.group(2)
        if doc == "seed":
            lo = int(first)
            found += [f"seed-{n}" for n in range(lo, int(last or lo) + 1)]
        elif doc == "review":
            found.append(f"review-{first}")
        else:
            found.append(f"dr-{first}")
    for m in _S_ROW.finditer(source):
        if context(m.start()) == "dr":
            found.append("dr-0")
    low = source.lower()
    found += [f"pub-{p.key}" for p in PUBLISHED if any(n.lower() in low for n in p.names)]
    found += [f"doc:{m.group(1)}" for m in _DOC.finditer(source)]
    if _DOMAIN.search(source) and not any(k.startswith("dr-") for k in found):
        found.append("dr")
    return tuple(dict.fromkeys(found))


def published_block() -> str:
    """The "Published sources" entries of docs/sources.md, as Markdown."""
    lines: list[str] = []
    for p in PUBLISHED:
        names = ", ".join(f"`{n}`" for n in p.names)
        lines += [f'<a id="pub-{p.key}"></a>', "", f"- **{p.key}**: {p.reference}"]
        lines += [f"  Cited as: {names}.", ""]
    return "\n".join(lines).rstrip("\n")


def review_block() -> str:
    """The economic review's cited items, as Markdown entries of docs/sources.md."""
    lines = [
        "Items of the project's economic review of the model that parameters cite; each "
        "summarises the fact or rule the parameter takes from it.",
        "",
    ]
    for key, text in REVIEW_ITEMS.items():
        label = f"§{key}" if key[0].isdigit() else key
        lines += [f'<a id="review-{key.lower()}"></a>', "", f"- **{label}**: {text}", ""]
    return "\n".join(lines).rstrip("\n")
