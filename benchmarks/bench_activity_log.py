#!/usr/bin/env python3
"""Benchmark of the activity log (matrix V.1).

Starts a throw-away PostgreSQL, installs moffice_admin without demo data and
measures, in the same run:

1. registrations per second (a clerk creates an incoming document with a PDF
   and registers it, one transaction each) with the activity log on and off,
   in alternating blocks so that both see the same machine;
2. the purge of P log entries older than the retention period (SQL-filled),
   its time, while another connection keeps registering documents: the
   slowest of those registrations and their number, against the same
   registrations without a purge.

Usage: python3 benchmarks/bench_activity_log.py [--registrations 2000] [--purge 5000000]
"""

import argparse
import threading
import time
from datetime import datetime

from common import bench_clerk, bench_registry

PDF = b"%PDF-1.4\n% bench\n"


def register(odoo, registry, clerk_id, issuer_id, index):
    with registry.cursor() as cr:
        env = odoo.api.Environment(cr, clerk_id, {})
        scan = env["ir.attachment"].create({"name": f"scan-{index}.pdf", "raw": PDF, "mimetype": "application/pdf"})
        document = env["moffice.document"].create(
            {
                "kind": "incoming",
                "summary": f"V/v báo cáo tình hình thực hiện nhiệm vụ số {index}",
                "issuer_id": issuer_id,
                "reference": f"{index}/UBND-VP",
                "date_document": "2026-11-20",
                "attachment_ids": [(6, 0, scan.ids)],
            }
        )
        document.action_register()


def timed_registrations(odoo, registry, clerk_id, issuer_id, start, count):
    durations = []
    for index in range(start, start + count):
        began = time.perf_counter()
        register(odoo, registry, clerk_id, issuer_id, index)
        durations.append(time.perf_counter() - began)
    return durations


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--registrations", type=int, default=2000)
    parser.add_argument("--purge", type=int, default=5000000)
    args = parser.parse_args()

    with bench_registry("moffice_bench_activity", "moffice_admin") as (odoo, registry):
        with registry.cursor() as cr:
            env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
            env.company.moffice_abbreviation = "SKHCN"
            clerk = bench_clerk(env)
            issuer = env["res.partner"].create({"name": "UBND tỉnh", "is_company": True})
            clerk_id, issuer_id = clerk.id, issuer.id
        logged = registry._moffice_activity_models
        timed_registrations(odoo, registry, clerk_id, issuer_id, 0, 50)  # warm-up

        # 1. on and off, alternating blocks of 100
        seconds = {"on": 0.0, "off": 0.0}
        index, block = 100, 100
        for _round in range(max(args.registrations // (2 * block), 1)):
            for mode in ("off", "on"):
                registry._moffice_activity_models = logged if mode == "on" else frozenset()
                seconds[mode] += sum(timed_registrations(odoo, registry, clerk_id, issuer_id, index, block))
                index += block
        registry._moffice_activity_models = logged
        per_mode = max(args.registrations // (2 * block), 1) * block
        rates = {mode: per_mode / seconds[mode] for mode in seconds}
        print(
            f"registrations: activity log off {rates['off']:.1f}/s, on {rates['on']:.1f}/s "
            f"({(rates['on'] / rates['off'] - 1) * 100:+.1f} %), {per_mode} each",
            flush=True,
        )

        # 2. the purge of old entries while the clerk registers
        with registry.cursor() as cr:
            cr.execute(
                """INSERT INTO moffice_activity_log (date, user_id, operation, model, res_id, record_name, changes)
                   SELECT timestamp '2015-01-01' + n * interval '1 second', %s, 'write', 'moffice.document', n,
                          'V/v ' || n, '[["summary", "Summary", "a", "b"]]'::jsonb
                     FROM generate_series(1, %s) n""",
                (clerk_id, args.purge),
            )
        print(f"{args.purge} old entries written", flush=True)
        quiet = timed_registrations(odoo, registry, clerk_id, issuer_id, index, 200)
        index += 200
        result = {}

        def purge():
            from odoo.addons.moffice_admin.models.moffice_activity_log import purge_before

            with registry.cursor() as cr:
                began = time.perf_counter()
                result["deleted"], result["batches"] = purge_before(cr, "moffice_activity_log", datetime(2020, 1, 1))
                result["seconds"] = time.perf_counter() - began

        worker = threading.Thread(target=purge)
        worker.start()
        during = []
        while worker.is_alive():
            during += timed_registrations(odoo, registry, clerk_id, issuer_id, index, 10)
            index += 10
        worker.join()
        print(
            f"purge: {result['deleted']} entries in {result['seconds']:.1f} s ({result['batches']} batches); "
            f"{len(during)} registrations meanwhile, slowest {max(during) * 1000:.0f} ms, "
            f"median {sorted(during)[len(during) // 2] * 1000:.0f} ms "
            f"(without a purge: slowest {max(quiet) * 1000:.0f} ms, "
            f"median {sorted(quiet)[len(quiet) // 2] * 1000:.0f} ms)",
            flush=True,
        )


if __name__ == "__main__":
    main()
