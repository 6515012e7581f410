"""What the rendered objects must say: scaling, probes, resources, security, networking,
secrets, events and the per-profile promises."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from tests.deploy.charts import (
    CHART,
    COMPONENTS,
    EXISTING_SECRET,
    FULLNAME,
    PROFILES,
    SCENARIOS,
    WORKERS,
    Doc,
    Rendered,
    RenderFn,
    containers,
    matches,
    pod_annotations,
    pod_labels,
    pod_spec,
    secret_data,
)

pytestmark = pytest.mark.deploy

ALL = list(SCENARIOS)
CLOUD = ["default", "doks", "aks", "gke", "prod", "doks-prod"]
DAPR_APP_IDS = {f"todo-{component}" for component in COMPONENTS}
TOPICS = {"task-events", "reminders", "task-updates"}
SEVEN_DAYS_MS = 7 * 24 * 3600 * 1000
SENSITIVE_ENV = re.compile(r"(SECRET|PASSWORD|TOKEN|API_KEY|DATABASE_URL|WEBHOOK)", re.IGNORECASE)
# Names that look sensitive but carry a path, not a secret.
NOT_SECRETS = {"SECRETS_DIR", "POSTGRES_PASSWORD_FILE"}


def long_running(doc: Doc) -> bool:
    return bool(doc["kind"] in {"Deployment", "StatefulSet"})


def app_workloads(r: Rendered) -> list[Doc]:
    return [
        doc
        for doc in r.workloads()
        if pod_labels(doc).get("app.kubernetes.io/component") != "postgresql"
    ]


# --- autoscaling and availability of the api -------------------------------------------


@pytest.mark.parametrize("scenario", CLOUD)
def test_api_autoscaling(scenario: str, rendered: RenderFn) -> None:
    r = rendered(scenario)
    hpa = r.get("HorizontalPodAutoscaler", f"{FULLNAME}-api")
    assert hpa["apiVersion"] == "autoscaling/v2"
    spec = hpa["spec"]
    assert spec["scaleTargetRef"] == {
        "apiVersion": "apps/v1",
        "kind": "Deployment",
        "name": f"{FULLNAME}-api",
    }
    assert (spec["minReplicas"], spec["maxReplicas"]) == (2, 5)
    targets = {m["resource"]["name"]: m["resource"]["target"] for m in spec["metrics"]}
    assert targets == {
        "cpu": {"type": "Utilization", "averageUtilization": 70},
        "memory": {"type": "Utilization", "averageUtilization": 70},
    }
    up, down = spec["behavior"]["scaleUp"], spec["behavior"]["scaleDown"]
    assert up["stabilizationWindowSeconds"] <= 60
    assert up["policies"] and all(p["periodSeconds"] <= 60 for p in up["policies"])
    assert down["stabilizationWindowSeconds"] == 300
    # The HPA owns the replica count: the Deployment must not fight it on upgrade.
    assert "replicas" not in r.deployment("api")["spec"]


@pytest.mark.parametrize("scenario", CLOUD)
def test_api_rolls_out_without_downtime(scenario: str, rendered: RenderFn) -> None:
    api = rendered(scenario).deployment("api")
    strategy = api["spec"]["strategy"]
    assert strategy["type"] == "RollingUpdate"
    assert strategy["rollingUpdate"]["maxUnavailable"] == 0
    (container,) = containers(api)
    sleep = container["lifecycle"]["preStop"]["exec"]["command"]
    assert sleep[:2] == ["python", "-c"] and "sleep" in sleep[2]
    seconds = int(re.findall(r"sleep\((\d+)\)", sleep[2])[0])
    assert 0 < seconds < pod_spec(api)["terminationGracePeriodSeconds"]


@pytest.mark.parametrize("scenario", CLOUD)
def test_api_and_mcp_spread_and_keep_a_pod_up(scenario: str, rendered: RenderFn) -> None:
    r = rendered(scenario)
    for component in ("api", "mcp"):
        deployment = r.deployment(component)
        spread = pod_spec(deployment)["topologySpreadConstraints"]
        assert {c["topologyKey"] for c in spread} == {
            "topology.kubernetes.io/zone",
            "kubernetes.io/hostname",
        }
        for constraint in spread:
            assert matches(constraint["labelSelector"], pod_labels(deployment))
        pdb = r.get("PodDisruptionBudget", f"{FULLNAME}-{component}")
        assert pdb["spec"]["minAvailable"] >= 1
        assert matches(pdb["spec"]["selector"], pod_labels(deployment))


@pytest.mark.parametrize("scenario", ["default", "doks", "prod"])
def test_mcp_runs_two_replicas_behind_a_cluster_ip(scenario: str, rendered: RenderFn) -> None:
    r = rendered(scenario)
    assert r.deployment("mcp")["spec"]["replicas"] == 2
    assert r.get("Service", f"{FULLNAME}-mcp")["spec"]["type"] == "ClusterIP"


@pytest.mark.parametrize("scenario", ALL)
def test_mcp_is_never_exposed(scenario: str, rendered: RenderFn) -> None:
    r = rendered(scenario)
    service = r.find("Service", f"{FULLNAME}-mcp")
    if service is not None:
        assert service["spec"]["type"] == "ClusterIP"
        assert "nodePort" not in service["spec"]["ports"][0]
    for ingress in r.of_kind("Ingress"):
        backends = [
            path["backend"]["service"]["name"]
            for rule in ingress["spec"]["rules"]
            for path in rule["http"]["paths"]
        ]
        assert backends == [f"{FULLNAME}-api"]


# --- every workload ---------------------------------------------------------------------


@pytest.mark.parametrize("scenario", ALL)
def test_probes_and_resources(scenario: str, rendered: RenderFn) -> None:
    for workload in rendered(scenario).workloads():
        for container in containers(workload):
            where = f"{workload['kind']}/{workload['metadata']['name']}/{container['name']}"
            resources = container["resources"]
            for kind in ("requests", "limits"):
                assert {"cpu", "memory"} <= set(resources[kind]), f"{where}: {kind}"
            if not long_running(workload):
                continue
            assert "livenessProbe" in container and "readinessProbe" in container, where
            if workload["kind"] == "Deployment":
                assert container["livenessProbe"]["httpGet"] == {"path": "/health", "port": "http"}
                assert container["readinessProbe"]["httpGet"] == {"path": "/ready", "port": "http"}
                assert container["startupProbe"]["httpGet"]["path"] == "/health"


@pytest.mark.parametrize("scenario", ALL)
def test_security_contexts(scenario: str, rendered: RenderFn) -> None:
    for workload in rendered(scenario).workloads():
        spec = pod_spec(workload)
        name = workload["metadata"]["name"]
        pod = spec["securityContext"]
        assert pod["runAsNonRoot"] is True, name
        assert pod["runAsUser"] >= 10000, name
        assert pod["seccompProfile"] == {"type": "RuntimeDefault"}, name
        assert spec.get("hostNetwork") is not True and spec.get("hostPID") is not True
        for container in containers(workload):
            ctx = container["securityContext"]
            assert ctx["runAsNonRoot"] is True, name
            assert ctx["runAsUser"] >= 10000, name
            assert ctx["allowPrivilegeEscalation"] is False, name
            assert ctx["privileged"] is False, name
            assert ctx["readOnlyRootFilesystem"] is True, name
            assert ctx["capabilities"] == {"drop": ["ALL"]}, name
            assert ctx["seccompProfile"] == {"type": "RuntimeDefault"}, name
            mounts = {mount["mountPath"]: mount["name"] for mount in container["volumeMounts"]}
            assert "/tmp" in mounts, f"{name}: a writable /tmp"
            volumes = {volume["name"]: volume for volume in spec["volumes"]}
            assert "emptyDir" in volumes[mounts["/tmp"]]


@pytest.mark.parametrize("scenario", ALL)
def test_service_accounts_and_tokens(scenario: str, rendered: RenderFn) -> None:
    r = rendered(scenario)
    readers = {
        subject["name"] for binding in r.of_kind("RoleBinding") for subject in binding["subjects"]
    }
    for workload in r.workloads():
        spec = pod_spec(workload)
        account = spec["serviceAccountName"]
        assert account != "default"
        assert r.find("ServiceAccount", account) is not None, f"ServiceAccount {account}"
        token = spec["automountServiceAccountToken"]
        # Only pods whose Dapr sidecar loads the Kubernetes secret store talk to the API.
        assert token is (account in readers), workload["metadata"]["name"]
    for role in r.of_kind("Role"):
        for rule in role["rules"]:
            assert rule["verbs"] == ["get"]
            assert rule["resources"] == ["secrets"]
            assert rule["resourceNames"], "the secret reader is limited to named Secrets"


@pytest.mark.parametrize("scenario", ALL)
def test_processes_get_their_commands_and_ports(scenario: str, rendered: RenderFn) -> None:
    r = rendered(scenario)
    chart = yaml.safe_load((CHART / "Chart.yaml").read_text())
    for deployment in r.of_kind("Deployment"):
        (container,) = containers(deployment)
        component = pod_labels(deployment)["app.kubernetes.io/component"]
        port = container["ports"][0]["containerPort"]
        args = container["args"]
        assert container["command"] == ["todo"]
        expected = ["worker", component] if component in WORKERS else [component]
        assert args[: len(expected)] == expected
        assert args[args.index("--host") + 1] == "0.0.0.0"
        assert int(args[args.index("--port") + 1]) == port
        assert container["image"].endswith(f":{chart['appVersion']}")
        service = r.get("Service", deployment["metadata"]["name"])
        assert matches({"matchLabels": service["spec"]["selector"]}, pod_labels(deployment))
        assert service["spec"]["ports"][0]["targetPort"] == "http"
        env = {item["name"]: item for item in container["env"]}
        assert env["SERVICE_NAME"]["value"] == f"todo-{component}"
        assert env["POD_NAME"]["valueFrom"]["fieldRef"]["fieldPath"] == "metadata.name"
        annotations = pod_annotations(deployment)
        assert "checksum/config" in annotations


@pytest.mark.parametrize("scenario", CLOUD)
def test_cloud_profiles_pull_images(scenario: str, rendered: RenderFn) -> None:
    for workload in rendered(scenario).workloads():
        for container in containers(workload):
            assert container["imagePullPolicy"] == "Always"


# --- secrets ----------------------------------------------------------------------------


def test_no_secret_value_has_a_default() -> None:
    for name in ["values.yaml", *(f"values-{profile}.yaml" for profile in PROFILES)]:
        values = yaml.safe_load((CHART / name).read_text())
        secrets = values.get("secrets", {})
        for key, value in secrets.items():
            if key in {"existingSecret", "keys", "mountPath"}:
                continue
            assert value in ("", None), f"{name}: secrets.{key} has a value"


@pytest.mark.parametrize("scenario", ALL)
def test_secrets_reach_pods_as_files_only(scenario: str, rendered: RenderFn) -> None:
    r = rendered(scenario)
    configmaps = {doc["metadata"]["name"]: doc.get("data", {}) for doc in r.of_kind("ConfigMap")}
    for workload in r.workloads():
        for container in containers(workload):
            for item in container.get("env", []):
                if SENSITIVE_ENV.search(item["name"]) and item["name"] not in NOT_SECRETS:
                    raise AssertionError(f"{item['name']} passed as an environment variable")
                assert "secretKeyRef" not in item.get("valueFrom", {})
            for source in container.get("envFrom", []):
                assert "secretRef" not in source
                data = configmaps[source["configMapRef"]["name"]]
                leaked = [
                    key for key in data if SENSITIVE_ENV.search(key) and key not in NOT_SECRETS
                ]
                assert not leaked, f"secret-looking keys in the ConfigMap: {leaked}"


@pytest.mark.parametrize("scenario", ["existing-secret", "prod", "aks", "gke"])
def test_existing_secret_means_no_secret_object(scenario: str, rendered: RenderFn) -> None:
    r = rendered(scenario)
    assert r.of_kind("Secret") == []
    for workload in r.workloads():
        for volume in pod_spec(workload)["volumes"]:
            if "secret" in volume:
                assert volume["secret"]["secretName"] == EXISTING_SECRET


def test_generated_secret_is_strong_and_kept(rendered: RenderFn) -> None:
    r = rendered("default")
    (secret,) = r.of_kind("Secret")
    annotations = secret["metadata"]["annotations"]
    # A hook, so the migration Job can read it before the release's other objects exist.
    assert annotations["helm.sh/hook"] == "pre-install,pre-upgrade"
    data = secret_data(secret)
    assert len(data["jwt_secret"]) >= 32
    assert len(data["postgres_password"]) >= 32
    assert data["database_url"].startswith(f"postgresql://todo:{data['postgres_password']}@")
    template = (CHART / "templates" / "secret.yaml").read_text()
    assert 'lookup "v1" "Secret"' in template


# --- networking -------------------------------------------------------------------------


def policies_for(r: Rendered, labels: dict[str, str]) -> list[Doc]:
    return [np for np in r.of_kind("NetworkPolicy") if matches(np["spec"]["podSelector"], labels)]


@pytest.mark.parametrize("scenario", [name for name in ALL if name != "minimal"])
def test_default_deny_then_explicit_flows(scenario: str, rendered: RenderFn) -> None:
    r = rendered(scenario)
    deny = r.get("NetworkPolicy", f"{FULLNAME}-default-deny")
    assert deny["spec"] == {"podSelector": {}, "policyTypes": ["Ingress", "Egress"]}
    dns = r.get("NetworkPolicy", f"{FULLNAME}-dns")
    ports = {(p["port"], p["protocol"]) for p in dns["spec"]["egress"][0]["ports"]}
    assert ports == {(53, "UDP"), (53, "TCP")}
    for workload in r.workloads():
        own = [
            np for np in policies_for(r, pod_labels(workload)) if np["spec"]["podSelector"] != {}
        ]
        assert own, f"no NetworkPolicy of its own for {workload['metadata']['name']}"


def ingress_sources(policy: Doc) -> list[Doc]:
    return [source for rule in policy["spec"].get("ingress") or [] for source in rule["from"]]


@pytest.mark.parametrize("scenario", ["default", "doks", "prod", "servicemonitor"])
def test_mcp_accepts_only_the_api(scenario: str, rendered: RenderFn) -> None:
    r = rendered(scenario)
    mcp_labels = pod_labels(r.deployment("mcp"))
    api_labels = pod_labels(r.deployment("api"))
    sources = [source for np in policies_for(r, mcp_labels) for source in ingress_sources(np)]
    monitoring = {
        "namespaceSelector": {"matchLabels": {"kubernetes.io/metadata.name": "monitoring"}}
    }
    pod_sources = [source for source in sources if source != monitoring]
    assert pod_sources, "the api must be allowed in"
    for source in pod_sources:
        assert set(source) == {"podSelector"}, source
        assert matches(source["podSelector"], api_labels)
        for deployment in r.of_kind("Deployment"):
            if deployment["metadata"]["name"] != f"{FULLNAME}-api":
                assert not matches(source["podSelector"], pod_labels(deployment))
    if monitoring in sources:
        assert r.of_kind("ServiceMonitor"), "Prometheus is let in only when it scrapes"


@pytest.mark.parametrize("scenario", ["default", "minikube", "doks"])
def test_database_only_from_app_pods(scenario: str, rendered: RenderFn) -> None:
    r = rendered(scenario)
    postgres = r.get("StatefulSet", f"{FULLNAME}-postgresql")
    (policy,) = [
        np for np in policies_for(r, pod_labels(postgres)) if np["spec"]["podSelector"] != {}
    ]
    assert policy["spec"]["egress"] == []
    (rule,) = policy["spec"]["ingress"]
    (source,) = rule["from"]
    allowed = [w for w in r.workloads() if matches(source["podSelector"], pod_labels(w))]
    assert {pod_labels(w)["app.kubernetes.io/component"] for w in allowed} == {
        *COMPONENTS,
        "migrate",
    }


def api_ingress_sources(r: Rendered) -> list[Doc]:
    api_labels = pod_labels(r.deployment("api"))
    return [source for np in policies_for(r, api_labels) for source in ingress_sources(np)]


def test_ingress_or_load_balancer(rendered: RenderFn) -> None:
    ingress = rendered("ingress")
    (resource,) = ingress.of_kind("Ingress")
    assert resource["spec"]["ingressClassName"] == "nginx"
    assert ingress.get("Service", f"{FULLNAME}-api")["spec"]["type"] == "ClusterIP"
    assert {
        "namespaceSelector": {"matchLabels": {"kubernetes.io/metadata.name": "ingress-nginx"}}
    } in api_ingress_sources(ingress)

    balancer = rendered("loadbalancer")
    assert balancer.of_kind("Ingress") == []
    assert balancer.get("Service", f"{FULLNAME}-api")["spec"]["type"] == "LoadBalancer"
    assert {"ipBlock": {"cidr": "0.0.0.0/0"}} in api_ingress_sources(balancer)

    assert api_ingress_sources(rendered("default")) == []


def test_internet_egress_only_when_needed(rendered: RenderFn) -> None:
    def internet(r: Rendered, component: str) -> bool:
        """Whether the component may open HTTPS connections to public addresses."""
        labels = pod_labels(r.deployment(component))
        return any(
            "except" in peer.get("ipBlock", {})
            for np in policies_for(r, labels)
            for rule in np["spec"].get("egress") or []
            for peer in rule["to"]
        )

    assert not any(internet(rendered("default"), component) for component in COMPONENTS)
    openai = rendered("openai-webhook")
    assert {component for component in COMPONENTS if internet(openai, component)} == {
        "api",
        "notifier",
    }


# --- events: Dapr and Kafka ------------------------------------------------------------


@pytest.mark.parametrize("scenario", ["default", "minikube", "doks", "prod", "strimzi-off"])
def test_dapr_components_are_scoped(scenario: str, rendered: RenderFn) -> None:
    r = rendered(scenario)
    sidecars = {}
    for deployment in r.of_kind("Deployment"):
        annotations = pod_annotations(deployment)
        if annotations.get("dapr.io/enabled") == "true":
            (container,) = containers(deployment)
            assert annotations["dapr.io/app-port"] == str(container["ports"][0]["containerPort"])
            sidecars[annotations["dapr.io/app-id"]] = deployment
    assert set(sidecars) <= DAPR_APP_IDS
    assert {f"todo-{worker}" for worker in WORKERS} <= set(sidecars)
    components = {doc["metadata"]["name"]: doc for doc in r.of_kind("Component")}
    assert components["pubsub"]["spec"]["type"] == "pubsub.kafka"
    assert components["statestore"]["spec"]["type"].startswith("state.")
    assert components["secretstore"]["spec"]["type"] == "secretstores.kubernetes"
    metadata = {item["name"]: item for item in components["pubsub"]["spec"]["metadata"]}
    assert metadata["authType"]["value"] in {"none", "password"}
    for component in components.values():
        assert component["scopes"], component["metadata"]["name"]
        assert set(component["scopes"]) <= set(sidecars)
    assert set(components["pubsub"]["scopes"]) == set(sidecars)
    # The api's live feed: every api pod reads all of task-updates under its own group.
    live = components["pubsub-live"]
    assert live["scopes"] == ["todo-api"]
    live_metadata = {item["name"]: item.get("value") for item in live["spec"]["metadata"]}
    assert live_metadata["consumerID"] == "{podName}"
    assert live_metadata["initialOffset"] == "newest"
    assert live_metadata["brokers"] == metadata["brokers"]["value"]
    for doc in r.of_kind("Resiliency"):
        assert set(doc["scopes"]) <= set(sidecars)


def test_local_dapr_components_load_where_the_chart_loads_them(rendered: RenderFn) -> None:
    """dapr/components (for `dapr run`) give each pub/sub and state component to the same
    apps as the chart does."""
    chart = {doc["metadata"]["name"]: doc for doc in rendered("default").of_kind("Component")}
    local_dir = Path(__file__).resolve().parents[2] / "dapr" / "components"
    local = {
        doc["metadata"]["name"]: doc
        for path in sorted(local_dir.glob("*.yaml"))
        for doc in yaml.safe_load_all(path.read_text())
        if doc and doc.get("kind") == "Component"
    }
    for name in ("pubsub", "pubsub-live", "statestore"):
        assert local[name]["spec"]["type"] == chart[name]["spec"]["type"], name
        assert sorted(local[name]["scopes"]) == sorted(chart[name]["scopes"]), name


@pytest.mark.parametrize("scenario", ["default", "minikube", "doks", "prod", "strimzi-v1beta2"])
def test_strimzi_kafka_in_kraft_mode(scenario: str, rendered: RenderFn) -> None:
    r = rendered(scenario)
    (kafka,) = r.of_kind("Kafka")
    (pool,) = r.of_kind("KafkaNodePool")
    cluster = kafka["metadata"]["name"]
    assert "zookeeper" not in kafka["spec"]
    assert pool["metadata"]["labels"]["strimzi.io/cluster"] == cluster
    assert set(pool["spec"]["roles"]) == {"controller", "broker"}
    if kafka["apiVersion"].endswith("v1beta2"):
        assert kafka["metadata"]["annotations"]["strimzi.io/kraft"] == "enabled"
        assert kafka["metadata"]["annotations"]["strimzi.io/node-pools"] == "enabled"
    topics = {doc["spec"]["topicName"]: doc for doc in r.of_kind("KafkaTopic")}
    assert set(topics) == TOPICS | {f"{topic}-dlq" for topic in TOPICS}
    for topic in topics.values():
        assert topic["metadata"]["labels"]["strimzi.io/cluster"] == cluster
        assert topic["spec"]["partitions"] >= 1
        assert topic["spec"]["replicas"] <= pool["spec"]["replicas"]
        assert topic["spec"]["config"]["retention.ms"] == SEVEN_DAYS_MS
    pubsub = r.get("Component", "pubsub")
    brokers = {item["name"]: item.get("value") for item in pubsub["spec"]["metadata"]}["brokers"]
    assert brokers.startswith(f"{cluster}-kafka-bootstrap.{r.scenario.namespace}.svc:")


def test_external_kafka_without_strimzi(rendered: RenderFn) -> None:
    r = rendered("strimzi-off")
    for kind in ("Kafka", "KafkaNodePool", "KafkaTopic", "KafkaUser"):
        assert r.of_kind(kind) == []
    pubsub = r.get("Component", "pubsub")
    metadata = {item["name"]: item.get("value") for item in pubsub["spec"]["metadata"]}
    assert metadata["brokers"] == "kafka-0.kafka.example.internal:9092"


def test_prod_kafka_uses_scram_over_tls(rendered: RenderFn) -> None:
    r = rendered("prod")
    (kafka,) = r.of_kind("Kafka")
    (listener,) = kafka["spec"]["kafka"]["listeners"]
    assert listener["tls"] is True
    assert listener["authentication"] == {"type": "scram-sha-512"}
    (user,) = r.of_kind("KafkaUser")
    pubsub = r.get("Component", "pubsub")
    metadata = {item["name"]: item for item in pubsub["spec"]["metadata"]}
    assert metadata["authType"]["value"] == "password"
    assert metadata["saslUsername"]["value"] == user["metadata"]["name"]
    assert metadata["saslPassword"]["secretKeyRef"]["name"] == user["metadata"]["name"]
    assert "value" not in metadata["saslPassword"]
    live = r.get("Component", "pubsub-live")
    assert {item["name"]: item for item in live["spec"]["metadata"]}["saslPassword"] == metadata[
        "saslPassword"
    ]


# --- migrations -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("scenario", "hook"),
    [
        ("default", "post-install,pre-upgrade"),
        ("doks", "post-install,pre-upgrade"),
        ("prod", "pre-install,pre-upgrade"),
        ("external-database", "pre-install,pre-upgrade"),
    ],
)
def test_migration_job_is_a_hook(scenario: str, hook: str, rendered: RenderFn) -> None:
    r = rendered(scenario)
    job = r.get("Job", f"{FULLNAME}-migrate")
    annotations = job["metadata"]["annotations"]
    assert annotations["helm.sh/hook"] == hook
    assert "before-hook-creation" in annotations["helm.sh/hook-delete-policy"]
    (container,) = containers(job)
    assert container["args"] == ["migrate"]
    assert pod_spec(job)["restartPolicy"] == "Never"
    account = r.get("ServiceAccount", pod_spec(job)["serviceAccountName"])
    assert account["metadata"]["annotations"]["helm.sh/hook"] == hook


# --- monitoring -------------------------------------------------------------------------


@pytest.mark.parametrize("scenario", ["prod", "servicemonitor"])
def test_monitoring(scenario: str, rendered: RenderFn) -> None:
    r = rendered(scenario)
    (monitor,) = r.of_kind("ServiceMonitor")
    scraped = [
        service
        for service in r.of_kind("Service")
        if matches(monitor["spec"]["selector"], service["metadata"]["labels"])
    ]
    assert {s["metadata"]["name"] for s in scraped} == {f"{FULLNAME}-{c}" for c in COMPONENTS}
    assert monitor["spec"]["endpoints"][0]["path"] == "/metrics"
    (rules,) = r.of_kind("PrometheusRule")
    alerts = {rule["alert"]: rule for group in rules["spec"]["groups"] for rule in group["rules"]}
    assert "> 0.05" in alerts["TodoChatbotHighErrorRate"]["expr"]
    assert 'status=~"5.."' in alerts["TodoChatbotHighErrorRate"]["expr"]
    assert "histogram_quantile(0.95" in alerts["TodoChatbotHighLatency"]["expr"]
    assert "kube_pod_status_ready" in alerts["TodoChatbotPodsNotReady"]["expr"]
    assert "outbox_oldest_pending_age_seconds" in alerts["TodoChatbotOutboxLagGrowing"]["expr"]
    assert "kafka_consumergroup_lag" in alerts["TodoChatbotConsumerLagGrowing"]["expr"]


def test_monitoring_is_off_by_default(rendered: RenderFn) -> None:
    r = rendered("default")
    assert r.of_kind("ServiceMonitor") == r.of_kind("PrometheusRule") == []


# --- profiles ---------------------------------------------------------------------------


def test_doks_profile(rendered: RenderFn) -> None:
    r = rendered("doks")
    cluster_scoped = {"Namespace", "ClusterRole", "ClusterRoleBinding"}
    for doc in r.docs:
        if doc["kind"] not in cluster_scoped:
            assert doc["metadata"]["namespace"] == "todo-phase-v", doc["metadata"]["name"]
    service = r.get("Service", f"{FULLNAME}-api")
    assert service["spec"]["type"] == "LoadBalancer"
    postgres = r.get("StatefulSet", f"{FULLNAME}-postgresql")
    assert (
        postgres["spec"]["volumeClaimTemplates"][0]["spec"]["storageClassName"]
        == "do-block-storage"
    )
    (pool,) = r.of_kind("KafkaNodePool")
    assert pool["spec"]["storage"]["volumes"][0]["class"] == "do-block-storage"
    assert r.of_kind("ResourceQuota") and r.of_kind("LimitRange")
    assert (
        "registry.digitalocean.com/"
        in r.deployment("api")["spec"]["template"]["spec"]["containers"][0]["image"]
    )


def test_minikube_profile(rendered: RenderFn) -> None:
    r = rendered("minikube")
    for deployment in r.of_kind("Deployment"):
        assert deployment["spec"]["replicas"] == 1
    assert r.of_kind("HorizontalPodAutoscaler") == []
    service = r.get("Service", f"{FULLNAME}-api")
    assert service["spec"]["type"] == "NodePort"
    assert service["spec"]["ports"][0]["nodePort"] == 30080
    assert r.find("StatefulSet", f"{FULLNAME}-postgresql") is not None
    (pool,) = r.of_kind("KafkaNodePool")
    assert pool["spec"]["replicas"] == 1
    for topic in r.of_kind("KafkaTopic"):
        assert topic["spec"]["replicas"] == 1
    for workload in r.workloads():
        if pod_labels(workload).get("app.kubernetes.io/component") != "postgresql":
            assert containers(workload)[0]["imagePullPolicy"] == "IfNotPresent"


def test_prod_profile(rendered: RenderFn) -> None:
    r = rendered("prod")
    (ingress,) = r.of_kind("Ingress")
    assert ingress["metadata"]["annotations"]["cert-manager.io/cluster-issuer"]
    (tls,) = ingress["spec"]["tls"]
    assert tls["hosts"] == [ingress["spec"]["rules"][0]["host"]]
    assert tls["secretName"]
    (pool,) = r.of_kind("KafkaNodePool")
    assert pool["spec"]["replicas"] == 3
    assert r.of_kind("StatefulSet") == []
    assert r.of_kind("ServiceMonitor")
    for worker in WORKERS:
        assert r.deployment(worker)["spec"]["replicas"] == 2
        assert r.find("PodDisruptionBudget", f"{FULLNAME}-{worker}") is not None
    assert r.of_kind("ResourceQuota") and r.of_kind("LimitRange")


def test_guard_rails_are_a_toggle(rendered: RenderFn) -> None:
    assert rendered("default").of_kind("ResourceQuota") == []
    assert rendered("default").of_kind("LimitRange") == []


# --- checkov suppressions carry reasons ------------------------------------------------


@pytest.mark.parametrize("scenario", ALL)
def test_checkov_suppressions_have_reasons(scenario: str, rendered: RenderFn) -> None:
    for doc in rendered(scenario).docs:
        for key, value in (doc["metadata"].get("annotations") or {}).items():
            if key.startswith("checkov.io/skip"):
                check, _, reason = value.partition("=")
                assert re.fullmatch(r"CKV2?_[A-Z0-9]+_\d+", check), value
                assert len(reason.split()) >= 4, f"{check} suppressed without a reason"
