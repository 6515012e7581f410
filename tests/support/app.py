"""The app under test: its settings, and accounts signed up through the API."""

from __future__ import annotations

from pathlib import Path

import httpx

from todo_chatbot.settings import AppEnv, Settings

TEST_SECRET = "test-secret-" + "x" * 40
PASSWORD = "correct horse battery"


def make_settings(database_url: str, data_dir: Path, **overrides: object) -> Settings:
    values: dict[str, object] = {
        "app_env": AppEnv.development,
        "database_url": database_url,
        "data_dir": data_dir,
        "jwt_secret": TEST_SECRET,
    }
    values.update(overrides)
    return Settings(**values)  # type: ignore[arg-type]


async def sign_up(client: httpx.AsyncClient, email: str = "ada@example.com") -> dict[str, str]:
    """Register a user and return the Authorization header for them."""
    response = await client.post(
        "/api/v1/auth/register", json={"email": email, "password": PASSWORD}
    )
    assert response.status_code == 201, response.text
    return {"Authorization": f"Bearer {response.json()['access_token']}"}
