"""Password hashing (Argon2id, cost from the configuration) and the password policy.

The cost is set once by `create_app()` from `ARGON2_TIME_COST`, `ARGON2_MEMORY_COST` (KiB) and
`ARGON2_PARALLELISM`; hashes made under another cost still verify and are upgraded at the
next sign-in. Tests run with the cheapest cost: hashing dominated their time.
"""

from __future__ import annotations

import unicodedata
from importlib import resources

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

MIN_LENGTH = 8
MAX_LENGTH = 128
# zxcvbn scores 0-4; 3 is "safely unguessable": it resists an offline attack on a slow hash.
MIN_SCORE = 3
# zxcvbn's own limit: its matching grows fast with the length; the rest adds strength anyway.
_SCORED_PREFIX = 72

_hasher = PasswordHasher()
_dummy_hash: str | None = None


def configure(*, time_cost: int, memory_cost: int, parallelism: int) -> None:
    global _hasher, _dummy_hash
    _hasher = PasswordHasher(time_cost=time_cost, memory_cost=memory_cost, parallelism=parallelism)
    _dummy_hash = None


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify(password_hash: str | None, password: str) -> bool:
    """True when the password matches. An unknown account (`None`) is checked against a
    dummy hash of the same cost, so timing does not reveal which accounts exist."""
    global _dummy_hash
    if password_hash is None:
        if _dummy_hash is None:
            _dummy_hash = _hasher.hash("tongxing-no-such-account")
        password_hash = _dummy_hash
    try:
        return bool(_hasher.verify(password_hash, password))
    except (VerificationError, InvalidHashError):
        return False


def needs_rehash(password_hash: str) -> bool:
    return _hasher.check_needs_rehash(password_hash)


def _common_chinese() -> frozenset[str]:
    text = resources.files("app").joinpath("data/common_passwords_zh.txt").read_text("utf-8")
    return frozenset(
        line.strip().lower() for line in text.splitlines() if line.strip() and line[0] != "#"
    )


_COMMON_ZH: frozenset[str] | None = None

TOO_SHORT = "Use at least {min} characters."
TOO_COMMON = "This password is too common or too easy to guess."


def problems(password: str, *, personal: list[str] | None = None) -> list[str]:
    """What is wrong with a new password (empty when it is acceptable): too short, on a list
    of common passwords, or easy to guess from the account's own phone, e-mail or name."""
    global _COMMON_ZH
    from zxcvbn import zxcvbn

    if len(password) < MIN_LENGTH:
        return [TOO_SHORT.format(min=MIN_LENGTH)]
    if _COMMON_ZH is None:
        _COMMON_ZH = _common_chinese()
    folded = unicodedata.normalize("NFKC", password).lower()
    if folded in _COMMON_ZH:
        return [TOO_COMMON]
    inputs = [p for p in (personal or []) if p]
    if zxcvbn(password[:_SCORED_PREFIX], user_inputs=inputs)["score"] < MIN_SCORE:
        return [TOO_COMMON]
    return []
