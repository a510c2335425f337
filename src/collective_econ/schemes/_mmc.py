r"""The job queue checked against SimPy and the M/M/c queue (Erlang C).

:func:`simulate_mmc_vectorised` runs the queue of
:class:`~collective_econ.schemes._jobqueue.JobQueue` on a month grid and checks it against
SimPy (:func:`simulate_mmc_simpy`) and M/M/c (:func:`erlang_c_wait`).

Monthly rounds versus continuous time: the monthly queue is the continuous one
with arrivals and departures moved to the next month end (exactly
``simulate_mmc_simpy(..., monthly_grid=True)``). A place left mid-month waits
for the month's round, so a tenure :math:`X \sim Exp(\mu)` holds it
:math:`\lceil X \rceil` months, :math:`1/(1 - e^{-\mu}) \approx 1/\mu + 1/2`:
half a month lost per *tenure*, not per wait (5% of places at :math:`\mu` =
0.1, 1% at the jobs scheme's 2%/month). Waits are about those of M/M/c with
service rate :math:`1 - e^{-\mu}` (``erlang_c_wait(lam, -expm1(-mu), c)``,
within ~5% if :math:`\rho_m = \lambda/(c(1 - e^{-\mu})) \le 0.95`). Counting a
leaver's last month as :math:`E[X \mid X < 1]`, the mean number at work is the
continuous :math:`\lambda/\mu`.
"""

from __future__ import annotations

import math
from collections.abc import Generator
from numbers import Real
from typing import Any

import numpy as np
import simpy
from numpy.typing import NDArray

from ..errors import ParameterError, ParameterTypeError
from ..params import _whole
from ._jobqueue import JobQueue

__all__ = ["erlang_c_wait", "simulate_mmc_simpy", "simulate_mmc_vectorised"]

Floats = NDArray[np.float64]
_BATCHES = 20  # batch means for the standard errors of simulated summaries


def _rates(arrival_rate: float, service_rate: float, servers: int) -> tuple[float, float, int]:
    for name, value in (("arrival_rate", arrival_rate), ("service_rate", service_rate)):
        if isinstance(value, bool) or not isinstance(value, Real):
            raise ParameterTypeError(name, "a real number", value)
        if not (math.isfinite(value) and value > 0):
            raise ParameterError(name, "finite and > 0", value)
    return float(arrival_rate), float(service_rate), _whole(servers, "servers", 1, "", terse=True)


def erlang_c_wait(arrival_rate: float, service_rate: float, servers: int) -> float:
    r"""Mean wait in queue of the M/M/c queue (Erlang C), months.

    Parameters
    ----------
    arrival_rate, service_rate, servers : float, float, int
        :math:`\lambda`, seekers arriving per month (Poisson); :math:`\mu`, the
        rate per month at which a worker leaves (exponential tenures); :math:`c`.

    Returns
    -------
    float
        :math:`W_q = C(c, a) / (c\mu - \lambda)`, :math:`a = \lambda/\mu`, with
        :math:`C = B_c / (1 - \rho (1 - B_c))` and the Erlang B recursion
        :math:`B_k = a B_{k-1} / (k + a B_{k-1})`, :math:`B_0 = 1` (Gross et
        al., *Fundamentals of Queueing Theory*, 4th ed., 2008, section 2.3).

    Raises
    ------
    ParameterError
        For a rate <= 0 or an unstable queue, :math:`\rho = \lambda/(c\mu) \ge 1`.

    Examples
    --------
    100 places, tenures of 10 months on average: at 8 seekers a month (80% of
    places in use) a seeker waits 0.01 months on average; at 9.5 (95%), a month.

    >>> round(erlang_c_wait(8.0, 0.1, 100), 4), round(erlang_c_wait(9.5, 0.1, 100), 2)
    (0.0098, 1.01)
    """
    lam, mu, c = _rates(arrival_rate, service_rate, servers)
    rho = lam / (c * mu)
    if rho >= 1.0:
        raise ParameterError("arrival_rate / (servers * service_rate)", "< 1 (stable)", rho)
    a, b = lam / mu, 1.0
    for k in range(1, c + 1):
        b = a * b / (k + a * b)
    return b / (1.0 - rho * (1.0 - b)) / (c * mu - lam)


def _window(months: int, warmup: int | None, mu: float) -> tuple[int, int, Floats]:
    horizon = _whole(months, "months", _BATCHES + 1, "", terse=True)
    start = math.ceil(10.0 / mu) if warmup is None else _whole(warmup, "warmup", 0, "", terse=True)
    if horizon - start < _BATCHES:
        raise ParameterError("warmup", f"<= months - {_BATCHES} = {horizon - _BATCHES}", start)
    return horizon, start, np.round(np.linspace(start, horizon, _BATCHES + 1))  # whole months


def _summary(t: Floats, waits: Floats, work: Floats, edges: Floats, c: int) -> dict[str, float]:
    """Batch means of hires (month ``t``, wait) and of person-months worked per batch."""
    batch = np.clip(np.searchsorted(edges, t, side="right") - 1, 0, _BATCHES - 1)
    hires = np.maximum(np.bincount(batch, minlength=_BATCHES), 1)
    wait_means = np.bincount(batch, weights=waits, minlength=_BATCHES) / hires
    span, root = np.diff(edges), math.sqrt(_BATCHES)
    employed = float(work.sum() / span.sum())
    return {
        "mean_wait": float(waits.mean()) if waits.size else 0.0,
        "mean_wait_se": float(wait_means.std(ddof=1) / root),
        "wait_probability": float((waits > 0).mean()) if waits.size else 0.0,
        "mean_employed": employed,
        "mean_employed_se": float((work / span).std(ddof=1) / root),
        "utilisation": employed / c,
        "served": float(waits.size),
    }


def simulate_mmc_simpy(
    arrival_rate: float,
    service_rate: float,
    servers: int,
    months: int,
    rng: np.random.Generator,
    *,
    warmup: int | None = None,
    monthly_grid: bool = False,
) -> dict[str, float]:
    """The reference: seekers queue for ``servers`` places held in a ``simpy.Resource``.

    Seekers arrive as a Poisson process (``arrival_rate`` a month); each is a
    SimPy process that requests a place (``with places.request() as req:
    yield req``), records its wait, holds the place for an exponential tenure
    (``service_rate`` a month) and leaves. Statistics cover months ``[warmup,
    months)`` of a run from empty (``warmup = ceil(10 / service_rate)`` by
    default). ``monthly_grid=True`` moves arrivals and releases to the next
    month end: the exact image of :func:`simulate_mmc_vectorised`.

    Returns
    -------
    dict of str to float
        ``mean_wait`` (months, hires in the window) and ``mean_wait_se`` (batch
        means); ``wait_probability`` (share who waited); ``mean_employed``
        (time-average at work) and ``mean_employed_se``; ``utilisation``
        (``mean_employed / servers``); ``served`` (hires in the window).

    Examples
    --------
    100 places, 10-month tenures, 8 seekers a month: 80 at work on average.

    >>> out = simulate_mmc_simpy(8.0, 0.1, 100, 600, np.random.default_rng(1))
    >>> abs(out["mean_employed"] - 80) < 4 * out["mean_employed_se"]
    True
    """
    lam, mu, c = _rates(arrival_rate, service_rate, servers)
    horizon, start, edges = _window(months, warmup, mu)
    n = int(rng.poisson(lam * horizon))
    arrive = np.sort(rng.uniform(0.0, horizon, n))
    tenure = rng.exponential(1.0 / mu, n)
    join = np.ceil(arrive) if monthly_grid else arrive
    asked, begun = np.full(n, np.nan), np.full(n, np.nan)
    env = simpy.Environment()
    places = simpy.Resource(env, capacity=c)

    def seeker(i: int) -> Generator[simpy.Event, Any, None]:
        asked[i] = env.now
        with places.request() as req:
            yield req
            begun[i] = env.now
            yield env.timeout(math.ceil(tenure[i]) if monthly_grid else tenure[i])

    def arrivals() -> Generator[simpy.Event, Any, None]:
        for i in range(n):
            yield env.timeout(join[i] - env.now)
            env.process(seeker(i))

    env.process(arrivals())
    env.run(until=horizon)
    hired = ~np.isnan(begun)
    lo = np.maximum(begun[hired, None], edges[None, :-1])  # work done within each batch
    hi = np.minimum(begun[hired, None] + tenure[hired, None], edges[None, 1:])
    work = np.clip(hi - lo, 0.0, None).sum(axis=0)
    window = hired & (begun >= start)
    return _summary(begun[window], (begun - asked)[window], work, edges, c)


def simulate_mmc_vectorised(
    arrival_rate: float,
    service_rate: float,
    servers: int,
    months: int,
    rng: np.random.Generator,
    *,
    warmup: int | None = None,
) -> dict[str, float]:
    r"""The queue of :func:`simulate_mmc_simpy`, run by :class:`JobQueue` on a month grid.

    Month m = 1, 2, ...: workers leave the market with chance :math:`1 - e^{-\mu}`,
    :math:`Poisson(\lambda)` seekers join, and a round (``accept = 1``) fills
    the free places; a wait is the hiring month minus the joining month.
    Arguments and keys as in :func:`simulate_mmc_simpy`; ``mean_employed``
    counts a leaver's last month as :math:`E[X \mid X < 1]` months worked.

    Examples
    --------
    >>> out = simulate_mmc_vectorised(8.0, 0.1, 100, 600, np.random.default_rng(1))
    >>> abs(out["mean_employed"] - 80) < 4 * out["mean_employed_se"]
    True
    """
    lam, mu, c = _rates(arrival_rate, service_rate, servers)
    horizon, start, edges = _window(months, warmup, mu)
    first = np.concatenate(([0, 0], np.cumsum(rng.poisson(lam, horizon))))  # month m: first[m]..
    market = JobQueue(max(int(first[-1]), 1), 1, rng)
    leave, places, accept = np.array([-math.expm1(-mu)]), np.array([c]), np.ones(market.persons)
    after_hire, left = np.zeros(horizon + 1), np.zeros(horizon + 1)
    hired_at, waits = [], []
    for m in range(1, horizon + 1):
        left[m] = market.separate(m, rng, leave, rejoin=False).size
        market.add_seekers(np.arange(first[m], first[m + 1]), m)
        hired = market.hire(m, rng, places, accept)[0]
        after_hire[m] = market.employed_count[0]
        if start <= m < horizon:
            hired_at.append(np.full(hired.size, float(m)))
            waits.append((m - market.joined[hired]).astype(np.float64))
    share = 1.0 / mu - math.exp(-mu) / -math.expm1(-mu)  # E[X | X < 1], months
    worked = after_hire[start:horizon] - (1.0 - share) * left[start + 1 :]  # in [m, m + 1)
    batch = np.searchsorted(edges, np.arange(start, horizon), side="right") - 1
    work = np.bincount(batch, weights=worked, minlength=_BATCHES).astype(np.float64)
    return _summary(np.concatenate(hired_at), np.concatenate(waits), work, edges, c)
