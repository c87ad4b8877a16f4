"""What the system tests share: the run's context, Odoo servers started on
loopback and a JSON-RPC client speaking as the web client does."""

import itertools
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import requests

PYTHON = sys.executable


def odoo_script():
    """The Odoo launcher (``setup/odoo`` of a source tree, or ``odoo`` on the
    PATH). Multi-worker servers must start from it: their websocket
    process is re-spawned from ``sys.argv[0]``."""
    probe = subprocess.run(
        [PYTHON, "-c", "import odoo.release, os; print(os.path.dirname(odoo.release.__file__))"],
        capture_output=True,
        text=True,
        check=True,
    )
    script = Path(probe.stdout.strip()).parent / "setup" / "odoo"
    return str(script) if script.exists() else shutil.which("odoo")


@dataclass
class Context:
    """One run of the test command as the system tests see it."""

    common: list  # Odoo options: addons path, database server, data directory
    db: str  # the demo database, every addon installed and tested
    db_conf: dict
    datadir: Path
    logdir: Path
    run_odoo: object  # tests/run's run_odoo(db, args, logfile, echo=True)
    free_port: object
    pg: object = None  # the throw-away PostgreSQL (pgserver.EphemeralPostgres), None for PGHOST's server
    cleanup: list = field(default_factory=list)

    def psql(self, sql, db="postgres"):
        """Run one SQL statement on the test PostgreSQL; return its output."""
        env = dict(os.environ, PGPASSWORD=self.db_conf["password"] or "")
        command = ["psql", "-h", self.db_conf["host"], "-p", str(self.db_conf["port"]), "-U", self.db_conf["user"]]
        command += ["-d", db, "-XAtq", "-c", sql]
        return subprocess.run(command, env=env, capture_output=True, text=True, check=True).stdout.strip()

    def clone_db(self, name, template=None):
        """A copy of the demo database (or ``template``) with its files."""
        template = template or self.db
        self.psql(f'DROP DATABASE IF EXISTS "{name}"')
        self.psql(f'CREATE DATABASE "{name}" TEMPLATE "{template}"')
        source = self.datadir / "filestore" / template
        if source.exists():
            shutil.copytree(source, self.datadir / "filestore" / name, dirs_exist_ok=True)
        return name

    def drop_db(self, name):
        """Drop a database made by a system test, and its files."""
        self.psql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        shutil.rmtree(self.datadir / "filestore" / name, ignore_errors=True)

    def busy_backends(self, db):
        """PIDs of the local processes holding an open transaction on ``db``:
        the owners of those connections' client sockets (read from /proc)."""
        ports = self.psql(
            "SELECT client_port FROM pg_stat_activity "
            f"WHERE datname = '{db}' AND xact_start IS NOT NULL AND client_port > 0 AND pid != pg_backend_pid()"
        ).split()
        wanted = {int(port) for port in ports}
        inodes = set()
        for table in ("/proc/net/tcp", "/proc/net/tcp6"):
            for line in Path(table).read_text().splitlines()[1:]:
                fields = line.split()
                if int(fields[1].rsplit(":", 1)[1], 16) in wanted:
                    inodes.add(f"socket:[{fields[9]}]")
        pids = set()
        for fd in Path("/proc").glob("[0-9]*/fd/*"):
            try:
                if os.readlink(fd) in inodes:
                    pids.add(int(fd.parts[2]))
            except OSError:
                continue
        return pids


class OdooServer:
    """An Odoo server on loopback, started from the launcher script; as a
    context manager it is stopped (and killed if need be) on exit."""

    def __init__(self, ctx, db, workers=2, extra=(), name="odoo"):
        self.ctx = ctx
        self.db = db
        self.port = ctx.free_port()
        self.gevent_port = ctx.free_port()
        self.workers = workers
        self.extra = list(extra)
        self.log = ctx.logdir / f"moffice-system-{name}-{self.port}.log"
        self.process = None

    @property
    def url(self):
        return f"http://127.0.0.1:{self.port}"

    def command(self):
        return [
            PYTHON,
            odoo_script(),
            *self.ctx.common,
            "-d",
            self.db,
            f"--db-filter=^{self.db}$",
            f"--http-port={self.port}",
            f"--gevent-port={self.gevent_port}",
            "--http-interface=127.0.0.1",
            f"--workers={self.workers}",
            *self.extra,
        ]

    def start(self, timeout=120):
        with open(self.log, "a", encoding="utf-8") as log:
            self.process = subprocess.Popen(
                self.command(),
                stdout=log,
                stderr=subprocess.STDOUT,
                cwd=tempfile.gettempdir(),
                start_new_session=True,
            )
        self.wait_ready(timeout)
        return self

    def wait_ready(self, timeout=120):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"Odoo exited with {self.process.returncode}; see {self.log}")
            try:
                if requests.get(f"{self.url}/web/health", timeout=5).status_code == 200:
                    return
            except requests.RequestException:
                pass
            time.sleep(0.5)
        raise RuntimeError(f"Odoo on {self.url} not ready after {timeout} s; see {self.log}")

    def stop(self, sig=signal.SIGTERM, timeout=30):
        """Stop the server and every process it started (its session)."""
        if not self.process or self.process.poll() is not None:
            return
        try:
            os.killpg(self.process.pid, sig)
            self.process.wait(timeout)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()
        except ProcessLookupError:
            pass

    def worker_pids(self, kind="WorkerHTTP"):
        """PIDs of the live worker processes of ``kind`` (``WorkerHTTP``,
        ``WorkerCron``) of this multi-worker server."""
        announced = re.findall(rf"Worker {kind} \((\d+)\) alive", self.log.read_text(encoding="utf-8"))
        children = set()
        for pid in set(announced):
            try:
                # /proc/PID/stat: "pid (name) state ppid ..."; a killed worker not yet reaped is a zombie
                state, parent = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[:2]
            except (OSError, ValueError):
                continue
            if state != "Z" and int(parent) == self.process.pid:
                children.add(int(pid))
        return sorted(children)

    def __enter__(self):
        return self.start() if self.process is None else self

    def __exit__(self, *exc):
        self.stop()


class RpcError(Exception):
    """An error Odoo returned; ``data`` holds its name and message."""

    def __init__(self, error):
        self.data = error.get("data", {})
        super().__init__(self.data.get("message") or error.get("message"))


class JsonRpc:
    """A user's session, calling models the way the web client does."""

    ids = itertools.count(1)

    def __init__(self, url, db, login, password, timeout=60):
        self.url, self.db = url, db
        self.timeout = timeout
        self.session = requests.Session()
        self.uid = self.call("/web/session/authenticate", {"db": db, "login": login, "password": password})["uid"]

    def call(self, path, params):
        payload = {"jsonrpc": "2.0", "method": "call", "id": next(self.ids), "params": params}
        reply = self.session.post(f"{self.url}{path}", json=payload, timeout=self.timeout).json()
        if "error" in reply:
            raise RpcError(reply["error"])
        return reply["result"]

    def call_kw(self, model, method, *args, **kwargs):
        params = {"model": model, "method": method, "args": list(args), "kwargs": kwargs}
        return self.call(f"/web/dataset/call_kw/{model}/{method}", params)
