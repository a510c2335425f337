"""The register's citations a reader can follow, and the glossary in both languages.

The parameters cite the case report and the domain reference by their old file names,
which are not in the repository; the register names them as documents, links each to
its entry in a list below the table, and the list says where they are reproduced
(docs/sources.md, same section numbers). The glossary explains the report's words.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from collective_econ.cases.caopijie import default_scenario
from collective_econ.cases.caopijie.sources import citations
from collective_econ.report._references import cite, glossary_html, references_html
from collective_econ.report._text import text
from collective_econ.report._text_refs import CASE_SECTIONS, DOMAIN_SECTIONS, GLOSSARY
from collective_econ.report.sections import register_rows, register_section
from collective_econ.scenario import Scenario

ROOT = Path(__file__).resolve().parents[1]
SOURCES = (ROOT / "docs" / "sources.md").read_text(encoding="utf-8")
ENGLISH = re.compile(r"[A-Za-z][A-Za-z'_-]*(?:[\s,;:()/.&-]+[A-Za-z][A-Za-z'_-]*){2,}")
NUMBER = re.compile(r"\d+(?:[,.]\d+)*")


def _scenarios():
    sc = default_scenario()
    names = [p.name for p in sc.policies]
    # the case's curated register, and one built from the parameters' own sources
    return [(sc, names), (Scenario("t", sc.policies, horizon_years=3), names)]


@pytest.fixture(scope="module", params=["en", "zh"])
def registers(request):
    lang = request.param
    return lang, [register_section(sc, names, lang) for sc, names in _scenarios()]


def test_every_file_the_register_names_is_in_the_repository(registers):
    lang, pages = registers
    for page in pages:
        named = set(re.findall(r"[\w./-]+\.md\b", html.unescape(re.sub(r"<[^>]+>", "", page))))
        assert named, "the list names docs/sources.md"
        assert {n for n in named if not (ROOT / n).is_file()} == set(), lang
        assert "seed-facts" not in page, lang
        assert "domain-reference" not in page, lang


def test_every_link_of_the_register_reaches_its_entry_in_the_list(registers):
    _, pages = registers
    for page in pages:
        links = set(re.findall(r'href="#(src-[\w-]+)"', page))
        ids = set(re.findall(r'id="(src-[\w-]+)"', page))
        assert len(links) > 10
        assert links <= ids, links - ids


def test_every_cited_section_is_listed_and_is_a_section_of_sources_md():
    listed = {f"seed-{s}" for s in CASE_SECTIONS} | {f"dr-{s}" for s in DOMAIN_SECTIONS}
    cited = set()
    for sc, names in _scenarios():
        for row in register_rows(sc, names):
            cited |= {k for k in citations(row[3]) if k.startswith(("seed", "dr"))}
    # "seed" and "dr" alone cite the documents, which the list names; "dr-1"/"dr-2"/"dr-5"
    # would be parent sections, listed through their sub-sections
    assert cited - listed - {"seed", "dr"} == set()
    for key in {*listed, "seed", "dr"}:
        assert f'<a id="{key}"></a>' in SOURCES, key


@pytest.mark.parametrize(
    ("source", "lang", "shown", "target"),
    [
        ("seed-facts.md §3: 850 jobs", "en", "case report §3", "src-seed-3"),
        ("domain-reference.md §5a: 5.31% x 1.3", "en", "domain reference §5a", "src-dr-5a"),
        ("domain-reference.md S1: 350", "en", "domain reference", "src-dr"),
        ("estimate: barren hill at year 8 (§4)", "en", "domain reference §4", "src-dr-4"),
        ("<code>seed-facts.md</code>：25000人", "zh", "案例报告", "src-seed"),
        ("估计：§3 典型事实3", "zh", "领域参考资料 §3", "src-dr-3"),
    ],
)
def test_a_citation_is_named_and_linked(source, lang, shown, target):
    out = str(cite(source, lang))
    assert f'<a href="#{target}">{shown}</a>' in out
    assert ".md" not in re.sub(r"<[^>]+>", "", out)


def test_a_bare_section_sign_is_not_the_domain_reference_when_another_document_is_named():
    source = "estimate: provinces pass 70-80% on (economics review §2.4)"
    assert str(cite(source, "en")) == source


def test_the_list_and_the_glossary_have_the_same_numbers_in_both_languages():
    for make in (references_html, glossary_html):
        en, zh = make("en"), make("zh")
        blocks = [re.split(r"</(?:li|td|th|p|h3)>", page) for page in (en, zh)]
        assert len(blocks[0]) == len(blocks[1])
        for a, b in zip(*blocks, strict=True):
            plain = [html.unescape(re.sub(r"<[^>]+>", " ", x)) for x in (a, b)]
            assert sorted(NUMBER.findall(plain[0])) == sorted(NUMBER.findall(plain[1])), plain
        visible = html.unescape(re.sub(r"<code>.*?</code>|<[^>]+>", " ", zh))
        assert ENGLISH.findall(re.sub(r"《[^》]*》", " ", visible)) == []


def test_the_glossary_explains_each_term_the_trial_asked_for():
    words = {text(f"gl.{k}.t", "en", base=2010) for k in GLOSSARY}
    shown = " ".join(words)
    for term in ("dibao", "mu", "2010 prices", "NPV", "discount rate", "IRR", "payback",
                 "95% CI", "P(loss)", "restored", "poverty line", "headcount", "gap", "AAOV",
                 "RCC", "LAL", "ASF", "BSG", "DM", "land-for-shares", "house-for-house",
                 "resident group"):  # fmt: skip
        assert term in shown, term
    for k in GLOSSARY:
        fields = {"m2": 1, "base": 1, "rate": 1, "window": 1, "line": 1}
        en, zh = text(f"gl.{k}", "en", **fields), text(f"gl.{k}", "zh", **fields)
        assert en
        assert zh != en
    for lang in ("en", "zh"):  # 1 mu = 1/15 ha, from the code's constant
        assert "666.7" in glossary_html(lang)


def test_the_abbreviations_are_spelled_out_as_the_library_spells_them():
    page = html.unescape(glossary_html("en"))
    # where the library itself spells each out: the sources page, the plots' labels, the
    # case's scenario file (its comments are the parameters' sources)
    said = " ".join(
        (ROOT / p).read_text(encoding="utf-8").lower()
        for p in ("docs/sources.md", "src/collective_econ/plotting/labels.py",
                  "src/collective_econ/cases/caopijie/caopijie.toml")
    )  # fmt: skip
    for spelled in ("Average annual output value", "Rural credit coop",
                    "Land Administration Law", "African swine fever", "Brewers' spent grain",
                    "Dry matter"):  # fmt: skip
        assert spelled in page, spelled
        assert spelled.lower() in said, spelled
