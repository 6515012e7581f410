"""The chart on a real Kubernetes API server, controller manager and scheduler, with three
simulated nodes in three zones (tests.support.kube).

What this proves: every values profile passes the API server's own validation (built-in
kinds and the operators' CRD schemas, with unknown fields refused); `helm install --wait`
finishes only once every workload is Ready and the migration hook Job has completed; an
`--atomic` upgrade rolls out, an upgrade whose pods never get Ready is rolled back by Helm,
and `helm rollback` restores an earlier revision, as the API server shows afterwards; the
scheduler spreads replicas over nodes and zones; the PostgreSQL claim binds to a volume.

What it does not prove: no container runs (kwok reports pods Running and Ready without
starting them), so neither the probes nor the app's start are exercised; NetworkPolicies are
stored but not enforced (no CNI plugin); the HPA keeps its minimum but never sees metrics (no
metrics-server); no Dapr sidecar is injected (no Dapr control plane or webhook); and no
operator reconciles the Kafka, KafkaTopic, ServiceMonitor or Certificate objects.

All tests share one control plane and live in this one module, so a parallel run keeps them
on one worker.
"""

from __future__ import annotations

import base64
import copy
import dataclasses
import functools
import json
from collections import Counter
from typing import Any

import pytest
import yaml

from tests.cluster.releases import Release
from tests.deploy.charts import FULLNAME, PROFILES, SCENARIOS, Scenario, render
from tests.support.kube import ADVERTISE_ADDRESS, NEVER_READY, STORAGE_CLASS, Cluster

pytestmark = [pytest.mark.cluster, pytest.mark.deploy]

Doc = dict[str, Any]


@functools.cache
def rendered(profile: str) -> tuple[Doc, ...]:
    """What `helm template` renders for a profile (offline, as a CD pipeline would)."""
    return tuple(doc for doc in yaml.safe_load_all(render(profile_scenario(profile))) if doc)


def profile_scenario(profile: str) -> Scenario:
    return SCENARIOS.get(profile) or Scenario(profile, (f"values-{profile}.yaml",))


def ensure_namespaces(cluster: Cluster, docs: list[Doc]) -> None:
    names = {doc["metadata"].get("namespace") for doc in docs} - {None}
    cluster.apply(
        [{"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": name}} for name in names]
    )


def server_dry_run(cluster: Cluster, docs: list[Doc]) -> tuple[int, str, list[Doc]]:
    """Apply `docs` with a server-side dry run: exit code, stderr and the objects answered."""
    result = cluster.kubectl(
        "apply",
        "--server-side",
        "--dry-run=server",
        "-f",
        "-",
        "-o",
        "json",
        input=yaml.safe_dump_all(docs),
        check=False,
    )
    if result.returncode != 0:
        return result.returncode, result.stderr, []
    answer = json.loads(result.stdout)
    return 0, result.stderr, answer["items"] if answer.get("kind") == "List" else [answer]


def identity(doc: Doc) -> tuple[str, str, str]:
    return doc["kind"], doc["metadata"].get("namespace", ""), doc["metadata"]["name"]


# Every profile, and every combination of profiles the deploy tests render.
VALUES_PROFILES = [
    "default",
    *PROFILES,
    *(name for name, scenario in SCENARIOS.items() if len(scenario.values) > 1),
]


@pytest.mark.parametrize("profile", VALUES_PROFILES)
def test_the_api_server_accepts_every_object_of_every_profile(
    profile: str, cluster: Cluster
) -> None:
    docs = list(rendered(profile))
    ensure_namespaces(cluster, docs)
    returncode, stderr, answered = server_dry_run(cluster, docs)
    assert returncode == 0, stderr
    assert sorted(map(identity, answered)) == sorted(map(identity, docs))
    # The server filled in what it defaults, so these are its objects, not the input echoed.
    for doc in answered:
        assert doc["metadata"].get("uid"), identity(doc)


def mutated(kind: str, change: Any) -> Doc:
    """The default render's first object of `kind`, with `change(doc)` applied."""
    doc: Doc = copy.deepcopy(next(doc for doc in rendered("default") if doc["kind"] == kind))
    change(doc)
    doc["metadata"]["namespace"] = "refused"
    return doc


def bad_quantity(doc: Doc) -> None:
    doc["spec"]["template"]["spec"]["containers"][0]["resources"]["limits"]["cpu"] = "one core"


def unknown_spec_field(doc: Doc) -> None:
    doc["spec"]["notAField"] = "x"


def wrong_type(doc: Doc) -> None:
    doc["spec"]["partitions"] = "three"


UNKNOWN_FIELD = (
    # What a server-side apply answers, and what a create with strict field validation answers.
    ".spec.notAField: field not declared in schema",
    'strict decoding error: unknown field "spec.notAField"',
)


@pytest.mark.parametrize(
    ("kind", "change", "messages"),
    [
        ("Deployment", bad_quantity, ("quantities must match the regular expression",) * 2),
        ("KafkaTopic", unknown_spec_field, UNKNOWN_FIELD),
        ("Component", unknown_spec_field, UNKNOWN_FIELD),
        (
            "KafkaTopic",
            wrong_type,
            (
                ".spec.partitions: expected numeric (int or float), got string",
                "spec.partitions in body must be of type integer",
            ),
        ),
    ],
    ids=[
        "invalid-quantity",
        "kafkatopic-unknown-field",
        "dapr-component-unknown-field",
        "kafkatopic-wrong-type",
    ],
)
def test_the_api_server_refuses_bad_objects_and_stores_nothing(
    kind: str, change: Any, messages: tuple[str, str], cluster: Cluster
) -> None:
    dry_run_message, create_message = messages
    doc = mutated(kind, change)
    ensure_namespaces(cluster, [doc])
    returncode, stderr, _ = server_dry_run(cluster, [doc])
    assert returncode != 0
    assert dry_run_message in stderr, stderr

    created = cluster.kubectl("create", "-f", "-", input=yaml.safe_dump(doc), check=False)
    assert created.returncode != 0
    assert create_message in created.stderr, created.stderr
    lookup = cluster.kubectl(
        "get", "--namespace", "refused", kind, doc["metadata"]["name"], check=False
    )
    assert lookup.returncode != 0
    assert "NotFound" in lookup.stderr, lookup.stderr


# A release installed once for the tests below, in file order: install, placement, storage,
# then the upgrade and rollback lifecycle.


@pytest.fixture(scope="module")
def release(cluster: Cluster) -> Release:
    # Its own namespace, so the dry runs above never meet its objects.
    release = Release(cluster, dataclasses.replace(SCENARIOS["default"], namespace="release"))
    result = release.install()
    assert result.returncode == 0, result.stderr
    return release


def pods_of(release: Release, component: str) -> list[Doc]:
    return [
        pod
        for pod in release.items("pods", "-l", f"app.kubernetes.io/component={component}")
        if not pod["metadata"].get("deletionTimestamp")
    ]


def ready(pod: Doc) -> bool:
    conditions = pod.get("status", {}).get("conditions", [])
    return any(c["type"] == "Ready" and c["status"] == "True" for c in conditions)


def deployments(release: Release) -> dict[str, Doc]:
    return {d["metadata"]["name"]: d for d in release.items("deployments")}


def rolled_out(deployment: Doc) -> bool:
    status = deployment.get("status", {})
    wanted = deployment["spec"].get("replicas", 1)
    return bool(
        status.get("observedGeneration", 0) >= deployment["metadata"]["generation"]
        and status.get("updatedReplicas") == wanted
        and status.get("readyReplicas") == wanted
        and status.get("replicas") == wanted
    )


def settled(release: Release) -> bool:
    return all(rolled_out(d) for d in deployments(release).values())


def test_install_waits_for_every_workload_and_the_migration_job(release: Release) -> None:
    [entry] = release.history()
    assert entry["status"] == "deployed", entry

    docs = [doc for doc in yaml.safe_load_all(render(release.scenario)) if doc]
    wanted = {doc["metadata"]["name"] for doc in docs if doc["kind"] == "Deployment"}
    assert set(deployments(release)) == wanted
    # Helm saw each Deployment ready; the HPA may be adding an api replica since.
    release.cluster.wait_for("every Deployment rolled out", lambda: settled(release))
    statefulset = release.get("statefulset", f"{FULLNAME}-postgresql")
    assert statefulset["status"].get("readyReplicas") == 1, statefulset["status"]

    # The post-install hook Job ran to completion, then Helm deleted it (hook-succeeded).
    events = release.items(
        "events",
        "--field-selector",
        f"involvedObject.kind=Job,involvedObject.name={FULLNAME}-migrate",
    )
    assert "Completed" in {event["reason"] for event in events}, events
    assert (
        release.cluster.kubectl(
            "get", "--namespace", release.namespace, "job", f"{FULLNAME}-migrate", check=False
        ).returncode
        != 0
    )


def api_at_minimum(release: Release) -> int:
    """Wait until the api runs the HPA's minReplicas, all Ready; that number."""
    minimum: int = release.get("hpa", f"{FULLNAME}-api")["spec"]["minReplicas"]
    release.cluster.wait_for(
        f"{minimum} ready api pods",
        lambda: len([pod for pod in pods_of(release, "api") if ready(pod)]) == minimum,
    )
    return minimum


def test_the_autoscaler_holds_the_api_at_its_minimum(release: Release) -> None:
    """The chart leaves replicas to the HPA, whose controller scales the api to minReplicas."""
    assert api_at_minimum(release) >= 2
    assert release.get("deployment", f"{FULLNAME}-api")["spec"]["replicas"] >= 2


@pytest.mark.parametrize("component", ["api", "mcp"])
def test_the_scheduler_spreads_replicas_over_nodes_and_zones(
    component: str, release: Release
) -> None:
    cluster = release.cluster
    if component == "api":
        api_at_minimum(release)
    pods = pods_of(release, component)
    assert len(pods) >= 2
    zone_of = {
        node["metadata"]["name"]: node["metadata"]["labels"]["topology.kubernetes.io/zone"]
        for node in cluster.items("nodes")
    }
    nodes = [pod["spec"]["nodeName"] for pod in pods]
    assert len(set(nodes)) == len(nodes), nodes
    assert len({zone_of[node] for node in nodes}) == len(nodes), nodes


# Just the api, five replicas that each fill most of a small node (kube.NODE: 4 CPUs).
BIG_API = (
    *SCENARIOS["minimal"].sets,
    "postgresql.enabled=false",
    "secrets.databaseUrl=postgresql://todo:not-a-password@db.example.internal:5432/todo",
    "api.autoscaling.enabled=false",
    "api.replicaCount=5",
    "api.resources.requests.cpu=3",
    "api.resources.limits.cpu=3",
)


def unschedulable(pod: Doc) -> str:
    """The scheduler's reason a pod stays Pending, or ""."""
    for condition in pod.get("status", {}).get("conditions", []):
        if condition["type"] == "PodScheduled" and condition["status"] == "False":
            return str(condition.get("message", condition.get("reason", "")))
    return ""


@pytest.mark.parametrize("when_unsatisfiable", ["ScheduleAnyway", "DoNotSchedule"])
def test_the_scheduler_keeps_the_zone_spread_setting(
    when_unsatisfiable: str, cluster: Cluster
) -> None:
    """Once the two small zones are full, the chart's default (ScheduleAnyway) puts the
    remaining replicas in the large zone; DoNotSchedule keeps zones within one replica of each
    other and leaves the fifth replica Pending instead."""
    namespace = when_unsatisfiable.lower()
    sets = (*BIG_API, f"api.topologySpread.zoneWhenUnsatisfiable={when_unsatisfiable}")
    release = Release(cluster, Scenario(namespace, sets=sets, namespace=namespace))
    result = release.install(wait=False)
    assert result.returncode == 0, result.stderr
    try:
        check_zone_spread(release, when_unsatisfiable)
    finally:
        release.uninstall()  # frees the small nodes for what runs next


def check_zone_spread(release: Release, when_unsatisfiable: str) -> None:
    cluster = release.cluster

    def placed() -> list[Doc] | None:
        pods = pods_of(release, "api")
        decided = [pod for pod in pods if pod["spec"].get("nodeName") or unschedulable(pod)]
        return pods if len(pods) == len(decided) == 5 else None

    pods = cluster.wait_for("the scheduler's decisions", placed)
    large, *small = cluster.nodes
    per_node = Counter(pod["spec"].get("nodeName") for pod in pods if pod["spec"].get("nodeName"))
    pending = [unschedulable(pod) for pod in pods if not pod["spec"].get("nodeName")]
    if when_unsatisfiable == "ScheduleAnyway":
        assert per_node == Counter({large: 3, **dict.fromkeys(small, 1)}), per_node
        assert not pending
    else:
        assert per_node == Counter({large: 2, **dict.fromkeys(small, 1)}), per_node
        [reason] = pending
        assert "didn't match pod topology spread constraints" in reason, reason


def test_the_postgresql_claim_binds_to_a_volume(release: Release) -> None:
    [claim] = release.items("pvc", "-l", "app.kubernetes.io/component=postgresql")
    assert claim["status"]["phase"] == "Bound"
    volume = release.cluster.get("pv", claim["spec"]["volumeName"])
    assert volume["spec"]["storageClassName"] == STORAGE_CLASS
    assert volume["spec"]["claimRef"]["name"] == claim["metadata"]["name"]
    [pod] = pods_of(release, "postgresql")
    assert ready(pod)


def test_the_api_server_address_is_read_at_install(release: Release) -> None:
    """networkPolicy.kubeApiServerCidrs is empty, so the chart looks up the API server's
    endpoints; an egress rule names that address."""
    cidrs = {
        block["ipBlock"]["cidr"]
        for policy in release.items("networkpolicies")
        for rule in policy["spec"].get("egress", [])
        for block in rule.get("to", [])
        if "ipBlock" in block
    }
    assert f"{ADVERTISE_ADDRESS}/32" in cidrs, cidrs


def api_image(release: Release) -> str:
    deployment = release.get("deployment", f"{FULLNAME}-api")
    image: str = deployment["spec"]["template"]["spec"]["containers"][0]["image"]
    return image


def log_level(release: Release) -> str:
    level: str = release.get("configmap", f"{FULLNAME}-config")["data"]["LOG_LEVEL"]
    return level


def jwt_secret(release: Release) -> str:
    data = release.get("secret", FULLNAME)["data"]
    return base64.b64decode(data["jwt_secret"]).decode()


def test_upgrade_failed_upgrade_and_rollback(release: Release) -> None:
    cluster = release.cluster
    installed_image, secret = api_image(release), jwt_secret(release)
    assert log_level(release) == "INFO"

    # 2: a changed release rolls out, keeps the generated Secret and the HPA's replicas.
    result = release.upgrade("image.tag=0.1.1", "config.logLevel=DEBUG")
    assert result.returncode == 0, result.stderr
    assert api_image(release).endswith(":0.1.1")
    assert log_level(release) == "DEBUG"
    assert jwt_secret(release) == secret
    assert release.get("deployment", f"{FULLNAME}-api")["spec"]["replicas"] == 2
    # --wait ends once enough pods are Ready; the old ones may still be on their way out.
    cluster.wait_for("the upgraded release", lambda: settled(release))
    assert all(
        pod["spec"]["containers"][0]["image"].endswith(":0.1.1") for pod in pods_of(release, "api")
    )

    # 3: the api's new pods never get Ready; --atomic rolls the release back to 2 (as 4).
    never_ready = NEVER_READY.replace(".", "\\.")
    failed = release.upgrade(
        "image.tag=0.1.2",
        "config.logLevel=DEBUG",
        set_strings=(f"api.podLabels.{never_ready}=true",),
        timeout="15s",
    )
    assert failed.returncode != 0
    assert "rolled back" in failed.stderr, failed.stderr
    history = release.history()
    assert [(e["revision"], e["status"]) for e in history] == [
        (1, "superseded"),
        (2, "superseded"),
        (3, "failed"),
        (4, "deployed"),
    ], history
    assert "Rollback to 2" in history[-1]["description"]
    assert api_image(release).endswith(":0.1.1")
    # The api's rollout to 0.1.2 had begun; its ReplicaSet is kept, scaled to nothing.
    [abandoned] = [
        replica_set
        for replica_set in release.items("replicasets", "-l", "app.kubernetes.io/component=api")
        if replica_set["spec"]["template"]["spec"]["containers"][0]["image"].endswith(":0.1.2")
    ]
    cluster.wait_for("the rolled-back api", lambda: settled(release))
    assert release.get("replicaset", abandoned["metadata"]["name"])["spec"]["replicas"] == 0
    api_pods = pods_of(release, "api")
    assert api_pods and all(ready(pod) for pod in api_pods)
    assert not [pod for pod in api_pods if NEVER_READY in pod["metadata"]["labels"]]

    # 5: helm rollback to the first revision brings back its image and configuration.
    result = release.rollback(1)
    assert result.returncode == 0, result.stderr
    last = release.history()[-1]
    assert (last["revision"], last["status"]) == (5, "deployed")
    assert "Rollback to 1" in last["description"]
    assert api_image(release) == installed_image
    assert log_level(release) == "INFO"
    assert jwt_secret(release) == secret
    cluster.wait_for("the first revision's pods", lambda: settled(release))
    images = Counter(pod["spec"]["containers"][0]["image"] for pod in pods_of(release, "api"))
    assert set(images) == {installed_image}, images
