"""Small HTML helpers for the report: escaping, tables, number formats and the page's CSS.

Every piece of text passes through :func:`esc` (``html.escape``); only the helpers
here write tags. Nothing here loads anything: no scripts, fonts or links.
"""

from __future__ import annotations

import html
import math
from collections.abc import Iterable, Sequence
from typing import Any

__all__ = [
    "CSP",
    "CSS",
    "esc",
    "money",
    "pct",
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
body { font-family: "Noto Sans", "DejaVu Sans", Arial, "Noto Sans CJK SC", "Microsoft YaHei",
       "PingFang SC", "SimSun", sans-serif; color: var(--ink);
       max-width: 62rem; margin: 0 auto; padding: 1.5rem 1.25rem 3rem; line-height: 1.45; }
h1 { font-size: 1.6rem; margin: 0 0 .25rem; }
h2 { font-size: 1.25rem; border-bottom: 2px solid var(--ink); padding-bottom: .2rem;
     margin-top: 2.2rem; }
h3 { font-size: 1.05rem; margin: 1.4rem 0 .4rem; }
p.lead { color: var(--muted); margin-top: 0; }
nav ul { columns: 2; list-style: none; padding-left: 0; }
nav a, a.anchor { color: inherit; }
table { border-collapse: collapse; width: 100%; margin: .6rem 0 1rem; font-size: .86rem; }
th, td { border-bottom: 1px solid var(--rule); padding: .25rem .45rem; text-align: left;
         vertical-align: top; }
th { background: var(--band); }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
td.num { white-space: nowrap; }
caption { caption-side: bottom; text-align: left; font-size: .8rem; color: var(--muted);
          padding-top: .3rem; }
td.diff { font-weight: bold; }
tr.group th { background: #e4e8ec; }
td.verdict-consistent { color: #1d5e2b; }
td.verdict-inconsistent, td.verdict-implausible, td.verdict-ambiguous {
  color: var(--mark); font-weight: bold; }
ul.findings li { margin-bottom: .35rem; }
figure { margin: 1.2rem 0 1.8rem; page-break-inside: avoid; break-inside: avoid; }
figure img { max-width: 100%; height: auto; display: block; border: 1px solid var(--rule); }
figcaption { font-size: .88rem; color: var(--muted); margin-top: .35rem; }
figcaption b { color: var(--ink); }
.note { background: var(--band); padding: .5rem .75rem; font-size: .88rem; }
footer { margin-top: 2.5rem; border-top: 1px solid var(--rule); font-size: .85rem;
         color: var(--muted); }
@media print {
  @page { size: A4; margin: 15mm 14mm; }
  body { max-width: none; padding: 0; font-size: 10pt; }
  nav { display: none; }
  h2 { page-break-after: avoid; break-after: avoid; }
  h2.new-page { page-break-before: always; break-before: page; }
  table { font-size: 8pt; }
  tr, figure, li { page-break-inside: avoid; break-inside: avoid; }
  a { color: inherit; text-decoration: none; }
  .note { border: 1px solid var(--rule); }
}
""".strip()


def esc(text: object) -> str:
    """``text`` as HTML, quotes included."""
    return html.escape(str(text), quote=True)


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
) -> str:
    """A table of plain-text cells (escaped); columns listed in ``numeric`` align right.

    A row may be ``("group", title)``: a full-width heading row. A cell may be a
    ``(text, css_class)`` pair.
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
    cap = tag("caption", esc(caption)) if caption else ""
    return tag("table", cap + "".join(out))


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
