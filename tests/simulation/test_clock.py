"""The engine's clock: whole months, as SimPy's ``env.now``."""

from __future__ import annotations

from collections.abc import Generator
from typing import Any

import numpy as np
import simpy

from collective_econ.economy.community import CommunityParams, synthesize
from collective_econ.economy.ledger import Ledger
from collective_econ.economy.world import World, institutions


def test_world_now_is_the_clock_in_whole_months() -> None:
    params = CommunityParams(residents=60, agricultural_residents=40, groups=2)
    community = synthesize(params, np.random.default_rng(0))
    env = simpy.Environment()
    ledger = Ledger(community.n_households, institutions(community.n_groups), 12)
    world = World(env, community, ledger, 12)
    seen: list[tuple[Any, Any]] = []

    def watch() -> Generator[Any]:
        yield world.wait_until(3)
        seen.append((world.now, env.now))
        yield world.wait_until(1)  # passed: now
        seen.append((world.now, env.now))
        yield env.timeout(0.5)
        seen.append((world.now, env.now))

    env.process(watch())
    env.run()
    assert seen == [(3, 3), (3, 3), (3, 3.5)]
    assert all(type(month) is int for month, _ in seen)
