"""Shared pieces of the plots: the language and its fonts, colours, axes, years."""

from __future__ import annotations

import textwrap
import warnings
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, cast

import numpy as np
from numpy.typing import NDArray

from .. import metrics
from ..errors import ParameterError
from .labels import CJK_FONTS, labels, plot_text, policy_label

if TYPE_CHECKING:
    from matplotlib.artist import Artist
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

    from ..runs.comparison import Comparison

Floats = NDArray[np.float64]

_FALLBACK = "DejaVu Sans"  # matplotlib's own font: Latin letters and digits a CJK font may lack
_NO_CJK = (
    "lang='zh' needs a font that can draw Chinese, and matplotlib found none "
    "(it looked for Noto Sans CJK, Source Han Sans, WenQuanYi, SimHei, Microsoft YaHei, "
    "PingFang and others), so the labels fall back to English. To get Chinese labels, "
    "install one (Debian/Ubuntu: `sudo apt-get install fonts-noto-cjk`; Fedora: "
    "`google-noto-sans-cjk-fonts`; Windows and macOS ship SimHei/Microsoft YaHei/PingFang), "
    "then rebuild matplotlib's font cache (delete the fontlist-*.json files in "
    'matplotlib.get_cachedir(), or run python -c "import matplotlib.font_manager as f; '
    'f._load_fontmanager(try_read_cache=False)") and restart Python.'
)


# --- language and fonts ----------------------------------------------------------------------


def find_cjk_font() -> str | None:
    """The installed font family that draws Chinese best, or None (tests replace this)."""
    from matplotlib import font_manager

    installed = {f.name for f in font_manager.fontManager.ttflist}
    for name in CJK_FONTS:
        if name in installed:
            return name
    return next((n for n in sorted(installed) if "CJK" in n or "Han Sans" in n), None)


@dataclass(frozen=True, slots=True)
class _Style:
    """The language a plot is labelled in and the font that can draw it."""

    lang: str
    font: str | None = None

    def __call__(self, key: str, **fields: object) -> str:
        return plot_text(labels(self.lang)[key].format(**fields))  # fields may be user text

    def get(self, key: str, default: str) -> str:
        return plot_text(labels(self.lang).get(key, default))

    def policy(self, name: str, width: int | None = None) -> str:
        """The policy's label; wrapped to ``width`` (the given name on its own lines)."""
        text, name = policy_label(name, self.lang), plot_text(name)  # both escaped
        if not width:
            return text
        if text == name:
            return textwrap.fill(name, width)
        return f"{text[: -len(name) - 3]}\n{textwrap.fill(f'({name})', width)}"

    @contextmanager
    def fonts(self) -> Iterator[None]:
        """Draw with the CJK font (new figures, titles, labels); nothing for English."""
        if self.font is None:
            yield
            return
        import matplotlib as mpl

        with mpl.rc_context({"font.family": [self.font, _FALLBACK], "axes.unicode_minus": False}):
            yield

    def finish(self, drawn: Axes | Figure) -> None:
        """Give every text of ``drawn`` the CJK font (also ticks made before the plot)."""
        if self.font is None:
            return
        from matplotlib.text import Text

        for text in drawn.findobj(Text):
            text.set_fontfamily([self.font, _FALLBACK])


def style_for(lang: str, stacklevel: int = 3) -> _Style:
    """Resolve ``lang``; warn (pointing at the caller's caller) and use English without a font."""
    labels(lang)  # raises ParameterError for an unknown language
    if lang == "en":
        return _Style("en")
    font = find_cjk_font()
    if font is None:
        warnings.warn(_NO_CJK, UserWarning, stacklevel=stacklevel)
        return _Style("en")
    return _Style(lang, font)


# --- small helpers -------------------------------------------------------------------------


def _new_axes(ax: Axes | None, size: tuple[float, float] = (9.5, 5.0)) -> Axes:
    if ax is not None:
        return ax
    import matplotlib.pyplot as plt

    _, new = plt.subplots(figsize=size, layout="constrained")
    return new


def _figure(ax: Axes) -> Figure:
    return cast("Figure", ax.figure)


def _colour(i: int) -> str:
    """The colour of the policy at position ``i`` (the same in every plot)."""
    return f"C{i % 10}"


def _year_axis(ax: Axes, st: _Style) -> None:
    from matplotlib.ticker import MaxNLocator

    ax.set_xlabel(st("year"))
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))


def _year_index(cmp: Comparison, year: int) -> int:
    years = [int(y) for y in cmp.years]
    if year in years:
        return years.index(year)
    n = len(years)
    if isinstance(year, int | np.integer) and not isinstance(year, bool) and -n <= year < n:
        return int(year) % n
    raise ParameterError(
        "year", f"an index within [{-n}, {n - 1}] or a year {years[0]}-{years[-1]}", year
    )


def _pooled(cmp: Comparison, i: int, t: int) -> tuple[Floats, Floats]:
    """Per-capita incomes of policy ``i`` in year ``t``, replications pooled; person weights.

    The weights are the persons present in each household that year
    (:attr:`Comparison.persons`: births, deaths and migration move them); a household
    with nobody present that year is left out.
    """
    x, w = cmp.per_capita[i, :, t, :].ravel(), cmp.persons[i, :, t, :].ravel()
    here = w > 0
    return x[here], w[here]


def _weighted_median(x: Floats, w: Floats) -> float:
    return float(metrics.weighted_quantile(x, 0.5, weights=w))


def _legend_outside(ax: Axes, handles: Sequence[Artist] | None = None) -> None:
    kw: dict[str, Any] = {"loc": "upper left", "bbox_to_anchor": (1.01, 1.0)}
    if handles is not None:
        kw["handles"] = list(handles)
    ax.legend(fontsize="small", **kw)


# --- income over time ------------------------------------------------------------------------
