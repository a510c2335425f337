"""Seeds and random streams: one SeedSequence at the top, named child streams below.

Every random number in the library comes from a :class:`numpy.random.Generator`
derived from one :class:`numpy.random.SeedSequence`. A stream is keyed by a
*name* (a scheme, a replication index) rather than by the order in which it
was asked for, so that adding a scheme to a policy does not change the
numbers any other scheme draws (common random numbers), and a run gives the
same numbers in any process.

Examples
--------
>>> root = as_seed_sequence(2010)
>>> a = stream(root, "hogs").random(3)
>>> b = stream(root, "hogs").random(3)
>>> bool((a == b).all())
True
>>> bool((stream(root, "tea").random(3) == a).any())
False
"""

from __future__ import annotations

import hashlib
from typing import cast

import numpy as np

from .errors import ParameterError, ParameterTypeError

__all__ = ["SeedLike", "as_seed_sequence", "child", "stream"]

SeedLike = int | np.random.SeedSequence | np.random.Generator | None


def as_seed_sequence(seed: SeedLike) -> np.random.SeedSequence:
    """Normalise a seed at the library's boundary.

    Parameters
    ----------
    seed : int, SeedSequence, Generator or None
        An int or SeedSequence is used as is; a Generator is not advanced but
        asked for a child (``Generator.spawn``), so the caller's stream is
        untouched; None draws fresh OS entropy (not reproducible).
    """
    if isinstance(seed, bool):
        raise ParameterTypeError("seed", "an int, SeedSequence, Generator or None", seed)
    if seed is None or isinstance(seed, int | np.integer):
        if seed is not None and int(seed) < 0:
            raise ParameterError("seed", ">= 0", int(seed))
        return np.random.SeedSequence(None if seed is None else int(seed))
    if isinstance(seed, np.random.SeedSequence):
        return seed
    if isinstance(seed, np.random.Generator):
        return cast(np.random.SeedSequence, seed.spawn(1)[0].bit_generator.seed_seq)
    raise ParameterTypeError("seed", "an int, SeedSequence, Generator or None", seed)


def _key(name: str | int) -> int:
    if isinstance(name, int):
        return name
    return int.from_bytes(hashlib.blake2b(name.encode(), digest_size=4).digest(), "little")


def child(parent: np.random.SeedSequence, *names: str | int) -> np.random.SeedSequence:
    """The child sequence of ``parent`` at the path ``names`` (stable across processes)."""
    key = tuple(_key(n) for n in names)
    return np.random.SeedSequence(parent.entropy, spawn_key=(*parent.spawn_key, *key))


def stream(parent: np.random.SeedSequence, *names: str | int) -> np.random.Generator:
    """A fresh Generator (PCG64) on the child of ``parent`` at ``names``."""
    return np.random.Generator(np.random.PCG64(child(parent, *names)))
