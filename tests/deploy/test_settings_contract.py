"""The app's own view of the chart: the environment and secret files a pod gets are turned
into todo_chatbot.settings.Settings exactly as the process would, and the result is the
production configuration the chart meant (database, MCP, event bus)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.deploy.charts import (
    COMPONENTS,
    FULLNAME,
    Doc,
    Rendered,
    RenderFn,
    containers,
    pod_spec,
    secret_data,
)
from todo_chatbot.settings import AgentEngine, AppEnv, EventBusKind, Settings

pytestmark = pytest.mark.deploy

# Stand-ins for the values an operator puts in the existing Secret.
OPERATOR_SECRETS = {
    "database_url": "postgres://todo:not-a-password@ep-quiet-lake-123.eu-central-1.aws.neon.tech/todo?sslmode=require",
    "jwt_secret": "j" * 48,
    "openai_api_key": "sk-test-not-a-key",
    "notify_webhook_url": "https://hooks.example.internal/reminders",
}


def pod_environment(r: Rendered, workload: Doc, secrets_root: Path) -> dict[str, str]:
    """The environment of the workload's container, with its secret volume written as files
    under secrets_root (SECRETS_DIR is moved there)."""
    (container,) = containers(workload)
    configmaps = {doc["metadata"]["name"]: doc["data"] for doc in r.of_kind("ConfigMap")}
    env: dict[str, str] = {}
    for source in container.get("envFrom", []):
        env.update(configmaps[source["configMapRef"]["name"]])
    for item in container.get("env", []):
        if "value" in item:
            env[item["name"]] = str(item["value"])
        else:
            assert item["valueFrom"]["fieldRef"]["fieldPath"] == "metadata.name"
            env[item["name"]] = f"{workload['metadata']['name']}-0"

    volumes = {volume["name"]: volume for volume in pod_spec(workload)["volumes"]}
    secret_mounts = [
        mount for mount in container["volumeMounts"] if "secret" in volumes[mount["name"]]
    ]
    (mount,) = secret_mounts
    assert env["SECRETS_DIR"] == mount["mountPath"], "the app looks for secrets where they are"
    source = volumes[mount["name"]]["secret"]
    generated = r.find("Secret", source["secretName"])
    values = secret_data(generated) if generated else OPERATOR_SECRETS
    files = secrets_root / mount["mountPath"].lstrip("/")
    files.mkdir(parents=True, exist_ok=True)
    for item in source["items"]:
        assert item["path"] in Settings.model_fields, f"{item['path']} is no setting"
        (files / item["path"]).write_text(values[item["key"]])
    env["SECRETS_DIR"] = str(files)
    return env


def settings_for(
    r: Rendered, workload: Doc, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Settings:
    env = pod_environment(r, workload, tmp_path)
    for name in [*Settings.model_fields, "secrets_dir"]:
        monkeypatch.delenv(name.upper(), raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    return Settings()


@pytest.mark.parametrize("scenario", ["doks", "prod", "external-database", "minikube"])
def test_api_settings(
    scenario: str, rendered: RenderFn, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    r = rendered(scenario)
    settings = settings_for(r, r.deployment("api"), tmp_path, monkeypatch)
    namespace = r.scenario.namespace

    assert settings.app_env is AppEnv.production
    assert settings.service_name == "todo-api"
    assert settings.pod_name == f"{FULLNAME}-api-0"
    assert settings.jwt_secret is not None
    assert len(settings.jwt_secret.get_secret_value()) >= 32
    assert settings.async_database_url.startswith("postgresql+asyncpg://")
    assert not settings.is_sqlite
    postgres = r.find("Service", f"{FULLNAME}-postgresql")
    if postgres is not None:
        host = f"{FULLNAME}-postgresql.{namespace}.svc:{postgres['spec']['ports'][0]['port']}"
        assert f"@{host}/todo" in settings.async_database_url
    elif r.find("Secret", FULLNAME) is None:
        assert settings.async_database_url.endswith("?ssl=require")

    mcp = r.get("Service", f"{FULLNAME}-mcp")
    assert settings.mcp_server_url == f"http://{FULLNAME}-mcp:{mcp['spec']['ports'][0]['port']}/mcp"

    assert settings.event_bus is EventBusKind.dapr
    pubsub = r.get("Component", settings.dapr_pubsub_name)
    assert pubsub["spec"]["type"] == "pubsub.kafka"
    assert settings.dapr_http_port == 3500
    assert settings.agent_engine is AgentEngine.rules


@pytest.mark.parametrize("component", [c for c in COMPONENTS if c != "api"])
def test_other_processes_validate_in_production(
    component: str, rendered: RenderFn, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    r = rendered("prod")
    settings = settings_for(r, r.deployment(component), tmp_path, monkeypatch)
    assert settings.app_env is AppEnv.production
    assert settings.service_name == f"todo-{component}"
    if component == "mcp":
        service = r.get("Service", f"{FULLNAME}-mcp")
        port = service["spec"]["ports"][0]["port"]
        namespace = r.scenario.namespace
        # The Host header the api sends (from MCP_SERVER_URL) and the cluster's full name.
        assert f"{FULLNAME}-mcp:{port}" in settings.mcp_allowed_hosts
        assert f"{FULLNAME}-mcp.{namespace}.svc.cluster.local:{port}" in settings.mcp_allowed_hosts


def test_migration_job_validates_in_production(
    rendered: RenderFn, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    r = rendered("prod")
    settings = settings_for(r, r.get("Job", f"{FULLNAME}-migrate"), tmp_path, monkeypatch)
    assert settings.app_env is AppEnv.production
    assert settings.service_name == "todo-migrate"
    assert settings.async_database_url.startswith("postgresql+asyncpg://")


def test_openai_and_webhook_secrets_reach_their_processes(
    rendered: RenderFn, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    r = rendered("openai-webhook")
    api = settings_for(r, r.deployment("api"), tmp_path / "api", monkeypatch)
    assert api.agent_engine is AgentEngine.openai
    assert api.openai_api_key is not None
    assert api.openai_api_key.get_secret_value() == "sk-test-not-a-key"
    notifier = settings_for(r, r.deployment("notifier"), tmp_path / "notifier", monkeypatch)
    assert notifier.notify_webhook_url is not None
    assert notifier.notify_webhook_url.get_secret_value().startswith("https://")


def test_kafka_bus_gets_the_bootstrap_address(
    rendered: RenderFn, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    r = rendered("kafka-bus")
    settings = settings_for(r, r.deployment("relay"), tmp_path, monkeypatch)
    assert settings.event_bus is EventBusKind.kafka
    (kafka,) = r.of_kind("Kafka")
    assert settings.kafka_bootstrap_servers == (
        f"{kafka['metadata']['name']}-kafka-bootstrap.{r.scenario.namespace}.svc:9092"
    )
