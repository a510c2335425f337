"""The SQLite result store: atomic runs, checksums, corrupt records, refusing to mix results."""

import dataclasses
import hashlib
import io
import pickle
import sqlite3

import numpy as np
import pytest

from collective_econ.cases.caopijie import default_scenario
from collective_econ.economy.community import CommunityParams
from collective_econ.economy.livelihood import LivelihoodParams
from collective_econ.runs.experiment import run_experiment
from collective_econ.runs.spec import ExperimentSpec
from collective_econ.runs.store import (
    STORE_FILE,
    ResultStore,
    StoreError,
    StoreMismatchError,
    content_hash,
    decode_record,
    encode_record,
    open_store,
)

META = {"content_hash": "h1", "library_version": "1", "spec": '{"seed":"1"}'}


def record(x):
    return encode_record({"value": np.array([x, 2 * x]), "events": np.array(3)})


def new_store(folder, **kw):
    return open_store(folder, meta=META, arrays={"design": np.eye(2)}, resume=False, **kw)


def small():
    community = CommunityParams(residents=600, agricultural_residents=400)
    return dataclasses.replace(default_scenario(), community=community, horizon_years=2)


def test_records_round_trip_exactly():
    rec = {"a": np.array([0.1, np.nan, -0.0]), "b": np.array(7, dtype=np.int64)}
    back = decode_record(encode_record(rec))
    assert back.keys() == rec.keys()
    assert all(back[k].tobytes() == rec[k].tobytes() for k in rec)


def test_object_arrays_are_refused():
    with pytest.raises(TypeError, match="only numbers are stored"):
        encode_record({"x": np.array([{"a": 1}], dtype=object)})


def test_pickles_are_never_loaded():
    buf = io.BytesIO()
    np.savez(buf, x=np.array([print], dtype=object), allow_pickle=True)
    with pytest.raises(ValueError, match="undecodable record"):
        decode_record(buf.getvalue())


def test_garbage_is_not_a_record():
    with pytest.raises(ValueError, match="undecodable record"):
        decode_record(pickle.dumps({"a": 1}))


def test_the_file_is_plain_sqlite_in_wal_mode(tmp_path):
    with new_store(tmp_path) as st:
        st.put(5, (1, 2, 0), record(1.0))
    con = sqlite3.connect(tmp_path / STORE_FILE)
    assert con.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    row = con.execute(
        "SELECT run_id, policy, sample, replication, payload, sha256 FROM runs"
    ).fetchone()
    assert row[:4] == (5, 1, 2, 0)
    assert hashlib.sha256(row[4]).hexdigest() == row[5]
    assert dict(con.execute("SELECT key, value FROM meta"))["content_hash"] == "h1"
    con.close()


def test_an_existing_store_needs_resume(tmp_path):
    new_store(tmp_path).close()
    with pytest.raises(StoreError, match=r"already holds an experiment: resume it"):
        new_store(tmp_path)


def test_resume_refuses_another_experiment(tmp_path):
    new_store(tmp_path).close()
    other = {**META, "content_hash": "h2", "spec": '{"seed":"2"}'}
    with pytest.raises(
        StoreMismatchError, match=r"another experiment .*spec differs in \['seed'\]"
    ):
        open_store(tmp_path, meta=other, arrays={}, resume=True)


def test_resume_refuses_another_library_version(tmp_path):
    new_store(tmp_path).close()
    with pytest.raises(StoreMismatchError, match="different version"):
        open_store(tmp_path, meta={**META, "library_version": "2"}, arrays={}, resume=True)


def test_scan_deletes_every_kind_of_corrupt_record(tmp_path):
    with new_store(tmp_path) as st:
        for i in range(6):
            st.put(i, (i, 0, 0), record(float(i)))
    con = sqlite3.connect(tmp_path / STORE_FILE)
    payload = con.execute("SELECT payload FROM runs WHERE run_id = 0").fetchone()[0]
    flipped = payload[:60] + bytes([payload[60] ^ 0xFF]) + payload[61:]
    garbage = b"not an npz archive"
    con.execute("UPDATE runs SET payload = ? WHERE run_id = 1", (flipped,))
    con.execute("UPDATE runs SET payload = substr(payload, 1, 100) WHERE run_id = 2")
    con.execute("UPDATE runs SET sha256 = 'beef' WHERE run_id = 3")
    con.execute(
        "UPDATE runs SET payload = ?, sha256 = ? WHERE run_id = 4",
        (garbage, hashlib.sha256(garbage).hexdigest()),
    )
    con.commit()
    con.close()
    with open_store(tmp_path, meta=META, arrays={}, resume=True) as st:
        good, removed = st.scan()
        assert (good, removed) == ({0, 5}, [1, 2, 3, 4])
        assert st.count() == 2


def test_scan_applies_the_callers_check(tmp_path):
    with new_store(tmp_path) as st:
        st.put(0, (0, 0, 0), record(1.0))
        st.put(1, (1, 0, 0), encode_record({"other": np.zeros(3)}))

        def check(run_id, payload):
            assert "value" in decode_record(payload)

        assert st.scan(check) == ({0}, [1])


def test_payloads_refuse_a_corrupt_record(tmp_path):
    with new_store(tmp_path) as st:
        st.put(0, (0, 0, 0), record(1.0))
    con = sqlite3.connect(tmp_path / STORE_FILE)
    con.execute("UPDATE runs SET sha256 = 'beef'")
    con.commit()
    con.close()
    with ResultStore.read(tmp_path) as st, pytest.raises(StoreError, match=r"run 0 .* corrupt"):
        list(st.payloads())


def test_a_write_that_fails_is_an_error(tmp_path):
    st = new_store(tmp_path, timeout=0.05)
    blocker = sqlite3.connect(tmp_path / STORE_FILE, isolation_level=None)
    blocker.execute("BEGIN IMMEDIATE")  # another writer holds the lock
    with pytest.raises(StoreError, match="could not write run 0"):
        st.put(0, (0, 0, 0), record(1.0))
    blocker.execute("ROLLBACK")
    st.put(0, (0, 0, 0), record(1.0))
    assert st.count() == 1
    st.close()
    blocker.close()


def test_arrays_are_checked(tmp_path):
    with new_store(tmp_path) as st:
        np.testing.assert_array_equal(st.array("design"), np.eye(2))
        with pytest.raises(StoreError, match=r"'baseline' .* missing or corrupt"):
            st.array("baseline")


def test_reading_a_folder_without_a_store(tmp_path):
    with pytest.raises(StoreError, match="no result store"):
        ResultStore.read(tmp_path)


def test_the_memory_store_behaves_the_same():
    with open_store(None, meta=META, arrays={}, resume=False) as st:
        st.put(3, (0, 1, 1), record(2.0))
        assert st.scan() == ({3}, [])
        assert decode_record(dict(st.payloads())[3])["value"].tolist() == [2.0, 4.0]


def test_content_hash_sees_every_value():
    base = content_hash(LivelihoodParams(), (1, 2.0))
    assert base == content_hash(LivelihoodParams(), (1, 2.0))
    assert base != content_hash(LivelihoodParams(debt_rate=0.09), (1, 2.0))
    assert base != content_hash(LivelihoodParams(), (1, 2.0000000000000004))


# -- resume against another experiment, end to end ---------------------------------------------
def test_resume_refuses_another_seed_or_scenario(tmp_path):
    spec = ExperimentSpec(policies=("cash only",), replications=2, seed=1)
    run_experiment(small(), spec, store=tmp_path)
    with pytest.raises(StoreMismatchError, match=r"spec differs in \['seed'\]"):
        run_experiment(small(), dataclasses.replace(spec, seed=2), store=tmp_path, resume=True)
    other = dataclasses.replace(small(), start_year=2011)
    with pytest.raises(StoreMismatchError, match="the scenario differs"):
        run_experiment(other, spec, store=tmp_path, resume=True)
    with pytest.raises(StoreError, match="already holds an experiment"):
        run_experiment(small(), spec, store=tmp_path)
