"""The documents the register cites, named and listed; and the report's glossary.

Parameters cite the project's two reference documents by their old file names
(``seed-facts.md §2``, ``domain-reference.md §7``, or a bare ``§6`` in a string that
names no other document: the domain reference, as the citation rule of
:mod:`collective_econ.cases.caopijie.sources` reads it). Those files are not in the
repository: their content is ``docs/sources.md``, under the same section numbers. The
source strings stay as they are (they are keys of the Chinese catalogue);
:func:`cite` renames them when the register is drawn (by the rule of
:mod:`collective_econ.citations`, as the scenario file's comments and the docs), in
either language, each name a link to its entry in :func:`references_html`, the list
below the register. :func:`glossary_html` is the report's glossary.

Examples
--------
>>> str(cite(Html("domain-reference.md §7/§8: 3.8"), "en"))
'<a href="#src-dr-7">domain reference §7</a>/§8: 3.8'
>>> str(cite(Html("<code>seed-facts.md</code> §2：酒糟"), "zh"))
'<a href="#src-seed-2">案例报告 §2</a>：酒糟'
>>> str(cite(Html("estimate: class II minimum wage (§6)"), "en"))
'estimate: class II minimum wage (<a href="#src-dr-6">domain reference §6</a>)'
"""

from __future__ import annotations

from ..citations import anchor, name_documents
from ..finance import DEFAULT_DISCOUNT_RATE
from ..metrics.lines import NATIONAL_RURAL_POVERTY_LINE
from ..metrics.outcomes import RESTORATION_WINDOW
from ..units import SQUARE_METRES_PER_MU
from ._html import Html, esc, prose, table, tag
from ._text import text
from ._text_refs import CASE_SECTIONS, DOMAIN_SECTIONS, GLOSSARY

__all__ = ["cite", "glossary_html", "glossary_markdown", "references_html"]


def _link(key: str, section: str | None, to: str, lang: str) -> str:
    name = text("refs.case" if key == "seed" else "refs.domain", lang)
    shown = f"{name} §{section}{to}" if section else name
    return tag("a", esc(shown), href=f"#src-{anchor(key, section)}")


def cite(source: Html, lang: str) -> Html:
    """A register source (HTML) with each cited document named and linked to its entry.

    A section number is linked to its section when the list has it (``§2`` of the case
    report), else the name to the document. In a string that names no document, the
    first bare ``§N`` is the domain reference's (:func:`collective_econ.citations.name_documents`,
    the rule the scenario file's comments and the docs name them by).
    """
    return Html(name_documents(source, lambda k, s, to: _link(k, s, to, lang)))


def references_html(lang: str) -> str:
    """The list of the documents the register cites, with their sections, under the register."""
    items = []
    for key, about, sections in (
        ("seed", "refs.case.about", CASE_SECTIONS),
        ("dr", "refs.domain.about", DOMAIN_SECTIONS),
    ):
        entries = "".join(
            tag("li", esc(f"§{s}: " + text(f"refs.{key}.{s}", lang)), id=f"src-{key}-{s}")
            for s in sections
        )
        items.append(tag("li", prose(text(about, lang)) + tag("ul", entries), id=f"src-{key}"))
    intro = tag("p", prose(text("refs.intro", lang)))
    return tag("h3", esc(text("refs.h", lang)), id="sources") + intro + tag("ul", "".join(items))


def _glossary_fields(base_year: int) -> dict[str, object]:
    return {
        "m2": f"{SQUARE_METRES_PER_MU:.1f}",
        "base": base_year,
        "rate": f"{DEFAULT_DISCOUNT_RATE:.0%}",
        "window": RESTORATION_WINDOW,
        "line": f"{NATIONAL_RURAL_POVERTY_LINE:,.0f}",
    }


def glossary_html(lang: str, base_year: int = 2010) -> str:
    """The glossary: each term and abbreviation the report uses, in plain words.

    ``base_year``: the year whose prices the report's real yuan are in.
    """
    fields = _glossary_fields(base_year)
    rows = [[text(f"gl.{k}.t", lang, **fields), text(f"gl.{k}", lang, **fields)] for k in GLOSSARY]
    return table([text("gl.term", lang), text("gl.meaning", lang)], rows)


def glossary_markdown(base_year: int = 2010) -> str:
    """The report's glossary as a Markdown table (docs/glossary.md): term, Chinese, meaning."""
    fields = _glossary_fields(base_year)
    lines = ["| term | 中文 | meaning |", "|---|---|---|"]
    for k in GLOSSARY:
        en, zh, said = (text(f"gl.{k}{t}", lang, **fields)
                        for t, lang in ((".t", "en"), (".t", "zh"), ("", "en")))  # fmt: skip
        lines.append(f"| {en} | {zh} | {said} |")
    return "\n".join(lines)
