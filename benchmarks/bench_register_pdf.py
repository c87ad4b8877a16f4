#!/usr/bin/env python3
"""Benchmark of the registers printed as PDF (not a test).

Starts a throw-away PostgreSQL, installs moffice_documents without demo data,
adds N registered and routed incoming documents in one month (in bulk, in
SQL), serves the database over HTTP (wkhtmltopdf fetches the report's
styles from it, as in production), then prints the time, size and number
of pages of the incoming register of that month as PDF (QWeb rendered and
converted by wkhtmltopdf), printed by a clerk as from the print wizard.

Usage: python3 benchmarks/bench_register_pdf.py [--rows 10000]
"""

import argparse
import io
import time

from common import bench_clerk, bench_registry, http_server

WORDS = (
    "báo cáo kế hoạch đề tài nhiệm vụ khoa học công nghệ chuyển đổi số thẩm định nghiệm thu kinh phí "
    "đo lường chất lượng sở hữu trí tuệ an toàn bức xạ hội đồng tư vấn quyết định thành lập"
).split()


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=10000)
    args = parser.parse_args()

    with bench_registry("moffice_bench_register_pdf", "moffice_documents") as (odoo, registry):
        from odoo.tools.pdf import PdfFileReader

        with registry.cursor() as cr:
            env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
            env.company.write({"name": "Sở Khoa học và Công nghệ", "moffice_governing_body": "UBND TỈNH HÀ TĨNH"})
            clerk = bench_clerk(env)
            issuer = env["res.partner"].create({"name": "Ủy ban nhân dân tỉnh Hà Tĩnh", "is_company": True})
            register = env.ref("moffice_documents.register_incoming")
            cr.execute(
                """
                INSERT INTO moffice_document (kind, state, summary, reference, register_id, register_number,
                    register_year, issuer_id, document_type_id, date_document, date_registered, date_handed_over,
                    handed_to, urgency, confidentiality, owner_id, company_id, active, copy_count,
                    create_uid, write_uid, create_date, write_date)
                SELECT 'incoming', 'routed',
                       'V/v ' || (%(words)s::text[])[1 + (n * 7) %% %(count)s] || ' '
                       || (%(words)s::text[])[1 + (n * 13) %% %(count)s] || ' '
                       || (%(words)s::text[])[1 + (n * 17) %% %(count)s] || ' '
                       || (%(words)s::text[])[1 + (n * 23) %% %(count)s] || ' năm 2025',
                       n || '/UBND-VX', %(register)s, n, 2025, %(issuer)s, %(type)s,
                       DATE '2025-02-25' + (n %% 28), TIMESTAMP '2025-03-01 02:00' + (n %% 28) * INTERVAL '1 day',
                       TIMESTAMP '2025-03-01 04:00' + (n %% 28) * INTERVAL '1 day',
                       'Phòng Quản lý Khoa học, Ngô Văn Thắng', 'normal', 'normal', %(clerk)s, %(company)s,
                       true, 1, 1, 1, now(), now()
                  FROM generate_series(1, %(rows)s) AS n
                """,
                {
                    "words": WORDS,
                    "count": len(WORDS),
                    "register": register.id,
                    "issuer": issuer.id,
                    "type": env.ref("moffice_documents.type_incoming_letter").id,
                    "clerk": clerk.id,
                    "company": env.company.id,
                    "rows": args.rows,
                },
            )
            cr.execute("ANALYZE moffice_document")
            clerk_id, register_id = clerk.id, register.id
        print(f"database ready: {args.rows} incoming documents", flush=True)

        with http_server(odoo, "moffice_bench_register_pdf") as url, registry.cursor() as cr:
            odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})["ir.config_parameter"].set_param("report.url", url)
            env = odoo.api.Environment(cr, clerk_id, {"lang": "en_US"})
            report = env["moffice.register.report"].create(
                {"register_id": register_id, "date_from": "2025-03-01", "date_to": "2025-03-31"}
            )
            begin = time.perf_counter()
            content, _kind = env["ir.actions.report"]._render_qweb_pdf(
                "moffice_documents.action_report_register_pdf", report.ids
            )
            elapsed = time.perf_counter() - begin
            pages = len(PdfFileReader(io.BytesIO(content), strict=False).pages)
            print(
                f"incoming register PDF: {args.rows} rows in {elapsed:.1f} s, "
                f"{len(content) / 2**20:.1f} MiB, {pages} pages",
                flush=True,
            )


if __name__ == "__main__":
    main()
