"""JWT signing-key rotation through the mounted secret files: the files are swapped the way
the kubelet swaps a Secret volume, under a key source that is already in use."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import jwt
import pytest

from tests.support.secret_volume import mount, secret_volume
from todo_chatbot.domain.errors import Unauthorized
from todo_chatbot.security import (
    MCP_AUDIENCE,
    USER_AUDIENCE,
    audience_key,
    issue_token,
    read_claims,
    read_token,
    sign_claims,
)
from todo_chatbot.settings import AppEnv, Settings
from todo_chatbot.signing_keys import (
    RECHECK_SECONDS,
    MountedKeys,
    SigningSecret,
    key_id,
    mounted_signing_secret,
)

OLD = "old-secret-" + "o" * 40
NEW = "new-secret-" + "n" * 40
UNKNOWN = "unknown-secret-" + "u" * 40
HOUR = timedelta(hours=1)


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now

    def advance(self) -> None:
        self.now += RECHECK_SECONDS


def kid_of(token: str) -> object:
    return jwt.get_unverified_header(token).get("kid")


def signed(secret: str, headers: dict[str, str] | None = None) -> str:
    """A user token signed by hand (no kid unless given), expiring in 2100."""
    claims = {"sub": "7", "aud": USER_AUDIENCE, "exp": 4102444800}
    return jwt.encode(claims, audience_key(secret, USER_AUDIENCE), "HS256", headers=headers)


@pytest.fixture
def secrets_dir(tmp_path: Path) -> Path:
    return secret_volume(tmp_path, {"jwt_secret": OLD})


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def signing(secrets_dir: Path, clock: Clock) -> SigningSecret:
    mounted = MountedKeys(secrets_dir / "jwt_secret", clock=clock)
    assert mounted.keys() is not None  # read once at start, as Settings.signing_secret does
    return SigningSecret.of(OLD, mounted=mounted)


def test_a_rotation_keeps_old_tokens_valid_until_the_old_key_leaves(
    secrets_dir: Path, clock: Clock, signing: SigningSecret
) -> None:
    old_token = issue_token(subject=7, secret=signing, ttl=HOUR)
    assert kid_of(old_token) == key_id(OLD)

    mount(secrets_dir, {"jwt_secret": NEW, "jwt_secret_previous": OLD})
    clock.advance()
    new_token = issue_token(subject=8, secret=signing, ttl=HOUR)
    assert kid_of(new_token) == key_id(NEW) != key_id(OLD)
    assert read_token(new_token, secret=signing) == 8
    assert read_token(old_token, secret=signing) == 7
    # The new key really signs: the old secret alone does not verify the new token.
    with pytest.raises(Unauthorized):
        read_token(new_token, secret=OLD)

    mount(secrets_dir, {"jwt_secret": NEW})
    clock.advance()
    with pytest.raises(Unauthorized):
        read_token(old_token, secret=signing)
    assert read_token(new_token, secret=signing) == 8


def test_a_token_naming_no_known_key_is_rejected(signing: SigningSecret) -> None:
    with pytest.raises(Unauthorized):
        read_token(issue_token(subject=7, secret=UNKNOWN, ttl=HOUR), secret=signing)
    # The right key under a kid that is not its own is refused too.
    with pytest.raises(Unauthorized):
        read_token(signed(OLD, {"kid": key_id(UNKNOWN)}), secret=signing)


def test_a_token_without_kid_is_checked_with_the_current_key(
    secrets_dir: Path, clock: Clock, signing: SigningSecret
) -> None:
    assert read_token(signed(OLD), secret=signing) == 7
    mount(secrets_dir, {"jwt_secret": NEW, "jwt_secret_previous": OLD})
    clock.advance()
    assert read_token(signed(NEW), secret=signing) == 7
    with pytest.raises(Unauthorized):  # the previous key verifies only tokens naming it
        read_token(signed(OLD), secret=signing)


def test_files_are_looked_at_again_only_after_the_recheck_interval(
    secrets_dir: Path, clock: Clock, signing: SigningSecret
) -> None:
    mount(secrets_dir, {"jwt_secret": NEW, "jwt_secret_previous": OLD})
    assert kid_of(issue_token(subject=7, secret=signing, ttl=HOUR)) == key_id(OLD)
    clock.now += RECHECK_SECONDS / 2
    assert kid_of(issue_token(subject=7, secret=signing, ttl=HOUR)) == key_id(OLD)
    clock.now += RECHECK_SECONDS / 2
    assert kid_of(issue_token(subject=7, secret=signing, ttl=HOUR)) == key_id(NEW)


def test_an_unknown_kid_looks_at_the_files_at_once(
    secrets_dir: Path, signing: SigningSecret
) -> None:
    """Another replica that already saw the rotation signed this token: no waiting."""
    assert read_token(issue_token(subject=7, secret=signing, ttl=HOUR), secret=signing) == 7
    mount(secrets_dir, {"jwt_secret": NEW, "jwt_secret_previous": OLD})
    assert read_token(issue_token(subject=9, secret=NEW, ttl=HOUR), secret=signing) == 9


def test_a_half_written_or_missing_current_file_keeps_the_last_keys(
    secrets_dir: Path, clock: Clock, signing: SigningSecret
) -> None:
    token = issue_token(subject=7, secret=signing, ttl=HOUR)
    mount(secrets_dir, {"jwt_secret": ""})
    clock.advance()
    assert read_token(token, secret=signing) == 7
    mount(secrets_dir, {})
    clock.advance()
    assert kid_of(issue_token(subject=7, secret=signing, ttl=HOUR)) == key_id(OLD)


def test_claims_for_other_audiences_rotate_too(
    secrets_dir: Path, clock: Clock, signing: SigningSecret
) -> None:
    request = sign_claims({"client_id": "c"}, secret=signing, audience="consent", ttl=HOUR)
    mount(secrets_dir, {"jwt_secret": NEW, "jwt_secret_previous": OLD})
    clock.advance()
    assert read_claims(request, secret=signing, audience="consent")["client_id"] == "c"
    identity = issue_token(subject=3, secret=signing, ttl=HOUR, audience=MCP_AUDIENCE)
    assert kid_of(identity) == key_id(NEW)
    assert read_token(identity, secret=signing, audience=MCP_AUDIENCE) == 3
    with pytest.raises(Unauthorized):  # still one key per audience
        read_token(identity, secret=signing)


def test_a_file_holding_another_secret_is_not_followed(secrets_dir: Path) -> None:
    signing = mounted_signing_secret(UNKNOWN, secrets_dir / "jwt_secret")
    assert kid_of(issue_token(subject=7, secret=signing, ttl=HOUR)) == key_id(UNKNOWN)


def test_settings_follow_the_mounted_files(
    secrets_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("JWT_SECRET", raising=False)
    monkeypatch.delenv("JWT_SECRET_PREVIOUS", raising=False)
    monkeypatch.setenv("SECRETS_DIR", str(secrets_dir))
    mount(secrets_dir, {"jwt_secret": NEW, "jwt_secret_previous": f"{OLD}\n"})
    settings = Settings(app_env=AppEnv.production, database_url="sqlite://", data_dir=tmp_path)
    signing = settings.signing_secret()

    assert isinstance(signing, SigningSecret)
    assert signing == NEW
    assert read_token(issue_token(subject=7, secret=OLD, ttl=HOUR), secret=signing) == 7
    assert kid_of(issue_token(subject=7, secret=signing, ttl=HOUR)) == key_id(NEW)


def test_an_environment_secret_wins_and_takes_its_previous_from_the_environment(
    secrets_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SECRETS_DIR", str(secrets_dir))
    monkeypatch.setenv("JWT_SECRET", NEW)
    monkeypatch.setenv("JWT_SECRET_PREVIOUS", UNKNOWN)
    signing = Settings(data_dir=tmp_path).signing_secret()

    assert signing == NEW
    assert read_token(issue_token(subject=7, secret=UNKNOWN, ttl=HOUR), secret=signing) == 7
    with pytest.raises(Unauthorized):  # the mounted file is not this secret's source
        read_token(issue_token(subject=7, secret=OLD, ttl=HOUR), secret=signing)
