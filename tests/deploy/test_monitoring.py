"""Dashboard, alert rules and routing: the rules pass `promtool test rules`, and neither the
dashboard nor any rule names a metric or label the running app does not export."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest
import yaml
from prometheus_client import REGISTRY

from tests.deploy.charts import CHART, FULLNAME, RenderFn, tool
from tests.deploy.promql import Names, legend_labels, names
from tests.observability.helpers import running_todo, todo_env
from tests.support.app import PASSWORD

pytestmark = pytest.mark.deploy

DASHBOARD = CHART / "files" / "dashboards" / "todo-chatbot.json"
PROMTOOL_TESTS = Path(__file__).parent / "promtool" / "alerts.test.yaml"
# Labels Prometheus adds to every series it scrapes through the ServiceMonitor.
TARGET_LABELS = {"namespace", "service", "pod", "container", "endpoint", "job", "instance"}
# Series from other exporters the dashboard and rules read, with the labels they carry.
EXTERNAL = {
    "up": set(),  # Prometheus itself, one per target
    "kube_pod_status_ready": {"condition"},  # kube-state-metrics
    "kube_pod_container_resource_limits": {"resource", "unit"},
    "kube_horizontalpodautoscaler_status_current_replicas": {"horizontalpodautoscaler"},
    "kube_horizontalpodautoscaler_status_desired_replicas": {"horizontalpodautoscaler"},
    "kube_horizontalpodautoscaler_spec_min_replicas": {"horizontalpodautoscaler"},
    "kube_horizontalpodautoscaler_spec_max_replicas": {"horizontalpodautoscaler"},
    "container_cpu_usage_seconds_total": set(),  # the kubelet's cAdvisor
    "container_memory_working_set_bytes": set(),
    "kafka_consumergroup_lag": {"consumergroup", "topic", "partition"},  # Kafka exporter
}
HELP = re.compile(r"^# HELP (\S+) ", re.M)
TYPE = re.compile(r"^# TYPE (\S+) (\S+)$", re.M)
SAMPLE = re.compile(r"^([A-Za-z_:][A-Za-z0-9_:]*)(?:\{(.*)\})? ", re.M)
LABEL = re.compile(r'([A-Za-z_][A-Za-z0-9_]*)="')


# --- what the app exports ----------------------------------------------------------------


def exported_series(text: str) -> dict[str, set[str]]:
    """Series name -> label names, from a /metrics page. A family without samples yet (a
    labelled counter nothing has counted) takes the label names its metric declares."""
    series: dict[str, set[str]] = {}
    for name, labels in SAMPLE.findall(text):
        series.setdefault(name, set()).update(LABEL.findall(labels or ""))
    for name, kind in TYPE.findall(text):
        declared = _declared_labels(name)
        if kind == "histogram":
            for suffix, extra in (("_bucket", {"le"}), ("_sum", set()), ("_count", set())):
                series.setdefault(name + suffix, set()).update(declared | extra)
        elif kind == "counter":
            series.setdefault(name if name.endswith("_total") else name + "_total", set()).update(
                declared
            )
        else:
            series.setdefault(name, set()).update(declared)
    return series


def _declared_labels(family: str) -> set[str]:
    import todo_chatbot.embedded  # noqa: F401 - registers every metric of `todo serve`

    collector = REGISTRY._names_to_collectors.get(family) or REGISTRY._names_to_collectors.get(
        family + "_total"
    )
    return set(getattr(collector, "_labelnames", ()))


def _drive(base_url: str) -> None:
    """Requests, a recurring task completed, and a reminder that comes due."""
    with httpx.Client(base_url=base_url, timeout=30) as client:
        token = client.post(
            "/api/v1/auth/register", json={"email": "ops@example.com", "password": PASSWORD}
        ).json()["access_token"]
        auth = {"Authorization": f"Bearer {token}"}
        soon = (datetime.now(UTC) + timedelta(seconds=1)).isoformat()
        task = client.post(
            "/api/v1/tasks",
            json={
                "title": "rent",
                "due": "2026-12-01",
                "recurrence": "FREQ=MONTHLY",
                "remind_at": soon,
            },
            headers=auth,
        ).json()
        assert client.post(f"/api/v1/tasks/{task['id']}/complete", headers=auth).is_success
        assert client.get("/api/v1/tasks/999999", headers=auth).status_code == 404
        assert client.post(
            "/api/v1/chat", json={"message": "list my tasks"}, headers=auth
        ).is_success
        deadline = time.monotonic() + 30
        while "reminder_lag_seconds_count" not in client.get("/metrics").text:
            assert time.monotonic() < deadline, "no reminder came due"
            time.sleep(0.3)


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, set[str]]]:
    env = todo_env(
        DATA_DIR=str(tmp_path_factory.mktemp("metrics")), SCHEDULER_INTERVAL_SECONDS="0.3"
    )
    with running_todo("serve", env=env) as todo:
        _drive(todo.base_url)
        yield exported_series(httpx.get(f"{todo.base_url}/metrics").text)


# --- what the dashboard and the rules read ----------------------------------------------


def dashboard_expressions() -> list[tuple[str, str, str]]:
    """(panel title, expression, legend) of every query of the dashboard."""
    dashboard = json.loads(DASHBOARD.read_text())
    return [
        (panel["title"], target["expr"], target.get("legendFormat", ""))
        for panel in dashboard["panels"]
        for target in panel.get("targets", [])
    ]


def rule_expressions(rendered: RenderFn) -> list[tuple[str, str, str]]:
    (rules,) = rendered("monitoring").of_kind("PrometheusRule")
    return [
        (rule["alert"], rule["expr"], " ".join(rule.get("annotations", {}).values()))
        for group in rules["spec"]["groups"]
        for rule in group["rules"]
    ]


def problems(expression: str, legend: str, exported: dict[str, set[str]]) -> list[str]:
    """Each metric or label the expression names that nobody exports."""
    found: Names = names(expression)
    known = {**{name: labels | TARGET_LABELS for name, labels in EXTERNAL.items()}}
    known.update({name: labels | TARGET_LABELS for name, labels in exported.items()})
    faults = [f"metric {metric}" for metric in sorted(found.metrics) if metric not in known]
    for metric, labels in found.selector_labels.items():
        if metric in known:
            faults += [f"label {metric}{{{label}}}" for label in sorted(labels - known[metric])]
    available = set().union(*(known.get(metric, set()) for metric in found.metrics))
    used = found.grouping_labels | legend_labels(legend)
    faults += [f"label {label}" for label in sorted(used - available)]
    return faults


def test_the_dashboard_reads_only_what_the_app_and_the_cluster_export(
    exported: dict[str, set[str]],
) -> None:
    faults = {
        title: found
        for title, expression, legend in dashboard_expressions()
        if (found := problems(expression, legend, exported))
    }
    assert not faults


def test_the_alert_rules_read_only_what_the_app_and_the_cluster_export(
    exported: dict[str, set[str]], rendered: RenderFn
) -> None:
    faults = {
        alert: found
        for alert, expression, annotations in rule_expressions(rendered)
        if (found := problems(expression, annotations, exported))
    }
    assert not faults


def test_the_check_finds_a_misspelt_metric_or_label(exported: dict[str, set[str]]) -> None:
    assert problems("rate(http_request_total[5m])", "", exported) == ["metric http_request_total"]
    assert problems('sum by (path) (rate(http_requests_total{verb="GET"}[5m]))', "", exported) == [
        "label http_requests_total{verb}",
        "label path",
    ]
    assert problems("sum(rate(events_consumed_total[5m]))", "{{consumer}}", exported) == []
    assert problems("sum(rate(events_consumed_total[5m]))", "{{route}}", exported) == [
        "label route"
    ]


def test_the_app_exports_what_the_operations_views_are_built_on(
    exported: dict[str, set[str]],
) -> None:
    assert {"route", "method", "status"} <= exported["http_requests_total"]
    assert "le" in exported["http_request_duration_seconds_bucket"]
    for name in (
        "events_published_total",
        "events_consumed_total",
        "events_dead_lettered_total",
        "outbox_oldest_pending_age_seconds",
        "reminder_lag_seconds_bucket",
    ):
        assert name in exported


# --- the dashboard ---------------------------------------------------------------------


def test_the_dashboard_covers_health_traffic_capacity_events_and_lag() -> None:
    titles: dict[str, str] = {}
    for title, expression, _ in dashboard_expressions():
        titles[title] = titles.get(title, "") + expression + "\n"
    assert "up{" in titles["Status"]
    assert "http_requests_total" in titles["Request rate by route"]
    assert 'status=~"5.."' in titles["Error ratio by route (5xx)"]
    for quantile in ("0.5", "0.95", "0.99"):
        title = f"p{round(float(quantile) * 100)} latency by route"
        assert titles[title].startswith(f"histogram_quantile({quantile}, sum by (route, le)")
    assert "kube_pod_container_resource_limits" in titles["CPU against limits"]
    assert "kube_pod_container_resource_limits" in titles["Memory against limits"]
    assert "kube_horizontalpodautoscaler" in titles["api replicas and the HPA"]
    assert "events_published_total" in titles["Published by topic"]
    assert "events_consumed_total" in titles["Consumed by consumer and outcome"]
    assert "events_dead_lettered_total" in titles["Dead-lettered by topic"]
    assert "outbox_oldest_pending_age_seconds" in titles["Outbox lag"]
    assert "kafka_consumergroup_lag" in titles["Consumer lag (Kafka)"]
    assert "reminder_lag_seconds_bucket" in titles["Reminder lag (p95)"]
    status = json.loads(DASHBOARD.read_text())["panels"][1]
    texts = {
        mapping["options"].get("result", {}).get("text")
        or next(iter(mapping["options"].values()))["text"]
        for mapping in status["fieldConfig"]["defaults"]["mappings"]
    }
    assert texts == {"Healthy", "Degraded", "Down"}


def test_the_dashboard_ships_as_a_configmap_for_the_grafana_sidecar(rendered: RenderFn) -> None:
    configmap = rendered("monitoring").get("ConfigMap", f"{FULLNAME}-dashboards")
    assert configmap["metadata"]["labels"]["grafana_dashboard"] == "1"
    assert json.loads(configmap["data"]["todo-chatbot.json"]) == json.loads(DASHBOARD.read_text())
    assert rendered("default").find("ConfigMap", f"{FULLNAME}-dashboards") is None


# --- alerts and their routing -----------------------------------------------------------


def test_the_alert_rules_pass_their_promtool_unit_tests(rendered: RenderFn, tmp_path: Path) -> None:
    (rules,) = rendered("monitoring").of_kind("PrometheusRule")
    (tmp_path / "rules.yaml").write_text(yaml.safe_dump({"groups": rules["spec"]["groups"]}))
    shutil.copy(PROMTOOL_TESTS, tmp_path)
    promtool = tool("promtool")
    check = subprocess.run(
        [promtool, "check", "rules", "rules.yaml"], cwd=tmp_path, capture_output=True, text=True
    )
    assert check.returncode == 0, check.stdout + check.stderr
    test = subprocess.run(
        [promtool, "test", "rules", PROMTOOL_TESTS.name],
        cwd=tmp_path,
        capture_output=True,
        text=True,
    )
    assert test.returncode == 0, test.stdout + test.stderr
    assert "SUCCESS" in test.stdout


def test_every_alert_has_a_unit_test_that_makes_it_fire(rendered: RenderFn) -> None:
    alerts = {alert for alert, _, _ in rule_expressions(rendered)}
    cases = yaml.safe_load(PROMTOOL_TESTS.read_text())["tests"]
    firing = {
        check["alertname"]
        for case in cases
        for check in case["alert_rule_test"]
        if check.get("exp_alerts")
    }
    assert alerts == firing
    assert {
        "TodoChatbotHighErrorRate",
        "TodoChatbotHighLatency",
        "TodoChatbotPodsNotReady",
        "TodoChatbotAutoscalerAtMaximum",
        "TodoChatbotOutboxLagGrowing",
        "TodoChatbotConsumerLagGrowing",
        "TodoChatbotEventsDeadLettered",
    } == alerts


def test_the_error_rate_alert_fires_above_five_percent_for_one_minute(rendered: RenderFn) -> None:
    (rules,) = rendered("monitoring").of_kind("PrometheusRule")
    (alert,) = [
        rule
        for group in rules["spec"]["groups"]
        for rule in group["rules"]
        if rule["alert"] == "TodoChatbotHighErrorRate"
    ]
    assert alert["for"] == "1m"
    assert "> 0.05" in alert["expr"]


def test_alerts_are_routed_to_a_slack_compatible_webhook_from_a_secret(
    rendered: RenderFn,
) -> None:
    r = rendered("monitoring")
    (config,) = r.of_kind("AlertmanagerConfig")
    (receiver,) = config["spec"]["receivers"]
    assert config["spec"]["route"]["receiver"] == receiver["name"]
    (slack,) = receiver["slackConfigs"]
    assert slack["apiURL"] == {"name": "alert-webhook", "key": "url"}  # a Secret reference
    assert slack["sendResolved"] is True
    matchers: list[dict[str, Any]] = config["spec"]["route"]["matchers"]
    assert {"name": "alertname", "matchType": "=~", "value": "TodoChatbot.*"} in matchers
    assert rendered("default").of_kind("AlertmanagerConfig") == []
