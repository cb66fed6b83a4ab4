"""Field encryption at rest (Fernet, AES-128-CBC + HMAC) with key rotation, and blind
indexes (keyed HMAC) so an encrypted field can still be matched exactly.

`FIELD_ENCRYPTION_KEYS` lists Fernet keys, newest first: new data is encrypted with the first,
any of them decrypts. Rotation: put a new key first, run `flask crypto rotate`, then drop the
old key.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import unicodedata
from typing import Any

from cryptography.fernet import Fernet, MultiFernet
from sqlalchemy import Text, TypeDecorator


def derive_key(secret: str, purpose: str) -> bytes:
    """A Fernet key derived from a secret (development default when no keys are configured)."""
    digest = hashlib.sha256(f"tongxing:{purpose}:{secret}".encode()).digest()
    return base64.urlsafe_b64encode(digest)


class FieldCipher:
    def __init__(self, keys: list[bytes | str], index_key: bytes | str) -> None:
        if not keys:
            raise ValueError("at least one field encryption key is needed")
        self._fernet = MultiFernet([Fernet(k) for k in keys])
        self._index_key = index_key.encode() if isinstance(index_key, str) else index_key

    def encrypt(self, value: Any) -> str:
        payload = json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
        return self._fernet.encrypt(payload.encode()).decode()

    def decrypt(self, token: str) -> Any:
        return json.loads(self._fernet.decrypt(token.encode()))

    def rotate(self, token: str) -> str:
        return self._fernet.rotate(token.encode()).decode()

    def blind_index(self, value: str) -> str:
        normalized = unicodedata.normalize("NFKC", value).strip().lower()
        return hmac.new(self._index_key, normalized.encode(), hashlib.sha256).hexdigest()[:32]


_cipher: FieldCipher | None = None


def configure(cipher: FieldCipher) -> None:
    global _cipher
    _cipher = cipher


def cipher() -> FieldCipher:
    if _cipher is None:
        raise RuntimeError("field encryption is not configured (create_app does it)")
    return _cipher


class Sealed(str):
    """A value already encrypted by `FieldCipher.encrypt` (a Fernet token): an `Encrypted`
    column stores it as it is. Bulk writers use it to encrypt a value that many rows share
    (a reason code) once instead of once per row."""

    __slots__ = ()


def seal(value: Any) -> Sealed:
    return Sealed(cipher().encrypt(value))


class Encrypted(TypeDecorator[Any]):
    """A JSON value stored as a Fernet token: nothing of it is readable in the database."""

    impl = Text
    cache_ok = True

    def process_bind_param(self, value: Any, dialect: object) -> str | None:
        if value is None:
            return None
        if isinstance(value, Sealed):
            return str(value)
        return cipher().encrypt(value)

    def process_result_value(self, value: str | None, dialect: object) -> Any:
        return None if value is None else cipher().decrypt(value)
