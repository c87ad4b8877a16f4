"""What the benchmarks share: a throw-away database with M-Office installed."""

import contextlib
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
from pgserver import EphemeralPostgres, free_port  # noqa: E402


@contextlib.contextmanager
def bench_registry(dbname, modules):
    """Start a throw-away PostgreSQL, install ``modules`` without demo data
    in ``dbname``, and yield the (odoo, registry) to measure with."""
    server = EphemeralPostgres()
    conf = server.start()
    options = [
        f"--addons-path={ROOT / 'addons'}",
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
