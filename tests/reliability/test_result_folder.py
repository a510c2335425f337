"""A result folder that cannot lie (issue 14): provenance, marker, refusals, one-line faults.

One tiny run (600 residents, 3 years, 2 policies x 2 replications, seed 7, not the
default 2010) is made once; each test damages a copy of its folder the way the
issue's red team did, then runs the command line in this process
(``collective_econ.cli.main``) and checks the exit status and that stderr holds one
line, no traceback, and never a report written from wrong inputs.
"""

from __future__ import annotations

import dataclasses
import errno
import json
import os
import shutil
import sqlite3
from pathlib import Path

import pytest

from collective_econ import files as files_mod
from collective_econ.cases.caopijie import default_scenario
from collective_econ.cli import main
from collective_econ.economy.community import CommunityParams
from collective_econ.runs.folder import MARKER, read_run
from collective_econ.runs.store import STORE_FILE, ResultStore, StoreError
from collective_econ.scenario import save_scenario

SEED = 7
POLICIES = ["--policy", "cash only", "--policy", "80% shares"]

# the scenarios' appraisal warnings (seconds of Monte Carlo each ``run`` and ``report``),
# computed once for equal scenarios (shared_alerts_module in tests/conftest.py); tests of
# the warnings themselves are in tests/runs/test_alerts.py, which does not share them
pytestmark = pytest.mark.usefixtures("shared_alerts_module")


def _tiny(path: Path, residents: int = 600) -> Path:
    sc = dataclasses.replace(
        default_scenario(),
        horizon_years=3,
        community=CommunityParams(residents=residents, agricultural_residents=400),
    )
    save_scenario(sc, path)
    return path


def _run(toml: Path, out: Path, *extra: str) -> int:
    args = ["run", str(toml), "--samples", "1", "--replications", "2", "--seed", str(SEED)]
    args += ["--out", str(out)]
    return main([*args, *POLICIES, *extra])


@pytest.fixture(scope="module")
def original(tmp_path_factory):
    """The tiny run's folder and the bytes of the report it wrote."""
    base = tmp_path_factory.mktemp("run")
    toml = _tiny(base / "tiny.toml")
    assert _run(toml, base / "out") == 0
    return toml, base / "out", (base / "out" / "report.html").read_bytes()


@pytest.fixture
def folder(original, tmp_path):
    """A copy of the finished run's folder, to damage."""
    return Path(shutil.copytree(original[1], tmp_path / "out"))


def _one_error(capsys, command: str) -> str:
    """The single error line of a failed command (the progress bar aside)."""
    err = capsys.readouterr().err
    assert "Traceback" not in err
    lines = [line for line in err.splitlines() if line.startswith("collective-econ")]
    assert len(lines) == 1, err
    assert lines[0].startswith(f"collective-econ {command}: error: ")
    return lines[0]


def _report_fails(folder: Path, capsys, *words: str) -> str:
    before = (folder / "report.html").read_bytes()
    assert main(["report", str(folder)]) == 2
    line = _one_error(capsys, "report")
    assert (folder / "report.html").read_bytes() == before  # never a wrong report
    for word in words:
        assert word in line, line
    return line


# -- provenance ----------------------------------------------------------------------------


def test_report_reproduces_the_runs_report_byte_for_byte_with_its_own_seed(
    original, folder, capsys
):
    (folder / "report.html").unlink()
    assert main(["report", str(folder)]) == 0
    page = (folder / "report.html").read_bytes()
    assert page == original[2]
    assert f"seed {SEED}".encode() in page
    assert b"seed 2010" not in page
    with ResultStore.read(folder) as st:
        meta = st.meta()
    assert meta["seed"] == str(SEED)
    assert {"numpy", "scipy", "library_version", "scenario_hash", "policies"} <= set(meta)
    assert json.loads((folder / "metadata.json").read_text())["provenance"]["seed"] == "7"
    assert (folder / MARKER).is_file()


def test_report_keeps_the_language_of_the_run(original, tmp_path, capsys):
    out = tmp_path / "zh"
    assert _run(original[0], out, "--lang", "zh") == 0
    page = (out / "report.html").read_bytes()
    (out / "report.html").unlink()
    assert main(["report", str(out)]) == 0  # no --lang: the run's, not English
    assert (out / "report.html").read_bytes() == page


# -- store faults --------------------------------------------------------------------------


def test_a_truncated_store_is_one_line_without_resume_advice(folder, capsys):
    path = folder / STORE_FILE
    os.truncate(path, path.stat().st_size // 2)
    line = _report_fails(folder, capsys, "damaged", STORE_FILE)
    assert "--resume" not in line  # resuming cannot repair it


def test_random_bytes_in_the_store_are_one_line(folder, capsys):
    path = folder / STORE_FILE
    path.write_bytes(os.urandom(path.stat().st_size))
    _report_fails(folder, capsys, "damaged")


def test_swapped_records_fail_resume_naming_the_record(original, folder, capsys):
    con = sqlite3.connect(folder / STORE_FILE)
    rows = {r[0]: r[1:] for r in con.execute("SELECT run_id, payload, sha256, binding FROM runs")}
    for a, b in ((0, 1), (1, 0)):
        sql = "UPDATE runs SET payload = ?, sha256 = ?, binding = ? WHERE run_id = ?"
        con.execute(sql, (*rows[b], a))
    con.commit()
    con.close()
    _report_fails(folder, capsys, "run 0", "swapped")
    assert _run(original[0], folder, "--resume") == 2
    line = _one_error(capsys, "run")
    assert "the record of run 0" in line
    assert "belongs to run 1" in line


def test_swapped_fixed_arrays_are_refused(folder, capsys):
    con = sqlite3.connect(folder / STORE_FILE)
    rows = {r[0]: r[1:] for r in con.execute("SELECT name, payload, sha256 FROM arrays")}
    for a, b in (("baseline", "size"), ("size", "baseline")):
        con.execute("UPDATE arrays SET payload = ?, sha256 = ? WHERE name = ?", (*rows[b], a))
    con.commit()
    con.close()
    _report_fails(folder, capsys, "corrupt")


def test_edited_meta_rows_are_refused(folder, capsys):
    con = sqlite3.connect(folder / STORE_FILE)
    con.execute("UPDATE meta SET value = '2010' WHERE key = 'seed'")
    con.commit()
    con.close()
    _report_fails(folder, capsys, "metadata rows", "edited")


def test_an_edited_format_row_cannot_hide_an_edited_seed(folder, capsys):
    con = sqlite3.connect(folder / STORE_FILE)
    con.execute("UPDATE meta SET value = '1' WHERE key = 'format'")
    con.execute("UPDATE meta SET value = '2010' WHERE key = 'seed'")
    con.commit()
    con.close()
    _report_fails(folder, capsys, "edited")


def test_an_edited_table_is_refused_not_certified_by_a_new_marker(folder, capsys):
    marker = (folder / MARKER).read_bytes()
    path = folder / "differences.csv"
    path.write_text(path.read_text().replace("0", "9"))
    _report_fails(folder, capsys, "differences.csv", "changed after the run")
    assert (folder / MARKER).read_bytes() == marker  # the edit is not blessed


def test_a_locked_store_says_so(folder, capsys, monkeypatch):
    monkeypatch.setattr(ResultStore.__init__, "__defaults__", (0.05,))
    blocker = sqlite3.connect(folder / STORE_FILE, isolation_level=None)
    blocker.execute("PRAGMA locking_mode=EXCLUSIVE")
    blocker.execute("BEGIN EXCLUSIVE")
    blocker.execute("UPDATE meta SET value = value WHERE key = 'format'")
    try:
        line = _report_fails(folder, capsys, "locked by another process")
    finally:
        blocker.execute("ROLLBACK")
        blocker.close()
    assert "--resume" not in line


# -- folder faults -------------------------------------------------------------------------


def test_an_edited_scenario_file_is_refused(folder, capsys):
    path = folder / "scenario.toml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("horizon_years = 3", "horizon_years = 4"), encoding="utf-8")
    assert "horizon_years = 4" in path.read_text(encoding="utf-8")
    _report_fails(folder, capsys, "scenario.toml", "edited")


def test_metadata_json_that_disagrees_with_the_store_is_refused(folder, capsys):
    path = folder / "metadata.json"
    meta = json.loads(path.read_text())
    meta["provenance"]["seed"] = "2010"
    path.write_text(json.dumps(meta))
    _report_fails(folder, capsys, "metadata.json", "disagree on seed")


@pytest.mark.parametrize("content", [b"", b'{"library_version": "0.1'])
def test_an_empty_or_cut_metadata_json_is_one_line(original, folder, capsys, content):
    (folder / "metadata.json").write_bytes(content)
    line = _report_fails(folder, capsys, "metadata.json", "not written completely")
    assert ("is empty (0 bytes)" in line) == (content == b"")
    # the advice works: --resume writes it again, and the folder checks out
    assert _run(original[0], folder, "--resume", "--no-plots") == 0
    assert read_run(folder).seed == SEED


def test_a_folder_without_the_marker_is_incomplete(original, folder, capsys):
    (folder / MARKER).unlink()
    _report_fails(folder, capsys, "incomplete", "--resume")
    assert _run(original[0], folder, "--resume", "--no-plots") == 0
    assert "incomplete (no completion marker" in capsys.readouterr().err
    assert (folder / MARKER).is_file()


def test_another_runs_folder_is_refused_not_overwritten(original, folder, tmp_path, capsys):
    other = _tiny(tmp_path / "other.toml", residents=700)
    before = {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()}
    for extra in ((), ("--resume",)):
        assert _run(other, folder, *extra) == 2
        line = _one_error(capsys, "run")
        assert "another run's outputs" in line
        assert "--overwrite" in line
    assert {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()} == before
    # the same scenario again, without --resume: refused too, with the way out
    assert _run(original[0], folder) == 2
    assert "--resume" in _one_error(capsys, "run")


def test_a_refused_resume_leaves_a_finished_folder_finished(folder, original, capsys):
    assert _run(original[0], folder, "--resume", "--seed", "8") == 2  # the store's seed is 7
    assert "another experiment" in _one_error(capsys, "run")
    assert (folder / MARKER).is_file()
    assert main(["report", str(folder)]) == 0


def test_outputs_without_a_store_are_refused_and_overwrite_replaces_them(original, folder, capsys):
    for name in (STORE_FILE, MARKER):
        (folder / name).unlink()
    (folder / "notes.txt").write_text("mine")
    assert _run(original[0], folder, "--no-plots") == 2
    assert "no result store" in _one_error(capsys, "run")
    assert _run(original[0], folder, "--no-plots", "--overwrite") == 0
    assert (folder / MARKER).is_file()
    assert (folder / "notes.txt").read_text() == "mine"
    assert not (folder / "report.html").exists()  # the old run's report is gone, not kept


def test_overwrite_removes_only_files_inside_the_folder(original, folder, tmp_path, capsys):
    victim = tmp_path / "victim.txt"
    victim.write_text("not an output")
    body = json.loads((folder / MARKER).read_text())
    body["files"] |= {"../victim.txt": "0", str(victim): "0"}
    (folder / MARKER).write_text(json.dumps(body))
    assert _run(original[0], folder, "--no-plots", "--overwrite") == 0
    assert victim.read_text() == "not an output"


def test_a_users_gitignore_is_neither_an_output_nor_removed(original, tmp_path, capsys):
    out = tmp_path / "mine"
    out.mkdir()
    (out / ".gitignore").write_text("*.png\n")
    assert _run(original[0], out, "--no-plots") == 0  # not "another run's outputs"
    assert (out / ".gitignore").read_text() == "*.png\n"
    assert _run(original[0], out, "--no-plots", "--overwrite") == 0
    assert (out / ".gitignore").read_text() == "*.png\n"


# -- disk full -----------------------------------------------------------------------------


def test_disk_full_while_writing_an_output_names_the_file(original, folder, capsys, monkeypatch):
    (folder / MARKER).unlink()
    real = os.replace

    def full(src, dst, *a, **k):
        if str(dst).endswith("runs.csv"):
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(src))
        return real(src, dst, *a, **k)

    monkeypatch.setattr(files_mod.os, "replace", full)
    assert _run(original[0], folder, "--resume", "--no-plots") == 2
    line = _one_error(capsys, "run")
    assert "runs.csv" in line
    assert "disk is full" in line
    assert "--resume" in line
    assert not (folder / MARKER).exists()  # incomplete, and says so
    assert not list(folder.glob(".*.partial"))  # no temporary file left behind
    monkeypatch.setattr(files_mod.os, "replace", real)
    assert _run(original[0], folder, "--resume", "--no-plots") == 0


def test_disk_full_in_the_store_is_one_line_not_a_rollback_error(tmp_path, capsys, monkeypatch):
    init = ResultStore.__init__

    def small(self, path, timeout=30.0):
        init(self, path, timeout)
        self._conn.execute("PRAGMA max_page_count = 12")  # a disk that fills up

    monkeypatch.setattr(ResultStore, "__init__", small)
    toml = _tiny(tmp_path / "tiny.toml")
    assert _run(toml, tmp_path / "out", "--no-plots") == 2
    line = _one_error(capsys, "run")
    assert "disk is full" in line
    assert "cannot rollback" not in line


def test_the_atomic_writer_leaves_the_old_file_on_a_failure(tmp_path, monkeypatch):
    path = tmp_path / "a.csv"
    files_mod.atomic_write(path, b"old")

    def full(fd):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(files_mod.os, "fsync", full)
    with pytest.raises(files_mod.OutputError, match=r"a\.csv: the disk is full"):
        files_mod.atomic_write(path, b"new")
    assert path.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["a.csv"]
    assert issubclass(files_mod.OutputError, OSError)
    assert issubclass(StoreError, OSError)
