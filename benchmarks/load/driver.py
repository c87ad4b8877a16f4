"""What the load test and its smoke test share: locust's own virtual
environment, the people of a database by role, a locust run against a
server on loopback and the report of its timings.

Locust runs in a virtual environment of its own (under ~/.cache, keyed by
the hash of requirements.txt): it needs newer gevent, Werkzeug and requests
than the Odoo it measures. This module runs in the Python of Odoo and only
starts locust as a program.
"""

import contextlib
import fcntl
import hashlib
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import psycopg2

HERE = Path(__file__).resolve().parent
REQUIREMENTS = HERE / "requirements.txt"
LOCUSTFILE = HERE / "locustfile.py"
PASSWORD = "moffice"
# Limits of the report: a read must stay under READ_P95 ms at the 95th
# percentile, a flow action (a step of a flow, with its uploads) under FLOW_P95.
READ_P95, FLOW_P95 = 500, 1000
ROLE_GROUPS = {
    "leader": "group_moffice_document_admin",
    "clerk": "group_moffice_clerk",
    "system_admin": "group_moffice_system_admin",
    "custodian": "group_moffice_custodian",
    "specialist": "group_moffice_specialist",
}
# Every request type of the working day (locustfile.py): the smoke test
# sees each of them once.
REQUEST_TYPES = (
    "login",
    "read: archive items list",
    "read: calendar (week)",
    "read: desk",
    "read: discuss (init)",
    "read: discuss (channels)",
    "read: discuss (messages)",
    "read: document form",
    "read: document new (onchange)",
    "read: documents list",
    "read: documents search",
    "read: documents to approve",
    "read: documents to release",
    "read: documents to route",
    "read: extensions to decide",
    "read: file form",
    "read: files list",
    "read: loans list",
    "read: menu",
    "read: news feed",
    "read: news item",
    "read: task form",
    "read: task inbox",
    "read: task new (onchange)",
    "read: usage log",
    "flow: approve",
    "flow: ask extension (open)",
    "flow: ask extension (onchange)",
    "flow: ask extension (save)",
    "flow: ask extension",
    "flow: draft (upload)",
    "flow: draft (save)",
    "flow: draft submit",
    "flow: give task",
    "flow: grant extension",
    "flow: register (upload)",
    "flow: register (save)",
    "flow: register",
    "flow: release",
    "flow: report progress (open)",
    "flow: report progress (onchange)",
    "flow: report progress (save)",
    "flow: report progress",
    "flow: route (open)",
    "flow: route (onchange)",
    "flow: route (save)",
    "flow: route",
    "flow: submit",
)
# The smallest PDF a viewer opens: the file uploaded with each document.
PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)


def venv_dir():
    digest = hashlib.sha256(REQUIREMENTS.read_bytes()).hexdigest()[:16]
    cache = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return cache / f"moffice-load-venv-{digest}"


def ensure_venv():
    """Create the virtual environment with locust once (pip from PyPI) and
    return its Python; raise RuntimeError saying why it cannot be made."""
    target = venv_dir()
    python = target / "bin" / "python"
    done = target / ".installed"
    target.parent.mkdir(parents=True, exist_ok=True)
    with open(f"{target}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if done.exists():
            return python
        print(f"[load] creating locust's virtual environment in {target}", flush=True)
        for command in (
            [sys.executable, "-m", "venv", "--clear", str(target)],
            [str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check", "-r", str(REQUIREMENTS)],
        ):
            result = subprocess.run(command, capture_output=True, text=True, check=False)
            if result.returncode:
                raise RuntimeError(f"{' '.join(command[:4])} failed: {(result.stderr or result.stdout)[-800:]}")
        done.touch()
    return python


def connect(db_conf, db):
    return psycopg2.connect(
        dbname=db,
        host=db_conf["host"],
        port=db_conf["port"],
        user=db_conf["user"],
        password=db_conf.get("password") or None,
    )


def people(db_conf, db):
    """The logins of each role (specialists: those of no other role, the
    busiest first) and the ids the flows need, read from the database."""
    with contextlib.closing(connect(db_conf, db)) as connection, connection.cursor() as cr:
        logins = {}
        for role, group in ROLE_GROUPS.items():
            others = [name for name in ROLE_GROUPS.values() if name != group] if role == "specialist" else []
            cr.execute(
                """SELECT u.login FROM res_users u
                     JOIN res_groups_users_rel r ON r.uid = u.id
                     JOIN ir_model_data d ON d.res_id = r.gid AND d.model = 'res.groups'
                          AND d.module = 'moffice_documents' AND d.name = %s
                    WHERE u.active AND NOT u.share AND u.login NOT IN ('admin', '__system__')
                      AND NOT EXISTS (SELECT 1 FROM res_groups_users_rel o
                                        JOIN ir_model_data od ON od.res_id = o.gid AND od.model = 'res.groups'
                                             AND od.module = 'moffice_documents'
                                       WHERE o.uid = u.id AND od.name = ANY(%s))
                    ORDER BY (SELECT count(*) FROM moffice_task t WHERE t.user_id = u.id AND t.state = 'assigned'
                                 AND NOT t.is_locked AND t.date_deadline > now() AT TIME ZONE 'UTC') DESC, u.login""",
                [group, others],
            )
            logins[role] = [login for (login,) in cr.fetchall()]
        cr.execute("SELECT id FROM res_users WHERE login = %s", [logins["leader"][0]])
        leader = cr.fetchone()[0]
        cr.execute(
            "SELECT id FROM res_users WHERE login = ANY(%(logins)s) ORDER BY array_position(%(logins)s, login)",
            {"logins": logins["specialist"]},
        )
        handlers = [uid for (uid,) in cr.fetchall()]
        cr.execute(
            """SELECT p.id FROM res_partner p WHERE p.is_company AND p.active
                 AND p.id NOT IN (SELECT partner_id FROM res_company) ORDER BY p.id LIMIT 50"""
        )
        issuers = [pid for (pid,) in cr.fetchall()]
        types = {}
        for key, name in (("type_in", "type_incoming_letter"), ("type_out", "type_outgoing_letter")):
            cr.execute("SELECT res_id FROM ir_model_data WHERE module = 'moffice_documents' AND name = %s", [name])
            types[key] = cr.fetchone()[0]
    return {"logins": logins, "ids": {"leader": leader, "handlers": handlers, "issuers": issuers, **types}}


def run_locust(python, url, db, staff, mode, classes, workdir, users=1, seconds=60, **extra):
    """Run locust headless against ``url``; return the timings it wrote."""
    workdir = Path(workdir)
    pdf = workdir / "van-ban.pdf"
    pdf.write_bytes(PDF)
    out = workdir / f"locust-{mode}.json"
    config = workdir / f"locust-{mode}-config.json"
    config.write_text(
        json.dumps({"db": db, "password": PASSWORD, "mode": mode, "pdf": str(pdf), "out": str(out), **staff, **extra})
    )
    steps = extra.get("steps") or []
    limit = int(sum(step["ramp"] + step["hold"] for step in steps) or seconds) + 30
    command = [
        str(python),
        "-m",
        "locust",
        "-f",
        str(LOCUSTFILE),
        "--headless",
        "--only-summary",
        "--skip-log-setup",
        f"--host={url}",
        f"--users={users}",
        f"--spawn-rate={users}",
        f"--run-time={limit}s",
        "--stop-timeout=30",
        *classes,
    ]
    log = workdir / f"locust-{mode}.log"
    with open(log, "w", encoding="utf-8") as output:
        subprocess.run(
            command,
            env=dict(os.environ, MOFFICE_LOAD_CONFIG=str(config)),
            stdout=output,
            stderr=subprocess.STDOUT,
            cwd=tempfile.gettempdir(),
            timeout=limit + 300,
            check=False,
        )
    if not out.exists():
        raise RuntimeError(f"locust wrote no timings; see {log}")
    return json.loads(out.read_text())


def percentile(values, share):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))] if ordered else 0.0


def summary(timings, errors, seconds):
    """Per request type: count, throughput, p50/p95/p99 (ms), errors."""
    rows = {}
    for name in sorted(set(timings) | set(errors)):
        values = timings.get(name, [])
        rows[name] = {
            "count": len(values),
            "rps": len(values) / seconds if seconds else 0.0,
            "p50": percentile(values, 0.50),
            "p95": percentile(values, 0.95),
            "p99": percentile(values, 0.99),
            "errors": errors.get(name, 0),
        }
    return rows


def within_limits(rows):
    """Every read under READ_P95 and every flow action under FLOW_P95 at p95, no error."""
    for name, row in rows.items():
        limit = FLOW_P95 if name.startswith("flow:") else READ_P95 if name.startswith("read:") else None
        if row["errors"] or (limit and row["p95"] >= limit):
            return False
    return True


def print_table(title, rows):
    print(f"\n{title}", flush=True)
    print(f"  {'request':<44} {'count':>6} {'req/s':>7} {'p50':>7} {'p95':>7} {'p99':>7} {'errors':>6}")
    for name, row in rows.items():
        print(
            f"  {name:<44} {row['count']:>6} {row['rps']:>7.2f} {row['p50']:>7.0f} {row['p95']:>7.0f} "
            f"{row['p99']:>7.0f} {row['errors']:>6}",
            flush=True,
        )
