"""JWT signing-key rotation under a real `todo serve` process: its mounted secret files are
swapped the way the kubelet swaps them, and the same process keeps serving."""

from __future__ import annotations

import time
from pathlib import Path

import httpx
import jwt

from tests.observability.helpers import running_todo, todo_env
from tests.support.app import PASSWORD
from tests.support.secret_volume import mount
from todo_chatbot.signing_keys import RECHECK_SECONDS, key_id

OLD = "old-secret-" + "o" * 40
NEW = "new-secret-" + "n" * 40
EMAIL = "ada@example.com"


def me(base_url: str, token: str) -> int:
    headers = {"Authorization": f"Bearer {token}"}
    return httpx.get(f"{base_url}/api/v1/auth/me", headers=headers).status_code


def log_in_until_signed_with(base_url: str, secret: str) -> str:
    """A fresh login token, once the process signs with `secret` (it looks at the files
    every RECHECK_SECONDS); the last one if it never does."""
    token = ""
    for _ in range(40):
        body = {"email": EMAIL, "password": PASSWORD}
        response = httpx.post(f"{base_url}/api/v1/auth/login", json=body)
        assert response.status_code == 200, response.text
        token = response.json()["access_token"]
        if jwt.get_unverified_header(token).get("kid") == key_id(secret):
            break
        time.sleep(RECHECK_SECONDS / 4)
    return token


def test_a_running_process_follows_the_rotated_key_files(tmp_path: Path) -> None:
    secrets_dir = tmp_path / "secrets"
    secrets_dir.mkdir()
    mount(secrets_dir, {"jwt_secret": OLD})
    env = todo_env(SECRETS_DIR=str(secrets_dir), APP_ENV="development", DATA_DIR=str(tmp_path))
    for name in ("DATABASE_URL", "JWT_SECRET", "JWT_SECRET_PREVIOUS"):
        env.pop(name, None)

    with running_todo("serve", env=env) as app:
        body = {"email": EMAIL, "password": PASSWORD}
        registered = httpx.post(f"{app.base_url}/api/v1/auth/register", json=body)
        assert registered.status_code == 201, registered.text
        old_token = registered.json()["access_token"]
        assert jwt.get_unverified_header(old_token)["kid"] == key_id(OLD)
        pid = app.process.pid

        mount(secrets_dir, {"jwt_secret": NEW, "jwt_secret_previous": OLD})
        new_token = log_in_until_signed_with(app.base_url, NEW)
        assert jwt.get_unverified_header(new_token)["kid"] == key_id(NEW)
        assert me(app.base_url, new_token) == 200
        assert me(app.base_url, old_token) == 200

        mount(secrets_dir, {"jwt_secret": NEW})
        time.sleep(RECHECK_SECONDS * 1.5)
        assert me(app.base_url, old_token) == 401
        assert me(app.base_url, new_token) == 200
        assert app.process.pid == pid and app.process.poll() is None
