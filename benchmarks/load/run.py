#!/usr/bin/env python3
"""Load test of M-Office over HTTP: a department's working day under a
growing number of people.

Starts a throw-away PostgreSQL and data directory (removed at the end, also
when interrupted), installs the addons without demo data and generates five
years of a department (generate.py: 200 people, 60,000 documents, 100,000
tasks; the time of each part is printed), then serves it with a multi-worker
Odoo on loopback (started from Odoo's launcher script, with its gevent
port) and runs locust in its own virtual environment (driver.py):

1. the comparison: one clerk, then four at once, register incoming
   documents without pause (the scan uploaded, the document saved and
   registered) for --compare-seconds, then as many create contacts with the
   same file attached (stock Odoo); prints both throughputs, the CPU each
   takes and their ratio (target: at least 0.4);
2. the working day (locustfile.py): specialists, clerks, leaders, custodians
   and a system administrator in the proportions of --weights, each
   pausing --think seconds between two things they do, their number
   stepping through --steps; per step and request type: count,
   throughput, p50/p95/p99 (ms) and errors, timed once everyone of the step
   is logged in; then the largest number of people for which every read
   stays under 500 ms and every flow action under 1 s at p95, without an
   error (target: 150 on a 2-core machine);
3. the memory of the server's processes and the size of the database.

Usage: python3 benchmarks/load/run.py [--documents 60000] [--tasks 100000]
       [--workers 5] [--steps 25,50,100,150,200] [--hold 60] [--think 5,15]
"""

import argparse
import contextlib
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE), str(HERE.parent), str(HERE.parent.parent / "tests")]
import driver  # noqa: E402
from generate import DOCUMENTS, TASKS, generated_database  # noqa: E402
from pgserver import free_port  # noqa: E402
from system.harness import Context, OdooServer  # noqa: E402

ROLES = ["Specialist", "Clerk", "Leader", "Custodian", "SystemAdmin"]
# One clerk alone, then four at once on the same register (whose numbers are
# given one registration at a time).
COMPARE_PEOPLE = (1, 4)
# The whole registration and the whole stock create, timed by locustfile.py over their requests.
COMPARED = ("compare: registration", "compare: stock create")
# Proportions of the people at work, as in a department of 200 (generate.py:
# 4 leaders, 2 clerks, 7 custodians, a system administrator, the rest
# specialists), rounded up so that a step of 25 people has one of each.
WEIGHTS = "specialist=84,clerk=4,leader=5,custodian=5,system_admin=2"


def cpu_seconds(roots):
    """CPU seconds used so far by the processes ``roots`` and their descendants."""
    tick = os.sysconf("SC_CLK_TCK")
    parents, used = {}, {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        with contextlib.suppress(OSError, ValueError, IndexError):
            fields = stat.read_text().rsplit(")", 1)[1].split()
            pid = int(stat.parent.name)
            parents[pid] = int(fields[1])
            used[pid] = (int(fields[11]) + int(fields[12])) / tick
    total = 0.0
    for pid, seconds in used.items():
        ancestor = pid
        while ancestor and ancestor not in roots:
            ancestor = parents.get(ancestor)
        total += seconds if ancestor else 0.0
    return total


class CpuSampler(threading.Thread):
    """Samples, every second, the CPU seconds used by groups of processes."""

    def __init__(self, roots):
        super().__init__(daemon=True)
        self.roots, self.samples, self.stop = roots, [], False

    def run(self):
        while not self.stop:
            self.samples.append((time.time(), {name: cpu_seconds(pids) for name, pids in self.roots.items()}))
            time.sleep(1)

    def cores(self, start, end):
        """The cores each group used on average between ``start`` and ``end``."""
        inside = [sample for sample in self.samples if start <= sample[0] <= end]
        if len(inside) < 2:
            return {}
        (first, before), (last, after) = inside[0], inside[-1]
        return {name: (after[name] - before[name]) / (last - first) for name in before}


def timed(result, index, sampler, title):
    """Print the timings of one step of a locust run with the CPU it took; return its rows."""
    start, end = result["holds"][str(index)]
    rows = driver.summary(result["timings"].get(str(index), {}), result["errors"].get(str(index), {}), end - start)
    total = sum(row["rps"] for name, row in rows.items() if name not in COMPARED)
    cores = sampler.cores(start, end)
    used = ", ".join(f"{name} {value:.2f}" for name, value in cores.items())
    per_request = sum(cores.values()) * 1000 / total if total else 0.0
    driver.print_table(
        f"{title}, {end - start:.0f} s: {total:.1f} requests/s; cores used: {used}; "
        f"CPU per request {per_request:.0f} ms (timings in ms)",
        rows,
    )
    return rows, sum(cores.values())


def postmaster(db_conf, db):
    """The PostgreSQL server's main process (the parent of a connection's backend)."""
    with contextlib.closing(driver.connect(db_conf, db)) as connection, connection.cursor() as cr:
        cr.execute("SELECT pg_backend_pid()")
        backend = cr.fetchone()[0]
    return int(Path(f"/proc/{backend}/stat").read_text().rsplit(")", 1)[1].split()[1])


def server_memory(server):
    """Resident memory (MiB) of the server's processes: (MiB, kind)."""
    output = subprocess.run(
        ["ps", "-o", "pid=,rss=,args=", "-g", str(server.process.pid)], capture_output=True, text=True, check=False
    ).stdout
    processes = []
    for line in output.splitlines():
        pid, rss, command = line.split(None, 2)
        kind = "main" if int(pid) == server.process.pid else "gevent" if " gevent " in command else "worker"
        processes.append((int(rss) / 1024, kind))
    return processes


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--documents", type=int, default=DOCUMENTS)
    parser.add_argument("--tasks", type=int, default=TASKS)
    parser.add_argument("--workers", type=int, default=5, help="Odoo workers (config/odoo.conf: 5)")
    parser.add_argument("--steps", default="25,50,100,150,200", help="people at work, step by step")
    parser.add_argument("--hold", type=int, default=60, help="seconds timed at each step")
    parser.add_argument("--spawn-rate", type=float, default=2.0, help="people logging in per second")
    parser.add_argument("--think", default="5,15", help="seconds between two actions of a person (min,max)")
    parser.add_argument("--weights", default=WEIGHTS)
    parser.add_argument("--compare-seconds", type=int, default=30)
    args = parser.parse_args()
    started = time.perf_counter()
    python = driver.ensure_venv()
    users = [int(value) for value in args.steps.split(",")]
    steps, previous = [], 0
    for count in users:
        steps.append(
            {
                "users": count,
                "rate": args.spawn_rate,
                "ramp": (count - previous) / args.spawn_rate + 5,
                "hold": args.hold,
            }
        )
        previous = count
    weights = {role: int(value) for role, value in (item.split("=") for item in args.weights.split(","))}
    think = [float(value) for value in args.think.split(",")]

    with generated_database(args.documents, args.tasks) as (odoo, _registry, db):
        config = odoo.tools.config
        db_conf = {"host": config["db_host"], "port": config["db_port"], "user": config["db_user"], "password": ""}
        common = [
            f"--addons-path={config['addons_path']}",
            f"--db_host={db_conf['host']}",
            f"--db_port={db_conf['port']}",
            f"--db_user={db_conf['user']}",
            f"--data-dir={config['data_dir']}",
            "--max-cron-threads=0",
            "--unaccent",
            "--log-level=warn",
        ]
        staff = driver.people(db_conf, db)
        print(
            "people: " + ", ".join(f"{role} {len(logins)}" for role, logins in staff["logins"].items()),
            f"\ngenerated in {time.perf_counter() - started:.0f} s",
            flush=True,
        )
        logdir = Path(tempfile.mkdtemp(prefix="moffice-load-"))
        ctx = Context(
            common=common,
            db=db,
            db_conf=db_conf,
            datadir=Path(config["data_dir"]),
            logdir=logdir,
            run_odoo=None,
            free_port=free_port,
        )
        try:
            measure(args, python, ctx, db, staff, steps, weights, think)
        finally:
            if not os.environ.get("MOFFICE_KEEP_DB"):
                shutil.rmtree(logdir, ignore_errors=True)
        with contextlib.closing(driver.connect(db_conf, db)) as connection, connection.cursor() as cr:
            cr.execute("SELECT pg_size_pretty(pg_database_size(current_database()))")
            print(f"database size {cr.fetchone()[0]}; total runtime {time.perf_counter() - started:.0f} s", flush=True)


def compare(args, python, ctx, server, db, staff, sampler, people):
    """The registration against a stock create with a file, ``people`` at a
    time without pause, each timed once its people are logged in."""
    compared = {}
    for (mode, user_class), name in zip(
        (("register", "Registration"), ("stock", "StockPartner")), COMPARED, strict=True
    ):
        steps = [{"users": people, "rate": people, "ramp": 60, "hold": args.compare_seconds}]
        result = driver.run_locust(python, server.url, db, staff, mode, [user_class], ctx.logdir, steps=steps)
        rows, cores = timed(result, 0, sampler, f"{mode}: {people} at a time without pause")
        compared[mode] = rows.get(name, {"rps": 0.0})["rps"]
        if compared[mode]:
            print(f"  CPU per {name[9:]}: {cores * 1000 / compared[mode]:.0f} ms", flush=True)
    ratio = compared["register"] / compared["stock"] if compared["stock"] else 0.0
    print(
        f"\n{people} at a time: registration {compared['register']:.1f}/s, stock create with a file "
        f"{compared['stock']:.1f}/s: ratio {ratio:.2f} (target >= 0.4)",
        flush=True,
    )


def measure(args, python, ctx, db, staff, steps, weights, think):
    """The comparison and the working day against a multi-worker server."""
    with OdooServer(ctx, db, workers=args.workers, name="load") as server:
        sampler = CpuSampler({"Odoo": {server.process.pid}, "PostgreSQL": {postmaster(ctx.db_conf, db)}})
        sampler.start()
        print(f"\nOdoo with {args.workers} workers on {server.url}; locust logs in {ctx.logdir}", flush=True)
        for people in COMPARE_PEOPLE:
            compare(args, python, ctx, server, db, staff, sampler, people)

        day = driver.run_locust(
            python, server.url, db, staff, "day", ROLES, ctx.logdir, steps=steps, think=think, weights=weights
        )
        capacity, passed = 0, True
        for index, step in enumerate(steps):
            rows, _cores = timed(day, index, sampler, f"{step['users']} people")
            # the capacity counts the steps that all passed, from the first one
            passed = passed and driver.within_limits(rows)
            capacity = step["users"] if passed else capacity
        for message in day["messages"]:
            print(f"  error: {message}")
        print(
            f"\nlargest number of people with every read under {driver.READ_P95} ms and every flow action "
            f"under {driver.FLOW_P95} ms at p95, no error: {capacity} (target >= 150)",
            flush=True,
        )
        sampler.stop = True
        print("\nmemory of the server's processes (MiB):")
        for rss, kind in server_memory(server):
            print(f"  {rss:7.0f}  {kind}")


if __name__ == "__main__":
    main()
