#!/usr/bin/env python3
"""Benchmark of the archive (not a test).

Starts a throw-away PostgreSQL, installs moffice_archive without demo data
and prints:

* the export of a file of 500 documents (a one-page PDF each) to PDF and
  to XML: time and peak Python memory of each;
* the 30-day warning sweep of files due to the archive over 100,000 and
  1,000,000 closed files of which 1,000 are due: time, SQL queries, and the
  ratio of the largest to the smallest run.

Usage: python3 benchmarks/bench_archive.py [--documents 500] [--sizes 100000 1000000] [--due 1000]
"""

import argparse
import time
import tracemalloc

from bench_documents import text_pdf
from common import bench_registry, http_server

DBNAME = "moffice_archive_bench"


def measure(call):
    """Run ``call``: (its result, seconds, peak MiB of Python memory)."""
    tracemalloc.start()
    start = time.perf_counter()
    result = call()
    elapsed = time.perf_counter() - start
    peak = tracemalloc.get_traced_memory()[1] / 2**20
    tracemalloc.stop()
    return result, elapsed, peak


def bench_export(odoo, registry, count):
    with registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
        env.company.moffice_organ_id = "000.00.31.H42"
        documents = env["moffice.document"]
        for number in range(1, count + 1):
            scan = env["ir.attachment"].create(
                {
                    "name": f"{number}-UBND-VX.pdf",
                    "raw": text_pdf(f"Document {number}"),
                    "mimetype": "application/pdf",
                }
            )
            documents |= documents.create(
                {
                    "kind": "incoming",
                    "summary": f"V/v báo cáo số {number}",
                    "reference": f"{number}/UBND-VX",
                    "date_document": f"2026-{number % 12 + 1:02d}-{number % 28 + 1:02d}",
                    "attachment_ids": [(6, 0, scan.ids)],
                }
            )
        file = env["moffice.archive.file"].create(
            {
                "name": "Hồ sơ đo thử",
                "notation": "01.BENCH",
                "retention_id": env.ref("moffice_archive.retention_10").id,
            }
        )
        file._add(documents=documents)
        file_id = file.id
    with http_server(odoo, DBNAME) as url:
        with registry.cursor() as cr:
            env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
            env["ir.config_parameter"].set_param("report.url", url)
            cr.commit()
            file = env["moffice.archive.file"].browse(file_id)
            pdf, pdf_time, pdf_peak = measure(file._export_pdf)
            xml, xml_time, xml_peak = measure(file._export_xml)
    print(
        f"export of a file of {count} documents: PDF {pdf_time:.2f} s, peak {pdf_peak:.1f} MiB, "
        f"{len(pdf) / 2**20:.1f} MiB; XML {xml_time:.2f} s, peak {xml_peak:.1f} MiB, {len(xml) / 2**10:.0f} KiB",
        flush=True,
    )


def bench_sweep(odoo, registry, sizes, due):
    results = []
    for size in sizes:
        with registry.cursor() as cr:
            cr.execute("DELETE FROM mail_activity WHERE res_model = 'moffice.archive.file'")
            cr.execute("DELETE FROM moffice_archive_file")
            cr.execute("SELECT id FROM moffice_archive_retention WHERE years = 10")
            retention = cr.fetchone()[0]
            # Closed files: ``due`` of them reach their warning today, the
            # others later (their due dates spread over the next year).
            cr.execute(
                """
                INSERT INTO moffice_archive_file (name, notation, year, code, retention_id, rights, language,
                                                  user_id, state, date_start, date_end, date_due, date_warning,
                                                  warning_stage, company_id, create_uid, write_uid,
                                                  create_date, write_date)
                SELECT 'Hồ sơ ' || n, n || '.HS', 2025, '000.00.31.H42.2025.' || n || '.HS', %(retention)s,
                       'public', 'Tiếng Việt', 2, 'closed', date '2025-01-02', date_end,
                       date_end + interval '1 year', date_end + interval '1 year' - interval '30 days',
                       'none', 1, 2, 2, now(), now()
                  FROM (SELECT n, CASE WHEN n <= %(due)s THEN current_date - interval '335 days'
                                       ELSE current_date - interval '300 days' + (n %% 300) * interval '1 day'
                                  END AS date_end
                          FROM generate_series(1, %(size)s) AS n) AS files
                """,
                {"size": size, "due": due, "retention": retention},
            )
            cr.execute("ANALYZE moffice_archive_file")
        with registry.cursor() as cr:
            env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
            queries = cr.sql_log_count
            start = time.perf_counter()
            env["moffice.archive.file"]._cron_warn_due()
            env.flush_all()
            elapsed = time.perf_counter() - start
            queries = cr.sql_log_count - queries
            cr.execute("SELECT count(*) FROM moffice_archive_file WHERE warning_stage = 'soon'")
            warned = cr.fetchone()[0]
        results.append(elapsed)
        print(
            f"30-day warning sweep: {size} closed files, {warned} warned in {elapsed:.2f} s, {queries} SQL queries",
            flush=True,
        )
    if len(results) > 1:
        print(f"ratio largest/smallest: {results[-1] / results[0]:.2f}", flush=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--documents", type=int, default=500)
    parser.add_argument("--sizes", type=int, nargs="+", default=[100000, 1000000])
    parser.add_argument("--due", type=int, default=1000)
    args = parser.parse_args()
    with bench_registry(DBNAME, "moffice_archive") as (odoo, registry):
        bench_export(odoo, registry, args.documents)
        bench_sweep(odoo, registry, args.sizes, args.due)


if __name__ == "__main__":
    main()
