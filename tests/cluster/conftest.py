"""One control plane per test session, with the chart's CRDs installed (tests.support.kube)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.cluster.releases import install_crds
from tests.support.kube import Cluster, running_cluster


@pytest.fixture(scope="session")
def cluster(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Cluster]:
    with running_cluster(tmp_path_factory.mktemp("kube")) as cluster:
        install_crds(cluster)
        yield cluster
