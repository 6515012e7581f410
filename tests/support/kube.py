"""A real Kubernetes control plane on loopback ports, with simulated nodes.

scripts/install-kube.sh builds kube-apiserver, kube-controller-manager, kube-scheduler and
kubectl (from the k8s.io/kubernetes module) and kwok into the tools cache, and installs
Debian's etcd. `running_cluster` starts etcd and the control plane on free 127.0.0.1 ports,
with token authentication and RBAC, writes a kubeconfig for that token, registers fake nodes
(one per zone) that kwok keeps Ready, and stops every process it started, by its PID, when
it leaves.

No container runs. kwok plays the kubelet through the stages in kwok_stages.yaml: a pod bound
to a node turns Running and Ready (a pod labelled NEVER_READY turns Running but never Ready,
like one whose readiness probe keeps failing), a Job's pod then Succeeds, and a deleted pod
goes. Storage is only bookkeeping: hostPath PersistentVolumes of a default StorageClass that the
real binder and scheduler hand to claims.
"""

from __future__ import annotations

import contextlib
import json
import os
import secrets
import subprocess
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

import httpx
import yaml

from tests.support.external import require, require_program
from tests.support.processes import free_port

KUBERNETES_VERSION = "v1.34.2"
KWOK_VERSION = "v0.7.0"
INSTALL_HINT = "run scripts/install-kube.sh"
TOOLS_DIR = Path(
    os.environ.get("TODO_TOOLS_DIR") or Path.home() / ".cache" / "todo-chatbot" / "tools"
)
# Written into the `kubernetes` Service's endpoints; nothing dials it (every client uses the
# loopback URL). An address from TEST-NET-1, since endpoints may not be loopback addresses.
ADVERTISE_ADDRESS = "192.0.2.10"
SERVICE_CIDR = "10.96.0.0/16"
ZONES = ("zone-a", "zone-b", "zone-c")
# The first node is sixteen times the size of the other two, so a zone can fill up while
# another still has room.
LARGE_NODE = {"cpu": "64", "memory": "256Gi", "pods": "110"}
NODE = {"cpu": "4", "memory": "16Gi", "pods": "110"}
STORAGE_CLASS = "standard"
VOLUME_SIZE = "20Gi"
FAKE_NODE_ANNOTATION = "kwok.x-k8s.io/node"
NEVER_READY = "kwok.todo-chatbot.io/never-ready"
# Debian's etcd 3.4 cannot report watch progress, so the API server refuses streaming lists.
# With WatchList on it also turns every watch from resourceVersion 0 into one (kwok's are), and
# kwok then sees changes only when it relists, up to a minute late. Off, watches are plain,
# and the controller manager is told not to ask for streaming lists at all.
API_SERVER_FEATURES = "WatchList=false"
CONTROLLER_MANAGER_FEATURES = "WatchListClient=false"

# The kubelet's part, played by kwok; NEVER_READY is the label its stages key on.
KWOK_STAGES = Path(__file__).with_name("kwok_stages.yaml")

Doc = dict[str, Any]


class KubeDidNotStart(RuntimeError):
    """A control-plane process exited, or did not become ready in time."""


@dataclass(frozen=True)
class Binaries:
    kube_apiserver: Path
    kube_controller_manager: Path
    kube_scheduler: Path
    kubectl: Path
    kwok: Path
    etcd: str
    openssl: str


def binaries() -> Binaries:
    """The cached control-plane programs (skip, or fail under CI, when missing)."""
    kube = TOOLS_DIR / f"kubernetes-{KUBERNETES_VERSION}" / "bin"
    found = Binaries(
        kube_apiserver=kube / "kube-apiserver",
        kube_controller_manager=kube / "kube-controller-manager",
        kube_scheduler=kube / "kube-scheduler",
        kubectl=kube / "kubectl",
        kwok=TOOLS_DIR / f"kwok-{KWOK_VERSION}" / "bin" / "kwok",
        etcd=require_program("etcd", INSTALL_HINT),
        openssl=require_program("openssl"),
    )
    built = (found.kube_apiserver, found.kube_controller_manager, found.kube_scheduler)
    absent = [
        str(path) for path in (*built, found.kubectl, found.kwok) if not os.access(path, os.X_OK)
    ]
    require(not absent, f"not built: {', '.join(absent)}: {INSTALL_HINT}")
    return found


@dataclass
class Cluster:
    """A running control plane: its URL, an admin kubeconfig and a kubectl bound to it."""

    server: str
    kubeconfig: Path
    kubectl_path: Path
    root: Path
    nodes: tuple[str, ...] = ()

    def env(self) -> dict[str, str]:
        """Environment for helm and kubectl: this cluster only, no user configuration."""
        return {
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "HOME": str(self.root / "home"),
            "KUBECONFIG": str(self.kubeconfig),
        }

    def kubectl(
        self, *args: str, input: str | None = None, check: bool = True
    ) -> subprocess.CompletedProcess[str]:
        result = subprocess.run(
            [str(self.kubectl_path), *args],
            input=input,
            capture_output=True,
            text=True,
            env=self.env(),
            check=False,
            timeout=180,
        )
        if check and result.returncode != 0:
            raise AssertionError(f"kubectl {' '.join(args)} failed:\n{result.stderr}")
        return result

    def get(self, *args: str) -> Doc:
        """`kubectl get ... -o json`, parsed."""
        doc: Doc = json.loads(self.kubectl("get", *args, "-o", "json").stdout)
        return doc

    def items(self, *args: str) -> list[Doc]:
        items: list[Doc] = self.get(*args)["items"]
        return items

    def apply(self, docs: Sequence[Doc]) -> None:
        self.kubectl("apply", "--server-side", "-f", "-", input=yaml.safe_dump_all(docs))

    def wait_for(
        self, what: str, check: Callable[[], Any], *, timeout: float = 60.0, interval: float = 0.5
    ) -> Any:
        """Poll `check()` until it returns something truthy; fail naming `what` after `timeout`."""
        deadline = time.monotonic() + timeout
        while True:
            found = check()
            if found:
                return found
            if time.monotonic() > deadline:
                raise AssertionError(f"timed out after {timeout:.0f} s waiting for {what}")
            time.sleep(interval)


@dataclass
class _Processes:
    """Processes started for one cluster, stopped by their PIDs in reverse order."""

    logs: Path
    started: list[tuple[str, subprocess.Popen[bytes], IO[bytes]]] = field(default_factory=list)

    def start(self, name: str, args: Sequence[str | Path]) -> subprocess.Popen[bytes]:
        log = (self.logs / f"{name}.log").open("wb")
        process = subprocess.Popen(
            [str(arg) for arg in args], stdout=log, stderr=subprocess.STDOUT, cwd=self.logs
        )
        self.started.append((name, process, log))
        return process

    def check_alive(self) -> None:
        for name, process, _ in self.started:
            if process.poll() is not None:
                tail = (self.logs / f"{name}.log").read_text(errors="replace")[-3000:]
                raise KubeDidNotStart(f"{name} exited with {process.returncode}:\n{tail}")

    def stop_all(self) -> None:
        """SIGTERM to each, the last started first (the API server stops quickly only while
        etcd still answers); SIGKILL for one still running after 15 s."""
        for _, process, log in reversed(self.started):
            if process.poll() is None:
                process.terminate()
                try:
                    process.wait(timeout=15)
                except subprocess.TimeoutExpired:
                    process.kill()
                    process.wait(timeout=15)
            log.close()
        self.started.clear()


def _wait_until(
    what: str, processes: _Processes, ready: Callable[[], bool], timeout: float
) -> None:
    deadline = time.monotonic() + timeout
    while True:
        processes.check_alive()
        with contextlib.suppress(httpx.HTTPError, OSError):
            if ready():
                return
        if time.monotonic() > deadline:
            raise KubeDidNotStart(
                f"{what} not ready within {timeout:.0f} s (logs in {processes.logs})"
            )
        time.sleep(0.2)


def _kubeconfig(server: str, ca: Path, token: str) -> Doc:
    return {
        "apiVersion": "v1",
        "kind": "Config",
        "clusters": [
            {"name": "test", "cluster": {"server": server, "certificate-authority": str(ca)}}
        ],
        "users": [{"name": "admin", "user": {"token": token}}],
        "contexts": [{"name": "test", "context": {"cluster": "test", "user": "admin"}}],
        "current-context": "test",
    }


def _node(zone: str, size: dict[str, str]) -> Doc:
    name = f"kwok-{zone}"
    return {
        "apiVersion": "v1",
        "kind": "Node",
        "metadata": {
            "name": name,
            "annotations": {FAKE_NODE_ANNOTATION: "fake"},
            "labels": {
                "kubernetes.io/hostname": name,
                "kubernetes.io/os": "linux",
                "kubernetes.io/arch": "amd64",
                "topology.kubernetes.io/region": "region-1",
                "topology.kubernetes.io/zone": zone,
                "type": "kwok",
            },
        },
        "status": {"allocatable": size, "capacity": size},
    }


def _storage(volumes: int) -> list[Doc]:
    """A default StorageClass with pre-made volumes: the real binder and scheduler place
    claims on them; nothing is written to disk, since no pod runs."""
    storage_class: Doc = {
        "apiVersion": "storage.k8s.io/v1",
        "kind": "StorageClass",
        "metadata": {
            "name": STORAGE_CLASS,
            "annotations": {"storageclass.kubernetes.io/is-default-class": "true"},
        },
        "provisioner": "kubernetes.io/no-provisioner",
        "volumeBindingMode": "WaitForFirstConsumer",
        "reclaimPolicy": "Retain",
    }
    return [
        storage_class,
        *(
            {
                "apiVersion": "v1",
                "kind": "PersistentVolume",
                "metadata": {"name": f"volume-{index}"},
                "spec": {
                    "capacity": {"storage": VOLUME_SIZE},
                    "accessModes": ["ReadWriteOnce"],
                    "persistentVolumeReclaimPolicy": "Retain",
                    "storageClassName": STORAGE_CLASS,
                    "hostPath": {"path": f"/var/lib/kwok-volumes/{index}"},
                },
            }
            for index in range(volumes)
        ),
    ]


@contextlib.contextmanager
def running_cluster(
    root: Path, *, zones: Sequence[str] = ZONES, volumes: int = 4
) -> Iterator[Cluster]:
    """etcd, kube-apiserver, kube-controller-manager, kube-scheduler and kwok on loopback
    ports, one Ready fake node per zone and `volumes` PersistentVolumes; stopped on exit."""
    tools = binaries()
    for folder in ("etcd", "pki", "home", "logs"):
        (root / folder).mkdir(parents=True, exist_ok=True)
    processes = _Processes(root / "logs")
    try:
        etcd_port, peer_port, api_port = free_port(), free_port(), free_port()
        etcd_url = f"http://127.0.0.1:{etcd_port}"
        peer_url = f"http://127.0.0.1:{peer_port}"
        processes.start(
            "etcd",
            [
                tools.etcd,
                "--name=test",
                f"--data-dir={root / 'etcd'}",
                f"--listen-client-urls={etcd_url}",
                f"--advertise-client-urls={etcd_url}",
                f"--listen-peer-urls={peer_url}",
                f"--initial-advertise-peer-urls={peer_url}",
                f"--initial-cluster=test={peer_url}",
                "--log-level=warn",
            ],
        )
        _wait_until(
            "etcd",
            processes,
            lambda: httpx.get(f"{etcd_url}/health", timeout=2).json().get("health") == "true",
            30,
        )

        key = root / "pki" / "service-account.key"
        subprocess.run(
            [tools.openssl, "genrsa", "-out", str(key), "2048"], check=True, capture_output=True
        )
        token = secrets.token_urlsafe(32)
        tokens = root / "pki" / "tokens.csv"
        tokens.write_text(f'{token},admin,admin,"system:masters"\n')
        tokens.chmod(0o600)
        server = f"https://127.0.0.1:{api_port}"
        processes.start(
            "kube-apiserver",
            [
                tools.kube_apiserver,
                f"--etcd-servers={etcd_url}",
                "--bind-address=127.0.0.1",
                f"--secure-port={api_port}",
                f"--advertise-address={ADVERTISE_ADDRESS}",
                f"--cert-dir={root / 'pki'}",
                f"--token-auth-file={tokens}",
                "--authorization-mode=Node,RBAC",
                f"--service-account-key-file={key}",
                f"--service-account-signing-key-file={key}",
                "--service-account-issuer=https://kubernetes.default.svc.cluster.local",
                f"--service-cluster-ip-range={SERVICE_CIDR}",
                f"--feature-gates={API_SERVER_FEATURES}",
                "--profiling=false",
            ],
        )
        headers = {"Authorization": f"Bearer {token}"}
        _wait_until(
            "kube-apiserver",
            processes,
            lambda: (
                httpx.get(f"{server}/readyz", headers=headers, verify=False, timeout=2).status_code
                == 200
            ),
            90,
        )
        kubeconfig = root / "kubeconfig"
        ca = root / "pki" / "apiserver.crt"
        kubeconfig.write_text(yaml.safe_dump(_kubeconfig(server, ca, token)))
        kubeconfig.chmod(0o600)

        processes.start(
            "kube-controller-manager",
            [
                tools.kube_controller_manager,
                f"--kubeconfig={kubeconfig}",
                "--leader-elect=false",
                "--secure-port=0",
                f"--service-account-private-key-file={key}",
                f"--root-ca-file={ca}",
                f"--service-cluster-ip-range={SERVICE_CIDR}",
                f"--feature-gates={CONTROLLER_MANAGER_FEATURES}",
                # The HPA acts within a second of a change, not at its 15 s default.
                "--horizontal-pod-autoscaler-sync-period=1s",
                "--profiling=false",
            ],
        )
        processes.start(
            "kube-scheduler",
            [
                tools.kube_scheduler,
                f"--kubeconfig={kubeconfig}",
                "--leader-elect=false",
                "--secure-port=0",
            ],
        )
        processes.start(
            "kwok",
            [
                tools.kwok,
                f"--kubeconfig={kubeconfig}",
                f"--config={KWOK_STAGES}",
                "--manage-all-nodes=false",
                f"--manage-nodes-with-annotation-selector={FAKE_NODE_ANNOTATION}=fake",
                "--cidr=10.244.0.0/16",
                # Renew node Leases, so the node lifecycle controller never finds a node gone
                # quiet (kwok's status heartbeat alone comes only every 20-45 s).
                "--node-lease-duration-seconds=40",
            ],
        )
        cluster = Cluster(server, kubeconfig, tools.kubectl, root)
        nodes = [_node(zone, LARGE_NODE if i == 0 else NODE) for i, zone in enumerate(zones)]
        cluster.kubectl("create", "-f", "-", input=yaml.safe_dump_all(nodes))
        cluster.apply(_storage(volumes))
        cluster.kubectl("wait", "--for=condition=Ready", "node", "--all", "--timeout=60s")
        # The controller manager is at work once it has made the default ServiceAccount.
        cluster.wait_for(
            "the default ServiceAccount",
            lambda: (
                cluster.kubectl("get", "serviceaccount", "default", check=False).returncode == 0
            ),
        )
        cluster.nodes = tuple(node["metadata"]["name"] for node in nodes)
        yield cluster
    finally:
        processes.stop_all()
