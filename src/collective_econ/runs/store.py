"""Where an experiment's runs go as they finish: one SQLite file, one transaction per run.

An experiment with an output folder writes ``results.sqlite`` there (stdlib
:mod:`sqlite3`, WAL journal), which any SQLite client can read:

``meta (key TEXT PRIMARY KEY, value TEXT)``
    ``format``, ``content_hash`` (SHA-256 of the scenario and the spec, seed
    included), ``library_version``, ``spec`` (JSON), ``policies``, ``inputs``,
    ``years`` (JSON lists), ``samples``, ``status`` (``running`` or
    ``complete``) and, once complete, ``replications``; the command line adds
    the run's provenance (``seed``, ``scenario_hash``, ``numpy``, ``scipy``,
    ``lang``, ``money``: :mod:`~collective_econ.runs.folder`). ``meta_sha256``
    is the SHA-256 of every other row: an edited row is refused on reading.
``arrays (name TEXT PRIMARY KEY, payload BLOB, sha256 TEXT)``
    ``sha256`` is that of the name, a NUL byte and the payload (an array moved to
    another name is refused). Arrays fixed for the whole experiment: ``design``
    (the inputs' values per sample) and the landless households' ``baseline``,
    ``size`` (at month 0) and ``start``. A run whose income ``panel`` is kept
    stores beside it ``persons``, the persons present in each household each
    year: the panel's weights.
``runs (run_id INTEGER PRIMARY KEY, policy, sample, replication, payload BLOB, sha256 TEXT,
binding TEXT)``
    One row per finished run, committed in its own transaction: its reduced
    record as a ``.npz`` archive of numeric arrays (:func:`numpy.savez`), the
    SHA-256 of those bytes, and ``binding``, the SHA-256 of the run's id, indices
    and that checksum: a record moved to another row (swapped, copied) is
    refused, naming the row. ``run_id = (replication * samples + sample) *
    policies + policy``.

Reading never runs code from the file: payloads are loaded with
``allow_pickle=False``, metadata is JSON text, and connections set
``trusted_schema=OFF``. A payload whose checksum or archive does not verify is
never returned as data: :meth:`ResultStore.scan` deletes it (a resumed
experiment reruns it) and :meth:`ResultStore.payloads` refuses it. Every
:mod:`sqlite3` failure becomes one :class:`StoreError` that says what happened
and what to do (a damaged file, a lock held by another process, a full disk).
Without a folder, the same store lives in memory (``folder=None``).

Examples
--------
>>> import tempfile, numpy as np
>>> folder = tempfile.mkdtemp()
>>> with open_store(folder, meta={"content_hash": "abc"}, arrays={}, resume=False) as st:
...     st.put(0, (0, 0, 0), encode_record({"gini": np.array(0.31)}))
...     float(decode_record(dict(st.payloads())[0])["gini"])
0.31
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import io
import json
import sqlite3
from collections.abc import Callable, Iterable, Iterator, Mapping
from enum import Enum
from pathlib import Path
from types import TracebackType
from typing import Any

import numpy as np
from numpy.typing import NDArray

from ..errors import CollectiveEconError
from ..files import OutputError, atomic_open, atomic_write

__all__ = [
    "STORE_FILE",
    "OutputError",
    "ResultStore",
    "StoreError",
    "StoreMismatchError",
    "atomic_open",
    "atomic_write",
    "canonical_json",
    "content_hash",
    "decode_record",
    "encode_record",
    "open_store",
    "read_metadata",
]

STORE_FILE = "results.sqlite"
"""The store's file name inside an experiment's output folder."""
FORMAT = "2"
_SCHEMA = (
    "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
    "CREATE TABLE arrays (name TEXT PRIMARY KEY, payload BLOB NOT NULL, sha256 TEXT NOT NULL)",
    "CREATE TABLE runs (run_id INTEGER PRIMARY KEY, policy INTEGER NOT NULL, sample INTEGER "
    "NOT NULL, replication INTEGER NOT NULL, payload BLOB NOT NULL, sha256 TEXT NOT NULL, "
    "binding TEXT NOT NULL)",
)
_ROW = "SELECT run_id, payload, sha256, policy, sample, replication, binding FROM runs"
_META_SUM = "meta_sha256"


class StoreError(CollectiveEconError, OSError):
    """The result store cannot be opened, written or read as an experiment's store."""


class StoreMismatchError(CollectiveEconError, ValueError):
    """A resume against a store written for another scenario, spec, seed or library version."""


def read_metadata(folder: str | Path) -> dict[str, Any]:
    """An output folder's ``metadata.json`` ({} if absent); a :class:`StoreError` if unreadable."""
    path = Path(folder) / "metadata.json"
    if not path.is_file():
        return {}
    try:
        data = path.read_bytes()
        value = json.loads(data)
    except OSError as err:
        raise StoreError(f"cannot read {path}: {err.strerror or err}") from err
    except ValueError as err:  # JSONDecodeError, UnicodeDecodeError
        what = "empty (0 bytes)" if not data else f"not valid JSON ({err})"
        raise StoreError(
            f"{path} is {what}: it was not written completely (a full disk or a kill); "
            "finish the run with --resume to write it again"
        ) from err
    if not isinstance(value, dict):
        raise StoreError(f"{path} is not a JSON object: finish the run with --resume")
    return value


def _explain(err: sqlite3.Error, path: Path | None, what: str) -> StoreError:
    """One :class:`StoreError` saying what happened to the store and what to do."""
    where = path or "memory"
    name = getattr(err, "sqlite_errorname", "") or ""
    text = str(err)
    if name.startswith("SQLITE_FULL") or "disk is full" in text:
        msg = (
            f"could not {what} in {where}: the disk is full ({text}); free some space, then "
            "finish the run with resume=True (--resume)"
        )
    elif name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")) or "locked" in text:
        msg = (
            f"could not {what} in {where}: it is locked by another process ({text}); wait "
            "until the other run using this folder ends, or choose another output folder"
        )
    elif (
        name.startswith(("SQLITE_CORRUPT", "SQLITE_NOTADB"))
        or "malformed" in text
        or ("not a database" in text)
    ):
        msg = (
            f"could not {what} in {where}: the file is damaged ({text}) and cannot be read "
            "or resumed; run the experiment again into a new output folder"
        )
    elif name.startswith(("SQLITE_READONLY", "SQLITE_CANTOPEN", "SQLITE_PERM")):
        msg = f"could not {what} in {where}: {text}; check that the folder is writable"
    else:
        msg = f"could not {what} in {where}: {text}"
    return StoreError(msg)


def encode_record(record: Mapping[str, NDArray[Any] | float | int]) -> bytes:
    """Serialise named numeric arrays as a ``.npz`` archive (never a pickle)."""
    arrays = {k: np.asarray(v) for k, v in record.items()}
    if bad := [k for k, v in arrays.items() if v.dtype.hasobject]:
        raise TypeError(f"record fields {bad} are object arrays; only numbers are stored")
    buf = io.BytesIO()
    np.savez(buf, allow_pickle=False, **arrays)
    return buf.getvalue()


def decode_record(payload: bytes) -> dict[str, NDArray[Any]]:
    """Read back :func:`encode_record`'s bytes; ``ValueError`` if they are not a record."""
    try:
        with np.load(io.BytesIO(payload), allow_pickle=False) as npz:
            return {name: npz[name] for name in npz.files}
    except Exception as err:  # untrusted bytes: any failure means "not a record"
        raise ValueError(f"undecodable record: {err}") from err


def _canonical(obj: Any) -> Any:
    if isinstance(obj, Enum):
        return _canonical(obj.value)
    if obj is None or isinstance(obj, bool | str):
        return obj
    if isinstance(obj, int | np.integer):
        return int(obj)
    if isinstance(obj, float | np.floating):
        return repr(float(obj))  # exact, and NaN-safe
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        fields = [f.name for f in dataclasses.fields(obj) if f.init]
        return {"__type__": type(obj).__qualname__} | {
            f: _canonical(getattr(obj, f)) for f in fields
        }
    if isinstance(obj, Mapping):  # insertion order matters (schemes start in that order)
        return [[_canonical(k), _canonical(v)] for k, v in obj.items()]
    if isinstance(obj, list | tuple | np.ndarray):
        return [_canonical(v) for v in obj]
    raise TypeError(f"cannot fingerprint a {type(obj).__name__}")


def canonical_json(obj: Any) -> str:
    """Frozen inputs (dataclasses, tuples, numbers) as canonical JSON; floats as exact reprs."""
    return json.dumps(_canonical(obj), sort_keys=True, separators=(",", ":"))


def content_hash(*objects: Any) -> str:
    """SHA-256 of frozen inputs (a scenario and a spec): what a resume must match.

    Examples
    --------
    >>> from collective_econ.economy.livelihood import LivelihoodParams
    >>> content_hash(LivelihoodParams()) == content_hash(LivelihoodParams())
    True
    >>> content_hash(LivelihoodParams()) == content_hash(LivelihoodParams(debt_rate=0.1))
    False
    """
    return hashlib.sha256(canonical_json(list(objects)).encode()).hexdigest()


def _sha(payload: bytes) -> str:
    return hashlib.sha256(payload).hexdigest()


def _bind(run_id: int, run: Iterable[int], sha: str) -> str:
    """A run's checksum bound to its id and indices: a record moved to another row fails."""
    return _sha(f"{int(run_id)}:{':'.join(str(int(x)) for x in run)}:{sha}".encode())


def _array_sha(name: str, payload: bytes) -> str:
    """An array's checksum bound to its name: arrays swapped between rows are refused."""
    return _sha(name.encode() + b"\0" + payload)


def _meta_sum(values: Mapping[str, str]) -> str:
    rows = sorted((k, v) for k, v in values.items() if k != _META_SUM)
    return _sha(json.dumps(rows, separators=(",", ":")).encode())


class ResultStore:
    """An experiment's SQLite store; open it with :func:`open_store` or :meth:`read`."""

    def __init__(self, path: Path | None, timeout: float = 30.0) -> None:
        self.path = path
        where = ":memory:" if path is None else path
        try:
            self._conn = sqlite3.connect(where, timeout=timeout, isolation_level=None)
        except sqlite3.Error as err:
            raise _explain(err, path, "open the result store") from err
        try:
            self._conn.execute("PRAGMA trusted_schema=OFF")
            self._conn.execute("PRAGMA journal_mode=WAL")
            self._conn.execute("PRAGMA synchronous=NORMAL")  # WAL+NORMAL: survives a kill
        except sqlite3.Error as err:
            self._conn.close()
            raise _explain(err, path, "open the result store") from err

    @contextlib.contextmanager
    def _guard(self, what: str) -> Iterator[None]:
        """Turn any :mod:`sqlite3` failure while reading into one :class:`StoreError`."""
        try:
            yield
        except sqlite3.Error as err:
            raise _explain(err, self.path, what) from err

    @classmethod
    def read(cls, folder: str | Path) -> ResultStore:
        """Open the store of an output folder to read it."""
        path = Path(folder) / STORE_FILE
        if not path.is_file():
            raise StoreError(f"no result store at {path}")
        store = cls(path)
        if not store._initialised():
            store.close()
            raise StoreError(f"{path} is not an experiment's result store")
        return store

    def _initialised(self) -> bool:
        sql = "SELECT count(*) FROM sqlite_master WHERE type='table' AND name='meta'"
        with self._guard("read the result store"):
            return bool(self._conn.execute(sql).fetchone()[0])

    def _transaction(self, what: str, statements: Iterable[tuple[str, tuple[Any, ...]]]) -> None:
        try:
            self._conn.execute("BEGIN IMMEDIATE")
            try:
                for sql, args in statements:
                    self._conn.execute(sql, args)
                self._conn.execute("COMMIT")
            except BaseException:
                if self._conn.in_transaction:  # SQLite may have rolled back already (disk full)
                    with contextlib.suppress(sqlite3.Error):
                        self._conn.execute("ROLLBACK")
                raise
        except sqlite3.Error as err:
            raise _explain(err, self.path, what) from err

    def put(self, run_id: int, run: tuple[int, int, int], payload: bytes) -> None:
        """Commit one run's payload and its checksum (bound to its id), in one transaction."""
        sha = _sha(payload)
        args = (int(run_id), *(int(x) for x in run), payload, sha, _bind(run_id, run, sha))
        self._transaction(
            f"write run {run_id}", [("REPLACE INTO runs VALUES (?,?,?,?,?,?,?)", args)]
        )

    def set_meta(self, values: Mapping[str, str]) -> None:
        """Add or replace metadata entries and the rows' checksum (one transaction)."""
        new = self._raw_meta() | {k: str(v) for k, v in values.items()}
        new[_META_SUM] = _meta_sum(new)
        rows = [("REPLACE INTO meta VALUES (?, ?)", (k, v)) for k, v in new.items()]
        self._transaction("write metadata", rows)

    def _raw_meta(self) -> dict[str, str]:
        with self._guard("read the metadata"):
            rows = self._conn.execute("SELECT key, value FROM meta").fetchall()
        return {str(k): str(v) for k, v in rows}

    def meta(self) -> dict[str, str]:
        """The experiment's metadata; refused if a row was edited (its checksum fails)."""
        values = self._raw_meta()
        checked = values.get("format") == FORMAT or _META_SUM in values  # "format" may be edited
        if checked and values.get(_META_SUM) != _meta_sum(values):
            raise StoreError(
                f"the metadata rows of {self.path or 'the store'} were edited (their checksum "
                "does not match): they cannot be trusted; run the experiment again into a new "
                "output folder"
            )
        return {k: v for k, v in values.items() if k != _META_SUM}

    def array(self, name: str) -> NDArray[np.float64]:
        """A fixed array of the experiment, checksum verified."""
        sql = "SELECT payload, sha256 FROM arrays WHERE name = ?"
        with self._guard(f"read the array {name!r}"):
            row = self._conn.execute(sql, (name,)).fetchone()
        try:
            if row is None or _array_sha(name, row[0]) != row[1]:
                raise ValueError("checksum")
            return np.asarray(decode_record(row[0])["value"], dtype=np.float64)
        except (ValueError, KeyError) as err:
            raise StoreError(f"array {name!r} of {self.path} is missing or corrupt") from err

    def scan(
        self, check: Callable[[int, bytes], object] | None = None
    ) -> tuple[set[int], list[int]]:
        """Verify every run; delete those whose checksum, archive or ``check`` fails.

        ``check(run_id, payload)`` may raise anything to reject a payload (a
        record missing an outcome). Returns the good run ids and the deleted ones.

        Raises
        ------
        StoreError
            A record is intact but bound to another run (records swapped or
            copied between rows): the store was edited, and rerunning would hide it.
        """
        good, bad = set(), []
        with self._guard("read the runs"):
            rows = self._conn.execute(f"{_ROW} ORDER BY run_id").fetchall()
        ids = [(int(r[0]), r[3:6]) for r in rows]
        for run_id, payload, sha, *run, binding in rows:
            try:
                if not isinstance(payload, bytes) or _sha(payload) != sha:
                    raise ValueError("checksum")
                if binding != _bind(run_id, run, sha):
                    # intact, but bound to another row's run: moved, not damaged
                    owner = next((i for i, x in ids if _bind(i, x, sha) == binding), None)
                    if owner is not None and owner != run_id:
                        self._bound(run_id, run, sha, binding, owner)
                    raise ValueError("binding")
                decode_record(payload)
                if check is not None:
                    check(int(run_id), payload)
                good.add(int(run_id))
            except StoreError:
                raise
            except Exception:  # untrusted bytes: any failure rejects the record
                bad.append(int(run_id))
        if bad:
            sql = "DELETE FROM runs WHERE run_id = ?"
            self._transaction("delete corrupt runs", [(sql, (i,)) for i in bad])
        return good, bad

    def payloads(self, ids: Iterable[int] | None = None) -> Iterator[tuple[int, bytes]]:
        """(run_id, payload) by increasing run id, or for ``ids``; checksums verified."""
        with self._guard("read the runs"):
            rows: Iterable[Any] = (
                self._conn.execute(f"{_ROW} ORDER BY run_id")
                if ids is None
                else (
                    self._conn.execute(f"{_ROW} WHERE run_id = ?", (int(i),)).fetchone()
                    for i in ids
                )
            )
            for row in rows:
                if row is None or not isinstance(row[1], bytes) or _sha(row[1]) != row[2]:
                    run = "a run" if row is None else f"run {row[0]}"
                    raise StoreError(
                        f"{run} of {self.path} is missing or corrupt: resume the experiment"
                    )
                self._bound(row[0], row[3:6], row[2], row[6])
                yield int(row[0]), row[1]

    def _bound(
        self, run_id: int, run: Iterable[int], sha: str, binding: str, owner: int | None = None
    ) -> None:
        """Refuse an intact record that belongs to another row (swapped or copied)."""
        if binding != _bind(run_id, run, sha):
            other = "another run" if owner is None else f"run {owner}"
            raise StoreError(
                f"the record of run {run_id} in {self.path or 'memory'} belongs to {other} "
                "(its checksum is bound to another run id: records were swapped or copied); "
                "the store was edited and cannot be trusted: run the experiment again into a "
                "new output folder"
            )

    def count(self) -> int:
        """Runs stored."""
        with self._guard("count the runs"):
            return int(self._conn.execute("SELECT count(*) FROM runs").fetchone()[0])

    def close(self) -> None:
        """Close the connection (committed runs stay)."""
        self._conn.close()

    def __enter__(self) -> ResultStore:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, err: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()


def open_store(
    folder: str | Path | None,
    *,
    meta: Mapping[str, str],
    arrays: Mapping[str, NDArray[np.float64]],
    resume: bool,
    timeout: float = 30.0,
) -> ResultStore:
    """Create an experiment's store in ``folder`` (in memory if None), or reopen it to resume.

    Parameters
    ----------
    folder : str or Path or None
        The output folder (created if missing).
    meta : mapping of str to str
        Written when the store is created; ``content_hash``, ``spec`` and
        ``library_version`` are checked on resume.
    arrays : mapping of str to ndarray
        Fixed arrays written when the store is created.
    resume : bool
        Reopen an existing store. Without it, an existing store is an error.
    timeout : float
        Seconds to wait for a lock held by another connection.

    Raises
    ------
    StoreError
        The store exists and ``resume`` is False, or it cannot be opened or written.
    StoreMismatchError
        ``resume`` against a store of another experiment.
    """
    path = None if folder is None else Path(folder) / STORE_FILE
    if path is not None:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as err:
            raise StoreError(f"cannot create the output folder {path.parent}: {err}") from err
    store = ResultStore(path, timeout)
    try:
        if store._initialised():
            if not resume:
                raise StoreError(
                    f"{path} already holds an experiment: resume it (resume=True, --resume) "
                    "or choose another output folder"
                )
            _check_same(store.meta(), meta, path)
            return store
        rows: list[tuple[str, tuple[Any, ...]]] = [(sql, ()) for sql in _SCHEMA]
        values = {k: str(v) for k, v in {"format": FORMAT, "status": "running", **meta}.items()}
        values[_META_SUM] = _meta_sum(values)
        for k, v in values.items():
            rows.append(("INSERT INTO meta VALUES (?, ?)", (k, v)))
        for name, arr in arrays.items():
            blob = encode_record({"value": np.asarray(arr, dtype=np.float64)})
            rows.append(
                ("INSERT INTO arrays VALUES (?, ?, ?)", (name, blob, _array_sha(name, blob)))
            )
        store._transaction("create the store", rows)  # all or nothing
    except BaseException:
        store.close()
        raise
    return store


def _check_same(old: Mapping[str, str], new: Mapping[str, str], path: Path | None) -> None:
    if old.get("format") != FORMAT:
        raise StoreMismatchError(f"{path} has store format {old.get('format')!r}, not {FORMAT!r}")
    for key, what in (("content_hash", "scenario, spec or seed"), ("library_version", "version")):
        if key not in new or old.get(key) == new[key]:
            continue
        detail = ""
        if key == "content_hash":
            before, after = json.loads(old.get("spec", "{}")), json.loads(new.get("spec", "{}"))
            changed = sorted(
                k for k in before.keys() | after.keys() if before.get(k) != after.get(k)
            )
            detail = f"; the spec differs in {changed}" if changed else "; the scenario differs"
        raise StoreMismatchError(
            f"{path} holds the results of another experiment (different {what}: "
            f"{old.get(key)!r} there, {new[key]!r} now{detail}). Refusing to mix results: "
            "run into a new output folder"
        )
