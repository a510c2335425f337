"""The docs and the case's scenario file cite the case report and the domain reference as
the report does ("case report §2", "domain reference §7"), and every link to a section of
docs/sources.md reaches it.

The parameters' source strings keep the documents' former file names as keys
(``seed-facts.md``, ``domain-reference.md``); those files are not in the repository, so
a reader must never be sent to them.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from collective_econ.cases.caopijie import init_text
from collective_econ.citations import markdown, plain

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"
SOURCES = DOCS / "sources.md"
OLD = re.compile(r"seed-facts\.md|domain-reference\.md|domain-ref\b")
LINK = re.compile(r"\]\(([^)#\s]*sources\.md)#([\w.-]+)\)")
PAGES = [ROOT / "README.md", ROOT / "examples" / "README.md", *sorted(DOCS.rglob("*.md"))]


def _read(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def _prose(text: str) -> str:
    """``text`` without its code blocks, code spans and quoted strings (keys, not citations)."""
    text = re.sub(r"```.*?```", "", text, flags=re.DOTALL)
    text = re.sub(r"`[^`\n]*`", "", text)
    return re.sub(r'"[^"\n]*"', "", text)


@pytest.mark.parametrize(
    "path",
    [
        ROOT / "README.md",
        ROOT / "examples" / "README.md",
        DOCS / "index.md",
        DOCS / "scenario-reference.md",
        DOCS / "validation.md",
        *sorted((DOCS / "schemes").glob("*.md")),
    ],
    ids=lambda p: str(p.relative_to(ROOT)),
)
def test_the_docs_name_the_documents_not_their_old_files(path: Path) -> None:
    said = _prose(_read(path))
    assert not OLD.findall(said), f"{path.name} names a file that is not in the repository"


def test_the_scenario_files_comments_name_the_documents() -> None:
    comments = [line.split("#", 1)[1] for line in init_text().splitlines() if "#" in line]
    quoted = [re.sub(r'"[^"\n]*"', "", c) for c in comments]  # the header quotes an example
    named = [c for c in quoted if OLD.search(c) and "old file names" not in c]
    # the header says what the old names are, for the sources written as values
    assert [c for c in named if not c.lstrip().startswith("domain-reference.md the")] == []
    assert sum("domain reference §" in c for c in comments) > 50
    assert sum("case report" in c for c in comments) > 10


@pytest.mark.parametrize("path", PAGES, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_link_to_sources_md_reaches_its_anchor(path: Path) -> None:
    anchors = set(re.findall(r'<a id="([\w.-]+)"></a>', _read(SOURCES)))
    for target, anchor in LINK.findall(_read(path)):
        assert (path.parent / target).resolve() == SOURCES, (path.name, target)
        assert anchor in anchors, (path.name, anchor)


def test_the_scheme_pages_link_their_citations() -> None:
    links = [a for p in (DOCS / "schemes").glob("*.md") for _, a in LINK.findall(_read(p))]
    assert len(links) > 100
    assert {"seed-2", "dr-2a", "dr-5a", "dr-7"} <= set(links)


@pytest.mark.parametrize(
    ("source", "said", "linked"),
    [
        (
            "seed-facts.md §3: 850 jobs",
            "case report §3: 850 jobs",
            "[case report §3](sources.md#seed-3): 850 jobs",
        ),
        (
            "domain-reference.md §5a: 5.31% x 1.3",
            "domain reference §5a: 5.31% x 1.3",
            "[domain reference §5a](sources.md#dr-5a): 5.31% x 1.3",
        ),
        ("seed-facts.md", "case report", "[case report](sources.md#seed)"),
        ("domain-ref §9", "domain reference §9", "[domain reference §9](sources.md#dr)"),
        (
            "estimate (§6)",
            "estimate (domain reference §6)",
            "estimate ([domain reference §6](sources.md#dr-6))",
        ),
        ("economics review L1 §2.4", "economics review L1 §2.4", "economics review L1 §2.4"),
    ],
)
def test_a_citation_is_named_as_the_report_names_it(source: str, said: str, linked: str) -> None:
    assert plain(source) == said
    assert markdown(source) == linked
    assert markdown(linked) == linked  # named once
