import httpx


async def test_create_and_get(client: httpx.AsyncClient, auth: dict[str, str]) -> None:
    created = await client.post("/api/v1/tasks", json={"title": "Buy milk"}, headers=auth)
    assert created.status_code == 201
    got = await client.get(f"/api/v1/tasks/{created.json()['id']}", headers=auth)
    assert got.json()["title"] == "Buy milk"
