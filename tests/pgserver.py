"""A throw-away PostgreSQL server for the test command and the benchmarks."""

import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from pathlib import Path


def terminate_on_signals():
    """Turn SIGTERM and SIGHUP into SystemExit, so that the ``finally``
    blocks stop the throw-away server and remove the throw-away directories
    when a run is interrupted (SIGINT already raises KeyboardInterrupt)."""

    def leave(signum, _frame):
        raise SystemExit(128 + signum)

    for signum in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(signum, leave)


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def find_pg_bin(name):
    found = shutil.which(name)
    if found:
        return found
    candidates = sorted(Path("/usr/lib/postgresql").glob(f"*/bin/{name}"), reverse=True)
    return str(candidates[0]) if candidates else None


class EphemeralPostgres:
    """A PostgreSQL server in a temporary directory, removed on exit.

    Run as root, the server runs as the unprivileged ``postgres`` OS user.
    """

    def __init__(self):
        self.tmp = Path(tempfile.mkdtemp(prefix="moffice-pg-"))
        self.data = self.tmp / "data"
        self.port = free_port()
        self.user = "odoo"
        self.prefix = []
        if os.geteuid() == 0:
            self.prefix = ["runuser", "-u", "postgres", "--"]
            shutil.chown(self.tmp, "postgres")
        os.chmod(self.tmp, 0o700)

    def _run(self, *cmd):
        subprocess.run(self.prefix + list(cmd), check=True, stdout=subprocess.DEVNULL)

    def start(self):
        initdb, pg_ctl = find_pg_bin("initdb"), find_pg_bin("pg_ctl")
        if not initdb or not pg_ctl:
            raise SystemExit("PostgreSQL server programs (initdb, pg_ctl) not found; set PGHOST to use a server.")
        self._run(initdb, "-D", str(self.data), "-U", self.user, "--auth=trust", "-E", "UTF8", "--no-locale")
        options = (
            f"-p {self.port} -k {self.tmp} -c listen_addresses=127.0.0.1 "
            "-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
        )
        self.options = options
        self._run(pg_ctl, "-D", str(self.data), "-o", options, "-l", str(self.tmp / "postgres.log"), "-w", "start")
        print(f"[pgserver] throw-away PostgreSQL on 127.0.0.1:{self.port} ({self.tmp})", flush=True)
        return {"host": "127.0.0.1", "port": str(self.port), "user": self.user, "password": ""}

    def restart(self):
        """Restart the server as an administrator would (fast shutdown: open
        connections are cut, their transactions rolled back)."""
        pg_ctl = find_pg_bin("pg_ctl")
        self._run(
            pg_ctl,
            "-D",
            str(self.data),
            "-o",
            self.options,
            "-l",
            str(self.tmp / "postgres.log"),
            "-m",
            "fast",
            "-w",
            "restart",
        )

    def stop(self):
        pg_ctl = find_pg_bin("pg_ctl")
        if pg_ctl and self.data.exists():
            subprocess.run(
                self.prefix + [pg_ctl, "-D", str(self.data), "-m", "fast", "-w", "stop"], stdout=subprocess.DEVNULL
            )
        # The server's last processes may still be leaving files as pg_ctl
        # returns: remove until nothing is left (a few seconds at most).
        for _attempt in range(50):
            shutil.rmtree(self.tmp, ignore_errors=True)
            if not self.tmp.exists():
                break
            time.sleep(0.1)
