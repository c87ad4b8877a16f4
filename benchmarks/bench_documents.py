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
3. time and peak memory of the incoming register of R rows as XLSX;
4. OCR: registrations per second of documents with a scanned A4 page (PNG or
   image-only PDF) while the OCR job is idle (OCR disabled) and while it
   reads the scans in the background (OCR enabled), and the pages per minute
   the OCR job reads.

The searches ignore Vietnamese diacritics and case (the database has
unaccent, as in production): besides the searches with the words as typed,
by words of the summary, the issuer, the signer and the files' text typed
without diacritics ("tham dinh" for "thẩm định").

Usage: python3 benchmarks/bench_documents.py [--registrations 10000]
       [--documents 200000] [--register-rows 10000] [--searches 200]
       [--ocr-registrations 200] [--ocr-pages 20]
"""

import argparse
import contextlib
import io
import random
import resource
import statistics
import threading
import time
import tracemalloc
import unicodedata
from unittest import mock

from common import bench_clerk, bench_registry


def text_pdf(text):
    """A one-page PDF with a text layer (Odoo indexes its words)."""
    stream = b"BT /F1 12 Tf 72 712 Td (%s) Tj ET" % text.encode()
    objects = [
        b"<</Type/Catalog/Pages 2 0 R>>",
        b"<</Type/Pages/Kids[3 0 R]/Count 1>>",
        b"<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]/Contents 4 0 R/Resources<</Font<</F1 5 0 R>>>>>>",
        b"<</Length %d>>stream\n%s\nendstream" % (len(stream), stream),
        b"<</Type/Font/Subtype/Type1/BaseFont/Helvetica>>",
    ]
    pdf, offsets = b"%PDF-1.4\n", []
    for number, body in enumerate(objects, 1):
        offsets.append(len(pdf))
        pdf += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    table = b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    return pdf + b"xref\n0 %d\n0000000000 65535 f \n%strailer<</Size %d/Root 1 0 R>>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        table,
        len(objects) + 1,
        len(pdf),
    )


PDF = text_pdf("Cong van den")

WORDS = (
    "báo cáo kế hoạch đề tài nhiệm vụ khoa học công nghệ chuyển đổi số thẩm định nghiệm thu kinh phí "
    "đo lường chất lượng sở hữu trí tuệ an toàn bức xạ hội đồng tư vấn quyết định thành lập"
).split()
ISSUERS = ("UBND", "BKHCN", "STC", "SKHĐT", "STTTT", "SNV", "SYT", "SGDĐT")
SIGNERS = ("Nguyễn Văn Hùng", "Trần Thị Thanh Hà", "Lê Đức Minh", "Phạm Quốc Bảo", "Đỗ Thị Mai", "Đặng Văn Đông")


def fold(text):
    """``text`` as typed without diacritics, in lower case ("thẩm định" → "tham dinh")."""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(char for char in decomposed if not unicodedata.combining(char)).lower()


def scanned_page(odoo, rng):
    """A scanned A4 page (300 dpi) of 36 lines of Vietnamese text, as PNG and as an image-only PDF."""
    from PIL import Image, ImageDraw, ImageFont

    font = ImageFont.truetype(odoo.tools.file_path("web/static/fonts/sign/NotoSans-Reg.ttf"), 40)
    page = Image.new("L", (2480, 3508), 255)
    draw = ImageDraw.Draw(page)
    for line in range(36):
        draw.text((200, 250 + 85 * line), " ".join(rng.sample(WORDS, 9)).capitalize(), font=font, fill=0)
    png, pdf = io.BytesIO(), io.BytesIO()
    page.save(png, "PNG")
    page.save(pdf, "PDF", resolution=300)
    return png.getvalue(), pdf.getvalue()


def percentile(values, share):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--registrations", type=int, default=10000)
    parser.add_argument("--documents", type=int, default=200000)
    parser.add_argument("--register-rows", type=int, default=10000)
    parser.add_argument("--searches", type=int, default=200)
    parser.add_argument("--ocr-registrations", type=int, default=200)
    parser.add_argument("--ocr-pages", type=int, default=20)
    args = parser.parse_args()

    with bench_registry("moffice_bench", "moffice_documents") as (odoo, registry):
        with registry.cursor() as cr:
            env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
            env.company.moffice_abbreviation = "SKHCN"
            clerk = bench_clerk(env, email="bench.clerk@example.com")
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
                    company_id, active, copy_count, create_uid, write_uid, create_date, write_date, signer_name)
                SELECT 'incoming', 'registered',
                       (%(words)s::text[])[1 + (n * 7) %% %(count)s] || ' '
                       || (%(words)s::text[])[1 + (n * 13) %% %(count)s] || ' '
                       || (%(words)s::text[])[1 + (n * 17) %% %(count)s] || ' '
                       || (%(words)s::text[])[1 + (n * 23) %% %(count)s],
                       n || '/' || (%(issuers)s::text[])[1 + n %% %(nissuers)s] || '-VX',
                       %(register)s, n, 2025, %(issuer)s, DATE '2025-06-01', now(), 'normal', 'normal',
                       %(clerk)s, 1, true, 1, 1, 1, now(), now(),
                       (%(signers)s::text[])[1 + n %% %(nsigners)s]
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
                    "signers": list(SIGNERS),
                    "nsigners": len(SIGNERS),
                },
            )
            # The text of a file for every document filled in (what Odoo's
            # indexing or the OCR would have stored), 12 words each.
            cr.execute(
                """
                INSERT INTO ir_attachment (name, res_model, res_id, type, mimetype, index_content, company_id,
                    create_uid, write_uid, create_date, write_date)
                SELECT 'scan.pdf', 'moffice.document', d.id, 'binary', 'application/pdf',
                       d.summary || ' ' || (%(words)s::text[])[1 + (d.id * 3) %% %(count)s] || ' '
                       || (%(words)s::text[])[1 + (d.id * 5) %% %(count)s] || ' '
                       || (%(words)s::text[])[1 + (d.id * 11) %% %(count)s] || ' '
                       || (%(words)s::text[])[1 + (d.id * 19) %% %(count)s] || ' '
                       || (%(words)s::text[])[1 + (d.id * 29) %% %(count)s] || ' '
                       || (%(words)s::text[])[1 + (d.id * 31) %% %(count)s] || ' '
                       || (%(words)s::text[])[1 + (d.id * 37) %% %(count)s] || ' '
                       || (%(words)s::text[])[1 + (d.id * 41) %% %(count)s],
                       1, 1, 1, now(), now()
                  FROM moffice_document d WHERE d.register_year = 2025
                """,
                {"words": list(WORDS), "count": len(WORDS)},
            )
            cr.execute("ANALYZE moffice_document")
            cr.execute("ANALYZE ir_attachment")
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
                "summary words without diacritics": lambda: [
                    ("summary", "ilike", fold(rng.choice(WORDS) + " " + rng.choice(WORDS)))
                ],
                "issuer without diacritics": lambda: [("issuer_id", "ilike", fold(f"Cơ quan {rng.choice(ISSUERS)}"))],
                "signer without diacritics": lambda: [("signer_name", "ilike", fold(rng.choice(SIGNERS)))],
                "file text without diacritics": lambda: [
                    ("attachment_text", "ilike", fold(rng.choice(WORDS) + " " + rng.choice(WORDS)))
                ],
            }
            for label, make_domain in searches.items():
                timings, found = [], 0
                for _index in range(args.searches):
                    domain = make_domain()
                    begin = time.perf_counter()
                    found += bool(
                        Document.search_fetch(domain, ["reference", "summary", "register_number", "state"], limit=80)
                    )
                    timings.append((time.perf_counter() - begin) * 1000)
                    env.invalidate_all()
                print(
                    f"search by {label}: median {statistics.median(timings):.1f} ms, "
                    f"p95 {percentile(timings, 0.95):.1f} ms over {args.searches} searches "
                    f"({found} finding documents) among {total} documents",
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
            rows = len(report._entries())
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

        # 4. OCR: registration with the OCR job idle, then with it reading in
        # the background; then the pages per minute it reads.
        if args.ocr_registrations:
            bench_ocr(odoo, registry, clerk_id, issuer_ids, args)


def register_scans(odoo, registry, clerk_id, issuer_ids, scans, count, offset):
    """Register ``count`` incoming documents, each with one of ``scans``
    uploaded as the web client does; return the seconds it took."""
    rng = random.Random(offset)
    start = time.perf_counter()
    for index in range(offset, offset + count):
        with registry.cursor() as cr:
            env = odoo.api.Environment(cr, clerk_id, {})
            name, raw, mimetype = scans[index % len(scans)]
            scan = env["ir.attachment"].create(
                {"name": name, "raw": raw, "mimetype": mimetype, "res_model": "moffice.document", "res_id": 0}
            )
            document = env["moffice.document"].create(
                {
                    "kind": "incoming",
                    "summary": " ".join(rng.sample(WORDS, 8)),
                    "issuer_id": rng.choice(issuer_ids),
                    "reference": f"{index + 1}/SCAN-VP",
                    "date_document": "2026-11-20",
                    "attachment_ids": [(6, 0, scan.ids)],
                }
            )
            document.action_register()
    return time.perf_counter() - start


@contextlib.contextmanager
def ocr_job_reading(odoo, registry):
    """The OCR job reading the waiting scans, one at a time, in a thread of its own."""
    stop = threading.Event()

    def read():
        while not stop.is_set():
            with registry.cursor() as cr:
                env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
                if env["ir.attachment"].search_count([("moffice_ocr_state", "=", "todo")]):
                    env["ir.attachment"]._cron_moffice_ocr(batch=1)
                else:
                    stop.wait(0.5)

    worker = threading.Thread(target=read)
    worker.start()
    try:
        yield
    finally:
        stop.set()
        worker.join()


def bench_ocr(odoo, registry, clerk_id, issuer_ids, args):
    from odoo.addons.moffice_documents.tools import ocr

    missing = ocr.missing_tools()
    if missing:
        print(f"OCR: not measured, {missing}", flush=True)
        return
    png, pdf = scanned_page(odoo, random.Random(7))
    scans = [("scan.png", png, "image/png"), ("scan.pdf", pdf, "application/pdf")]
    modes = {
        "OCR disabled (files not queued)": lambda: mock.patch.object(
            registry["ir.attachment"], "_moffice_ocr_plan", lambda self: None
        ),
        "OCR enabled, job idle (scans queued)": contextlib.nullcontext,
        "OCR enabled, job reading the scans meanwhile on this 2-core machine": lambda: ocr_job_reading(odoo, registry),
    }
    # The modes take turns, in blocks, so that a change of the machine's load
    # does not favour one of them.
    block = max(args.ocr_registrations // 4, 1)
    seconds = dict.fromkeys(modes, 0.0)
    offset = 0
    for _round in range(4):
        for mode, context in modes.items():
            with context():
                seconds[mode] += register_scans(odoo, registry, clerk_id, issuer_ids, scans, block, offset)
            offset += block
    baseline = 4 * block / seconds[next(iter(modes))]
    for mode, elapsed in seconds.items():
        rate = 4 * block / elapsed
        print(
            f"registrations with a scanned A4 page, {mode}: {rate:.1f} registrations/s "
            f"({(rate / baseline - 1) * 100:+.1f} %)",
            flush=True,
        )

    with registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
        start = time.perf_counter()
        env["ir.attachment"]._cron_moffice_ocr(batch=args.ocr_pages, budget=3600)
        elapsed = time.perf_counter() - start
        cr.execute(
            "SELECT moffice_ocr_state, count(*) FROM ir_attachment WHERE moffice_ocr_state IS NOT NULL GROUP BY 1"
        )
        states = dict(cr.fetchall())
    print(
        f"OCR: {args.ocr_pages} scanned A4 pages (PNG and image-only PDF, 36 lines each) in {elapsed:.1f} s = "
        f"{args.ocr_pages / elapsed * 60:.1f} pages/min (one Tesseract thread); files by state {states}",
        flush=True,
    )


if __name__ == "__main__":
    main()
