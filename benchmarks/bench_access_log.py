#!/usr/bin/env python3
"""Benchmark of the access history: what opening a document and
downloading its scan cost once every access is logged and PDFs are marked.

Starts a throw-away PostgreSQL, installs moffice_documents without demo data,
creates a clerk, a leader and a specialist, registers and routes D incoming
documents to the specialist and fills the access history with L entries
spread over them (SQL, as years of use would leave it). Then repeats R times
and prints the median and 95th percentile, in ms, each call in its own
committed transaction as a request is:

a. opening a document's form as the specialist (web_read of the form view's
   fields): with the access log (one INSERT), and the same read without it;
b. the same as the leader, whose form also counts the document's accesses
   and asks for access changes to confirm: with both, and without them
   (the four interleaved call by call, after a warm-up round);
c. marking a scan on its way out (mark_pdf) for 1, 10 and 50 pages of
   A4 images (about 150 dpi JPEG), and its size before and after.

Usage: python3 benchmarks/bench_access_log.py [--documents 1000]
       [--entries 1000000] [--repeat 200]
"""

import argparse
import io
import random
import statistics
import time

from common import bench_registry
from PIL import Image
from reportlab.lib.pagesizes import A4
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen import canvas


def percentiles(samples):
    samples = sorted(samples)
    return statistics.median(samples), samples[max(0, round(len(samples) * 0.95) - 1)]


def scan(pages, seed=2026):
    """A PDF of ``pages`` scanned A4 pages (one noisy greyscale JPEG each)."""
    rng = random.Random(seed)
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4)
    for _page in range(pages):
        image = Image.effect_noise((1240, 1754), 40 + rng.random() * 10).convert("L")
        jpeg = io.BytesIO()
        image.save(jpeg, format="JPEG", quality=60)
        jpeg.seek(0)
        pdf.drawImage(ImageReader(jpeg), 0, 0, *A4)
        pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def form_specification(env):
    """The fields of the document form, as the web client asks for them."""
    view = env["moffice.document"].get_views([(False, "form")])
    fields = view["models"]["moffice.document"]["fields"]
    spec = {}
    for name, description in fields.items():
        if description["type"] in ("many2one", "many2many", "one2many"):
            spec[name] = {"fields": {"display_name": {}}}
        else:
            spec[name] = {}
    return spec


def timed(registry, odoo, variants, ids, repeat):
    """Median and p95 of each variant (label, uid, call), interleaved call by
    call after one warm-up round, each call committed as a request is."""
    samples = {label: [] for label, _uid, _call in variants}
    for index in range(-1, repeat):
        for label, uid, call in variants:
            with registry.cursor() as cr:
                env = odoo.api.Environment(cr, uid, {"lang": "en_US"})
                document = env["moffice.document"].browse(ids[index % len(ids)])
                start = time.perf_counter()
                call(env, document)
                cr.commit()
                if index >= 0:
                    samples[label].append((time.perf_counter() - start) * 1000)
    return {label: percentiles(values) for label, values in samples.items()}


def setup(registry, odoo, documents, entries):
    with registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
        env.company.resource_calendar_id.tz = "Asia/Ho_Chi_Minh"
        users = {
            role: env["res.users"].create(
                {
                    "name": f"Bench {role}",
                    "login": f"bench_{role}",
                    "email": f"bench_{role}@example.com",
                    "groups_id": [(6, 0, [env.ref(f"moffice_documents.group_moffice_{role}").id])],
                }
            )
            for role in ("clerk", "document_admin", "specialist")
        }
        issuer = env["res.partner"].create({"name": "UBND tỉnh Bench", "is_company": True})
        Documents = env["moffice.document"].with_user(users["clerk"])
        pdf = scan(1)
        ids = []
        for number in range(documents):
            attachment = env["ir.attachment"].with_user(users["clerk"]).create({"name": f"{number}.pdf", "raw": pdf})
            document = Documents.create(
                {
                    "kind": "incoming",
                    "summary": f"Văn bản số {number}",
                    "issuer_id": issuer.id,
                    "reference": f"{number}/UBND-VX",
                    "date_document": "2026-11-20",
                    "leader_id": users["document_admin"].id,
                    "attachment_ids": [(6, 0, attachment.ids)],
                }
            )
            document.action_register()
            document.action_submit()
            document.with_user(users["document_admin"])._route(
                {"lead_user_id": users["specialist"].id, "date_deadline": "2026-12-31"}
            )
            ids.append(document.id)
        cr.execute(
            """INSERT INTO moffice_document_access_log (document_id, company_id, user_id, date, event, is_marked)
               SELECT (%(ids)s::int[])[1 + (n %% %(count)s)], %(company)s, %(user)s,
                      now() - (n || ' seconds')::interval, 'open', false
               FROM generate_series(1, %(entries)s) n""",
            {"ids": ids, "count": len(ids), "company": env.company.id, "user": users["clerk"].id, "entries": entries},
        )
        cr.execute("ANALYZE moffice_document_access_log")
        cr.commit()
        return {role: user.id for role, user in users.items()}, ids


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--documents", type=int, default=1000)
    parser.add_argument("--entries", type=int, default=1000000)
    parser.add_argument("--repeat", type=int, default=200)
    args = parser.parse_args()
    with bench_registry("bench_access_log", "moffice_documents") as (odoo, registry):
        from odoo.addons.moffice_documents.models.base import client_read
        from odoo.addons.moffice_documents.models.pdf_mark import mark_pdf

        users, ids = setup(registry, odoo, args.documents, args.entries)
        with registry.cursor() as cr:
            env = odoo.api.Environment(cr, users["specialist"], {})
            specialist_spec = form_specification(env)
            env = env(user=users["document_admin"])
            leader_spec = form_specification(env)
        leader_plain = {
            name: spec for name, spec in leader_spec.items() if name not in ("access_count", "has_access_change")
        }

        def opened(spec):
            return lambda env, document: document.web_read(spec)

        def not_logged(spec):
            def call(env, document):
                # inside another client read, the document's own is not logged
                with client_read():
                    document.web_read(spec)

            return call

        print(f"{args.documents} documents, {args.entries} access log entries, {args.repeat} calls each (ms)")
        variants = (
            ("specialist opens a form, logged", users["specialist"], opened(specialist_spec)),
            ("specialist opens a form, not logged", users["specialist"], not_logged(specialist_spec)),
            ("leader opens a form with the access count, logged", users["document_admin"], opened(leader_spec)),
            (
                "leader opens a form without the new fields, not logged",
                users["document_admin"],
                not_logged(leader_plain),
            ),
        )
        for label, (median, p95) in timed(registry, odoo, variants, ids, args.repeat).items():
            print(f"{label:60} median {median:6.2f}  p95 {p95:6.2f}")

        for pages in (1, 10, 50):
            data = scan(pages)
            samples = []
            for _index in range(max(3, args.repeat // 20)):
                start = time.perf_counter()
                marked = mark_pdf(data, "Sở Khoa học và Công nghệ - downloaded by Bùi Thị Hương on 25/11/2026 14:05")
                samples.append((time.perf_counter() - start) * 1000)
            median, p95 = percentiles(samples)
            print(
                f"mark a scan of {pages:2} pages ({len(data) / 1024:7.0f} KiB -> {len(marked) / 1024:7.0f} KiB)"
                f"{'':12} median {median:6.2f}  p95 {p95:6.2f}"
            )


if __name__ == "__main__":
    main()
