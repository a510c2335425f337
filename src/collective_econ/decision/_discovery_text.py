"""Boxes in plain English and Chinese sentences, linked to switching values."""

from __future__ import annotations

import math

from ..errors import ParameterError, ParameterTypeError
from ..sensitivity.local import SwitchingValues
from ._discovery_box import Box
from ._discovery_inputs import (
    input_labels,
)

__all__ = ["describe", "link_switching"]

# --- sentences --------------------------------------------------------------------------


def _conditions(box: Box, lang: str) -> list[str]:
    labels = box.labels or input_labels(box.names)
    out = []
    for name in box.restricted:
        lab = labels[box.names.index(name)]
        lo, hi = box.bounds(name)
        word = lab.en if lang == "en" else (lab.zh or lab.en)
        word = f"the {word}" if lang == "en" and " " in word else word
        if lang == "en":
            if lo is not None and hi is not None:
                out.append(f"{word} is between {lab.value(lo)} and {lab.value(hi)}")
            elif hi is not None:
                out.append(f"{word} is below {lab.value(hi)}")
            else:
                out.append(f"{word} is above {lab.value(lo)}")  # type: ignore[arg-type]
        elif lo is not None and hi is not None:
            out.append(f"{word}在 {lab.value(lo, 'zh')} 至 {lab.value(hi, 'zh')} 之间")
        elif hi is not None:
            out.append(f"{word}低于 {lab.value(hi, 'zh')}")
        else:
            out.append(f"{word}高于 {lab.value(lo, 'zh')}")  # type: ignore[arg-type]
    return out


def describe(
    box: Box,
    *,
    lang: str = "en",
    subject: str = "The policy",
    verb: str = "fails",
    switching: SwitchingValues | None = None,
) -> str:
    """The box as a plain sentence (English or Chinese), with labels and units.

    Parameters
    ----------
    box : Box
    lang : {"en", "zh"}
    subject, verb : str
        Who does what inside the box, in ``lang`` (``"The full package"``, ``"fails"``;
        ``"全套方案"``, ``"失败"``). In Chinese the defaults are "该政策" and "失败".
    switching : SwitchingValues, optional
        Adds :func:`link_switching`'s sentences.

    Examples
    --------
    >>> import numpy as np
    >>> from collective_econ.decision.discovery import Box, InputLabel, input_labels
    >>> names = ("hogs.hog_price", "land_shares.dividend_rate")
    >>> b = Box(names, np.array([8.0, 0.0]), np.array([13.2, 0.041]), names, 0.8, 0.9,
    ...         0.1, 100, 90, (InputLabel("hog price", "生猪价格", "yuan/kg"),
    ...         *input_labels(names[1:])), np.array([True, True]), np.array([False, False]))
    >>> print(describe(b, subject="The full package"))  # doctest: +NORMALIZE_WHITESPACE
    The full package fails when the hog price is below 13.2 yuan/kg and the dividend rate
    is below 4.1%.
    >>> print(describe(b, lang="zh", subject="全套方案"))
    当生猪价格低于 13.2 元/kg且分红率低于 4.1%时，全套方案失败。
    """
    if lang not in ("en", "zh"):
        raise ParameterError("lang", "one of ['en', 'zh']", lang)
    conds = _conditions(box, lang)
    if lang == "en":
        text = (
            f"{subject} {verb} when {_join(conds, 'and')}."
            if conds
            else f"{subject} {verb} throughout the futures explored."
        )
    else:
        subj = "该政策" if subject == "The policy" else subject
        vb = "失败" if verb == "fails" else verb
        text = (
            f"当{'且'.join(conds)}时，{subj}{vb}。"
            if conds
            else f"在所有探索的情景中，{subj}{vb}。"
        )
    if switching is not None:
        text = " ".join([text, *link_switching(box, switching, lang=lang)])
    return text


def _join(parts: list[str], word: str) -> str:
    return parts[0] if len(parts) == 1 else f"{', '.join(parts[:-1])} {word} {parts[-1]}"


def link_switching(box: Box, switching: SwitchingValues, *, lang: str = "en") -> list[str]:
    """One sentence per restricted input that has a switching value, linking it to the bound.

    The switching value is where the input, moved alone from its base value, makes the
    outcome cross the threshold; a box bound beyond it means failure needs that input
    pushed further (or other inputs also unfavourable), short of it that failure comes
    earlier in combination with the box's other conditions.
    """
    if not isinstance(switching, SwitchingValues):
        raise ParameterTypeError("switching", "a SwitchingValues", switching)
    labels = box.labels or input_labels(box.names)
    out = []
    for name in box.restricted:
        if name not in switching.names:
            continue
        sv = float(switching.value[switching.names.index(name)])
        if not math.isfinite(sv):
            continue
        lab = labels[box.names.index(name)]
        lo, hi = box.bounds(name)
        bound = hi if hi is not None and (lo is None or abs(hi - sv) <= abs(lo - sv)) else lo
        assert bound is not None
        gap = bound - sv
        if lang == "en":
            rel = "at" if gap == 0 else f"{lab.value(abs(gap))} {'above' if gap > 0 else 'below'}"
            out.append(
                f"Moved alone from its base value, the {lab.en} crosses the threshold at "
                f"{lab.value(sv)} (its switching value); the box's bound of "
                f"{lab.value(bound)} lies {rel} it."
            )
        else:
            word = lab.zh or lab.en
            rel = (
                "与之相同"
                if gap == 0
                else (f"比它{'高' if gap > 0 else '低'} {lab.value(abs(gap), 'zh')}")
            )
            out.append(
                f"仅{word}单独变动时，其临界值（切换值）为 {lab.value(sv, 'zh')}；"
                f"方框边界 {lab.value(bound, 'zh')}{rel}。"
            )
    return out
