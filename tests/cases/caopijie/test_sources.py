"""Every citation in the assumption register resolves to an entry of docs/sources.md."""

import dataclasses
import importlib
import pkgutil
import re
from pathlib import Path

import pytest

import collective_econ
from collective_econ import docs_numbers
from collective_econ.cases.caopijie import CASE, default_scenario
from collective_econ.cases.caopijie.sources import PUBLISHED, citations, needs_entry
from collective_econ.economy.collective import PayoutRule
from collective_econ.economy.community import CommunityParams
from collective_econ.economy.livelihood import LivelihoodParams
from collective_econ.economy.population import DemographyParams
from collective_econ.params import Parameters
from collective_econ.prices import PriceIndex
from collective_econ.scenario.parts import nested_type
from collective_econ.schemes import SCHEMES

ROOT = Path(__file__).resolve().parents[3]
PAGE = ROOT / "docs" / "sources.md"
ANCHORS = set(re.findall(r'<a id="([^"]+)"></a>', PAGE.read_text(encoding="utf-8")))


def _classes() -> set[type[Parameters]]:
    """Every parameter class: the registry's, the economy's, nested ones and all subclasses."""
    for m in pkgutil.walk_packages(collective_econ.__path__, "collective_econ."):
        if not m.name.endswith("__main__"):
            importlib.import_module(m.name)
    roots = [s.params_type for s in SCHEMES.values()]
    roots += [CommunityParams, LivelihoodParams, DemographyParams, PriceIndex, PayoutRule]
    todo, seen = list(roots), set()

    def subclasses(c: type) -> list[type]:
        return [s for d in c.__subclasses__() for s in (d, *subclasses(d))]

    todo += subclasses(Parameters)
    while todo:
        c = todo.pop()
        if c in seen or not dataclasses.is_dataclass(c):
            continue
        seen.add(c)
        todo += [n for f in dataclasses.fields(c) if (n := nested_type(c, f.name)) is not None]
    return seen


SOURCES = sorted({(f"{c.__name__}.{f.name}", f.source) for c in _classes() for f in c.describe()})
SOURCES += sorted(
    {
        (f"{k}.{u.param} (uncertainty)", u.source)
        for k, s in SCHEMES.items()
        for u in s.uncertainties
    }
)


def _resolves(key: str) -> bool:
    if key.startswith("doc:"):
        return (ROOT / "docs" / key[4:]).is_file()
    return key in ANCHORS


def test_the_walk_reaches_the_classes_the_register_shows():
    names = {c.__name__ for c in _classes()}
    assert {"CommunityParams", "LivelihoodParams", "DemographyParams", "PriceIndex"} <= names
    assert {s.params_type.__name__ for s in SCHEMES.values()} <= names
    assert len(SOURCES) > 250


@pytest.mark.parametrize(("where", "source"), SOURCES, ids=[w for w, _ in SOURCES])
def test_every_citation_resolves(where, source):
    keys = citations(source)
    missing = [k for k in keys if not _resolves(k)]
    assert not missing, f"{where}: {source!r} cites {missing}, not entries of docs/sources.md"
    if needs_entry(source):
        assert keys, (
            f"{where}: {source!r} is not an estimate and cites nothing docs/sources.md knows: "
            "cite seed-facts.md / domain-reference.md §N, or add the published source to "
            "cases/caopijie/sources.py PUBLISHED"
        )


def test_the_register_of_the_default_scenario_resolves():
    for a in default_scenario().assumptions:
        assert all(_resolves(k) for k in citations(a.source)), (a.path, a.source)


def test_the_rule_catches_a_dangling_citation():
    # planted: a section the domain reference does not have, an unknown published source
    assert not _resolves(citations("domain-reference.md §9z: made up")[0])
    assert citations("Smith 2031, a paper nobody has") == ()
    assert needs_entry("Smith 2031, a paper nobody has")


@pytest.mark.parametrize(
    ("source", "keys"),
    [
        ("seed-facts.md", ("seed",)),
        ("seed-facts.md §4 (5 mu)", ("seed-4",)),
        ("seed-facts.md §2-3: firms", ("seed-2", "seed-3")),
        ("domain-reference.md §3, §8: 300-500", ("dr-3", "dr-8")),
        ("domain-reference.md §0 S1: ~350", ("dr-0",)),
        ("estimate: class II minimum wage (§6)", ("dr-6",)),
        ("0 keeps real wages; ~0.043 (domain-ref §6)", ("dr-6",)),
        ("reviews/economics.md T3 and §2.4: 'if'", ("review-t3", "review-2.4")),
        ("estimate: (review J5, domain-reference.md §6 fact 2)", ("review-j5", "dr-6")),
        ("China 2010 census: 105.20 males", ("pub-census-2010",)),
    ],
)
def test_the_citation_rule(source, keys):
    assert citations(source) == keys


def test_every_published_entry_and_section_has_an_anchor():
    assert {f"pub-{p.key}" for p in PUBLISHED} <= ANCHORS
    sections = {"seed", *(f"seed-{n}" for n in range(1, 7)), "dr-0", "dr-1a", "dr-1b"}
    sections |= {"dr-2a", "dr-2b", "dr-3", "dr-4", "dr-5a", "dr-5b", "dr-6", "dr-7", "dr-8"}
    assert sections <= ANCHORS


def test_the_case_reports_figures_are_on_the_page():
    text = PAGE.read_text(encoding="utf-8").replace(",", "")
    for f in dataclasses.fields(CASE):
        value = getattr(CASE, f.name)
        shown = {f"{value:g}", f"{value:.0f}", f"{value / 1e6:g} M", f"{value / 1e4:g}万"}
        shown |= {f"{value / 1e6:g}000000"}
        assert any(s in text for s in shown), f"CaseFacts.{f.name} = {value} not in sources.md"


def test_the_generated_blocks_of_the_sources_page_are_current():
    assert (
        docs_numbers.check([b for b in docs_numbers.BLOCKS if b.page == "docs/sources.md"]) == []
    )
