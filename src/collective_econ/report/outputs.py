"""A run's output folder, written so that it cannot lie (:mod:`collective_econ.runs.folder`).

:func:`write_outputs` records the run's provenance in the store, then writes
the CSV tables, ``metadata.json`` (with the same provenance), ``scenario.toml``,
the figures and ``report.html``, each through a temporary file renamed into
place, and the completion marker last. :func:`rewrite_report` writes
``report.html`` again from a finished folder, with the run's own seed,
language and money, after checking the folder (:func:`~collective_econ.runs.folder.read_run`).
Both add the section "Robust choice" when the folder, or one of its sub-folders, holds
the outputs of the decision commands (:func:`~.robust_choice.find_decision_outputs`).
"""

from __future__ import annotations

import dataclasses
import os
import shutil
import tempfile
from collections.abc import Mapping, Sequence
from pathlib import Path
from types import MappingProxyType
from typing import Any

from ..files import OutputError, _os_cause, atomic_write
from ..plotting import save_figures
from ..runs.comparison import compared_with
from ..runs.folder import provenance, read_run, record_provenance, remove_marker, write_marker
from ..runs.results import ExperimentResults
from ..runs.store import STORE_FILE
from ..scenario import Scenario, dumps
from . import write_report
from .robust_choice import find_decision_outputs

__all__ = ["rewrite_report", "write_outputs"]


def write_outputs(
    folder: str | Path,
    scenario: Scenario,
    results: ExperimentResults,
    *,
    seed: int,
    lang: str = "en",
    money: str = "real",
    plots: bool = True,
    case_notes: Sequence[Any] | None = None,
    validation: Mapping[str, Sequence[Any]] | None = None,
) -> list[Path]:
    """Write a finished experiment's outputs into ``folder`` (its store's folder); marker last.

    ``case_notes`` and ``validation``: for the report (:func:`.build_report`; by default a
    shipped case's own, for its own scenario).

    Returns
    -------
    list of Path
        The files written, the marker last.

    Raises
    ------
    OutputError
        A file cannot be written (a full disk): names it, the cause, and that
        the finished runs are kept (``--resume`` writes the outputs again).
    """
    out = Path(folder)
    remove_marker(out)  # the outputs change from here: incomplete until the marker is back
    prov = provenance(
        scenario,
        seed=seed,
        policies=results.policies,
        replications=results.replications,
        lang=lang,
        money=money,
    )
    record_provenance(out, prov)
    meta = MappingProxyType({**results.metadata, "provenance": prov})
    results = dataclasses.replace(results, metadata=meta)
    try:
        written = results.to_csv(out, baseline=compared_with(scenario.baseline, results.policies))
        written.append(results.write_metadata(out))
        written.append(atomic_write(out / "scenario.toml", dumps(scenario).encode("utf-8")))
        if plots:
            written += _figures(results, out, lang)
            report = write_report(
                out / "report.html",
                scenario,
                results,
                seed=seed,
                case_notes=case_notes,
                lang=lang,
                money=money,
                decision=find_decision_outputs(out),  # robust/discover/voi/optimize here
                validation=validation,
            )
            written.append(report)
    except OutputError as err:
        raise OutputError(
            f"{err}; the finished runs are kept in {out / STORE_FILE}: then run the same "
            "command again with --resume to write the outputs"
        ) from err
    written.append(write_marker(out, written, prov))
    return written


def _figures(results: ExperimentResults, out: Path, lang: str) -> list[Path]:
    """Draw the figures into a temporary folder inside ``out``, then rename each into place."""
    stage = Path(tempfile.mkdtemp(prefix=".figures-", dir=out))
    try:
        drawn = save_figures(results.to_comparison(), stage, lang=lang)
        for path in drawn:
            os.replace(path, out / path.name)
        return [out / p.name for p in drawn]
    except OSError as err:
        raise OutputError(_os_cause(err, Path(err.filename or stage))) from err
    finally:
        shutil.rmtree(stage, ignore_errors=True)


def rewrite_report(
    folder: str | Path,
    *,
    lang: str | None = None,
) -> Path:
    """Write ``report.html`` of a finished run again, as the run wrote it (same bytes).

    The seed, language (unless ``lang``) and money are the run's, read from its
    store; the folder is checked first (:func:`~collective_econ.runs.folder.read_run`).
    A run of a shipped case's own scenario gets the case's notes and validation checks
    again, as :func:`.build_report` finds them (:mod:`.case_checks`).
    """
    run = read_run(folder)
    results = ExperimentResults.from_store(run.folder)
    path = write_report(
        run.folder / "report.html",
        run.scenario,
        results,
        seed=run.seed,
        lang=lang or run.provenance["lang"],
        money=run.provenance["money"],
        decision=find_decision_outputs(run.folder),  # robust/discover/voi/optimize outputs
    )
    listed = {run.folder / n for n in run.files if (run.folder / n).is_file()} | {path}
    write_marker(run.folder, sorted(listed), run.provenance)
    return path
