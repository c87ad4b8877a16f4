"""What the benchmarks share: a throw-away database with M-Office installed."""

import contextlib
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
from pgserver import EphemeralPostgres, free_port, terminate_on_signals  # noqa: E402


@contextlib.contextmanager
def bench_registry(dbname, modules):
    """Start a throw-away PostgreSQL, install ``modules`` without demo data
    in ``dbname``, and yield the (odoo, registry) to measure with."""
    terminate_on_signals()
    server = EphemeralPostgres()
    datadir = Path(tempfile.mkdtemp(prefix="moffice-data-"))
    conf = server.start()
    options = [
        f"--addons-path={ROOT / 'addons'}",
        f"--data-dir={datadir}",
        f"--db_host={conf['host']}",
        f"--db_port={conf['port']}",
        f"--db_user={conf['user']}",
        "--log-level=warn",
        # As in production (config/odoo.conf): searches ignore Vietnamese diacritics.
        "--unaccent",
    ]
    try:
        subprocess.run(
            [
                sys.executable,
                "-m",
                "odoo",
                *options,
                "-d",
                dbname,
                "-i",
                modules,
                "--without-demo=all",
                "--stop-after-init",
                f"--http-port={free_port()}",
            ],
            check=True,
            cwd=tempfile.gettempdir(),
        )
        import odoo

        odoo.tools.config.parse_config(options)
        yield odoo, odoo.modules.registry.Registry(dbname)
    finally:
        server.stop()
        shutil.rmtree(datadir, ignore_errors=True)


def bench_clerk(env, **values):
    """The clerk who registers the benchmarks' documents."""
    return env["res.users"].create(
        {
            "name": "Văn thư đo hiệu năng",
            "login": "bench_clerk",
            "groups_id": [(6, 0, [env.ref("moffice_documents.group_moffice_clerk").id])],
            **values,
        }
    )


@contextlib.contextmanager
def http_server(odoo, dbname):
    """Serve ``dbname`` over HTTP from another process (as in production,
    wkhtmltopdf fetches a report's styles from the server); yield its URL."""
    config = odoo.tools.config
    port = free_port()
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "odoo",
            f"--addons-path={ROOT / 'addons'}",
            f"--db_host={config['db_host']}",
            f"--db_port={config['db_port']}",
            f"--db_user={config['db_user']}",
            f"--data-dir={config['data_dir']}",
            "-d",
            dbname,
            f"--db-filter=^{dbname}$",
            f"--http-port={port}",
            "--max-cron-threads=0",
            "--log-level=warn",
        ],
        cwd=tempfile.gettempdir(),
    )
    try:
        deadline = time.monotonic() + 120
        while True:
            with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), timeout=1):
                break
            if time.monotonic() > deadline or process.poll() is not None:
                raise SystemExit("the Odoo HTTP server did not start")
            time.sleep(0.5)
        yield f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        process.wait(timeout=60)
