"""Household surveys in: CSV files or a Survey Solutions tab export, into a community.

A baseline socio-economic survey (IFC PS5, World Bank ESS5) lists the affected
households, their members, land and income by source before expropriation, each
with a survey weight. :func:`read_csv_survey` and :func:`read_survey_solutions` read
one into a :class:`Survey`: the engine's :class:`~collective_econ.economy.community.Community`
(built by :func:`~collective_econ.economy.community.from_table`) plus what the model
does not keep (ids, weights, income by source, schooling). Every problem of every
cell is collected and raised at once as one :class:`~collective_econ.errors.SurveyError`
naming file, line and column: nothing is half-loaded.

The schema (columns of the CSV form; ``docs/calibration.md``):

households: ``household_id`` (text), ``group`` (a group name, or its 1-based code),
``land_mu`` (mu, >= 0), ``weight`` (households represented, > 0), one or more
``income_<source>`` (yuan/yr before expropriation, e.g. ``income_farming``,
``income_wages``, ``income_business``, ``income_transfers``, ``income_rent``);
optional ``expropriation_month`` (-1 = never; default 0 for households with land),
``agricultural`` and ``member`` (0/1), ``stratum`` (integer).

persons: ``household_id``, ``age`` (years, 0-120), ``sex`` (``F``/``M``,
``female``/``male``, or the codes 1 = male, 2 = female), ``schooling_years`` (0-30).

A synthetic survey of the model's own community, to try this on, is
:func:`collective_econ.calibration.synthetic.synthetic_survey`.
"""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import NDArray

from ..economy.community import (
    Community,
    CommunityParams,
    default_group_names,
    from_table,
)
from ..errors import CellProblem, SurveyError
from ..resources import file_limit, file_problem

__all__ = [
    "INCOME_SOURCES",
    "SCHOOLING_MEAN",
    "SCHOOLING_SD",
    "SUSO_MISSING",
    "Survey",
    "read_csv_survey",
    "read_survey_solutions",
    "write_csv_survey",
    "write_survey_solutions",
]

FloatArray = NDArray[np.float64]
IntArray = NDArray[np.intp]

INCOME_SOURCES = ("farming", "wages", "business", "transfers", "rent")
"""The income sources of the synthetic survey (columns ``income_<source>``), yuan/yr."""

SCHOOLING_MEAN = 9.0
"""Years of schooling at skill 0 (estimate: China's nine compulsory years; 2010 census order)."""
SCHOOLING_SD = 3.0
"""Years of schooling per skill standard deviation (estimate)."""

SUSO_MISSING = ("-999999999", "##N/A##")
"""Survey Solutions' codes for an enabled question left unanswered (numeric, text)."""

MAX_AGE = 120
"""Oldest age accepted, years."""

_HOUSEHOLD_REQUIRED = ("household_id", "group", "land_mu", "weight")
_PERSON_REQUIRED = ("household_id", "age", "sex", "schooling_years")
_SEX = {"f": True, "female": True, "2": True, "m": False, "male": False, "1": False}


@dataclass(frozen=True, eq=False)
class Survey:
    """A household survey: the engine's community plus ids, weights and incomes.

    Parameters
    ----------
    community : Community
        Households and persons as the engine uses them; ``baseline`` is the sum of
        ``income`` (yuan/yr), ``skill`` the schooling's standard score.
    household_id : tuple of str
        Each household's id in the files, shape (H,).
    weight : ndarray
        Survey (design) weights, households represented per surveyed household, (H,).
    income : mapping of str to ndarray
        Income by source before expropriation, yuan/yr, each (H,).
    schooling_years : ndarray
        Each person's years of schooling, (P,).
    stratum : ndarray
        Each household's design stratum (0 when unstratified), (H,).
    """

    community: Community
    household_id: tuple[str, ...]
    weight: FloatArray
    income: Mapping[str, FloatArray]
    schooling_years: FloatArray
    stratum: IntArray

    @property
    def n_households(self) -> int:
        """Households surveyed (H)."""
        return self.community.n_households

    @property
    def total_income(self) -> FloatArray:
        """Income from every source, yuan/yr, (H,)."""
        return self.community.baseline

    def households_table(self) -> dict[str, list[Any]]:
        """The households file's columns (names of the schema)."""
        c = self.community
        names = c.group_names
        table: dict[str, list[Any]] = {
            "household_id": list(self.household_id),
            "group": [names[g] for g in c.group],
            "land_mu": c.land_mu.tolist(),
            "weight": self.weight.tolist(),
        }
        for source, values in self.income.items():
            table[f"income_{source}"] = values.tolist()
        table["expropriation_month"] = c.expropriation_month.tolist()
        table["agricultural"] = c.agricultural.astype(int).tolist()
        table["member"] = c.member.astype(int).tolist()
        table["stratum"] = self.stratum.tolist()
        return table

    def persons_table(self) -> dict[str, list[Any]]:
        """The persons file's columns (names of the schema)."""
        c = self.community
        return {
            "household_id": [self.household_id[h] for h in c.person_household],
            "age": c.age.tolist(),
            "sex": ["F" if f else "M" for f in c.female],
            "schooling_years": self.schooling_years.tolist(),
        }


# --- reading ------------------------------------------------------------------------------


@dataclass
class _Table:
    """A file's rows as text cells, with each row's line in the file."""

    file: str
    columns: list[str]
    rows: list[dict[str, str]]
    lines: list[int]


class _Cells:
    """Parses cells, collecting every problem instead of stopping at the first."""

    def __init__(self, suso: bool) -> None:
        self.problems: list[CellProblem] = []
        self.suso = suso

    def add(self, t: _Table, i: int, column: str, message: str) -> None:
        self.problems.append(CellProblem(t.file, t.lines[i] if i >= 0 else 0, column, message))

    def text(self, t: _Table, i: int, column: str) -> str | None:
        """The cell, or None (with a problem) when missing."""
        raw = (t.rows[i].get(column) or "").strip()
        if raw in SUSO_MISSING and self.suso:
            self.add(t, i, column, f"Survey Solutions missing code {raw} (question not answered)")
            return None
        if raw == "":
            self.add(t, i, column, "missing value")
            return None
        return raw

    def number(
        self, t: _Table, i: int, column: str, lo: float = -np.inf, hi: float = np.inf
    ) -> float | None:
        raw = self.text(t, i, column)
        if raw is None:
            return None
        try:
            value = float(raw)
        except ValueError:
            self.add(t, i, column, f"not a number: {raw!r}")
            return None
        if not np.isfinite(value):
            self.add(t, i, column, f"must be finite, got {raw!r}")
        elif value < lo or value > hi:
            rule = f">= {lo:g}" if value < lo else f"<= {hi:g}"
            self.add(t, i, column, f"must be {rule}, got {value:g}")
        else:
            return value
        return None


def _read_text(name: str, text: str, delimiter: str) -> _Table:
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    header = next(reader, None)
    if header is None:
        return _Table(name, [], [], [])
    columns = [h.strip() for h in header]
    rows, lines = [], []
    for row in reader:
        if not any(cell.strip() for cell in row):
            continue
        rows.append(dict(zip(columns, row, strict=False)))
        lines.append(reader.line_num)
    return _Table(name, columns, rows, lines)


def _read_file(path: Path, delimiter: str, problems: list[CellProblem]) -> _Table | None:
    if not path.is_file():
        problems.append(CellProblem(str(path), 0, "", "no such file"))
        return None
    why = file_problem(path, max(file_limit(), 1e9))
    if why is not None:
        problems.append(CellProblem(str(path), 0, "", why))
        return None
    text = path.read_text(encoding="utf-8-sig")
    return _read_text(str(path), text, delimiter)


def _need(t: _Table, columns: Sequence[str], cells: _Cells) -> bool:
    missing = [c for c in columns if c not in t.columns]
    for c in missing:
        cells.add(t, -1, c, f"no such column (columns: {', '.join(t.columns)})")
    return not missing


def _group_index(raw: str, names: Sequence[str]) -> int | None:
    if raw in names:
        return list(names).index(raw)
    try:
        code = int(float(raw))
    except ValueError:
        return None
    return code - 1 if 1 <= code <= len(names) and float(raw) == code else None


def _parse(
    hh: _Table,
    pp: _Table,
    cells: _Cells,
    groups: Sequence[str],
    hid: str,
    pid: str,
) -> Survey:
    """Check every cell of both tables, then build the survey (or raise every problem)."""
    ok_h = _need(hh, [hid, *_HOUSEHOLD_REQUIRED[1:]], cells)
    ok_p = _need(pp, [pid, *_PERSON_REQUIRED[1:]], cells)
    sources = [c[len("income_") :] for c in hh.columns if c.startswith("income_")]
    if not sources:
        cells.add(hh, -1, "income_<source>", "no income column (income_farming, ...)")
    if not (ok_h and ok_p and sources):
        raise SurveyError(cells.problems)
    index: dict[str, int] = {}
    h_cols: dict[str, list[float]] = {
        k: []
        for k in ("group", "land_mu", "weight", "expropriation_month", "agricultural", "member")
    }
    h_cols.update({f"income_{s}": [] for s in sources})
    h_cols["stratum"] = []
    optional = {
        "expropriation_month": (-1, 10_000),
        "agricultural": (0, 1),
        "member": (0, 1),
        "stratum": (0, 1e9),
    }
    for i in range(len(hh.rows)):
        key = cells.text(hh, i, hid)
        if key is not None:
            if key in index:
                cells.add(hh, i, hid, f"duplicate household id {key!r}")
            index.setdefault(key, i)
        raw = cells.text(hh, i, "group")
        g = None if raw is None else _group_index(raw, groups)
        if raw is not None and g is None:
            shown = ", ".join(groups[:4]) + (", ..." if len(groups) > 4 else "")
            cells.add(hh, i, "group", f"unknown group {raw!r} (groups: {shown}, or codes 1..)")
        land = cells.number(hh, i, "land_mu", lo=0.0)
        weight = cells.number(hh, i, "weight", lo=0.0)
        if weight == 0.0:
            cells.add(hh, i, "weight", "must be > 0, got 0")
        values: dict[str, float | None] = {"group": g, "land_mu": land, "weight": weight}
        for s in sources:
            values[f"income_{s}"] = cells.number(hh, i, f"income_{s}")
        for col, (lo, hi) in optional.items():
            if col in hh.columns and (hh.rows[i].get(col) or "").strip() != "":
                v = cells.number(hh, i, col, lo=lo, hi=hi)
                if v is not None and v != int(v):
                    cells.add(hh, i, col, f"must be a whole number, got {v:g}")
                values[col] = v
            else:
                has_land = land is not None and land > 0
                values[col] = float(
                    {"expropriation_month": 0 if has_land else -1, "stratum": 0}.get(col, has_land)
                )
        for k in h_cols:
            h_cols[k].append(np.nan if values.get(k) is None else float(values[k]))  # type: ignore[arg-type]
    p_house, age, female, school = [], [], [], []
    for i in range(len(pp.rows)):
        key = cells.text(pp, i, pid)
        if key is not None and key not in index:
            cells.add(pp, i, pid, f"household {key!r} is not in {hh.file}")
        a = cells.number(pp, i, "age", lo=0, hi=MAX_AGE)
        if a is not None and a != int(a):
            cells.add(pp, i, "age", f"must be whole years, got {a:g}")
        raw = cells.text(pp, i, "sex")
        sex = None if raw is None else _SEX.get(raw.lower().removesuffix(".0"))
        if raw is not None and sex is None:
            cells.add(
                pp, i, "sex", f"must be F, M, female, male, 1 (male) or 2 (female), got {raw!r}"
            )
        sy = cells.number(pp, i, "schooling_years", lo=0, hi=30)
        p_house.append(index.get(key, -1) if key is not None else -1)
        age.append(a)
        female.append(sex)
        school.append(sy)
    size = np.bincount([h for h in p_house if h >= 0], minlength=len(hh.rows))
    for h in np.flatnonzero(size == 0):
        key = (hh.rows[h].get(hid) or "").strip()
        if not key or index.get(key) != h:
            continue  # its missing or duplicated id is already reported
        cells.add(hh, int(h), hid, f"household {hh.rows[h].get(hid)!r} has no person in {pp.file}")
    if cells.problems:
        raise SurveyError(cells.problems)
    order = np.argsort(np.asarray(p_house), kind="stable")  # persons grouped by household
    ph = np.asarray(p_house, dtype=np.intp)[order]
    cols = {k: np.asarray(v) for k, v in h_cols.items()}
    income = {s: cols[f"income_{s}"] for s in sources}
    school_arr = np.asarray(school, dtype=np.float64)[order]
    community = from_table(
        {
            "group": cols["group"].astype(np.intp),
            "size": size,
            "land_mu": cols["land_mu"],
            "expropriation_month": cols["expropriation_month"].astype(np.intp),
            "agricultural": cols["agricultural"].astype(bool),
            "member": cols["member"].astype(bool),
            "baseline": np.sum(list(income.values()), axis=0),
        },
        np.random.default_rng(0),  # draws nothing: ages, skills and sexes are all given
        persons={
            "household": ph,
            "age": np.asarray(age, dtype=np.intp)[order],
            "skill": (school_arr - SCHOOLING_MEAN) / SCHOOLING_SD,
            "female": np.asarray(female, dtype=bool)[order],
        },
    )
    community = _named(community, tuple(groups))
    ids = tuple(hh.rows[i][hid].strip() for i in range(len(hh.rows)))
    return Survey(
        community, ids, cols["weight"], income, school_arr, cols["stratum"].astype(np.intp)
    )


def _named(c: Community, names: tuple[str, ...]) -> Community:
    object.__setattr__(c, "group_names", names)
    return c


def _groups(groups: Sequence[str] | int | None) -> list[str]:
    if groups is None:
        return list(default_group_names(CommunityParams().groups))
    if isinstance(groups, int):
        return list(default_group_names(groups))
    return [str(g) for g in groups]


def _split_persons(t: _Table) -> _Table:
    """The households of a one-file survey: its first row per household id."""
    seen: dict[str, int] = {}
    for i, row in enumerate(t.rows):
        seen.setdefault((row.get("household_id") or "").strip(), i)
    keep = sorted(seen.values())
    return _Table(t.file, t.columns, [t.rows[i] for i in keep], [t.lines[i] for i in keep])


def _check_repeats(t: _Table, cells: _Cells) -> None:
    """In a one-file survey, household columns must repeat the same value on every row."""
    first: dict[str, dict[str, str]] = {}
    for i, row in enumerate(t.rows):
        key = (row.get("household_id") or "").strip()
        if not key:
            continue
        ref = first.setdefault(key, row)
        for col in t.columns:
            if col in _PERSON_REQUIRED[1:] or col == "household_id":
                continue
            if (row.get(col) or "").strip() != (ref.get(col) or "").strip():
                cells.add(t, i, col, f"differs from the household's first row ({ref.get(col)!r})")


def read_csv_survey(
    households: str | Path,
    persons: str | Path | None = None,
    *,
    groups: Sequence[str] | int | None = None,
) -> Survey:
    """Read a household survey from CSV: a households file and a persons file, or one file.

    Parameters
    ----------
    households : path
        The households file (one row per household), or, when ``persons`` is None,
        one file with a row per person and the household columns repeated.
    persons : path, optional
        The persons file (one row per person).
    groups : sequence of str or int, optional
        The resident groups' names (a ``group`` cell is a name or a 1-based code);
        an int ``n``: the default names of ``n`` groups; default: the 14 of Caopijie.

    Raises
    ------
    SurveyError
        Listing every problem, each with file, line and column.
    """
    cells = _Cells(suso=False)
    problems: list[CellProblem] = []
    hh = _read_file(Path(households), ",", problems)
    pp = _read_file(Path(persons), ",", problems) if persons is not None else hh
    if hh is None or pp is None:
        raise SurveyError(problems)
    if persons is None:
        _check_repeats(hh, cells)
        hh = _split_persons(hh)
    return _parse(hh, pp, cells, _groups(groups), "household_id", "household_id")


def _tab_files(path: Path) -> dict[str, str]:
    """The .tab files of an export (a folder or a .zip), by name."""
    if path.is_dir():
        return {p.name: p.read_text(encoding="utf-8-sig") for p in sorted(path.glob("*.tab"))}
    with zipfile.ZipFile(path) as z:
        return {
            Path(n).name: z.read(n).decode("utf-8-sig")
            for n in sorted(z.namelist())
            if n.endswith(".tab")
        }


_SYSTEM = {
    "interview__actions.tab",
    "interview__comments.tab",
    "interview__diagnostics.tab",
    "interview__errors.tab",
    "assignment__actions.tab",
}


def read_survey_solutions(
    path: str | Path,
    *,
    main: str | None = None,
    roster: str | None = None,
    columns: Mapping[str, str] | None = None,
    groups: Sequence[str] | int | None = None,
) -> Survey:
    """Read the tab-separated export of Survey Solutions (a folder or its .zip).

    The main (questionnaire-level) file has a row per interview keyed by
    ``interview__key``; the person roster file ``<roster>.tab`` a row per member with
    ``interview__key`` and ``<roster>__id``. The household id is ``interview__key``.
    Cells holding -999999999 or ``##N/A##`` (an enabled question left unanswered)
    or empty (skipped) are missing: a problem in a required column.

    Parameters
    ----------
    path : path
        The export folder or .zip.
    main, roster : str, optional
        The main and roster file names (``"hhsurvey.tab"``, ``"members.tab"``);
        default: the one file without a roster id, and the one roster with ``age``.
    columns : mapping of str to str, optional
        Schema name -> questionnaire variable (``{"land_mu": "q12_land"}``).
    groups : sequence of str or int, optional
        As in :func:`read_csv_survey` (group cells are usually 1-based codes here).

    Raises
    ------
    SurveyError
        Listing every problem, each with file, line and column.
    """
    p = Path(path)
    if not p.exists():
        raise SurveyError([CellProblem(str(p), 0, "", "no such file or folder")])
    try:
        files = _tab_files(p)
    except (zipfile.BadZipFile, OSError) as err:
        raise SurveyError(
            [CellProblem(str(p), 0, "", f"not a folder or .zip export: {err}")]
        ) from None
    rename = {v: k for k, v in (columns or {}).items()}
    tables = {
        n: _read_text(f"{p.name}/{n}", t, "\t") for n, t in files.items() if n not in _SYSTEM
    }
    for t in tables.values():
        t.columns = [rename.get(c, c) for c in t.columns]
        t.rows = [{rename.get(k, k): v for k, v in r.items()} for r in t.rows]
    keyed = {n: t for n, t in tables.items() if "interview__key" in t.columns}

    def roster_id(n: str) -> bool:
        return f"{Path(n).stem}__id" in keyed[n].columns

    def pick(name: str | None, fits: Callable[[str], bool], what: str) -> _Table:
        options = [n for n in keyed if fits(n)] if name is None else [name]
        if len(options) != 1 or options[0] not in keyed:
            found = ", ".join(keyed) or "none"
            raise SurveyError(
                [
                    CellProblem(
                        str(p),
                        0,
                        "",
                        f"cannot tell the {what} file (.tab files with "
                        f"interview__key: {found}); name it with {what}=",
                    )
                ]
            )
        return keyed[options[0]]

    hh = pick(main, lambda n: not roster_id(n), "main")
    pp = pick(roster, lambda n: roster_id(n) and "age" in keyed[n].columns, "roster")
    for t in (hh, pp):
        for r in t.rows:
            r["household_id"] = r.get("interview__key", "")
        t.columns = [*t.columns, "household_id"]
    cells = _Cells(suso=True)
    rid = next(c for c in pp.columns if c.endswith("__id") and c != "interview__id")
    seen: set[tuple[str, str]] = set()
    for i, r in enumerate(pp.rows):
        pair = (r.get("interview__key", ""), r.get(rid, ""))
        if pair in seen:
            cells.add(pp, i, rid, f"duplicate roster row {pair[1]!r} of interview {pair[0]!r}")
        seen.add(pair)
    return _parse(hh, pp, cells, _groups(groups), "interview__key", "interview__key")


# --- writing ------------------------------------------------------


def _write(path: Path, table: Mapping[str, Sequence[Any]], delimiter: str) -> None:
    with path.open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh, delimiter=delimiter, lineterminator="\n")
        w.writerow(list(table))
        for row in zip(*table.values(), strict=True):
            w.writerow([repr(v) if isinstance(v, float) else v for v in row])


def write_csv_survey(survey: Survey, folder: str | Path) -> tuple[Path, Path]:
    """Write ``households.csv`` and ``persons.csv`` into ``folder``; returns their paths.

    Floats are written with ``repr``, so reading them back gives the same numbers.
    """
    out = Path(folder)
    out.mkdir(parents=True, exist_ok=True)
    hh, pp = out / "households.csv", out / "persons.csv"
    _write(hh, survey.households_table(), ",")
    _write(pp, survey.persons_table(), ",")
    return hh, pp


def write_survey_solutions(
    survey: Survey, path: str | Path, *, questionnaire: str = "hhsurvey", roster: str = "members"
) -> Path:
    """Write a survey as a Survey Solutions tab export (a folder, or a .zip if ``path`` ends so).

    Groups are written as 1-based codes and sex as 1 = male, 2 = female, as a
    questionnaire's single-select answers are exported.
    """
    c = survey.community
    keys = [
        f"{i // 10**6 % 100:02d}-{i // 10**4 % 100:02d}-{i // 100 % 100:02d}-{i % 100:02d}"
        for i in range(survey.n_households)
    ]
    main = survey.households_table()
    main.pop("household_id")
    main["group"] = (c.group + 1).tolist()
    main = {
        "interview__key": keys,
        **main,
        "interview__id": [f"{i:032x}" for i in range(len(keys))],
    }
    persons = survey.persons_table()
    persons.pop("household_id")
    persons["sex"] = [2 if f else 1 for f in c.female]
    first = np.r_[0, np.cumsum(c.size)[:-1]]
    member_id = np.arange(c.n_persons) - first[c.person_household] + 1
    rows = {
        "interview__key": [keys[h] for h in c.person_household],
        f"{roster}__id": member_id.tolist(),
        **persons,
    }
    p = Path(path)
    folder = p.with_suffix("") if p.suffix == ".zip" else p
    folder.mkdir(parents=True, exist_ok=True)
    _write(folder / f"{questionnaire}.tab", main, "\t")
    _write(folder / f"{roster}.tab", rows, "\t")
    (folder / "export__readme.txt").write_text("Synthetic export written by collective_econ\n")
    if p.suffix == ".zip":
        with zipfile.ZipFile(p, "w") as z:
            for f in sorted(folder.iterdir()):
                z.write(f, f.name)
    return p
