r"""Scenario discovery: the conditions under which a policy fails.

Each *future* (a point of a design over the uncertain inputs) is labelled a **case of
interest** when the mean of its replications misses a threshold (share restored by year
5 below 80%), optionally leaving out the futures whose replication interval straddles
the threshold. PRIM then finds a box (a range per input) that holds many of the cases
(**coverage**: the share of all cases inside the box) and few others (**density**: the
share of the box's futures that are cases).

PRIM (Friedman & Fisher, 1999), as Bryant & Lempert (2010) use it:

- **peeling**: from the box holding every future, each step tries, for every input,
  cutting off the ``alpha`` quantile of the futures in the box at its low end and at
  its high end, and keeps the cut that raises the share of cases most per future
  removed (the "lenient 1" objective of the EMA Workbench), until the box would hold
  less than ``mass_min`` of the futures or no cut raises the share;
- **pasting**: the last box is then widened again, ``paste_alpha`` at a time, where that
  raises the share of cases;
- the **peeling trajectory** lists every box with its coverage and density; a box is
  chosen by a rule (by default the largest harmonic mean of coverage and density;
  or the widest box with density >= ``min_density``) or by index, then **pruned**:
  restrictions whose quasi-p-value (Bryant & Lempert, 2010) exceeds 0.05 are dropped;
- **stability**: the share of bootstrap resamples whose chosen box restricts the same
  inputs with bounds within ``tol`` of the input's range;
- **holdout validation**: a box fitted on a training split, judged on the rest.

Each box can be read as plain sentences in English and Chinese, with the inputs' labels
and units, and linked to the one-at-a-time switching values of
:func:`~collective_econ.sensitivity.switching_values`. :func:`cart_boxes` gives the
leaves of a classification tree (scikit-learn, optional) as boxes of the same
kind.

References
----------
Friedman, J. H., & Fisher, N. I. (1999). Bump hunting in high-dimensional data.
*Statistics and Computing*, 9(2), 123-143.

Bryant, B. P., & Lempert, R. J. (2010). Thinking inside the box: a participatory,
computer-assisted approach to scenario discovery. *Technological Forecasting and Social
Change*, 77(1), 34-49.

Kwakkel, J. H. (2017). The Exploratory Modeling Workbench: an open source toolkit for
exploratory modeling, scenario discovery, and (multi-objective) robust decision making.
*Environmental Modelling & Software*, 96, 239-250.

Breiman, L., Friedman, J., Olshen, R., & Stone, C. (1984). *Classification and
Regression Trees*. Wadsworth.

Examples
--------
Failure when x0 < 0.3 and x1 > 0.6, four inputs:

>>> rng = np.random.default_rng(3)
>>> X = rng.uniform(size=(1000, 4))
>>> y = (X[:, 0] < 0.3) & (X[:, 1] > 0.6)
>>> box = peel(X, y).choose()
>>> box.restricted
('x0', 'x1')
>>> print(describe(box, subject="The policy"))
The policy fails when x0 is below 0.306 and x1 is above 0.602.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from numpy.typing import ArrayLike

from ..distributions.uncertainty import Uncertainty
from ..errors import MissingDependencyError, ParameterError, ParameterTypeError, ShapeError
from ..funding import FundingShares
from ..params import whole_number as _count
from ..runs.results import ExperimentResults
from ..seeding import as_seed_sequence, stream
from ..sensitivity.local import SwitchingValues
from ._criterion import outcome_values
from ._discovery_box import Box, _box
from ._discovery_checks import Labels, holdout, label_futures, stability
from ._discovery_inputs import (
    Floats,
    InputLabel,
    _labels,
    _matrix,
    _names,
    _unit,
    input_labels,
)
from ._discovery_text import describe, link_switching
from ._discovery_trajectory import Trajectory
from ._prim import peel
from .robustness import Criterion

__all__ = [
    "Box",
    "Discovery",
    "InputLabel",
    "Labels",
    "Trajectory",
    "cart_boxes",
    "describe",
    "discover",
    "discover_failures",
    "holdout",
    "input_labels",
    "label_futures",
    "link_switching",
    "peel",
    "stability",
]

# --- the analysis on arrays and on an experiment -------------------------------------------


@dataclass(frozen=True, eq=False)
class Discovery:
    """Scenario discovery for one policy and criterion: labels, trajectory, box, checks.

    Attributes
    ----------
    labels : Labels
        The futures' labels from their replications.
    trajectory : Trajectory
        PRIM on the futures kept.
    box : Box
        The chosen box.
    stability : float
        Share of bootstrap resamples that find the same box (:func:`stability`).
    restricted_share : ndarray, shape (inputs,)
        Share of resamples restricting each input.
    holdout_coverage, holdout_density : float
        Of a box fitted on a training split, on the held-out futures (:func:`holdout`).
    subject, subject_zh, verb, verb_zh : str
        For the sentences.
    switching : SwitchingValues or None
    """

    labels: Labels
    trajectory: Trajectory
    box: Box
    stability: float
    restricted_share: Floats
    holdout_coverage: float
    holdout_density: float
    subject: str = "The policy"
    subject_zh: str = "该政策"
    verb: str = "fails"
    verb_zh: str = "失败"
    switching: SwitchingValues | None = field(default=None, repr=False)

    def sentence(self, lang: str = "en") -> str:
        """The box in words (:func:`describe`), with switching values when given."""
        subj, verb = (self.subject, self.verb) if lang == "en" else (self.subject_zh, self.verb_zh)
        return describe(self.box, lang=lang, subject=subj, verb=verb, switching=self.switching)

    def __str__(self) -> str:
        return "\n".join(
            [
                str(self.labels),
                str(self.box),
                f"stability {self.stability:.2f} (bootstrap); holdout coverage "
                f"{self.holdout_coverage:.3f}, density {self.holdout_density:.3f}",
                self.sentence("en"),
                self.sentence("zh"),
            ]
        )


def discover_failures(
    X: ArrayLike,
    outcomes: ArrayLike,
    threshold: float,
    direction: str = "below",
    *,
    names: Sequence[str | Uncertainty] | None = None,
    labels: Mapping[str, InputLabel | str] | None = None,
    drop_straddling: bool = False,
    confidence: float = 0.95,
    alpha: float = 0.05,
    paste_alpha: float = 0.05,
    mass_min: float = 0.05,
    rule: str | int = "f1",
    min_density: float = 0.8,
    prune: float | None = 0.05,
    resamples: int = 50,
    tol: float = 0.05,
    test: float = 0.3,
    seed: int = 0,
    subject: str = "The policy",
    subject_zh: str = "该政策",
    verb: str = "fails",
    verb_zh: str = "失败",
    switching: SwitchingValues | None = None,
) -> Discovery:
    """Under which conditions do the futures miss a threshold? PRIM on replication means.

    Parameters
    ----------
    X : array_like, shape (futures, inputs)
        The design: each future's input values, in their units.
    outcomes : array_like, shape (futures, replications)
        The outcome of each replication in each future.
    threshold, direction, drop_straddling, confidence
        As :func:`label_futures`: a future is a case of interest when its replication
        mean is ``direction`` the threshold.
    names, labels
        Input names (dotted paths give units and labels, :func:`input_labels`).
    alpha, paste_alpha, mass_min
        As :func:`peel`.
    rule, min_density
        How the box is chosen on the trajectory (:meth:`Trajectory.choose`).
    resamples, tol
        As :func:`stability`.
    test : float
        Share of futures held out (:func:`holdout`).
    seed : int
        Root seed of the resampling and the split.
    subject, subject_zh, verb, verb_zh : str
        For the sentences.
    switching : SwitchingValues, optional
        Switching values of the inputs for the same threshold, linked to the bounds.

    Returns
    -------
    Discovery
    """
    x = _matrix(X)
    lab = label_futures(
        outcomes, threshold, direction, drop_straddling=drop_straddling, confidence=confidence
    )
    if len(lab.case) != x.shape[0]:
        raise ShapeError(f"outcomes has {len(lab.case)} futures; X has {x.shape[0]}")
    if not lab.kept.any():
        raise ParameterError("outcomes", "some futures clear of the threshold", "all straddle")
    nm = _names(names, x.shape[1])
    xk, yk = x[lab.kept], lab.case[lab.kept]
    if yk.all() or not yk.any():
        m = lab.mean[lab.kept]
        side = direction if yk.all() else {"below": "above", "above": "below"}[direction]
        rule = "a threshold that some futures miss and others meet"
        got = (
            f"{threshold!r}: every one of the {len(yk)} futures kept has its replication mean "
            f"{side} or at it (means {m.min():.4g} to {m.max():.4g})"
        )
        raise ParameterError("threshold", rule, got)
    opts: dict[str, Any] = {
        "names": nm if names is None else names,
        "alpha": alpha,
        "paste_alpha": paste_alpha,
        "mass_min": mass_min,
        "labels": labels,
    }
    traj = peel(xk, yk, **opts)
    box = traj.choose(rule, min_density=min_density, prune=prune)
    root = as_seed_sequence(_count(seed, "seed", 0))
    share, per_input = stability(
        xk,
        yk,
        box,
        resamples=resamples,
        tol=tol,
        rule=rule,
        min_density=min_density,
        prune=prune,
        seed=stream(root, "discovery", "stability"),
        **opts,
    )
    _, cov, den, _ = holdout(
        xk,
        yk,
        test=test,
        rule=rule,
        min_density=min_density,
        prune=prune,
        seed=stream(root, "discovery", "holdout"),
        **opts,
    )
    return Discovery(
        lab, traj, box, share, per_input, cov, den, subject, subject_zh, verb, verb_zh, switching
    )


def discover(
    results: ExperimentResults,
    policy: str,
    criterion: Criterion,
    *,
    funding: FundingShares | None = None,
    **options: Any,
) -> Discovery:
    """Scenario discovery on an experiment: where ``policy`` fails ``criterion``.

    The futures are the experiment's samples (``results.design``, inputs
    ``results.inputs``); a future is a case of interest when the criterion fails on
    the mean of its replications (``Criterion(">=", 0.8)`` fails below 0.8; equality
    counts as failing a strict ``>`` or ``<`` only approximately, as "not beyond").
    ``funding``: the county's shares of its books, for a criterion on the county's own
    cost (``"county_cost_npv"``; ``FundingShares()`` when not given). ``options`` go to
    :func:`discover_failures`.

    Examples
    --------
    ``discover(res, "full package", Criterion("restored_within_5y", ">=", 0.8),
    subject="The full package", subject_zh="全套方案", drop_straddling=True)``
    """
    if not isinstance(results, ExperimentResults):
        raise ParameterTypeError("results", "an ExperimentResults (runs.run_experiment)", results)
    if not isinstance(criterion, Criterion):
        raise ParameterTypeError("criterion", "a Criterion (decision.robustness)", criterion)
    if not results.inputs:
        raise ParameterError("results", "an experiment with uncertain inputs", "no inputs")
    values = outcome_values(results, criterion.outcome, funding, policy=policy)
    direction = "below" if ">" in criterion.comparison else "above"
    return discover_failures(
        results.design, values, criterion.threshold, direction, names=results.inputs, **options
    )


# --- CART ------------------------------------------------------------------------------------


def cart_boxes(
    X: ArrayLike,
    y: ArrayLike,
    *,
    names: Sequence[str | Uncertainty] | None = None,
    max_depth: int = 3,
    min_leaf: float = 0.05,
    labels: Mapping[str, InputLabel | str] | None = None,
    seed: int = 0,
) -> tuple[Box, ...]:
    """Boxes from the leaves of a classification tree where cases of interest are the majority.

    Needs scikit-learn (``pip install scikit-learn``; the ``dev`` extra has it). Leaves
    are sorted by coverage, largest first; their bounds come from the tree's splits
    (``x <= t`` goes left), the data's minimum and maximum elsewhere.

    Parameters
    ----------
    max_depth : int, default 3
    min_leaf : float, default 0.05
        Smallest share of the futures in a leaf.
    """
    try:
        from sklearn.tree import DecisionTreeClassifier
    except ImportError:
        raise MissingDependencyError(
            "cart_boxes needs scikit-learn: pip install scikit-learn (the 'dev' extra has it, "
            "through ema_workbench)"
        ) from None
    x = _matrix(X)
    yy = _labels(y, x.shape[0])
    nm = _names(names, x.shape[1])
    depth = _count(max_depth, "max_depth", 1)
    leaf = _unit(min_leaf, "min_leaf")
    tree = (
        DecisionTreeClassifier(
            max_depth=depth,
            min_samples_leaf=max(leaf, 1 / len(yy)),
            random_state=_count(seed, "seed", 0),
        )
        .fit(x, yy)
        .tree_
    )
    lo0, hi0 = x.min(axis=0), x.max(axis=0)
    labs = input_labels(nm if names is None else names, labels)
    boxes = []
    todo = [(0, lo0.copy(), hi0.copy())]
    while todo:
        node, lo, hi = todo.pop()
        left, right = tree.children_left[node], tree.children_right[node]
        if left == -1:
            b = _box(x, yy, nm, lo, hi, lo0, hi0, labs)
            if b.density > 0.5:
                boxes.append(b)
            continue
        f, t = int(tree.feature[node]), float(tree.threshold[node])
        hl, lr = hi.copy(), lo.copy()
        hl[f], lr[f] = min(hi[f], t), max(lo[f], np.nextafter(t, np.inf))
        todo += [(right, lr, hi), (left, lo, hl)]
    return tuple(sorted(boxes, key=lambda b: -b.coverage))
