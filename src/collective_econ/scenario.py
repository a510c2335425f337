"""Scenarios: the community, the household economy and the policies to compare.

:func:`default_scenario` returns the embedded Caopijie case (seed-facts.md)
with its five policies:

1. ``cash only``: compensation paid in cash (land-for-shares with a share
   fraction of 0);
2. ``80% shares``: the case's choice, 80% of compensation as shares;
3. ``shares + hogs``: shares and the "Double Hundred" hog scheme;
4. ``full package``: shares, hogs, jobs and training, tea, park, hotel,
   microcredit and the dibao;
5. ``package without collective projects``: the full package without the
   tea garden, the park and the hotel.

Examples
--------
>>> sc = default_scenario()
>>> [p.name for p in sc.policies]  # doctest: +NORMALIZE_WHITESPACE
['cash only', '80% shares', 'shares + hogs', 'full package',
 'package without collective projects']
>>> sc.policy("full package").params("land_shares").share_fraction
0.8
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field

from .community import CommunityParams
from .errors import ParameterError
from .livelihood import LivelihoodParams
from .policy import Policy, Schedule
from .schemes.agro_park import AgroParkParams
from .schemes.enterprise import EnterpriseParams
from .schemes.hogs import HogParams
from .schemes.hotel import HotelParams
from .schemes.jobs import JobsParams
from .schemes.land_shares import LandSharesParams
from .schemes.safety_net import DibaoParams
from .schemes.tea import TeaParams

__all__ = ["Scenario", "default_scenario"]


@dataclass(frozen=True)
class Scenario:
    """Everything a simulation needs besides a seed.

    Parameters
    ----------
    name : str
        Shown in reports.
    policies : tuple of Policy
        The policies to compare; the first is the baseline of paired comparisons.
    community : CommunityParams
        Aggregate statistics the households are drawn from.
    livelihood : LivelihoodParams
        The household economy under every policy.
    horizon_years : int
        Years simulated (months = 12 x years).
    start_year : int
        Calendar year of month 0.
    """

    name: str
    policies: tuple[Policy, ...]
    community: CommunityParams = field(default_factory=CommunityParams)
    livelihood: LivelihoodParams = field(default_factory=LivelihoodParams)
    horizon_years: int = 20
    start_year: int = 2010

    def __post_init__(self) -> None:
        if not self.policies:
            raise ParameterError(
                "policies", "at least one policy", self.policies, owner="Scenario"
            )
        names = [p.name for p in self.policies]
        dup = {n for n in names if names.count(n) > 1}
        if dup:
            raise ParameterError("policies", "uniquely named", sorted(dup), owner="Scenario")
        if (
            isinstance(self.horizon_years, bool)
            or not isinstance(self.horizon_years, int)
            or (self.horizon_years < 1)
        ):
            raise ParameterError(
                "horizon_years", "a whole number >= 1", self.horizon_years, owner="Scenario"
            )
        object.__setattr__(self, "policies", tuple(self.policies))

    @property
    def policy_names(self) -> tuple[str, ...]:
        """The policies' names, in order."""
        return tuple(p.name for p in self.policies)

    def policy(self, name: str) -> Policy:
        """The policy called ``name``."""
        for p in self.policies:
            if p.name == name:
                return p
        close = difflib.get_close_matches(name, self.policy_names, n=1)
        hint = f" (did you mean {close[0]!r}?)" if close else ""
        raise ParameterError(
            "policy", f"one of {list(self.policy_names)}{hint}", name, owner="Scenario"
        )


def default_policies() -> tuple[Policy, ...]:
    """The case's five policies (seed-facts.md), each a reform of the one before it."""
    shares = Policy(
        "80% shares",
        {"land_shares": Schedule(LandSharesParams())},
        description="Residents invest 80% of their land compensation as shares (the case).",
    )
    cash = shares.reform(
        "cash only",
        {"land_shares.share_fraction": 0.0},
        description="All land compensation paid in cash.",
    )
    hogs = shares.reform(
        "shares + hogs",
        add={"hogs": HogParams()},
        description="80% shares and the Double Hundred hog scheme on brewery spent grain.",
    )
    full = hogs.reform(
        "full package",
        add={
            "jobs": JobsParams(),
            "tea": TeaParams(),
            "agro_park": AgroParkParams(),
            "hotel": HotelParams(),
            "enterprise": EnterpriseParams(),
            "safety_net": DibaoParams(),
        },
        description="The case's package: shares, hogs, jobs and training, tea, park, hotel, "
        "microcredit and the dibao.",
    )
    no_projects = full.reform(
        "package without collective projects",
        remove=("tea", "agro_park", "hotel"),
        description="The full package without the tea garden, the park and the hotel.",
    )
    return (cash, shares, hogs, full, no_projects)


def default_scenario() -> Scenario:
    """The embedded Caopijie case, with its five policies."""
    return Scenario("Caopijie community, Yun County (c. 2010)", default_policies())
