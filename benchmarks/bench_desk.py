#!/usr/bin/env python3
"""Benchmark of the desk: the server time to build each role's desk.

Builds the database of the access benchmark (bench_access.py: a 200-person
department and N documents, 1,000,000 by default, consistent with the
flows) with moffice_tasks installed as well, then, as each role with its
record rules (clerk, leader, specialist, unit head, custodian), builds the
desk R times (``moffice.desk.get_desk``: every counter of the role's blocks
counted, the previews read) and prints the median and 95th percentile, with
the counters' values.

Usage: python3 benchmarks/bench_desk.py [--documents 1000000] [--repeat 50]
"""

import argparse
import statistics
import time

from bench_access import department_database, percentile


def measure(odoo, registry, role, uid, repeat):
    with registry.cursor() as cr:
        env = odoo.api.Environment(cr, uid, {})
        desk = env["moffice.desk"]
        first = desk.get_desk()  # rules compiled, caches loaded, as on a running server
        env.invalidate_all()
        timings = []
        for _index in range(repeat):
            begin = time.perf_counter()
            desk.get_desk()
            timings.append((time.perf_counter() - begin) * 1000)
            env.invalidate_all()
        cr.rollback()
    counters = ", ".join(
        f"{counter['key']} {counter['count']}{'+' if counter['more'] else ''}"
        for block in first["blocks"]
        for counter in block["counters"]
    )
    print(
        f"{role:<11} median {statistics.median(timings):7.1f} ms   p95 {percentile(timings, 0.95):7.1f} ms"
        f"   blocks {', '.join(block['key'] for block in first['blocks'])}\n            {counters}",
        flush=True,
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--documents", type=int, default=1000000)
    parser.add_argument("--repeat", type=int, default=50)
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args()
    with department_database(args.documents, args.seed, "moffice_documents,moffice_tasks") as (odoo, registry, setup):
        print(f"\ndesk per role, {args.repeat} builds each:", flush=True)
        for role, uid in setup["users"].items():
            measure(odoo, registry, role, uid, args.repeat)


if __name__ == "__main__":
    main()
