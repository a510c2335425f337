"""Small HTML helpers for the report: escaping, tables, number formats and the page's CSS.

Every piece of text passes through :func:`esc` (``html.escape``); only the helpers
here write tags. Nothing here loads anything: no scripts, fonts or links.
"""

from __future__ import annotations

import html
import math
import re
from collections.abc import Iterable, Sequence
from typing import Any

__all__ = [
    "CSP",
    "CSS",
    "Html",
    "code",
    "document",
    "esc",
    "money",
    "orig",
    "pct",
    "prose",
    "table",
    "tag",
    "value_text",
    "yuan_pp",
]

CSP = "default-src 'none'; img-src data:; style-src 'unsafe-inline'"
"""The page's Content-Security-Policy: images only from data URIs, nothing fetched."""

CSS = """
:root { --ink: #1b1b1b; --muted: #5a5a5a; --rule: #c8c8c8; --band: #f3f5f7; --mark: #8a1c1c; }
* { box-sizing: border-box; }
body { font-family: "Noto Sans", "DejaVu Sans", Arial, "Noto Sans CJK SC", "Source Han Sans SC",
       "Microsoft YaHei", "PingFang SC", "WenQuanYi Micro Hei", "SimSun", sans-serif;
       color: var(--ink); max-width: 62rem; margin: 0 auto; padding: 1rem 1.25rem 3rem;
       line-height: 1.45; overflow-wrap: break-word; }
html:lang(zh) body { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei",
       "PingFang SC", "WenQuanYi Micro Hei", "SimSun", "Noto Sans", "DejaVu Sans", sans-serif; }
h1 { font-size: 1.45rem; margin: 0 0 .2rem; }
h2 { font-size: 1.25rem; border-bottom: 2px solid var(--ink); padding-bottom: .2rem;
     margin-top: 2.2rem; }
#summary h2 { margin-top: .6rem; }
h3 { font-size: 1.05rem; margin: 1.4rem 0 .4rem; }
p.lead { color: var(--muted); margin: 0; }
nav ul { columns: 3 12rem; list-style: none; padding-left: 0; font-size: .9rem; }
nav a, a.anchor { color: inherit; }
code { font-size: .85em; overflow-wrap: anywhere; }
div.scroll { max-width: 100%; overflow-x: auto; margin: .6rem 0 1rem; }
table { border-collapse: collapse; width: 100%; font-size: .86rem; }
th, td { border-bottom: 1px solid var(--rule); padding: .25rem .45rem; text-align: left;
         vertical-align: top; }
th { background: var(--band); }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
td.num { white-space: nowrap; }
p.caption { font-size: .8rem; color: var(--muted); margin: -.7rem 0 1rem; }
td.diff { font-weight: bold; }
tr.group th { background: #e4e8ec; }
table.decision td:first-child { font-weight: bold; }
table.decision td.num { white-space: normal; }
div.caveat { border-left: 4px solid var(--mark); margin: .4rem 0 .2rem; }
div.caveat p { margin: .15rem 0; }
table.decision span.ci { display: block; font-size: .78rem; color: var(--muted); }
table.decision th:nth-child(2), table.decision td:nth-child(2) { background: #fbf3e4; }
td.verdict-consistent { color: #1d5e2b; }
td.verdict-inconsistent, td.verdict-implausible, td.verdict-ambiguous {
  color: var(--mark); font-weight: bold; }
ul.findings li, ol.answer li { margin-bottom: .35rem; }
ul.warnings li { color: var(--mark); margin-bottom: .25rem; }
figure { margin: 1.2rem 0 1.8rem; page-break-inside: avoid; break-inside: avoid; }
figure img { max-width: 100%; height: auto; display: block; border: 1px solid var(--rule); }
figure.small img { max-width: min(100%, 44rem); }
@media (min-width: 60rem) {
  div.answer-grid { display: grid; grid-template-columns: 1fr 1fr; gap: 1.2rem;
                    align-items: start; }
  div.answer-grid figure { margin-top: 0; }
}
ol.answer { padding-left: 1.4rem; margin-top: 0; }
figcaption { font-size: .88rem; color: var(--muted); margin-top: .35rem; }
figcaption b { color: var(--ink); }
details { margin: .8rem 0; }
summary { cursor: pointer; font-weight: bold; padding: .3rem 0; }
.note { background: var(--band); padding: .5rem .75rem; font-size: .88rem; }
.analyst { font-size: .78rem; color: var(--muted); }
p.analyst { margin: .2rem 0 .6rem; }
footer { margin-top: 2.5rem; border-top: 1px solid var(--rule); font-size: .85rem;
         color: var(--muted); }
@media (max-width: 40rem) {
  body { padding: .6rem .6rem 2rem; }
  h1 { font-size: 1.2rem; }
  table { font-size: .8rem; }
}
@media print {
  @page { size: A4; margin: 12mm 12mm; }
  body { max-width: none; padding: 0; font-size: 9pt; line-height: 1.3; }
  nav { display: none; }
  h2 { page-break-after: avoid; break-after: avoid; margin-top: 1rem; }
  h2.new-page { page-break-before: always; break-before: page; }
  div.scroll { overflow: visible; }
  table { font-size: 7.5pt; }
  p.caption { font-size: 7pt; margin-top: -.5rem; }
  figure { margin: .5rem 0 .8rem; }
  figure img { max-height: 10.5cm; width: auto; }
  figcaption { font-size: 7.5pt; }
  tr, figure, li { page-break-inside: avoid; break-inside: avoid; }
  a { color: inherit; text-decoration: none; }
  .note { border: 1px solid var(--rule); }
}
""".strip()


class Html(str):
    """Text that is HTML already (a table cell with a ``<code>``): not escaped again."""

    __slots__ = ()


def esc(text: object) -> str:
    """``text`` as HTML, quotes included; an :class:`Html` string as it is."""
    if isinstance(text, Html):
        return str(text)
    return html.escape(str(text), quote=True)


def prose(text: object) -> Html:
    """Plain text as HTML, with each `backquoted` part as ``<code>`` (a name in the model)."""
    body = html.escape(str(text), quote=True)
    return Html(re.sub(r"`([^`]+)`", r"<code>\1</code>", body))


def code(text: object) -> Html:
    """``text`` as ``<code>`` (a parameter's path, a unit, a name in the model)."""
    return Html(f"<code>{html.escape(str(text), quote=True)}</code>")


def orig(text: object, lang: str) -> Html:
    """Source text kept in English: marked ``lang="en"`` on a page in another language."""
    body = html.escape(str(text), quote=True)
    return Html(body if lang == "en" else f'<span lang="en" class="orig">{body}</span>')


def tag(name: str, body: str = "", **attrs: str) -> str:
    """``<name attrs>body</name>``; ``body`` is HTML already, attribute values are escaped.

    A trailing underscore in an attribute name is dropped (``class_``).
    """
    parts = "".join(f' {k.rstrip("_").replace("_", "-")}="{esc(v)}"' for k, v in attrs.items())
    return f"<{name}{parts}>{body}</{name}>"


def table(
    head: Sequence[str],
    rows: Iterable[Sequence[Any]],
    *,
    numeric: Sequence[int] = (),
    caption: str = "",
    **attrs: str,
) -> str:
    """A table of plain-text cells (escaped); columns listed in ``numeric`` align right.

    A row may be ``("group", title)``: a full-width heading row. A cell may be a
    ``(text, css_class)`` pair, or :class:`Html`. The table sits in a box that scrolls
    sideways on a narrow screen (``div.scroll``), so the page itself never does;
    ``attrs`` go on the ``<table>`` (``id="decision"``).
    """
    num = set(numeric)

    def cell(kind: str, j: int, value: Any) -> str:
        text, extra = value if isinstance(value, tuple) else (value, "")
        classes = " ".join(c for c in ("num" if j in num else "", extra) if c)
        return tag(kind, esc(text), **({"class_": classes} if classes else {}))

    out = [tag("tr", "".join(cell("th", j, h) for j, h in enumerate(head)))]
    for row in rows:
        if len(row) == 2 and row[0] == "group" and len(head) != 2:
            out.append(tag("tr", tag("th", esc(row[1]), colspan=str(len(head))), class_="group"))
        else:
            out.append(tag("tr", "".join(cell("td", j, v) for j, v in enumerate(row))))
    cap = tag("p", esc(caption), class_="caption") if caption else ""
    return tag("div", tag("table", "".join(out), **attrs), class_="scroll") + cap


def pct(share: float, digits: int = 0) -> str:
    """A share (0-1) as a percentage, ``"82%"``; ``"n/a"`` when not finite."""
    return f"{100 * share:.{digits}f}%" if math.isfinite(share) else "n/a"


def money(yuan: float) -> str:
    """Yuan for a reader: ``"12.3 million yuan"`` from a million up, else ``"350,000 yuan"``."""
    if not math.isfinite(yuan):
        return "n/a"
    if abs(yuan) >= 999_950:
        return f"{yuan / 1e6:,.1f} million yuan"
    return f"{yuan:,.0f} yuan"


def yuan_pp(yuan: float) -> str:
    """Income per person: ``"4,503 yuan/person/year"``."""
    return f"{yuan:,.0f} yuan/person/year"


def value_text(value: Any) -> str:
    """A parameter value for a table: thousands separators, no float noise, tuples joined."""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int):
        return f"{value:,}"
    if isinstance(value, float):
        if not math.isfinite(value):
            return str(value)
        if value == int(value) and abs(value) < 1e15:
            return f"{int(value):,}"
        return f"{value:,.6g}" if abs(value) >= 1 else f"{value:.6g}"
    if isinstance(value, tuple | list):
        return "(" + ", ".join(value_text(v) for v in value) + ")"
    if hasattr(value, "value") and hasattr(value, "name"):  # an Enum
        return str(value.value)
    return str(value)


def standalone_page(heading: str, lead: str, sections: list[str], note: str, lang: str) -> str:
    """A small self-contained page: a title, a lead, ``sections`` (HTML) and a note.

    The decision and calibration pages, with the report's styles and content policy.
    """
    body = "\n".join(sections) + tag("p", esc(note), class_="caption")
    return document(heading, lead, body, lang)


def document(heading: str, lead: str, body: str, lang: str) -> str:
    """A whole HTML page: the report's head (styles, content policy), a title, a lead, ``body``."""
    head = (
        '<meta charset="utf-8">'
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{esc(heading)}</title><style>\n{CSS}\n</style>"
    )
    top = tag("h1", esc(heading)) + tag("p", esc(lead), class_="lead")
    html_lang = "en" if lang == "en" else "zh-CN"
    return (
        f'<!DOCTYPE html>\n<html lang="{html_lang}">\n<head>{head}</head>\n'
        f"<body>\n{tag('main', top + body)}\n</body>\n</html>\n"
    )
