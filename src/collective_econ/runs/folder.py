"""An output folder that cannot lie: provenance, a completion marker, and refusals.

``collective-econ run --out DIR`` writes its outputs (CSV tables, figures,
``report.html``, ``metadata.json``, ``scenario.toml``) through temporary files
renamed into place (:func:`~collective_econ.runs.store.atomic_write`), records
the run's *provenance* in the store and in ``metadata.json``, and writes the
completion marker :data:`MARKER` last. So:

- a folder without the marker is incomplete (a kill, a full disk), and says so;
- ``collective-econ report DIR`` reads the seed, language and money of the run
  from the store, checks the store's scenario hash against ``scenario.toml``,
  ``metadata.json`` and the marker, and refuses (one line) when they disagree;
- a run into a folder holding another run's outputs is refused, not mixed in,
  unless ``--overwrite`` asks to remove them (only files a run writes).

Provenance (strings, as stored in the store's ``meta`` table): ``seed``,
``scenario_hash`` (:func:`~collective_econ.runs.store.content_hash` of the
scenario), ``library_version``, ``numpy``, ``scipy``, ``python``, ``policies``
(JSON list), ``replications``, ``lang`` and ``money``.

Examples
--------
>>> import tempfile
>>> folder = tempfile.mkdtemp()
>>> check_output_folder(folder, scenario_hash="abc", resume=False, overwrite=False)
[]
>>> try:
...     read_run(folder)
... except FolderError as err:
...     print(str(err)[:54])
DIR must be the output folder of 'collective-econ run'
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib.metadata
import json
import platform
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from .._version import __version__
from ..errors import CollectiveEconError
from ..scenario import Scenario, load_scenario
from .store import (
    FORMAT,
    STORE_FILE,
    ResultStore,
    StoreError,
    atomic_write,
    content_hash,
    read_metadata,
)

__all__ = [
    "IGNORE_HEAD",
    "MARKER",
    "OUTPUT_NAMES",
    "FolderError",
    "RunRecord",
    "check_output_folder",
    "provenance",
    "read_run",
    "record_provenance",
    "remove_marker",
    "write_marker",
]

IGNORE_HEAD = "# written by collective-econ run"
"""How the ``.gitignore`` a run writes begins: one without it is the user's, never removed."""

MARKER = "COMPLETE.json"
"""The completion marker: written last, after every output; lists the files and checksums."""

_TABLES = "runs yearly design summary yearly_summary by_label differences"
_FIGURES = (
    "income_fan income_distribution lorenz income_by_source income_by_source_mean poverty "
    "winners_losers"
)
OUTPUT_NAMES = (
    STORE_FILE,
    f"{STORE_FILE}-wal",
    f"{STORE_FILE}-shm",
    MARKER,
    "metadata.json",
    "scenario.toml",
    "report.html",
    ".gitignore",
    *(f"{n}.csv" for n in _TABLES.split()),
    *(f"{n}.png" for n in _FIGURES.split()),
)
"""Every file ``collective-econ run`` may write: what ``--overwrite`` may remove."""

PROVENANCE_KEYS = (
    "seed",
    "scenario_hash",
    "library_version",
    "numpy",
    "scipy",
    "python",
    "policies",
    "replications",
    "lang",
    "money",
)


class FolderError(CollectiveEconError, ValueError):
    """An output folder is incomplete, inconsistent, or holds another run's outputs."""


@dataclass(frozen=True)
class RunRecord:
    """A finished run's folder, checked: its scenario, provenance (strings) and output files."""

    folder: Path
    scenario: Scenario
    provenance: Mapping[str, str]
    files: tuple[str, ...] = ()

    @property
    def seed(self) -> int:
        """The run's root seed."""
        return int(self.provenance["seed"])


def _version(dist: str) -> str:
    try:
        return importlib.metadata.version(dist)
    except importlib.metadata.PackageNotFoundError:
        return "absent"


def provenance(
    scenario: Scenario,
    *,
    seed: int,
    policies: Sequence[str],
    replications: int,
    lang: str = "en",
    money: str = "real",
) -> dict[str, str]:
    """What reproduces a run's report: seed, versions, scenario hash, policies, replications."""
    return {
        "seed": str(int(seed)),
        "scenario_hash": content_hash(scenario),
        "library_version": __version__,
        "numpy": np.__version__,
        "scipy": _version("scipy"),
        "python": platform.python_version(),
        "policies": json.dumps(list(policies)),
        "replications": str(int(replications)),
        "lang": lang,
        "money": money,
    }


def record_provenance(folder: str | Path, values: Mapping[str, str]) -> None:
    """Add the run's provenance to the store's ``meta`` rows (one transaction)."""
    with ResultStore.read(folder) as store:
        store.set_meta(values)


def _plain_name(name: object) -> bool:
    """A bare file name (no folder, not ``..``): a marker's name can only point inside."""
    return isinstance(name, str) and name not in ("", ".", "..") and Path(name).name == name


def _present(folder: Path) -> list[str]:
    names = set(OUTPUT_NAMES)
    with contextlib.suppress(FolderError, OSError, ValueError):
        listed = _marker(folder).get("files", {})
        names |= {n for n in listed if _plain_name(n)} if isinstance(listed, dict) else set()
    return sorted(n for n in names if (folder / n).is_file() and _a_runs(folder / n))


def _a_runs(path: Path) -> bool:
    """False for a ``.gitignore`` the user wrote (not the one a run writes)."""
    if path.name != ".gitignore":
        return True
    try:
        return path.read_bytes().startswith(IGNORE_HEAD.encode())
    except OSError:
        return False


def check_output_folder(
    folder: str | Path, *, scenario_hash: str, resume: bool, overwrite: bool
) -> list[str]:
    """Refuse to write into a folder holding another run's outputs; returns notes to print.

    With ``overwrite``, removes the files a run writes (:data:`OUTPUT_NAMES` and
    those the marker lists), nothing else. With ``resume``, notes an incomplete
    folder; the marker stays until the outputs are rewritten (a resume refused
    later, for another spec or seed, leaves a finished folder finished).

    Raises
    ------
    FolderError
        The folder holds outputs of another run (another scenario, or no store),
        or of this one without ``resume``; or ``resume`` and ``overwrite`` both.
    """
    out = Path(folder)
    if resume and overwrite:
        raise FolderError("--resume and --overwrite contradict each other: choose one")
    if not out.is_dir():
        return []
    present = _present(out)
    if overwrite:
        for name in present:
            (out / name).unlink()
        return [f"--overwrite: removed {len(present)} files of a previous run from {out}/"]
    if not present:
        return []
    if STORE_FILE not in present:
        raise FolderError(
            f"{out} holds another run's outputs ({', '.join(present[:3])}...) but no result "
            f"store ({STORE_FILE}): choose another folder, or pass --overwrite to replace them"
        )
    try:
        with ResultStore.read(out) as store:
            meta = store.meta()
    except StoreError as err:
        raise FolderError(
            f"{out} holds a result store that cannot be used ({err}); choose another folder, "
            "or pass --overwrite to replace it"
        ) from err
    old = meta.get("scenario_hash")
    if old is not None and old != scenario_hash:
        raise FolderError(
            f"{out} holds another run's outputs (a different scenario: hash {old[:12]} there, "
            f"{scenario_hash[:12]} now): choose another folder, or pass --overwrite to replace "
            "them"
        )
    if not resume:
        raise FolderError(
            f"{out} already holds a run's outputs: finish or rewrite them with --resume, "
            "choose another folder, or pass --overwrite to replace them"
        )
    notes = []
    if not (out / MARKER).is_file():
        notes.append(f"{out} is incomplete (no completion marker {MARKER}): finishing it")
    return notes


def remove_marker(folder: str | Path) -> None:
    """Remove the completion marker: the folder's outputs are about to change."""
    with contextlib.suppress(FileNotFoundError):
        (Path(folder) / MARKER).unlink()


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def write_marker(folder: str | Path, files: Sequence[Path], values: Mapping[str, str]) -> Path:
    """Write the completion marker last: provenance and each output's SHA-256."""
    out = Path(folder)
    shown = sorted({Path(f).name for f in files} - {MARKER, STORE_FILE, ".gitignore"})
    body = {
        "complete": True,
        "provenance": dict(values),
        "files": {name: _sha(out / name) for name in shown},
    }
    text = json.dumps(body, indent=2, sort_keys=True) + "\n"
    return atomic_write(out / MARKER, text.encode("utf-8"))


def _marker(folder: Path) -> dict[str, Any]:
    path = folder / MARKER
    try:
        value = json.loads(path.read_bytes())
    except (OSError, ValueError) as err:
        raise FolderError(
            f"{path} cannot be read ({err}): the run's outputs may be incomplete; finish "
            "them with --resume"
        ) from err
    if not isinstance(value, dict) or value.get("complete") is not True:
        raise FolderError(f"{path} is not a completion marker: finish the run with --resume")
    return value


def read_run(folder: str | Path) -> RunRecord:
    """A finished run's folder, every part checked against the store; else one FolderError.

    Checks, in order: the completion marker; the store and its provenance; the
    scenario in ``scenario.toml`` (its content hash); ``metadata.json``'s
    provenance; the marker's provenance.
    """
    out = Path(folder)
    has_store = (out / STORE_FILE).is_file()
    resume = (
        f"finish it with 'collective-econ run SCENARIO.toml --out {out} --resume' (the same "
        "options as the run)"
    )
    if not out.is_dir() or not ((out / MARKER).is_file() or has_store):
        raise FolderError(
            f"DIR must be the output folder of 'collective-econ run', got {str(out)!r} (no "
            f"{MARKER}, no {STORE_FILE})"
        )
    if not (out / MARKER).is_file():
        raise FolderError(
            f"{out} is incomplete: it has no completion marker ({MARKER}), so the run was "
            f"interrupted or its outputs were not all written; {resume}"
        )
    marker = _marker(out)
    if not has_store:
        raise FolderError(f"{out} has no result store ({STORE_FILE}): run the experiment again")
    with ResultStore.read(out) as store:
        meta = store.meta()
    if meta.get("format") != FORMAT:
        raise FolderError(
            f"the store in {out} has format {meta.get('format')!r}, not {FORMAT!r}: it was "
            "written by another version or edited; run the experiment again into a new folder"
        )
    if meta.get("status") != "complete":
        raise FolderError(f"the run in {out} is not complete: {resume}")
    missing = [k for k in PROVENANCE_KEYS if k not in meta]
    if missing:
        raise FolderError(
            f"the store in {out} has no provenance ({', '.join(missing)}): it was written by "
            "an older version or the run was cut short; run the experiment again"
        )
    prov = {k: meta[k] for k in PROVENANCE_KEYS}
    scenario_file = out / "scenario.toml"
    if not scenario_file.is_file():
        raise FolderError(f"{scenario_file} is missing: {resume}")
    scenario = load_scenario(scenario_file)
    if content_hash(scenario) != prov["scenario_hash"]:
        raise FolderError(
            f"{scenario_file} is not the scenario of the run in {out} (it was edited: its "
            f"content hash is {content_hash(scenario)[:12]}, the store's "
            f"{prov['scenario_hash'][:12]}); restore it, or run the edited scenario into a "
            "new folder"
        )
    if not (out / "metadata.json").is_file():
        raise FolderError(f"{out / 'metadata.json'} is missing: {resume}")
    for where, theirs in (
        ("metadata.json", read_metadata(out).get("provenance")),
        (MARKER, marker.get("provenance")),
    ):
        if theirs != prov:
            keys = sorted(
                k
                for k in PROVENANCE_KEYS
                if not isinstance(theirs, dict) or theirs.get(k) != prov[k]
            )
            raise FolderError(
                f"{out / where} and the store in {out} disagree on {', '.join(keys)}: one of "
                "them was edited or belongs to another run; run the experiment again into a "
                "new folder"
            )
    files = marker.get("files")
    if not isinstance(files, dict):
        raise FolderError(f"{out / MARKER} lists no files: finish the run with --resume")
    _check_files(out, files)
    return RunRecord(out, scenario, prov, tuple(files))


def _check_files(out: Path, files: Mapping[str, Any]) -> None:
    """Refuse a folder whose outputs differ from the checksums in its marker.

    ``report.html`` is left out (``report DIR`` writes it again); every other file
    the marker lists must be there, unchanged, or the marker written next would
    certify an edited table.
    """
    for name, sha in sorted(files.items()):
        if name == "report.html":
            continue
        path = out / name
        if not _plain_name(name) or not path.is_file():
            raise FolderError(
                f"{path} is listed in {out / MARKER} but missing: the folder is not the run's "
                "as written; run the experiment again into a new folder"
            )
        if _sha(path) != sha:
            raise FolderError(
                f"{path} was changed after the run wrote it (its SHA-256 differs from the one "
                f"in {MARKER}); run the experiment again into a new folder"
            )
