"""Session fixtures of the container tests: a private dockerd, the image built from the
repository's Dockerfile on the stand-in base, one Docker network, and PostgreSQL and Kafka
on the host listening on that network's gateway (the host's loopback stays theirs only).
Helpers: tests/support/docker.py and tests/containers/topology.py."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.containers.topology import Backends, write_secrets
from tests.support.databases import admin
from tests.support.docker import (
    BuiltImage,
    Docker,
    Network,
    base_tarball,
    build_image,
    create_network,
    find_cli,
    find_dockerd,
    host_ca_bundle,
    import_base,
    real_clock_env,
    running_daemon,
)
from tests.support.external import require
from tests.support.kafka import KafkaBroker, find_libs, start_broker
from tests.support.postgres import PostgresServer, find_bin_dir, running_server

IMAGE = "todo-chatbot:test"


@pytest.fixture(scope="session")
def docker() -> Iterator[Docker]:
    dockerd, cli = find_dockerd(), find_cli()
    require(
        dockerd is not None and cli is not None,
        "docker.io not installed: run scripts/install-docker.sh",
    )
    require(os.geteuid() == 0, "the tests start their own dockerd, which needs root")
    assert dockerd is not None and cli is not None
    with running_daemon(dockerd, cli) as daemon:
        yield daemon


@pytest.fixture(scope="session")
def image(docker: Docker) -> BuiltImage:
    tarball = base_tarball()
    require(tarball is not None, "no base image tarball: run scripts/build-base-image.sh")
    assert tarball is not None
    base = import_base(docker, tarball)
    return build_image(docker, IMAGE, base=base, ca_bundle=host_ca_bundle())


@pytest.fixture(scope="session")
def network(docker: Docker) -> Iterator[Network]:
    created = create_network(docker, "todo-chatbot")
    try:
        yield created
    finally:
        docker.run("network", "rm", created.name, check=False)


@pytest.fixture(scope="session")
def postgres(network: Network) -> Iterator[PostgresServer]:
    bin_dir = find_bin_dir()
    require(bin_dir is not None, "PostgreSQL server binaries (initdb, pg_ctl) not installed")
    assert bin_dir is not None
    with running_server(
        bin_dir, host=network.gateway, trusted_network=network.subnet, env=real_clock_env()
    ) as server:
        yield server


@pytest.fixture(scope="session")
def kafka(network: Network) -> Iterator[KafkaBroker]:
    require(shutil.which("java") is not None, "java not found: run scripts/install-kafka.sh")
    libs = find_libs()
    require(libs is not None, "Kafka jars not cached: run scripts/install-kafka.sh")
    assert libs is not None
    broker = start_broker(libs, host=network.gateway, env=real_clock_env())
    try:
        yield broker
    finally:
        broker.cleanup()


@pytest.fixture(scope="module")
def backends(
    request: pytest.FixtureRequest,
    postgres: PostgresServer,
    kafka: KafkaBroker,
    tmp_path_factory: pytest.TempPathFactory,
) -> Backends:
    """A database of the module's own, the broker, and the Secret's files for it."""
    database = f"todo_{Path(str(request.node.path)).stem}"
    admin(postgres, f"CREATE DATABASE {database}")
    url = postgres.sync_url(database)
    return Backends(
        database_url=url,
        kafka_bootstrap=kafka.bootstrap,
        secrets_dir=write_secrets(tmp_path_factory.mktemp("secrets") / "todo-chatbot", url),
    )
