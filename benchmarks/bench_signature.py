#!/usr/bin/env python3
"""Benchmark of digital signatures (not a test).

Starts a throw-away PostgreSQL, installs moffice_signature without demo
data, uploads an agency certificate (RSA 2048) and a personal one (ECDSA
P-256) issued by a certificate authority made on the spot, and prints the
median and 95th-percentile time to sign (PAdES, visible stamp) and to
verify a PDF of 1 page and of N pages, and to sign and verify a detached
signature of a 100 KB message.

Usage: python3 benchmarks/bench_signature.py [--runs 30] [--pages 50]
"""

import argparse
import base64
import io
import statistics
import time

from common import bench_registry
from cryptography.hazmat.primitives.serialization import Encoding
from reportlab.pdfgen import canvas


def pdf_bytes(pages):
    packet = io.BytesIO()
    can = canvas.Canvas(packet)
    for page in range(pages):
        can.drawString(72, 720, f"Công văn thử nghiệm - trang {page + 1}")
        can.showPage()
    can.save()
    return packet.getvalue()


def timed(function, runs):
    """(median, 95th percentile) of ``runs`` calls of ``function``, in ms."""
    times = []
    for _run in range(runs):
        start = time.perf_counter()
        function()
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    return statistics.median(times), times[min(len(times) - 1, int(len(times) * 0.95))]


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--pages", type=int, default=50)
    args = parser.parse_args()

    with bench_registry("moffice_signature_bench", "moffice_signature") as (odoo, registry):
        from odoo.addons.moffice_signature.tools.certificate_authority import make_certificate, pkcs12_bytes

        with registry.cursor() as cr:
            env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
            root = make_certificate("CA Đo hiệu năng")
            for kind, name, curve, user in (
                ("agency", "Sở Đo hiệu năng", False, False),
                ("personal", "Lãnh đạo Đo hiệu năng", True, env.ref("base.user_admin").id),
            ):
                key, certificate = make_certificate(name, issuer=root, curve=curve)
                env["moffice.signature.certificate"].create(
                    {
                        "kind": kind,
                        "user_id": user,
                        "upload_file": base64.b64encode(pkcs12_bytes(key, certificate, [root[1]], "x")),
                        "upload_password": "x",
                    }
                )
            env["moffice.signature.trust.root"].create(
                {"upload_file": base64.b64encode(root[1].public_bytes(Encoding.PEM))}
            )
            service = env["moffice.signature.service"]
            admin = env.ref("base.user_admin")
            for pages in (1, args.pages):
                data = pdf_bytes(pages)
                for label, signer in (("agency RSA-2048", None), ("leader ECDSA P-256", admin)):
                    median, p95 = timed(
                        lambda data=data, signer=signer: service.sign_pdf(data, signer_user=signer), args.runs
                    )
                    signed = service.sign_pdf(data, signer_user=signer)
                    print(
                        f"sign {pages:>3}-page PDF ({len(data) // 1024} KB), {label}: median {median:.1f} ms, "
                        f"p95 {p95:.1f} ms",
                        flush=True,
                    )
                    assert service.verify_pdf(signed)["status"] == "valid"
                    median, p95 = timed(lambda signed=signed: service.verify_pdf(signed), args.runs)
                    print(f"verify {pages:>3}-page PDF, {label}: median {median:.1f} ms, p95 {p95:.1f} ms", flush=True)
            message = b"x" * 100 * 1024
            median, p95 = timed(lambda: service.sign_bytes(message), args.runs)
            print(f"sign_bytes 100 KB (RSA-2048): median {median:.2f} ms, p95 {p95:.2f} ms", flush=True)
            signature = service.sign_bytes(message)
            pem = service.agency_certificate_pem()
            median, p95 = timed(lambda: service.verify_bytes(pem, message, signature), args.runs)
            print(f"verify_bytes 100 KB (RSA-2048): median {median:.2f} ms, p95 {p95:.2f} ms", flush=True)


if __name__ == "__main__":
    main()
