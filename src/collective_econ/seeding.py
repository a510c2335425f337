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
from numpy.typing import NDArray

from .errors import ParameterError, ParameterTypeError

__all__ = ["SeedLike", "as_seed_sequence", "child", "keyed_uniforms", "mix64", "stream"]

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


def mix64(x: NDArray[np.uint64] | int) -> NDArray[np.uint64]:
    """The SplitMix64 finaliser of ``x`` (uint64, wrapping): a bijection that scatters bits.

    >>> int(mix64(0)) == int(mix64(np.zeros(1, dtype=np.uint64))[0]), int(mix64(1)) != 1
    (True, True)
    """
    with np.errstate(over="ignore"):  # uint64 arithmetic wraps, as SplitMix64's
        z = np.asarray(x).astype(np.uint64) + np.uint64(0x9E3779B97F4A7C15)
        z = (z ^ (z >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
        z = (z ^ (z >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
    out: NDArray[np.uint64] = z ^ (z >> np.uint64(31))
    return out


def keyed_uniforms(
    keys: NDArray[np.uint64], salt: int | NDArray[np.uint64]
) -> NDArray[np.float64]:
    """A uniform in [0, 1) for each of ``keys``, a function of the key and ``salt`` only.

    :func:`mix64` of ``key ^ salt``. A person keeps the same number however many others are
    drawn for (a draw of one per person would give each the number of its place in the
    list): a run's luck for its first months then does not depend on who else its horizon
    brings in. ``salt`` (one draw of a stream; an array of them broadcasts, one row each)
    makes each stream's numbers its own.

    >>> u = keyed_uniforms(np.arange(5, dtype=np.uint64), 7)
    >>> bool(np.array_equal(u[2:4], keyed_uniforms(np.arange(2, 4, dtype=np.uint64), 7)))
    True
    >>> other = keyed_uniforms(np.arange(5, dtype=np.uint64), 8)
    >>> bool(((0.0 <= u) & (u < 1.0)).all()), bool((u != other).all())
    (True, True)
    """
    salts = np.asarray(salt % 2**64 if isinstance(salt, int) else salt).astype(np.uint64)
    z = mix64(np.asarray(keys, dtype=np.uint64) ^ salts)
    out: NDArray[np.float64] = (z >> np.uint64(11)).astype(np.float64) * 2.0**-53
    return out
