"""The two reference documents a source string cites, named as a reader sees them.

Parameters cite the project's two reference documents by their old file names
(``seed-facts.md §2``, ``domain-reference.md §7``, ``domain-ref §6``, or a bare ``§6``
in a string that names no other document: the domain reference). Those files are not in
the repository: their content is ``docs/sources.md``, under the same section numbers.
The source strings keep the old names (they are keys of the report's Chinese catalogue,
and a scenario file's reader takes ``seed-facts.md`` for the confidence "seed");
wherever a reader sees a source, :func:`name_documents` names the documents instead:
"case report §2", "domain reference §7". The report's register links each name to its
entry below the register (``report._references.cite``); a scenario file's comments say
it in plain words (:func:`plain`); the docs' Markdown links it to its section of
``docs/sources.md`` (:func:`markdown`).

Examples
--------
>>> plain("domain-reference.md §7/§8: 3.8")
'domain reference §7/§8: 3.8'
>>> plain("estimate: class II minimum wage (§6)")
'estimate: class II minimum wage (domain reference §6)'
>>> markdown("`seed-facts.md` §2 [seed]")
'[case report §2](sources.md#seed-2) [seed]'
>>> plain("seed-facts.md §2-3: the firm account")
'case report §2-3: the firm account'
>>> markdown("domain-reference.md S1", page="../sources.md")
'[domain reference](../sources.md#dr) S1'
"""

from __future__ import annotations

import re
from collections.abc import Callable

__all__ = [
    "CASE_SECTIONS",
    "DOCUMENTS",
    "DOMAIN_SECTIONS",
    "anchor",
    "markdown",
    "name_documents",
    "plain",
]

DOCUMENTS: dict[str, str] = {"seed": "case report", "dr": "domain reference"}
"""Each document's key (anchors ``<key>`` and ``<key>-<section>`` of docs/sources.md) and
its English name."""

CASE_SECTIONS: tuple[str, ...] = ("1", "2", "3", "4", "5", "6")
"""The case report's scheme sections (anchors ``seed-N`` of docs/sources.md)."""

DOMAIN_SECTIONS: tuple[str, ...] = (
    "0", "1a", "1b", "2a", "2b", "3", "4", "5a", "5b", "6", "7", "8",
)  # fmt: skip
"""The domain reference's sections (anchors ``dr-N`` of docs/sources.md)."""

SECTIONS: dict[str, tuple[str, ...]] = {"seed": CASE_SECTIONS, "dr": DOMAIN_SECTIONS}

_KEYS = {"seed-facts.md": "seed", "domain-reference.md": "dr", "domain-ref": "dr"}
"""Old file names of the cited documents -> their key."""

_NAMED = re.compile(
    r"(?:<code>|`)?(?P<doc>seed-facts\.md|domain-reference\.md|domain-ref\b)(?:</code>|`)?"
    r"(?:\s*§\s*(?P<sec>\d+[a-z]?)(?P<to>-\d+[a-z]?\b)?)?"
)
_OTHER = re.compile(r"review|评审|docs/[\w/-]+\.md|\.md\b|#src-")
"""A string naming another document (or already named): a bare ``§`` in it is not the
domain reference's."""
_BARE = re.compile(r"(?<![\w>])§\s*(?P<sec>\d+[a-z]?)")


def anchor(key: str, section: str | None) -> str:
    """The anchor of a section in docs/sources.md (``anchor("dr", "5a") == "dr-5a"``).

    The document's own anchor when ``section`` is None or not one of its listed sections.
    """
    return f"{key}-{section}" if section in SECTIONS[key] else key


def name_documents(
    source: str, name: Callable[[str, str | None, str], str], *, bare: bool = True
) -> str:
    """``source`` with each cited document replaced by ``name(key, section, to)``.

    ``key`` is ``"seed"`` (the case report) or ``"dr"`` (the domain reference);
    ``section`` the section cited (``"2"``, ``"5a"``) or None; ``to`` the end of a range
    of sections (``"-3"`` of ``§2-3``) or "". In a string that names no
    document and no other document, the first bare ``§N`` is the domain reference's
    (unless not ``bare``: prose, where it may be another's).
    """
    out = _NAMED.sub(lambda m: name(_KEYS[m["doc"]], m["sec"], m["to"] or ""), source)
    if bare and out == source and not _OTHER.search(source):
        out = _BARE.sub(lambda m: name("dr", m["sec"], ""), source, count=1)
    return out


def _shown(key: str, section: str | None, to: str = "") -> str:
    return DOCUMENTS[key] + (f" §{section}{to}" if section else "")


def plain(source: str) -> str:
    """``source`` with the documents named in plain words ("case report §2")."""
    return name_documents(source, _shown)


def markdown(source: str, page: str = "sources.md", *, bare: bool = True) -> str:
    """``source`` with each document named and linked to its section of ``page``.

    ``page``: the path of docs/sources.md from the Markdown file the text is in;
    ``bare=False`` for prose, where a bare ``§N`` may be another document's.
    """
    return name_documents(
        source, lambda k, s, to: f"[{_shown(k, s, to)}]({page}#{anchor(k, s)})", bare=bare
    )
