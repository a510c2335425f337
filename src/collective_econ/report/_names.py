"""Names in the model said in words: a parameter, an input, a scheme, a warning's names.

The report never shows a reader a name in the model (``land_shares.share_fraction``,
``hog_double_hundred``): these helpers turn them into words, in English or Chinese. The
names themselves appear only in the cells and lines marked for analysts.

Examples
--------
>>> field_words("land_shares.share_fraction"), field_words("land_shares.share_fraction", "zh")
('share fraction', '入股比例')
>>> plain_names("land_shares.persons = 1,826 under policy 'x' differs", "en")
"Land-for-shares compensation (土地入股分红): persons = 1,826 under policy 'x' differs"
"""

from __future__ import annotations

import re

from ..plotting.labels import field_label, input_label
from ..schemes import SCHEMES
from ._text import scheme_name
from ._text_more import FIELD_WORDS_ZH

__all__ = ["field_words", "input_words", "plain_names"]

_SECTIONS = {
    "community": ("community", "社区"),
    "livelihood": ("household economy", "农户经济"),
    "demography": ("population", "人口"),
}


def field_words(path: str, lang: str = "en") -> str:
    """A parameter in plain words, from its path; no name in the model.

    ``"land_shares.share_fraction"`` -> ``"share fraction"`` (``"入股比例"``). In Chinese,
    the words of :data:`._text_more.FIELD_WORDS_ZH` where it has the field, else the
    English words.
    """
    field = path.rsplit(".", 1)[-1]
    plain = field.split("[")[0]
    index = field[len(plain) :].strip("[]")
    if lang == "zh" and plain in FIELD_WORDS_ZH:
        words = FIELD_WORDS_ZH[plain]
    else:
        words = field_label(plain)
    return f"{words} {int(index) + 1}" if index.isdigit() else words


def _owner(name: str, lang: str) -> str:
    """A scheme's title, or a section of the scenario in words."""
    if name in _SECTIONS:
        return _SECTIONS[name][lang != "en"]
    return scheme_name(name, lang)


def input_words(path: str, lang: str = "en") -> str:
    """An uncertain input in words, never its path.

    ``"Hog farming: hog price (yuan/kg live)"`` in English; the scheme's Chinese title and
    the parameter's words in Chinese.
    """
    if lang == "en":
        return input_label(path)
    head = path.rpartition(".")[0]
    title = _owner(head, lang) if head in SCHEMES or head in _SECTIONS else ""
    words = field_words(path, lang)
    return f"{title}：{words}" if title else words


_OWNERS = "|".join(sorted([*SCHEMES, *_SECTIONS], key=len, reverse=True))
_DOTTED = re.compile(rf"`?\b({_OWNERS})\.([a-z_][a-z0-9_]*(?:\[\d+\])?)\b`?")
_QUOTED = re.compile(r"`([a-z][a-z0-9_]*)`")
_SNAKE = re.compile(r"\b[a-z][a-z0-9]*(?:_[a-z0-9]+)+\b")


def plain_names(sentence: str, lang: str = "en") -> str:
    """``sentence`` with each name in the model in words (a warning the model wrote).

    ``scheme.field`` -> the scheme's title and the field's words; a scheme's name -> its
    title; any other snake_case name (English) or name in backquotes (Chinese) -> words.
    """
    sep = ": " if lang == "en" else "："

    def dotted(m: re.Match[str]) -> str:
        return _owner(m.group(1), lang) + sep + field_words(m.group(2), lang)

    def one(m: re.Match[str]) -> str:
        name = m.group(1) if m.groups() else m.group(0)
        return scheme_name(name, lang) if name in SCHEMES else field_words(name, lang)

    out = _DOTTED.sub(dotted, sentence)
    out = _QUOTED.sub(one, out)
    return _SNAKE.sub(one, out) if lang == "en" else out
