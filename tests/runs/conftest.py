"""Fixtures shared by the experiments' tests."""

import pytest

from collective_econ import simulation


@pytest.fixture
def drawn(monkeypatch):
    """The population histories drawn while a test runs (one entry each)."""
    out = []
    real = simulation.draw_history

    def counting(*args, **kwargs):
        out.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(simulation, "draw_history", counting)
    return out
