"""JWT signing-key rotation: which secrets sign and verify, followed through the mounted
secret files without a restart.

Layout under SECRETS_DIR: `jwt_secret` holds the current secret (it signs every new token);
`jwt_secret_previous` holds the one before it (one a line if more; absent or empty: none),
which still verifies the tokens it signed until they expire. Each token's `kid` header is
`key_id(secret)`, so the ids need no configuration."""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from time import monotonic

from todo_chatbot.mounted_files import file_version


def key_id(secret: str) -> str:
    """The public name of a secret, for the `kid` header: a hash, so it needs no
    configuration and reveals nothing that helps guess the secret."""
    return hashlib.sha256(f"todo-chatbot/jwt/kid/{secret}".encode()).hexdigest()[:16]


@dataclass(frozen=True)
class KeySet:
    """The secret that signs, and the ones before it that still verify."""

    current: str
    previous: tuple[str, ...] = ()

    def secret_for(self, kid: str | None) -> str | None:
        """The secret a token's `kid` names; a token without one (signed before key ids
        existed) is checked against the current secret."""
        if kid is None:
            return self.current
        for secret in (self.current, *self.previous):
            if hmac.compare_digest(key_id(secret), kid):
                return secret
        return None


# How often a running process looks at the mounted files again (one stat each): a rotation
# is seen within this, and an unknown `kid` looks at once.
RECHECK_SECONDS = 1.0
PREVIOUS_SUFFIX = "_previous"


def _read_secrets(path: Path) -> tuple[str, ...]:
    """The secrets in a file, one a line; none when it is absent or empty."""
    try:
        text_value = path.read_text()
    except OSError:
        return ()
    return tuple(line.strip() for line in text_value.splitlines() if line.strip())


class MountedKeys:
    """The current secret in `path` and the previous one(s) in `path` + `_previous`, read
    again whenever either file changes. A stat of both at most every `recheck_seconds`
    (or on a `kid` this process does not know) bounds the cost per request."""

    def __init__(
        self,
        path: Path,
        *,
        recheck_seconds: float = RECHECK_SECONDS,
        clock: Callable[[], float] | None = None,
    ) -> None:
        self.path = path
        self.previous_path = path.with_name(path.name + PREVIOUS_SUFFIX)
        self.recheck_seconds = recheck_seconds
        self._clock = clock  # None: the module's monotonic, looked up per call (tests set it)
        self._checked_at: float | None = None
        self._versions: tuple[object, object] | None = None
        self._keys: KeySet | None = None

    def keys(self, *, now: bool = False) -> KeySet | None:
        """The keys as the files hold them (checked now, or when the last look is old);
        None until a current secret has been read."""
        moment = (self._clock or monotonic)()
        stale = self._checked_at is None or moment - self._checked_at >= self.recheck_seconds
        if now or stale:
            self._checked_at = moment
            versions = (file_version(self.path), file_version(self.previous_path))
            if versions != self._versions:
                self._reload(versions)
        return self._keys

    def _reload(self, versions: tuple[object, object]) -> None:
        current = _read_secrets(self.path)
        if not current:
            return  # mid-swap or emptied: keep signing with the last good key
        previous = tuple(s for s in _read_secrets(self.previous_path) if s != current[0])
        self._keys = KeySet(current=current[0], previous=previous)
        self._versions = versions


class SigningSecret(str):
    """The configured signing secret, still the `str` every holder of it passes to
    security.py (so none of them changes); when it was read from a mounted file, signing and
    verifying follow that file and the previous-key file beside it instead of this value."""

    _mounted: MountedKeys | None = None
    _previous: tuple[str, ...] = ()

    @classmethod
    def of(
        cls, secret: str, *, previous: tuple[str, ...] = (), mounted: MountedKeys | None = None
    ) -> SigningSecret:
        signing = cls(secret)
        signing._previous = previous
        signing._mounted = mounted
        return signing

    def keys(self, *, now: bool = False) -> KeySet:
        if self._mounted is not None:
            keys = self._mounted.keys(now=now)
            if keys is not None:
                return keys
        return KeySet(current=str(self), previous=self._previous)

    def secret_for(self, kid: str | None) -> str | None:
        found = self.keys().secret_for(kid)
        if found is None and kid is not None and self._mounted is not None:
            found = self.keys(now=True).secret_for(kid)  # perhaps rotated since the last look
        return found


def mounted_signing_secret(secret: str, path: Path, *, previous: tuple[str, ...] = ()) -> str:
    """`secret`, followed through `path` from now on when that file is where it came from
    (the file holds it); otherwise the fixed secret and its previous ones."""
    mounted = MountedKeys(path)
    keys = mounted.keys()
    if keys is None or keys.current != secret:
        return SigningSecret.of(secret, previous=previous)
    return SigningSecret.of(secret, previous=keys.previous, mounted=mounted)
