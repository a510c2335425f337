"""Figures a policy's name or description states that its parameters no longer have.

A policy's name and description are the user's words (the ``[policies.<name>]``
table's key and ``description``), written for the parameters of the time: the case's
"80% shares" says "Residents invest 80% of their land compensation as shares". When a
file changes the parameter (``share_fraction = 0.5``), the words stay, and the report
would print "80% shares: Residents invest 80%..." beside a table of 0.5.

:func:`stale_figures` finds such words without reading the prose: a percentage the
text states (``80%``) is stale when a fraction parameter of the policy has that
value as its default (``land_shares.share_fraction``, 0.8) but another value under
the policy, unless some other parameter was set to that value on purpose (then the
words may be about it). The parameters of the case as shipped are their defaults, so
its words are never flagged, nor are words stating figures no default has.
``collective-econ validate`` and every command that reads a scenario print the
warnings; the report notes them beside the description.

Examples
--------
>>> from collective_econ.cases.caopijie import default_scenario
>>> sc = default_scenario()
>>> stale_figures(sc)
()
>>> shares = sc.policy("80% shares")
>>> half = shares.reform(
...     "80% shares", {"land_shares.share_fraction": 0.5}, description=shares.description
... )
>>> (s,) = stale_figures(Scenario("x", (half,)))
>>> print(s.message())  # doctest: +NORMALIZE_WHITESPACE
policy '80% shares': its name and description state 80%, the default of
land_shares.share_fraction, but under this policy land_shares.share_fraction is 0.5 (50%).
The report prints the name and description as written: rename the policy or edit its
description (the [policies."80% shares"] table) so that they state the figures it uses.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from ..params import Parameters
from ..policy import Policy
from .model import Scenario, walk
from .toml import format_key

__all__ = ["StaleFigure", "stale_figures", "stale_figures_of"]

_PERCENT = re.compile(r"(?<![\d.])(\d+(?:\.\d+)?)\s*%")


@dataclass(frozen=True, slots=True)
class StaleFigure:
    """A percentage a policy's words state, the default of a parameter it has changed.

    Attributes
    ----------
    policy : str
        The policy's name.
    stated : float
        The figure the words state, as a fraction (0.8 for "80%").
    text : str
        The figure as written (``"80%"``).
    where : tuple of str
        ``"name"`` and/or ``"description"``: which words state it.
    params : tuple of (str, float)
        Each parameter of the policy whose default is the figure, with its value under
        the policy (``("land_shares.share_fraction", 0.5)``).
    """

    policy: str
    stated: float
    text: str
    where: tuple[str, ...]
    params: tuple[tuple[str, float], ...]

    def message(self) -> str:
        """The warning, in one sentence: the words, the parameter, what to do."""
        words = " and ".join(self.where)
        verb = "state" if len(self.where) > 1 else "states"
        names = ", ".join(p for p, _ in self.params)
        values = ", ".join(f"{p} is {v!r} ({v:.0%})" for p, v in self.params)
        key = format_key(self.policy)
        return (
            f"policy {self.policy!r}: its {words} {verb} {self.text}, the default of {names}, "
            f"but under this policy {values}. The report prints the name and description as "
            f"written: rename the policy or edit its description (the [policies.{key}] table) "
            "so that they state the figures it uses."
        )


def _fractions(prefix: str, params: Parameters) -> Iterator[tuple[str, float, Any]]:
    """Each fraction parameter: its path, value and class default."""
    for path, value, info in walk((), params):
        if info.unit.startswith("fraction") and isinstance(value, int | float):
            dotted = "".join(f"[{k}]" if isinstance(k, int) else f".{k}" for k in path)
            yield f"{prefix}{dotted[1:]}", float(value), info.default


def stale_figures_of(policy: Policy) -> Iterator[StaleFigure]:
    """The percentages one policy's name and description state that no longer hold."""
    texts = {"name": policy.name, "description": policy.description}
    stated: dict[str, list[str]] = {}
    for where, words in texts.items():
        for m in _PERCENT.finditer(words):
            stated.setdefault(m.group(0).replace(" ", ""), []).append(where)
    if not stated:
        return
    fractions = [
        row
        for scheme, schedule in policy.schemes.items()
        for row in _fractions(f"{scheme}.", schedule.base)
    ]
    for text, places in stated.items():
        figure = float(text.rstrip("%")) / 100

        def near(x: object, figure: float = figure) -> bool:
            return isinstance(x, int | float) and math.isclose(x, figure, abs_tol=1e-9)

        if any(near(value) and not near(default) for _, value, default in fractions):
            continue  # a parameter set to the figure on purpose: the words may be about it
        at_default = [(path, value) for path, value, default in fractions if near(default)]
        changed = tuple((path, value) for path, value in at_default if not near(value))
        if changed:
            yield StaleFigure(policy.name, figure, text, tuple(dict.fromkeys(places)), changed)


def stale_figures(scenario: Scenario) -> tuple[StaleFigure, ...]:
    """The percentages the policies' names and descriptions state that no longer hold.

    See the module's docstring for the rule. In the order of the policies.
    """
    return tuple(s for p in scenario.policies for s in stale_figures_of(p))
