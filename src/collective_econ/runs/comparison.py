"""Comparing policies: run them side by side with common random numbers, and reduce.

:func:`compare` is a view over :func:`~collective_econ.runs.experiment.run_experiment`:
it runs the :class:`~collective_econ.runs.spec.ExperimentSpec` that
``collective-econ run --seed S --replications R --samples N`` runs
(:func:`~collective_econ.runs.spec.main_spec`; by default one sample, every input at
its value, replication ``r`` of every policy seeded by the child
``("sample", 0, "replication", r)`` of the root seed) and returns the results'
:class:`Comparison`. So the same seed
gives the same numbers from Python and from the command line, and
:meth:`Comparison.format_table` is the table the command prints. Under every
policy replication ``r`` draws the same households, job-market draws and
shared schemes' prices and shocks (common random numbers), so differences
between policies are paired.

Each run is reduced at once to its record (per-capita incomes of the landless
households by year with the persons present in each, income by source,
stakeholders' net flows), so memory does not grow with the size of the
community's records. Every per-person figure of a year weights the households by
the persons present that year (births, deaths and migration move them).

Earlier versions of ``compare`` seeded replication ``r`` with the child
``("replication", r)`` and computed a table of their own, so for the same seed
they printed other numbers than the command line. The command line's are the
ones kept: ``compare``'s numbers moved.

Examples
--------
>>> from collective_econ.cases.caopijie import default_scenario
>>> cmp = compare(default_scenario(), replications=2, seed=1, horizon_years=3,
...               policies=["cash only", "80% shares"])
>>> cmp.per_capita.shape[:3]
(2, 2, 3)
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import Executor

import numpy as np

from ..errors import ParameterError, ParameterTypeError
from ..params import whole_number
from ..scenario import Scenario
from ..seeding import SeedLike
from .experiment import run_experiment
from .results import Comparison
from .spec import main_spec

__all__ = ["Comparison", "compare", "compared_with"]


def compared_with(baseline: str | None, policies: Sequence[str]) -> str:
    """The policy a run's outputs compare the others with: one definition of "better off".

    The scenario's ``[scenario] baseline`` when it is among the ``policies`` run, else
    the first of them. The terminal table, ``differences.csv``, the decision table and
    the report all take it from here, so "better off" means the same in every output.

    Examples
    --------
    >>> compared_with("80% shares", ["cash only", "80% shares"])
    '80% shares'
    >>> compared_with(None, ["cash only", "80% shares"]), compared_with("x", ["cash only"])
    ('cash only', 'cash only')
    """
    if not policies:
        raise ParameterError("policies", "at least one policy name", list(policies))
    return baseline if baseline is not None and baseline in policies else policies[0]


def compare(
    scenario: Scenario,
    policies: Iterable[str] | None = None,
    *,
    replications: int = 20,
    samples: int = 1,
    seed: SeedLike = 2010,
    horizon_years: int | None = None,
    progress: Callable[[int], None] | None = None,
    executor: Executor | None = None,
) -> Comparison:
    """Run policies side by side with common random numbers and reduce the results.

    The experiment run is the one ``collective-econ run --seed SEED
    --replications N [--horizon YEARS] [--policy NAME ...]`` runs, so the
    numbers are the command's: ``compare(...).format_table()`` is the table it
    prints. Every run's household panel is kept (memory grows as policies x
    replications x years x households).

    Parameters
    ----------
    scenario : Scenario
        The community and its policies.
    policies : iterable of str, optional
        Names of the policies to compare (all of the scenario's by default).
    replications : int, default 20
        Runs per policy and sample; replication ``r`` uses the same seed under every policy.
    samples : int, default 1
        Draws of the scenario's uncertain inputs by its ``[experiment]`` design (the
        main job's 20 for the embedded case); 1: every input at its value.
    seed : int, SeedSequence or None, default 2010
        Root seed, a whole number >= 0; a ``SeedSequence`` made from one
        (``SeedSequence(2010)``) stands for it, and None draws a fresh one;
        a ``Generator`` is refused (an experiment's seed must be recorded).
    horizon_years : int, optional
        Years to simulate (the scenario's by default).
    progress : callable, optional
        Called with the number of runs just finished (e.g. a tqdm bar's ``update``).
    executor : concurrent.futures.Executor, optional
        Where the runs go (:func:`~collective_econ.runs.executors.process_pool`,
        a Dask client's executor); in this process when None. The results do
        not depend on it.

    Returns
    -------
    Comparison
        ``run_experiment(scenario, spec, executor=executor).to_comparison()``.
    """
    if not isinstance(scenario, Scenario):
        rule = "a Scenario (default_scenario(), or scenario.load_scenario(path))"
        raise ParameterTypeError("scenario", rule, scenario, owner="compare")
    names = _policy_names(scenario, policies)
    replications = whole_number(replications, "replications", 1, owner="compare")
    if progress is not None and not callable(progress):
        raise ParameterTypeError("progress", "a callable or None", progress, owner="compare")
    spec = main_spec(
        scenario,
        names,
        samples=samples,
        replications=replications,
        horizon_years=horizon_years,
        seed=_root_seed(seed),
        panels="all",
    )
    results = run_experiment(scenario, spec, executor=executor, progress=progress)
    return results.to_comparison()


def _policy_names(scenario: Scenario, policies: Iterable[str] | str | None) -> tuple[str, ...]:
    """The names ``compare`` runs: a name, an iterable of names, or all (None)."""
    if policies is None:
        return scenario.policy_names
    if isinstance(policies, str):
        policies = (policies,)
    rule = "a policy name or an iterable of at least one policy name"
    try:
        names = tuple(policies)
    except TypeError:
        raise ParameterTypeError("policies", rule, policies, owner="compare") from None
    if not names:
        raise ParameterError("policies", rule, policies, owner="compare")
    for name in names:
        if not isinstance(name, str):
            raise ParameterTypeError("policies", rule, policies, owner="compare")
    return names


def _root_seed(seed: SeedLike) -> int:
    """The whole number >= 0 an :class:`ExperimentSpec` takes for ``seed``."""
    if seed is None:
        entropy = np.random.SeedSequence().entropy
        if isinstance(entropy, int):
            return entropy
    elif isinstance(seed, np.random.SeedSequence):
        if isinstance(seed.entropy, int) and not seed.spawn_key:
            return seed.entropy
        raise ParameterError(
            "seed", "a SeedSequence made from one whole number, not spawned", seed, owner="compare"
        )
    elif isinstance(seed, int | np.integer) and not isinstance(seed, bool):
        if seed < 0:
            raise ParameterError("seed", "a whole number >= 0", seed, owner="compare")
        return int(seed)
    raise ParameterTypeError(
        "seed", "a whole number >= 0, a SeedSequence made from one, or None", seed, owner="compare"
    )
