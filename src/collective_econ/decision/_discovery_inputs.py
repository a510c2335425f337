"""Scenario discovery's input checks and the inputs' labels and units (see :mod:`.discovery`)."""

from __future__ import annotations

import numbers
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike, NDArray

from ..distributions.uncertainty import Uncertainty
from ..errors import ParameterError, ParameterTypeError, ShapeError
from ..params import Parameters
from ..scenario.parts import _SECTIONS
from ..schemes import SCHEMES

__all__ = ["Bools", "Floats", "InputLabel", "input_labels"]

Floats = NDArray[np.float64]
Bools = NDArray[np.bool_]

# --- labels and units ------------------------------------------------------------------

_ZH_FIELDS = {
    "hog_price": "生猪价格",
    "feed_price": "饲料价格",
    "piglet_price": "仔猪价格",
    "dividend_rate": "分红率",
    "guaranteed_rate": "保底分红率",
    "loan_rate": "贷款利率",
    "credit_rate": "信贷利率",
    "walnut_price": "核桃价格",
    "spring_price": "春茶价格",
    "summer_price": "夏茶价格",
    "vacancy_rate": "空置率",
    "share_fraction": "入股比例",
    "deposit_rate": "存款利率",
    "casual_wage_month": "零工月工资",
    "tfr": "总和生育率",
    "default_prob": "违约概率",
    "fcr": "料肉比",
    "wage_scale": "工资系数",
    "occupancy": "入住率",
    "profit_scale": "利润系数",
    "line_month": "低保月标准",
}
_EN_FIELDS = {
    "default_prob": "default probability",
    "fcr": "feed conversion ratio",
    "occupancy": "occupancy rate",
    "line_month": "monthly dibao line",
    "tfr": "total fertility rate",
}
_ZH_UNITS = (
    (" live", "（活重）"),
    ("kg feed/kg gain", "kg 饲料/kg 增重"),
    ("person", "人"),
    (" fresh", "（鲜叶）"),
    ("yuan", "元"),
    ("mu", "亩"),
    ("head", "头"),
    ("month", "月"),
    ("year", "年"),
)
_PERCENT_UNITS = ("fraction", "share", "1/yr", "1/year", "%")


@dataclass(frozen=True, slots=True)
class InputLabel:
    """How an input reads in a sentence: English and Chinese labels and its unit.

    A unit that is a fraction or a rate per year (``"fraction"``, ``"1/yr"``) is shown as
    a percentage; a ratio (``"ratio"``, ``"1"``) has no unit shown.
    """

    en: str
    zh: str = ""
    unit: str = ""

    def value(self, v: float, lang: str = "en") -> str:
        """``v`` with its unit: ``'13.2 yuan/kg live'``, ``'4.1%'``."""
        if self.unit.startswith(_PERCENT_UNITS):
            return f"{_num(100 * v)}%"
        unit = "" if self.unit in ("ratio", "1", "-") else self.unit
        if lang == "zh":
            for en, zh in _ZH_UNITS:
                unit = unit.replace(en, zh)
        return f"{_num(v)} {unit}" if unit else _num(v)


def _num(v: float) -> str:
    return f"{v:.3g}" if abs(v) < 1e4 else f"{v:,.0f}"


def _param_class(head: str) -> type[Parameters] | None:
    """The class a path's head names, as :func:`~collective_econ.scenario.resolve_param` does."""
    return SCHEMES[head].params_type if head in SCHEMES else _SECTIONS.get(head)


def input_labels(
    names: Sequence[str | Uncertainty], labels: Mapping[str, InputLabel | str] | None = None
) -> tuple[InputLabel, ...]:
    """Labels of inputs: given ones first, then the uncertainty's own, then the field's.

    ``names`` are the dotted paths of an experiment's inputs (``"hogs.hog_price"``) or
    :class:`~collective_econ.distributions.uncertainty.Uncertainty` objects. An
    uncertainty's ``label``, ``label_zh`` and ``unit`` are used where it has them (the
    class declares none today); otherwise the unit comes from the parameter field's
    ``param(unit=...)`` and the label from the field's name (a Chinese one for the
    common inputs).

    Examples
    --------
    >>> input_labels(["hogs.hog_price"])[0]
    InputLabel(en='hog price', zh='生猪价格', unit='yuan/kg live')
    """
    given = dict(labels or {})
    out = []
    for item in names:
        name = _name(item)
        label = given.get(name)
        if isinstance(label, InputLabel):
            out.append(label)
            continue
        head, _, fld = name.rpartition(".")
        cls = _param_class(head)
        info = next((f for f in cls.describe() if f.name == fld), None) if cls else None
        own = {a: getattr(item, a, "") or "" for a in ("label", "label_zh", "unit")}
        en = label if isinstance(label, str) else own["label"] or _EN_FIELDS.get(fld, "")
        en = en or fld.replace("_", " ")
        zh = own["label_zh"] or _ZH_FIELDS.get(fld, en)
        out.append(InputLabel(en, zh, own["unit"] or (info.unit if info else "")))
    return tuple(out)


def _name(item: str | Uncertainty) -> str:
    return item.param if isinstance(item, Uncertainty) else str(item)


# --- input checks -------------------------------------------------------------------------


def _matrix(X: ArrayLike, k: int | None = None) -> Floats:
    try:
        x = np.asarray(X, dtype=float)
    except (TypeError, ValueError):
        raise ParameterTypeError(
            "X", "a numeric array (futures x inputs)", type(X).__name__
        ) from None
    if x.ndim != 2 or (k is not None and x.shape[1] != k):
        want = f"(futures, {k})" if k is not None else "(futures, inputs)"
        raise ShapeError(f"X has shape {x.shape}; expected {want}")
    if not np.isfinite(x).all():
        bad = f"{np.count_nonzero(~np.isfinite(x))} NaN/inf values"
        raise ParameterError("X", "finite everywhere", bad)
    return x


def _labels(y: ArrayLike, n: int, *, check_classes: bool = True) -> Bools:
    arr = np.asarray(y)
    if arr.shape != (n,):
        raise ShapeError(f"y has shape {arr.shape}; expected ({n},), one label per future")
    if arr.dtype != bool:
        if not np.isin(arr, (0, 1)).all():
            raise ParameterError("y", "booleans or 0/1 (is the future a case of interest)", arr)
        arr = arr.astype(bool)
    if check_classes and (arr.all() or not arr.any()):
        one = "a case of interest" if arr.all() else "not a case of interest"
        raise ParameterError("y", "both classes present", f"every future {one} ({n} futures)")
    return np.asarray(arr)


def _alpha(value: object, name: str) -> float:
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise ParameterTypeError(name, "a number in (0, 0.5)", value)
    if not 0.0 < float(value) < 0.5:
        raise ParameterError(name, "in (0, 0.5)", value)
    return float(value)


def _names(names: Sequence[str | Uncertainty] | None, k: int) -> tuple[str, ...]:
    out = tuple(f"x{i}" for i in range(k)) if names is None else tuple(_name(n) for n in names)
    if len(out) != k:
        raise ShapeError(f"names has {len(out)} entries; X has {k} inputs")
    if len(set(out)) != k:
        raise ParameterError("names", "distinct", out)
    return out


def _unit(value: object, name: str) -> float:
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise ParameterTypeError(name, "a number in [0, 1]", value)
    if not 0.0 <= float(value) <= 1.0:
        raise ParameterError(name, "in [0, 1]", value)
    return float(value)
