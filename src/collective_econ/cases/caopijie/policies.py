"""The Caopijie case's policies and its default scenario (the embedded TOML file)."""

from __future__ import annotations

import importlib.resources

from ...economy.schedule import Schedule
from ...policy import Policy
from ...scenario import loads
from ...scenario.model import Scenario
from ...scenario.parts import ExperimentSettings
from ...schemes.agro_park import AgroParkParams
from ...schemes.enterprise import EnterpriseParams
from ...schemes.hogs import HogParams
from ...schemes.hotel import HotelParams
from ...schemes.jobs import JobsParams
from ...schemes.land_shares import LandSharesParams
from ...schemes.safety_net import DibaoParams
from ...schemes.tea import TeaParams
from .uncertainties import SIMULATION_UNCERTAINTIES

__all__ = [
    "DEFAULT_EXPERIMENT",
    "DEFAULT_NAME",
    "DEFAULT_REFORMS",
    "default_policies",
    "default_scenario",
    "init_text",
    "load_default",
    "python_default_scenario",
]

DEFAULT_NAME = "Caopijie community, Yun County (c. 2010)"


DEFAULT_REFORMS: dict[str, str | None] = {
    "80% shares": None,
    "cash only": "80% shares",
    "shares + hogs": "80% shares",
    "full package": "shares + hogs",
    "package without collective projects": "full package",
}
"""How the default policies are written: each as a reform of another."""


def default_policies() -> tuple[Policy, ...]:
    """The case's five policies (seed-facts.md), each a reform of the one before it.

    Every policy has the dibao at its default parameters: it is a national entitlement
    (urban dibao since 1999, rural since 2007: State Council 2007 No. 19) that landless
    households get under any compensation scheme, so it belongs to the baseline too
    and a package's extra cost counts only what the package changes. The case's
    package does nothing with the dibao beyond delivering it (its service station pays
    it out, seed-facts.md §6): no line, take-up or cap of its own, so no dibao lever.
    """
    shares = Policy(
        "80% shares",
        {"land_shares": Schedule(LandSharesParams()), "safety_net": Schedule(DibaoParams())},
        description="Residents invest 80% of their land compensation as shares (the case); "
        "the dibao, a national entitlement, as in every policy.",
    )
    cash = shares.reform(
        "cash only",
        {"land_shares.share_fraction": 0.0},
        description="All land compensation paid in cash; the dibao, a national entitlement, "
        "as in every policy.",
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
        },
        description="The case's package: shares, hogs, jobs and training, tea, park, hotel "
        "and microcredit (the dibao is in every policy).",
    )
    no_projects = full.reform(
        "package without collective projects",
        remove=("tea", "agro_park", "hotel"),
        description="The full package without the tea garden, the park and the hotel.",
    )
    return (cash, shares, hogs, full, no_projects)


DEFAULT_EXPERIMENT = ExperimentSettings(design="lhs", samples=20, replications=1)
"""The main job of the case: 20 Latin-hypercube samples of its uncertain inputs
(:data:`~.uncertainties.SIMULATION_UNCERTAINTIES`) x 1 replication per policy, 100 runs,
so that the intervals of ``collective-econ run`` cover the estimated inputs as well as
the random events (twice the former 10 replications at the inputs' defaults)."""


def python_default_scenario() -> Scenario:
    """The default case built in Python from the class defaults (for checking the file).

    ``default_scenario()`` must equal it; ``scenario_file.init_text()`` writes it. Its
    uncertain inputs are the case's simulation uncertainties, sampled by the main job
    (:data:`DEFAULT_EXPERIMENT`).
    """
    return Scenario(
        DEFAULT_NAME,
        default_policies(),
        reforms=DEFAULT_REFORMS,
        uncertainties=SIMULATION_UNCERTAINTIES,
        experiment=DEFAULT_EXPERIMENT,
    )


def default_scenario() -> Scenario:
    """The embedded Caopijie case, with its five policies (package data ``caopijie.toml``).

    Each call reads the file anew (a few milliseconds) and returns a new scenario.
    """
    return load_default()


_DEFAULT = ("cases", "caopijie", "caopijie.toml")


def init_text() -> str:
    """The embedded Caopijie case as TOML with comments: what ``collective-econ init`` writes.

    Examples
    --------
    >>> print(init_text().splitlines()[0])
    # collective_econ scenario file (format 1): Caopijie community, Yun County (c. 2010)
    """
    return importlib.resources.files("collective_econ").joinpath(*_DEFAULT).read_text("utf-8")


def load_default() -> Scenario:
    """Read the embedded case (``caopijie.toml`` beside this module)."""
    return loads(init_text(), source="collective_econ/cases/caopijie/caopijie.toml")
