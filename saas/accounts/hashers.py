"""Password hashing: Argon2id at OWASP's recommended minimum (19 MiB, 2 passes, 1 lane).

Django's default PBKDF2 (1,000,000 rounds) costs ~230 ms of CPU per hash on a 2-core server,
which is most of a sign-up's latency budget and makes every login a small DoS lever. Argon2id
resists GPU cracking better through its memory cost and takes ~22 ms here. Older PBKDF2
hashes still verify and are upgraded at the next successful login.
"""

from __future__ import annotations

from django.contrib.auth.hashers import Argon2PasswordHasher


class Argon2idHasher(Argon2PasswordHasher):
    algorithm = "argon2"  # same prefix as Django's, so hashes stay portable between the two
    time_cost = 2
    memory_cost = 19456  # KiB
    parallelism = 1
