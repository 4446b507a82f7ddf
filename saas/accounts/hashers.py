"""Password hashing: Argon2id at OWASP's recommended minimum (19 MiB, 2 passes, 1 lane).

Django's default PBKDF2 (1,000,000 rounds) costs ~230 ms of CPU per hash on a 2-core server,
which is most of a sign-up's latency budget and makes every login a small DoS lever. Argon2id
resists GPU cracking better through its memory cost and takes ~22 ms here. Older PBKDF2
hashes still verify and are upgraded at the next successful login.
"""

from __future__ import annotations

import os
from concurrent.futures import Future, ThreadPoolExecutor

from django.contrib.auth.hashers import Argon2PasswordHasher, make_password


def _hashing_threads() -> ThreadPoolExecutor:
    # Two threads: a worker serves one request's Python at a time, and a hash is one core's work.
    return ThreadPoolExecutor(max_workers=2, thread_name_prefix="password-hash")


_HASHING = _hashing_threads()


def _after_fork_in_child() -> None:
    # A forked child (`sparrow migrate`'s workers) has none of its parent's threads: an executor
    # that had started some would queue work that no thread ever runs.
    global _HASHING
    _HASHING = _hashing_threads()


os.register_at_fork(after_in_child=_after_fork_in_child)


class Argon2idHasher(Argon2PasswordHasher):
    algorithm = "argon2"  # same prefix as Django's, so hashes stay portable between the two
    time_cost = 2
    memory_cost = 19456  # KiB
    parallelism = 1


def password_hash_started(password: str) -> Future[str]:
    """The password's hash, computed in a thread while the caller goes on.

    A sign-up hashes the owner's password (22-25 ms of one core) and writes some twenty rows
    that do not need it; argon2-cffi releases the GIL while it hashes, so both can run at once on
    a 2-core server. The thread touches no database; `.result()` re-raises what hashing raised.
    """
    return _HASHING.submit(make_password, password)
