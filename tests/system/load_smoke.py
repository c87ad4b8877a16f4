"""The load test in its smallest configuration (benchmarks/load): on a copy
of the demo database served by a 2-worker Odoo on loopback, locust takes
one scripted working day through every request type of the load test
(each must be seen, none may fail), then one person of each role works for
a few seconds as in the load test, without an error."""

import shutil
import sys
import tempfile
from pathlib import Path

from .harness import OdooServer

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "benchmarks" / "load"))
import driver  # noqa: E402

TITLE = "load test, smallest configuration: every request type once, one person of each role, no error"
ROLES = ["Specialist", "Clerk", "Leader", "Custodian", "SystemAdmin"]


def run(ctx):
    try:
        python = driver.ensure_venv()
    except RuntimeError as error:
        print(f"[tests/run] load smoke test skipped: locust's virtual environment cannot be made: {error}")
        return None
    db = ctx.clone_db(f"{ctx.db}_load")
    try:
        staff = driver.people(ctx.db_conf, db)
        with OdooServer(ctx, db, workers=2, name="load") as server, tempfile.TemporaryDirectory() as work:
            day = driver.run_locust(python, server.url, db, staff, "smoke", ["SmokeDay"], work, seconds=90)
            steps = [{"users": len(ROLES), "rate": len(ROLES), "ramp": 30, "hold": 20}]
            weights = dict.fromkeys(driver.ROLE_GROUPS, 1)
            burst = driver.run_locust(
                python, server.url, db, staff, "day", ROLES, work, steps=steps, think=(1, 3), weights=weights
            )
    finally:
        ctx.psql(f'DROP DATABASE IF EXISTS "{db}"')
        shutil.rmtree(ctx.datadir / "filestore" / db, ignore_errors=True)
    rows = driver.summary(day["timings"].get("0", {}), day["errors"].get("0", {}), 1)
    missing = sorted(set(driver.REQUEST_TYPES) - {name for name, row in rows.items() if row["count"]})
    unknown = sorted(set(day["seen"]) - set(driver.REQUEST_TYPES))
    errors = day["messages"] + burst["messages"]
    print(f"[tests/run] load smoke: {len(rows)} request types timed in the scripted day", flush=True)
    driver.print_table("scripted day (ms)", rows)
    for label, values in (("not seen", missing), ("not in driver.REQUEST_TYPES", unknown), ("errors", errors)):
        if values:
            print(f"[tests/run] load smoke: {label}: {values}")
    return not (missing or unknown or errors)
