#!/usr/bin/env python3
"""Benchmark of the ISO audit view (not a test).

Starts a throw-away PostgreSQL, installs moffice_iso without demo data and
fills it with controlled documents, each with issued revisions coming into
force one after the other, and with procedures requiring records that units
file every quarter (some missing). Prints the median and p95 time of the
master list "as on" a day (which revision was current then), of the list of
current revisions searched by validity, and of the check of the required
records against those filed for a year, each as a clerk with record rules.

Usage: python3 benchmarks/bench_iso.py [--documents 2000] [--revisions 5] [--units 10] [--runs 20]
"""

import argparse
import datetime
import statistics
import time

from common import bench_registry

PROCEDURES = 200
REQUIREMENTS_PER_PROCEDURE = 3


def timed(runs, call):
    """Median and p95 (ms) of ``runs`` calls of ``call``, and its last result."""
    times, result = [], None
    for _run in range(runs):
        start = time.perf_counter()
        result = call()
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    return statistics.median(times), times[int(0.95 * (len(times) - 1))], result


def fill(env, args):
    """The documents, their revisions, the requirements and the records filed (as the superuser)."""
    env = env(context={"tracking_disable": True, "mail_create_nolog": True, "mail_notrack": True})
    procedure_type = env.ref("moffice_iso.iso_type_procedure")
    form_type = env.ref("moffice_iso.iso_type_form")
    record_type = env["moffice.iso.record.type"].search([], limit=1)
    units = env["hr.department"].create([{"name": f"Phòng {n}"} for n in range(args.units)])
    owner = env.ref("base.user_admin")
    first = datetime.date(2020, 1, 1)
    documents = env["moffice.iso.document"].create(
        [
            {
                "code": f"QT-{n:04d}" if n < PROCEDURES else f"BM-{n:04d}",
                "name": f"Tài liệu {n}",
                "type_id": (procedure_type if n < PROCEDURES else form_type).id,
                "department_id": units[n % len(units)].id,
                "owner_id": owner.id,
                "state": "in_force",
                "last_revision_number": args.revisions,
            }
            for n in range(args.documents)
        ]
    )
    env["moffice.iso.revision"].create(
        [
            {
                "document_id": document.id,
                "state": "issued",
                "revision_number": number,
                "change_summary": f"Lần ban hành {number}",
                # the revisions of each document come into force one a year, on different days
                "date_effective": first + datetime.timedelta(days=365 * (number - 1) + index % 300),
            }
            for index, document in enumerate(documents)
            for number in range(1, args.revisions + 1)
        ]
    )
    requirements = env["moffice.iso.record.requirement"].create(
        [
            {
                "document_id": procedure.id,
                "name": f"Hồ sơ {n} của {procedure.code}",
                "record_type_id": record_type.id,
                "frequency": "quarter",
                "department_ids": [(6, 0, units.ids)],
            }
            for procedure in documents[:PROCEDURES]
            for n in range(REQUIREMENTS_PER_PROCEDURE)
        ]
    )
    year = first.replace(year=first.year + args.revisions - 1)
    env["moffice.iso.record"].create(
        [
            {
                "name": f"{requirement.name} - quý {quarter + 1}",
                "requirement_id": requirement.id,
                "department_id": unit.id,
                "date": year.replace(month=3 * quarter + 2, day=15),
            }
            for index, requirement in enumerate(requirements)
            for unit in units
            for quarter in range(4)
            # one period in seven has no record: missing
            if (index + unit.id + quarter) % 7
        ]
    )
    return year


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--documents", type=int, default=2000)
    parser.add_argument("--revisions", type=int, default=5)
    parser.add_argument("--units", type=int, default=10)
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()

    with bench_registry("moffice_iso_bench", "moffice_iso") as (odoo, registry):
        with registry.cursor() as cr:
            env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
            start = time.perf_counter()
            year = fill(env, args)
            env.flush_all()
            cr.execute("ANALYZE")
            clerk = env["res.users"].create(
                {
                    "name": "Văn thư",
                    "login": "bench_clerk",
                    "groups_id": [(6, 0, [env.ref("moffice_documents.group_moffice_clerk").id])],
                }
            )
            print(
                f"filled: {args.documents} documents, {args.documents * args.revisions} revisions, "
                f"{PROCEDURES * REQUIREMENTS_PER_PROCEDURE} required records for {args.units} units "
                f"in {time.perf_counter() - start:.1f} s",
                flush=True,
            )
            audits = env["moffice.iso.audit"].with_user(clerk)
            day = year.replace(month=7, day=1)

            def master_list():
                audit = audits.create({"date": day})
                return audit._master_table()[1]

            median, p95, rows = timed(args.runs, master_list)
            print(f"master list as on {day}: {len(rows)} documents, median {median:.1f} ms, p95 {p95:.1f} ms")

            revisions = env["moffice.iso.revision"].with_user(clerk)

            def current():
                return revisions.search([("validity", "=", "current")], limit=80), revisions.search_count(
                    [("validity", "=", "current")]
                )

            median, p95, (_page, count) = timed(args.runs, current)
            print(f"current revisions (80 rows and the count, {count}): median {median:.1f} ms, p95 {p95:.1f} ms")

            def check():
                audit = audits.create({"date": day, "date_from": year, "date_to": year.replace(month=12, day=31)})
                audit.action_check_records()
                return audit

            median, p95, audit = timed(args.runs, check)
            print(
                f"required records for a year: {len(audit.line_ids)} lines, {audit.missing_count} missing, "
                f"median {median:.1f} ms, p95 {p95:.1f} ms"
            )
            cr.rollback()


if __name__ == "__main__":
    main()
