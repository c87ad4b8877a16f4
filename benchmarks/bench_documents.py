#!/usr/bin/env python3
"""Benchmark of the documents addon on a real database (not a test).

Starts a throw-away PostgreSQL (unless PGHOST is set), installs
moffice_documents without demo data, then prints:

1. registrations per second: N incoming documents, each created by a clerk
   with a small PDF (indexed) and registered (gap-free arrival number), one
   transaction per document as in the web client, on one worker;
2. search time (median, 95th percentile) among M documents, as a clerk would
   search from the list view: by number and symbol, by words of the summary,
   and by register number;
3. time and peak memory of the incoming register of R rows as XLSX.

Usage: python3 benchmarks/bench_documents.py [--registrations 10000]
       [--documents 200000] [--register-rows 10000] [--searches 200]
"""

import argparse
import random
import resource
import statistics
import time
import tracemalloc

from common import bench_registry

PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj "
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]/Contents 4 0 R/Resources<<>>>>endobj "
    b"4 0 obj<</Length 44>>stream\nBT /F1 12 Tf 72 712 Td (Cong van den) Tj ET\nendstream endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)
WORDS = (
    "báo cáo kế hoạch đề tài nhiệm vụ khoa học công nghệ chuyển đổi số thẩm định nghiệm thu kinh phí "
    "đo lường chất lượng sở hữu trí tuệ an toàn bức xạ hội đồng tư vấn quyết định thành lập"
).split()
ISSUERS = ("UBND", "BKHCN", "STC", "SKHĐT", "STTTT", "SNV", "SYT", "SGDĐT")


def percentile(values, share):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--registrations", type=int, default=10000)
    parser.add_argument("--documents", type=int, default=200000)
    parser.add_argument("--register-rows", type=int, default=10000)
    parser.add_argument("--searches", type=int, default=200)
    args = parser.parse_args()

    with bench_registry("moffice_bench", "moffice_documents") as (odoo, registry):
        with registry.cursor() as cr:
            env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
            env.company.moffice_abbreviation = "SKHCN"
            clerk = env["res.users"].create(
                {
                    "name": "Văn thư đo hiệu năng",
                    "login": "bench_clerk",
                    "email": "bench.clerk@example.com",
                    "groups_id": [(6, 0, [env.ref("moffice_documents.group_moffice_clerk").id])],
                }
            )
            issuers = env["res.partner"].create([{"name": f"Cơ quan {code}", "is_company": True} for code in ISSUERS])
            clerk_id, issuer_ids = clerk.id, issuers.ids
        print("database ready", flush=True)

        # 1. registrations per second, one transaction each
        rng = random.Random(2026)
        start = time.perf_counter()
        for index in range(args.registrations):
            with registry.cursor() as cr:
                env = odoo.api.Environment(cr, clerk_id, {})
                scan = env["ir.attachment"].create(
                    {"name": f"scan-{index}.pdf", "raw": PDF, "mimetype": "application/pdf"}
                )
                document = env["moffice.document"].create(
                    {
                        "kind": "incoming",
                        "summary": " ".join(rng.sample(WORDS, 8)),
                        "issuer_id": rng.choice(issuer_ids),
                        "reference": f"{index + 1}/{rng.choice(ISSUERS)}-VP",
                        "date_document": "2026-11-20",
                        "attachment_ids": [(6, 0, scan.ids)],
                    }
                )
                document.action_register()
        elapsed = time.perf_counter() - start
        print(
            f"registrations: {args.registrations} in {elapsed:.1f} s = "
            f"{args.registrations / elapsed:.1f} registrations/s (one worker, PDF attached and indexed)",
            flush=True,
        )

        # 2. fill up to M documents in bulk, then search as the clerk
        with registry.cursor() as cr:
            cr.execute("SELECT id FROM moffice_register WHERE kind = 'incoming' ORDER BY id LIMIT 1")
            register_id = cr.fetchone()[0]
            missing = max(args.documents - args.registrations, 0)
            cr.execute(
                """
                INSERT INTO moffice_document (kind, state, summary, reference, register_id, register_number,
                    register_year, issuer_id, date_document, date_registered, urgency, confidentiality, owner_id,
                    company_id, active, copy_count, create_uid, write_uid, create_date, write_date)
                SELECT 'incoming', 'registered',
                       (%(words)s::text[])[1 + (n * 7) %% %(count)s] || ' '
                       || (%(words)s::text[])[1 + (n * 13) %% %(count)s] || ' '
                       || (%(words)s::text[])[1 + (n * 17) %% %(count)s] || ' '
                       || (%(words)s::text[])[1 + (n * 23) %% %(count)s],
                       n || '/' || (%(issuers)s::text[])[1 + n %% %(nissuers)s] || '-VX',
                       %(register)s, n, 2025, %(issuer)s, DATE '2025-06-01', now(), 'normal', 'normal',
                       %(clerk)s, 1, true, 1, 1, 1, now(), now()
                  FROM generate_series(1, %(missing)s) AS n
                """,
                {
                    "words": list(WORDS),
                    "count": len(WORDS),
                    "issuers": list(ISSUERS),
                    "nissuers": len(ISSUERS),
                    "register": register_id,
                    "issuer": issuer_ids[0],
                    "clerk": clerk_id,
                    "missing": missing,
                },
            )
            cr.execute("ANALYZE moffice_document")
            cr.execute("SELECT count(*) FROM moffice_document")
            total = cr.fetchone()[0]
        print(f"documents in the database: {total}", flush=True)

        with registry.cursor() as cr:
            env = odoo.api.Environment(cr, clerk_id, {})
            Document = env["moffice.document"]
            Document.search([], limit=1)
            searches = {
                "number and symbol": lambda: [("reference", "ilike", f"{rng.randint(1, total)}/{rng.choice(ISSUERS)}")],
                "summary words": lambda: [
                    ("summary", "ilike", " ".join(rng.sample(WORDS, 1)) + " " + rng.choice(WORDS))
                ],
                "register number": lambda: [("register_number", "=", rng.randint(1, total))],
            }
            for label, make_domain in searches.items():
                timings = []
                for _index in range(args.searches):
                    domain = make_domain()
                    begin = time.perf_counter()
                    Document.search_fetch(domain, ["reference", "summary", "register_number", "state"], limit=80)
                    timings.append((time.perf_counter() - begin) * 1000)
                    env.invalidate_all()
                print(
                    f"search by {label}: median {statistics.median(timings):.1f} ms, "
                    f"p95 {percentile(timings, 0.95):.1f} ms over {args.searches} searches "
                    f"among {total} documents",
                    flush=True,
                )

        # 3. the register as XLSX
        with registry.cursor() as cr:
            env = odoo.api.Environment(cr, clerk_id, {})
            cr.execute(
                "UPDATE moffice_document SET date_registered = DATE '2025-03-01' + (register_number %% 28) "
                "WHERE register_year = 2025 AND register_number <= %s",
                [args.register_rows],
            )
            report = env["moffice.register.report"].create(
                {"register_id": register_id, "date_from": "2025-03-01", "date_to": "2025-03-31"}
            )
            rows = len(report._documents())
            env.invalidate_all()
            rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
            tracemalloc.start()
            begin = time.perf_counter()
            content, _kind = env["ir.actions.report"]._render(
                "moffice_documents.action_report_register_xlsx", report.ids
            )
            elapsed = time.perf_counter() - begin
            _current, peak = tracemalloc.get_traced_memory()
            tracemalloc.stop()
            rss_after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
            print(
                f"register XLSX: {rows} rows in {elapsed:.2f} s, {len(content) / 1024:.0f} KiB, "
                f"peak Python allocations {peak / 2**20:.0f} MiB, process peak RSS "
                f"{rss_after / 1024:.0f} MiB (+{(rss_after - rss_before) / 1024:.0f} MiB)",
                flush=True,
            )


if __name__ == "__main__":
    main()
