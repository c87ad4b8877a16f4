#!/usr/bin/env python3
"""Benchmark of the exchange between agencies (not a test).

Starts a throw-away PostgreSQL, installs moffice_exchange without demo data
in one database and copies it to a second: two agencies A and B, each with
its certificate (from a CA made on the spot) and the other as its partner
system, each served by a real Odoo (2 HTTP workers, 1 cron thread). Prints:

- packages per second sent by A's outbox and received by B (end to end,
  until A holds B's receipt 01), for packages with 100 KB and 10 MB of files;
- packages per second B receives when posted by two clients at once;
- the time from the release at A to the receipt (01) back at A.

Usage: python3 benchmarks/bench_exchange.py [--small 30] [--large 6]
"""

import argparse
import base64
import hashlib
import os
import shutil
import statistics
import sys
import tempfile
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from pathlib import Path

import requests
from common import ROOT, bench_registry, free_port

sys.path.insert(0, str(ROOT / "tests"))
from cryptography.hazmat.primitives import hashes, serialization  # noqa: E402
from cryptography.hazmat.primitives.asymmetric import padding  # noqa: E402
from system.exchange import ENDPOINT, ca, edxml, pdf  # noqa: E402
from system.harness import Context, OdooServer  # noqa: E402

AGENCIES = {"bench_exch_a": "000.00.31.H42", "bench_exch_b": "000.00.07.H42"}
PASSWORD = "mật khẩu"


def copy_database(odoo, source, target):
    odoo.sql_db.close_all()
    with odoo.sql_db.db_connect("postgres").cursor() as cr:
        cr._cnx.autocommit = True
        cr.execute(f'CREATE DATABASE "{target}" TEMPLATE "{source}"')
    store = Path(odoo.tools.config["data_dir"]) / "filestore"
    if (store / source).exists():
        shutil.copytree(store / source, store / target)


def configure(odoo, db, own, other, root, root_pem):
    """The agency's code, certificate, trust in the CA, and the other as partner."""
    with odoo.modules.registry.Registry(db).cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
        env.company.write(
            {
                "name": f"Sở {db}",
                "moffice_organ_id": own["organ_id"],
                "moffice_abbreviation": "SBENCH",
                "city": "Hà Tĩnh",
            }
        )
        p12 = ca.pkcs12_bytes(own["key"], own["certificate"], [], PASSWORD)
        env["moffice.signature.certificate"].create({"upload_file": base64.b64encode(p12), "upload_password": PASSWORD})
        env["moffice.signature.trust.root"].create({"upload_file": base64.b64encode(root_pem)})
        organisation = env["res.partner"].create({"name": f"Sở {other['db']}", "is_company": True})
        env["moffice.exchange.partner"].create(
            {
                "name": f"Sở {other['db']}",
                "organ_id": other["organ_id"],
                "partner_id": organisation.id,
                "endpoint_url": f"{other['server'].url}{ENDPOINT}",
                "certificate_pem": other["pem"],
            }
        )
        return organisation.id


def release(odoo, db, organisation, count, size):
    """Release ``count`` outgoing letters to the partner, each with a PDF and
    ``size`` bytes of annex; return their ids."""
    with odoo.modules.registry.Registry(db).cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
        leader = env.ref("base.user_admin")
        unit = env["hr.department"].search([("moffice_code", "=", "VP")], limit=1) or env["hr.department"].create(
            {"name": "Văn phòng", "moffice_code": "VP"}
        )
        ids = []
        for index in range(count):
            files = env["ir.attachment"].create(
                [
                    {"name": "cong-van.pdf", "raw": pdf(f"Công văn {index}"), "mimetype": "application/pdf"},
                    {"name": "phu-luc.bin", "raw": os.urandom(size), "mimetype": "application/octet-stream"},
                ]
            )
            document = env["moffice.document"].create(
                {
                    "kind": "draft",
                    "target_kind": "outgoing",
                    "summary": f"V/v đo hiệu năng liên thông số {index}",
                    "document_type_id": env.ref("moffice_documents.type_outgoing_letter").id,
                    "recipient_ids": [(6, 0, [organisation])],
                    "attachment_ids": [(6, 0, files.ids)],
                    "leader_id": leader.id,
                    "department_id": unit.id,
                }
            )
            document.action_submit()
            document.action_approve()
            document.action_release()
            ids.append(document.id)
        return ids


def received(odoo, db, ids):
    """How many of the documents ``ids`` hold the receipt 01 (or later) at the sender."""
    with odoo.modules.registry.Registry(db).cursor() as cr:
        cr.execute(
            "SELECT count(*) FROM moffice_exchange_delivery WHERE document_id IN %s AND status_code IS NOT NULL",
            [tuple(ids)],
        )
        return cr.fetchone()[0]


def until_received(odoo, db, ids, timeout=1800):
    start = time.monotonic()
    while received(odoo, db, ids) < len(ids):
        if time.monotonic() - start > timeout:
            raise SystemExit(f"not all {len(ids)} packages delivered after {timeout} s")
        time.sleep(0.2)
    return time.monotonic() - start


def post(url, sender, receiver, size):
    """One package from ``sender`` posted to ``receiver``'s endpoint; return the HTTP status."""
    body = edxml.build_package(
        {
            "from": {"organ_id": sender["organ_id"], "organ_name": sender["db"]},
            "to": {"organ_id": receiver["organ_id"], "organ_name": receiver["db"]},
            "document_id": edxml.new_id(),
            "subject": "V/v đo hiệu năng tiếp nhận",
            "attachments": [
                {"name": "phu-luc.bin", "mimetype": "application/octet-stream", "content": os.urandom(size)}
            ],
        }
    )
    message_id, timestamp = str(uuid.uuid4()), datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    data = "\n".join([sender["organ_id"], message_id, timestamp, hashlib.sha256(body).hexdigest()]).encode()
    signature = sender["key"].sign(data, padding.PKCS1v15(), hashes.SHA256())
    headers = {
        "X-MOffice-Organ": sender["organ_id"],
        "X-MOffice-Message-Id": message_id,
        "X-MOffice-Timestamp": timestamp,
        "X-MOffice-Signature": base64.b64encode(signature).decode(),
    }
    return requests.post(url, data=body, headers=headers, timeout=600).status_code


def report(what, count, elapsed):
    print(f"{what}: {count} packages in {elapsed:.1f} s = {count / elapsed:.2f} packages/s", flush=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--small", type=int, default=30, help="packages of 100 KB")
    parser.add_argument("--large", type=int, default=6, help="packages of 10 MB")
    args = parser.parse_args()
    (db_a, db_b) = AGENCIES
    with bench_registry(db_a, "moffice_exchange") as (odoo, _registry):
        config = odoo.tools.config
        copy_database(odoo, db_a, db_b)
        common = [
            f"--addons-path={config['addons_path']}",
            f"--data-dir={config['data_dir']}",
            f"--db_host={config['db_host']}",
            f"--db_port={config['db_port']}",
            f"--db_user={config['db_user']}",
            "--log-level=warn",
            "--unaccent",
        ]
        ctx = Context(
            common=common,
            db=db_a,
            db_conf={},
            datadir=Path(config["data_dir"]),
            logdir=Path(tempfile.gettempdir()),
            run_odoo=None,
            free_port=free_port,
        )
        root_key, root = ca.make_certificate("CA đo hiệu năng")
        root_pem = root.public_bytes(serialization.Encoding.PEM)
        agencies = {}
        for db, organ_id in AGENCIES.items():
            key, certificate = ca.make_certificate(f"Sở {db}", issuer=(root_key, root))
            agencies[db] = {
                "db": db,
                "organ_id": organ_id,
                "key": key,
                "certificate": certificate,
                "pem": certificate.public_bytes(serialization.Encoding.PEM).decode(),
                "server": OdooServer(
                    ctx, db, workers=2, extra=["--max-cron-threads=1", "--limit-time-real=1200"], name=db
                ),
            }
        a, b = agencies[db_a], agencies[db_b]
        partner_b_at_a = configure(odoo, db_a, a, b, root, root_pem)
        configure(odoo, db_b, b, a, root, root_pem)
        try:
            a["server"].start()
            b["server"].start()
            delays = []
            for _index in range(5):
                ids = release(odoo, db_a, partner_b_at_a, 1, 100_000)
                delays.append(until_received(odoo, db_a, ids))
            median, worst = statistics.median(delays), max(delays)
            print(f"release at A -> 01 back at A: median {median:.2f} s, max {worst:.2f} s (5 releases)", flush=True)
            for label, count, size in (("100 KB", args.small, 100_000), ("10 MB", args.large, 10_000_000)):
                ids = release(odoo, db_a, partner_b_at_a, count, size)
                elapsed = until_received(odoo, db_a, ids)
                report(f"sent by A's outbox and received by B, {label} of files each", count, elapsed)
            url = f"{b['server'].url}{ENDPOINT}"
            for label, count, size in (("100 KB", args.small, 100_000), ("10 MB", args.large, 10_000_000)):
                start = time.monotonic()
                with ThreadPoolExecutor(2) as pool:
                    statuses = list(pool.map(lambda _i, size=size: post(url, a, b, size), range(count)))
                elapsed = time.monotonic() - start
                assert statuses == [200] * count, statuses
                report(f"received by B from two clients at once, {label} each", count, elapsed)
        finally:
            a["server"].stop()
            b["server"].stop()


if __name__ == "__main__":
    main()
