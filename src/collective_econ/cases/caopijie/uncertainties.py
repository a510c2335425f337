"""The uncertain inputs of the Caopijie simulation, for sensitivity analysis."""

from __future__ import annotations

from ...distributions.uncertainty import Uncertainty
from ...schemes import SCHEMES

__all__ = ["SIMULATION_UNCERTAINTIES"]


def _dotted(scheme: str, *names: str) -> tuple[Uncertainty, ...]:
    """The scheme's own uncertainties ``names``, as dotted paths into a scenario."""
    own = {u.param: u for u in SCHEMES[scheme].uncertainties}
    return tuple(Uncertainty(f"{scheme}.{n}", own[n].distribution, own[n].source) for n in names)


SIMULATION_UNCERTAINTIES: tuple[Uncertainty, ...] = (
    *_dotted("land_shares", "dividend_rate", "default_prob"),
    *_dotted("hogs", "hog_price", "feed_price", "fcr"),
    *_dotted("jobs", "wage_scale"),
    *_dotted("tea", "spring_price"),
    *_dotted("hotel", "occupancy"),
    *_dotted("enterprise", "profit_scale"),
    *_dotted("safety_net", "line_month"),
)
"""Ten uncertain inputs of the household simulation under the full package, each one
of its scheme's own uncertainties (ranges and sources there)."""
