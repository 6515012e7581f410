"""A real single-node Apache Kafka broker (KRaft mode) from the official jars, for the
benchmarks and (through tests/support/kafka.py) the tests.

`scripts/install-kafka.sh` fetches org.apache.kafka:kafka_2.13, kafka-tools and a logging
binding from Maven Central into `${TODO_CACHE_DIR:-~/.cache/todo-chatbot}/kafka/<version>`.
The broker runs on 127.0.0.1 with free ports and a temporary log dir, and can be stopped and
started again on the same port and data (to test an outage).
"""

from __future__ import annotations

import base64
import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path

from bench.common import free_port

KAFKA_VERSION = os.environ.get("KAFKA_VERSION", "3.9.1")
JVM_FLAGS = ["-Xms128m", "-Xmx512m", "-XX:+UseSerialGC", "-Djava.awt.headless=true"]
TOOL_FLAGS = ["-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"]


def cache_dir() -> Path:
    base = os.environ.get("TODO_CACHE_DIR") or str(Path.home() / ".cache" / "todo-chatbot")
    return Path(base) / "kafka" / KAFKA_VERSION


def find_libs() -> Path | None:
    libs = cache_dir() / "libs"
    return libs if (libs / ".complete").exists() else None


def port_open(port: int, host: str = "127.0.0.1") -> bool:
    with socket.socket() as sock:
        sock.settimeout(0.2)
        return sock.connect_ex((host, port)) == 0


SERVER_PROPERTIES = """\
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@{host}:{controller_port}
listeners=PLAINTEXT://{host}:{port},CONTROLLER://{host}:{controller_port}
advertised.listeners=PLAINTEXT://{host}:{port}
controller.listener.names=CONTROLLER
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
inter.broker.listener.name=PLAINTEXT
log.dirs={data}
num.partitions=3
offsets.topic.replication.factor=1
offsets.topic.num.partitions=6
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
group.initial.rebalance.delay.ms=0
group.min.session.timeout.ms=3000
auto.create.topics.enable=true
log.flush.interval.messages=1000000
"""

LOG4J = """\
log4j.rootLogger=WARN, file
log4j.appender.file=org.apache.log4j.FileAppender
log4j.appender.file.File={log}
log4j.appender.file.layout=org.apache.log4j.PatternLayout
log4j.appender.file.layout.ConversionPattern=[%d] %p %m (%c)%n
"""


@dataclass
class KafkaBroker:
    libs: Path
    root: Path = field(default_factory=lambda: Path(tempfile.mkdtemp(prefix="todo-kafka-")))
    port: int = field(default_factory=free_port)
    controller_port: int = field(default_factory=free_port)
    process: subprocess.Popen[bytes] | None = None
    host: str = "127.0.0.1"  # the address it listens on and advertises
    env: dict[str, str] | None = None  # for the JVMs, instead of this process's environment

    def __post_init__(self) -> None:
        while self.controller_port == self.port:
            self.controller_port = free_port()

    @property
    def bootstrap(self) -> str:
        return f"{self.host}:{self.port}"

    def _java(self, main: str, *args: str, flags: list[str] = JVM_FLAGS) -> list[str]:
        java = shutil.which("java") or "java"
        log4j = f"-Dlog4j.configuration=file:{self.root / 'log4j.properties'}"
        return [java, *flags, log4j, "-cp", f"{self.libs}/*", main, *args]

    def prepare(self) -> None:
        (self.root / "server.properties").write_text(
            SERVER_PROPERTIES.format(
                host=self.host,
                port=self.port,
                controller_port=self.controller_port,
                data=self.root / "data",
            )
        )
        (self.root / "log4j.properties").write_text(LOG4J.format(log=self.root / "broker.log"))
        cluster_id = base64.urlsafe_b64encode(uuid.uuid4().bytes).decode().rstrip("=")
        subprocess.run(
            self._java(
                "kafka.tools.StorageTool",
                "format",
                "-t",
                cluster_id,
                "-c",
                str(self.root / "server.properties"),
                flags=TOOL_FLAGS,
            ),
            check=True,
            capture_output=True,
            timeout=60,
            env=self.env,
        )

    def start(self, timeout: float = 60.0) -> None:
        out = (self.root / "stdout.log").open("ab")
        self.process = subprocess.Popen(
            self._java("kafka.Kafka", str(self.root / "server.properties")),
            stdout=out,
            stderr=subprocess.STDOUT,
            env=self.env,
        )
        deadline = time.monotonic() + timeout
        while not port_open(self.port, self.host):
            if self.process.poll() is not None:
                raise RuntimeError(f"Kafka exited early; see {self.root / 'stdout.log'}")
            if time.monotonic() > deadline:
                raise TimeoutError("Kafka did not open its port in time")
            time.sleep(0.1)

    def stop(self, timeout: float = 30.0) -> None:
        """Stop the broker (controlled shutdown); data and ports stay for a restart."""
        if self.process is None:
            return
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.process = None
        deadline = time.monotonic() + timeout
        while port_open(self.port, self.host) and time.monotonic() < deadline:
            time.sleep(0.1)

    def cleanup(self) -> None:
        self.stop()
        shutil.rmtree(self.root, ignore_errors=True)

    def console_consume(
        self, topic: str, *, max_messages: int, timeout_ms: int = 20_000
    ) -> list[tuple[str, str]]:
        """(key, value) lines read from the start of `topic` by Kafka's own console consumer."""
        result = subprocess.run(
            self._java(
                "org.apache.kafka.tools.consumer.ConsoleConsumer",
                "--bootstrap-server",
                self.bootstrap,
                "--topic",
                topic,
                "--from-beginning",
                "--max-messages",
                str(max_messages),
                "--timeout-ms",
                str(timeout_ms),
                "--property",
                "print.key=true",
                "--property",
                "key.separator=\t",
                flags=TOOL_FLAGS,
            ),
            capture_output=True,
            timeout=timeout_ms / 1000 + 60,
            check=False,
        )
        lines = [line for line in result.stdout.decode().splitlines() if line.strip()]
        pairs = []
        for line in lines:
            key, _, value = line.partition("\t")
            pairs.append((key, value))
        return pairs
