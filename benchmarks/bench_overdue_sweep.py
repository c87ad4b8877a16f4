#!/usr/bin/env python3
"""Benchmark of the overdue sweep (not a test).

Starts a throw-away PostgreSQL (unless told otherwise), installs
moffice_tasks without demo data, fills it with open tasks of which a fixed
number are overdue, and prints the time and the number of SQL queries of
the sweep that locks and logs them, for each size asked.

Usage: python3 benchmarks/bench_overdue_sweep.py [--sizes 100000 1000000] [--overdue 10000]
"""

import argparse
import time

from common import bench_registry


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[100000, 1000000])
    parser.add_argument("--overdue", type=int, default=10000)
    args = parser.parse_args()

    with bench_registry("moffice_sweep", "moffice_tasks") as (odoo, registry):
        results = []
        for size in args.sizes:
            with registry.cursor() as cr:
                cr.execute("DELETE FROM moffice_task_log")
                cr.execute("DELETE FROM moffice_task")
                cr.execute(
                    """
                    INSERT INTO moffice_task (name, giver_id, user_id, state, is_locked, priority, company_id,
                                              date_deadline, create_uid, write_uid, create_date, write_date)
                    SELECT 'Công việc ' || n, 2, 2, 'assigned', false, '0', 1,
                           CASE WHEN n <= %(overdue)s THEN now() at time zone 'utc' - interval '1 day'
                                ELSE now() at time zone 'utc' + (n %% 90 + 1) * interval '1 day' END,
                           2, 2, now(), now()
                      FROM generate_series(1, %(size)s) AS n
                    """,
                    {"size": size, "overdue": args.overdue},
                )
                cr.execute("ANALYZE moffice_task")
            with registry.cursor() as cr:
                env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
                queries = cr.sql_log_count
                start = time.perf_counter()
                env["moffice.task"]._cron_lock_overdue()
                env.flush_all()
                elapsed = time.perf_counter() - start
                queries = cr.sql_log_count - queries
                cr.execute("SELECT count(*) FROM moffice_task WHERE is_locked")
                locked = cr.fetchone()[0]
            results.append(elapsed)
            print(
                f"overdue sweep: {size} open tasks, {locked} overdue locked and logged in {elapsed:.2f} s, "
                f"{queries} SQL queries",
                flush=True,
            )
        if len(results) > 1:
            print(f"ratio largest/smallest: {results[-1] / results[0]:.2f}", flush=True)


if __name__ == "__main__":
    main()
