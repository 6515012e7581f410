"""The oke and staging profiles, and the autoscaling policy of every profile with an HPA:
CPU and memory at 70 %, up within 60 s, down only after 300 s of lower load."""

from __future__ import annotations

import pytest

from tests.deploy.charts import FULLNAME, SCENARIOS, Doc, RenderFn, pod_spec

pytestmark = pytest.mark.deploy

WITH_AUTOSCALER = {
    "default",
    "doks",
    "aks",
    "gke",
    "oke",
    "staging",
    "prod",
    "doks-prod",
    "doks-staging",
}


def assert_autoscaling_policy(hpa: Doc) -> None:
    spec = hpa["spec"]
    targets = {m["resource"]["name"]: m["resource"]["target"] for m in spec["metrics"]}
    assert targets == {
        "cpu": {"type": "Utilization", "averageUtilization": 70},
        "memory": {"type": "Utilization", "averageUtilization": 70},
    }
    up, down = spec["behavior"]["scaleUp"], spec["behavior"]["scaleDown"]
    # Up: no stabilisation and every policy acts within a minute.
    assert up["stabilizationWindowSeconds"] == 0
    assert up["selectPolicy"] == "Max"
    assert up["policies"] and all(policy["periodSeconds"] <= 60 for policy in up["policies"])
    # Down: only once the recommendation has stayed lower for five minutes.
    assert down["stabilizationWindowSeconds"] == 300
    assert spec["minReplicas"] >= 2


@pytest.mark.parametrize("scenario", sorted(SCENARIOS))
def test_every_autoscaler_follows_the_scaling_policy(scenario: str, rendered: RenderFn) -> None:
    autoscalers = rendered(scenario).of_kind("HorizontalPodAutoscaler")
    if scenario in WITH_AUTOSCALER:
        assert autoscalers, f"{scenario} renders no HPA"
    for hpa in autoscalers:
        assert_autoscaling_policy(hpa)


def test_the_profiles_without_an_autoscaler_are_the_small_ones(rendered: RenderFn) -> None:
    without = {name for name in SCENARIOS if not rendered(name).of_kind("HorizontalPodAutoscaler")}
    assert without <= {"minikube", "minimal"}


def test_oke_profile(rendered: RenderFn) -> None:
    r = rendered("oke")
    service = r.get("Service", f"{FULLNAME}-api")
    assert service["spec"]["type"] == "LoadBalancer"
    annotations = service["metadata"]["annotations"]
    assert annotations["service.beta.kubernetes.io/oci-load-balancer-shape"] == "flexible"
    (pool,) = r.of_kind("KafkaNodePool")
    assert pool["spec"]["storage"]["volumes"][0]["class"] == "oci-bv"
    assert r.find("StatefulSet", f"{FULLNAME}-postgresql") is None  # OCI's managed PostgreSQL
    image = pod_spec(r.deployment("api"))["containers"][0]["image"]
    assert ".ocir.io/" in image


def test_staging_profile(rendered: RenderFn) -> None:
    r = rendered("staging")
    (ingress,) = r.of_kind("Ingress")
    assert ingress["spec"]["rules"][0]["host"] == "staging.todo.example.com"
    assert ingress["metadata"]["annotations"]["cert-manager.io/cluster-issuer"] == (
        "letsencrypt-staging"
    )
    assert r.of_kind("ServiceMonitor") and r.of_kind("PrometheusRule")
    assert r.find("ConfigMap", f"{FULLNAME}-dashboards") is not None
    assert r.find("StatefulSet", f"{FULLNAME}-postgresql") is None
    (kafka,) = r.of_kind("KafkaNodePool")
    assert kafka["spec"]["replicas"] == 1
