"""The in-cluster PostgreSQL's daily backup: a CronJob whose pg_dump script is run here for
real against a PostgreSQL server, keeping seven days of dumps."""

from __future__ import annotations

import os
import subprocess
import time
from pathlib import Path

import pytest

from tests.deploy.charts import FULLNAME, RenderFn, containers, matches, pod_labels
from tests.support.postgres import PostgresServer, find_bin_dir

pytestmark = pytest.mark.deploy

NAME = f"{FULLNAME}-postgresql-backup"
DAY = 24 * 3600


def test_a_daily_pg_dump_cronjob_writes_to_its_own_kept_volume(rendered: RenderFn) -> None:
    r = rendered("default")
    cronjob = r.get("CronJob", NAME)
    spec = cronjob["spec"]
    minute, hour, *rest = spec["schedule"].split()
    assert rest == ["*", "*", "*"] and minute.isdigit() and hour.isdigit()  # once a day
    assert spec["concurrencyPolicy"] == "Forbid"
    pod = spec["jobTemplate"]["spec"]["template"]
    (container,) = pod["spec"]["containers"]
    assert "pg_dump --format=custom" in container["args"][0]
    assert "-mmin +10080" in container["args"][0]  # seven days
    volume = next(v for v in pod["spec"]["volumes"] if v["name"] == "backups")
    claim = r.get("PersistentVolumeClaim", volume["persistentVolumeClaim"]["claimName"])
    assert claim["metadata"]["annotations"]["helm.sh/resource-policy"] == "keep"
    # It may reach the database (and nothing else); the password comes as a file.
    assert pod["metadata"]["labels"]["todo-chatbot.io/database-client"] == "true"
    policy = r.get("NetworkPolicy", NAME)
    assert matches(policy["spec"]["podSelector"], pod["metadata"]["labels"])
    database = r.get("StatefulSet", f"{FULLNAME}-postgresql")
    (egress,) = policy["spec"]["egress"]
    assert matches(egress["to"][0]["podSelector"], pod_labels(database))
    assert "env" not in container or all("valueFrom" not in e for e in container["env"])
    assert containers(database)[0]["image"] == container["image"]
    # The database pod consumes the claim too: a WaitForFirstConsumer class binds it at
    # install (else `helm install --wait` waits for the first nightly run), and the dump
    # runs on the database's node, where the ReadWriteOnce volume is attached.
    database_claims = {
        v["persistentVolumeClaim"]["claimName"]
        for v in database["spec"]["template"]["spec"]["volumes"]
        if "persistentVolumeClaim" in v
    }
    assert claim["metadata"]["name"] in database_claims
    (beside,) = pod["spec"]["affinity"]["podAffinity"][
        "requiredDuringSchedulingIgnoredDuringExecution"
    ]
    assert beside["topologyKey"] == "kubernetes.io/hostname"
    assert matches(beside["labelSelector"], pod_labels(database))


def test_a_managed_database_has_no_backup_cronjob(rendered: RenderFn) -> None:
    for scenario in ("external-database", "prod", "aks"):
        assert rendered(scenario).find("CronJob", NAME) is None


def test_the_backup_script_dumps_the_database_and_keeps_seven_days(
    rendered: RenderFn, pg_template: PostgresServer, tmp_path: Path
) -> None:
    bin_dir = find_bin_dir()
    assert bin_dir is not None
    container = rendered("default").get("CronJob", NAME)["spec"]["jobTemplate"]["spec"]["template"][
        "spec"
    ]["containers"][0]
    backups, secret = tmp_path / "backups", tmp_path / "password"
    backups.mkdir()
    secret.write_text("not-checked-by-this-server")
    script = (
        container["args"][0]
        .replace("/var/run/secrets/postgresql/password", str(secret))
        .replace("/backups", str(backups))
    )
    old, recent = backups / "todo-20200101T031700Z.dump", backups / "todo-20200108T031700Z.dump"
    for path, age in ((old, 8 * DAY), (recent, 6 * DAY)):
        path.write_text("an earlier dump")
        os.utime(path, (time.time() - age, time.time() - age))
    env = {e["name"]: e["value"] for e in container["env"]}
    env.update(
        PGHOST="127.0.0.1",
        PGPORT=str(pg_template.port),
        PGUSER="postgres",
        PGDATABASE="todo_template",
        PGPASSFILE=str(tmp_path / ".pgpass"),
        PATH=f"{bin_dir}:{os.environ['PATH']}",
    )
    result = subprocess.run(
        [*container["command"], script], env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    dumps = sorted(path.name for path in backups.iterdir())
    assert old.name not in dumps and recent.name in dumps
    (fresh,) = [name for name in dumps if name != recent.name]
    assert fresh.startswith("todo-") and fresh.endswith("Z.dump")
    listing = subprocess.run(
        [str(bin_dir / "pg_restore"), "--list", str(backups / fresh)],
        capture_output=True,
        text=True,
        check=True,
    )
    assert "TABLE public tasks" in listing.stdout
