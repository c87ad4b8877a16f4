"""The system test of the exchange between agencies (issue 12; Decree 30,
VI-III-1 e/k/o, III-8): two copies of the demo database become two agencies
(their own code, name, certificate from a test CA made here), each served by
a real multi-worker Odoo with a cron thread, each the other's partner system.
Driven over HTTP: A releases → B has the incoming draft (signature verified,
same metadata and file bytes) → 01 back at A within the minute; B
registers, routes and handles → A sees 03, 04, 05, 06 in order; B returns
one → 02 with the reason; A recalls one → withdrawn at B, 15 back at A.
Faults: B down while A sends (A retries, one document after B is back), the
same package twice (one document), a tampered file, a wrong signature, an
unknown sender, a replayed message, an XML bomb and an external entity
(each refused with its reason, nothing created)."""

import base64
import hashlib
import importlib.util
import io
import shutil
import time
import uuid
from datetime import UTC, datetime
from pathlib import Path

import requests
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding

from .harness import JsonRpc, OdooServer

TITLE = "exchange between two M-Office servers: signed packages, statuses 01-06, recall, refusals"
ADDONS = Path(__file__).resolve().parents[2] / "addons"
PASSWORD = "moffice"
ENDPOINT = "/moffice/exchange/v1/package"
AGENCIES = {
    "exch_a": ("000.00.31.H42", "Sở Khoa học và Công nghệ tỉnh Hà Tĩnh"),
    "exch_b": ("000.00.07.H42", "Sở Kế hoạch và Đầu tư tỉnh Hà Tĩnh"),
}
# The outbox retries quickly here (production: 60 s doubled each time).
SETTINGS = {"moffice_exchange.backoff_seconds": "2", "moffice_exchange.backoff_cap_seconds": "5"}
SERVER_OPTIONS = ["--max-cron-threads=1", "--limit-time-real=600"]


def load(name, path):
    """A module of an addon that does not need Odoo (certificates, edXML)."""
    spec = importlib.util.spec_from_file_location(name, ADDONS / path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


ca = load("certificate_authority", "moffice_signature/tools/certificate_authority.py")
edxml = load("edxml", "moffice_exchange/tools/edxml.py")


def pdf(text):
    """A one-page PDF made on the spot."""
    from reportlab.pdfgen import canvas

    packet = io.BytesIO()
    page = canvas.Canvas(packet, pageCompression=0)
    page.drawString(72, 720, text)
    page.showPage()
    page.save()
    return packet.getvalue()


def wait(condition, timeout=90, step=0.5):
    """Poll ``condition`` until it returns something true; return it (or None)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(step)
    return None


class Agency:
    """One agency: its database, server, key and the users that act in it."""

    def __init__(self, ctx, db, root):
        self.ctx, self.db = ctx, db
        self.organ_id, self.name = AGENCIES[db]
        self.key, self.certificate = ca.make_certificate(self.name, issuer=root)
        self.pem = self.certificate.public_bytes(serialization.Encoding.PEM).decode()
        ctx.clone_db(db)
        ctx.psql(f"UPDATE res_company SET moffice_organ_id = '{self.organ_id}', name = '{self.name}' WHERE id = 1", db)
        ctx.psql(
            f"UPDATE res_partner SET name = '{self.name}' WHERE id = (SELECT partner_id FROM res_company WHERE id = 1)",
            db,
        )
        for key, value in SETTINGS.items():
            ctx.psql(
                f"INSERT INTO ir_config_parameter (key, value) VALUES ('{key}', '{value}') "
                f"ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value",
                db,
            )
        self.server = OdooServer(ctx, db, workers=2, extra=SERVER_OPTIONS, name=db)
        self.users = {}

    def start(self):
        self.server.start()
        self.users = {}

    def rpc(self, login):
        if login not in self.users:
            self.users[login] = JsonRpc(self.server.url, self.db, login, PASSWORD)
        return self.users[login]

    def setup(self, root_pem):
        """The system administrator replaces the agency's certificate (the demo's) and trusts the test CA."""
        admin = self.rpc("quantri")
        demo = admin.call_kw("moffice.signature.certificate", "search", [("kind", "=", "agency")])
        admin.call_kw("moffice.signature.certificate", "write", demo, {"active": False})
        p12 = ca.pkcs12_bytes(self.key, self.certificate, [], "mật khẩu")
        admin.call_kw(
            "moffice.signature.certificate",
            "create",
            {"upload_file": base64.b64encode(p12).decode(), "upload_password": "mật khẩu"},
        )
        admin.call_kw("moffice.signature.trust.root", "create", {"upload_file": base64.b64encode(root_pem).decode()})

    def add_partner(self, other):
        """The other agency as an organisation and a partner system (by the system administrator)."""
        organisation = self.rpc("quantri").call_kw(
            "res.partner", "create", {"name": other.name, "is_company": True, "email": f"{other.db}@example.gov.vn"}
        )
        self.rpc("quantri").call_kw(
            "moffice.exchange.partner",
            "create",
            {
                "name": other.name,
                "organ_id": other.organ_id,
                "partner_id": organisation,
                "endpoint_url": f"{other.server.url}{ENDPOINT}",
                "certificate_pem": other.pem,
            },
        )
        self.partner_of = organisation

    # -- documents ----------------------------------------------------------------
    def release(self, summary):
        """An outgoing letter to the partner, drafted, approved by giamdoc, released by vanthu.lan."""
        leader, clerk = self.rpc("giamdoc"), self.rpc("vanthu.lan")
        letter = leader.call_kw("moffice.document.type", "search", [("name", "ilike", "Công văn")], limit=1)
        attachment = leader.call_kw(
            "ir.attachment",
            "create",
            {"name": "cong-van.pdf", "datas": base64.b64encode(pdf(summary)).decode(), "mimetype": "application/pdf"},
        )
        document = leader.call_kw(
            "moffice.document",
            "create",
            {
                "kind": "draft",
                "target_kind": "outgoing",
                "summary": summary,
                "document_type_id": letter[0] if letter else False,
                "recipient_ids": [(6, 0, [self.partner_of])],
                "attachment_ids": [(6, 0, [attachment])],
                "leader_id": leader.uid,
                "urgency": "urgent",
            },
        )
        leader.call_kw("moffice.document", "action_submit", [document])
        leader.call_kw("moffice.document", "action_approve", [document])
        clerk.call_kw("moffice.document", "action_release", [document])
        return document

    def delivery(self, document):
        rows = self.rpc("vanthu.lan").call_kw(
            "moffice.exchange.delivery",
            "search_read",
            [("document_id", "=", document)],
            ["document_uuid", "transport_state", "tries", "status_code", "status_note", "status_ids"],
        )
        return rows[0] if rows else None

    def history(self, delivery):
        rows = self.rpc("vanthu.lan").call_kw(
            "moffice.exchange.status",
            "search_read",
            [("id", "in", delivery["status_ids"])],
            ["code", "note"],
            order="date, id",
        )
        return [row["code"] for row in rows], rows

    def incoming(self, document_uuid):
        rows = self.rpc("vanthu.lan").call_kw(
            "moffice.document",
            "search_read",
            [("exchange_document_uuid", "=", document_uuid)],
            [
                "state",
                "summary",
                "reference",
                "identifier_code",
                "date_document",
                "signer_name",
                "signature_status",
                "attachment_ids",
                "channel",
            ],
            context={"active_test": False},
        )
        return rows

    def exchanged_count(self):
        return self.rpc("vanthu.lan").call_kw(
            "moffice.document", "search_count", [("channel", "=", "exchange")], context={"active_test": False}
        )

    def wizard(self, login, model, values, method):
        user = self.rpc(login)
        wizard = user.call_kw(model, "create", values)
        return user.call_kw(model, method, [wizard])

    # -- posting as this agency (the test holds its key) --------------------------
    def post(self, other, body, message_id=None, key=None, organ=None):
        message_id = message_id or str(uuid.uuid4())
        organ = organ or self.organ_id
        timestamp = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        data = "\n".join([organ, message_id, timestamp, hashlib.sha256(body).hexdigest()]).encode()
        signature = (key or self.key).sign(data, padding.PKCS1v15(), hashes.SHA256())
        headers = {
            "Content-Type": "application/xml",
            "X-MOffice-Organ": organ,
            "X-MOffice-Message-Id": message_id,
            "X-MOffice-Timestamp": timestamp,
            "X-MOffice-Signature": base64.b64encode(signature).decode(),
        }
        response = requests.post(f"{other.server.url}{ENDPOINT}", data=body, headers=headers, timeout=120)
        return response.status_code, response.json(), message_id

    def package(self, other, attachments, subject="V/v đề nghị phối hợp thẩm định"):
        return edxml.build_package(
            {
                "from": {"organ_id": self.organ_id, "organ_name": self.name},
                "to": {"organ_id": other.organ_id, "organ_name": other.name},
                "document_id": edxml.new_id(),
                "code_number": "77",
                "code_notation": "SKHCN-VP",
                "date": datetime.now(UTC).date().isoformat(),
                "subject": subject,
                "trace": [(self.organ_id, datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"))],
                "attachments": attachments,
            }
        )


def check(results, name, ok, detail=""):
    results.append((name, bool(ok)))
    print(f"[tests/run] exchange: {name}: {'ok' if ok else 'FAILED'} {detail}".rstrip(), flush=True)


def installed(ctx):
    return ctx.psql("SELECT state FROM ir_module_module WHERE name = 'moffice_exchange'", ctx.db) == "installed"


def run(ctx):
    if not installed(ctx):
        print("[tests/run] exchange: moffice_exchange is not installed in the demo database")
        return None
    root_key, root = ca.make_certificate("CA Thử nghiệm liên thông")
    root_pem = root.public_bytes(serialization.Encoding.PEM)
    a, b = Agency(ctx, "exch_a", (root_key, root)), Agency(ctx, "exch_b", (root_key, root))
    results = []
    try:
        a.start()
        b.start()
        for agency in (a, b):
            agency.setup(root_pem)
        a.add_partner(b)
        b.add_partner(a)
        flow(a, b, results)
        faults(a, b, results)
    finally:
        for agency in (a, b):
            agency.server.stop()
            ctx.psql(f'DROP DATABASE IF EXISTS "{agency.db}"')
            shutil.rmtree(ctx.datadir / "filestore" / agency.db, ignore_errors=True)
    return all(ok for _name, ok in results) and bool(results)


def flow(a, b, results):
    """Release, receipt, statuses 03-06 in order; a return (02); a recall (15)."""
    started = time.monotonic()
    first = a.release("V/v đề nghị thẩm định dự toán kinh phí năm 2027")
    received = wait(lambda: (a.delivery(first) or {}).get("status_code") == "01")
    elapsed = time.monotonic() - started
    check(results, "01 back at A within the minute", received and elapsed < 60, f"({elapsed:.1f} s)")
    delivery = a.delivery(first)
    rows = b.incoming(delivery["document_uuid"])
    sent = a.rpc("vanthu.lan").call_kw(
        "moffice.document",
        "read",
        [first],
        ["summary", "reference", "identifier_code", "date_document", "signer_name", "attachment_ids"],
    )[0]
    same = bool(rows) and all(
        rows[0][name] == sent[name]
        for name in ("summary", "reference", "identifier_code", "date_document", "signer_name")
    )
    check(
        results,
        "incoming draft at B with the same metadata",
        len(rows) == 1 and rows[0]["state"] == "draft" and same,
        str(rows[:1]),
    )
    if not rows:
        return
    incoming = rows[0]
    check(results, "signature verified at B", incoming["signature_status"] == "valid", incoming["signature_status"])
    files_a = a.rpc("vanthu.lan").call_kw("ir.attachment", "read", sent["attachment_ids"], ["datas"])
    files_b = b.rpc("vanthu.lan").call_kw("ir.attachment", "read", incoming["attachment_ids"], ["datas"])
    check(results, "same file bytes at B", sorted(f["datas"] for f in files_a) == sorted(f["datas"] for f in files_b))

    # B: the clerk registers and submits, the leader routes, the handler closes
    document = incoming["id"]
    clerk, leader = b.rpc("vanthu.lan"), b.rpc("giamdoc")
    clerk.call_kw("moffice.document", "write", [document], {"leader_id": leader.uid})
    clerk.call_kw("moffice.document", "action_register", [document])
    clerk.call_kw("moffice.document", "action_submit", [document])
    handler = b.rpc("cv.nam")
    b.wizard(
        "giamdoc",
        "moffice.document.route",
        {"document_ids": [(6, 0, [document])], "direction": "Phòng QLKH chủ trì tham mưu", "lead_user_id": handler.uid},
        "action_route",
    )
    b.wizard(
        "cv.nam",
        "moffice.document.reason",
        {"document_ids": [(6, 0, [document])], "action": "done", "reason": "Đã có ý kiến bằng văn bản"},
        "action_confirm",
    )
    codes = wait(lambda: (lambda c: c if c[-1:] == ["06"] else None)(a.history(a.delivery(first))[0]))
    check(results, "A sees 01, 03, 04, 05, 06 in order", codes == ["01", "03", "04", "05", "06"], str(codes))

    # B returns another one with a reason
    second = a.release("V/v gửi nhầm cơ quan")
    wait(lambda: (a.delivery(second) or {}).get("status_code") == "01")
    other = b.incoming(a.delivery(second)["document_uuid"])
    if other:
        b.wizard(
            "vanthu.lan",
            "moffice.document.reason",
            {
                "document_ids": [(6, 0, [other[0]["id"]])],
                "action": "return_to_sender",
                "reason": "Không thuộc thẩm quyền của Sở",
            },
            "action_confirm",
        )
    returned = wait(lambda: (a.delivery(second) or {}).get("status_code") == "02")
    check(
        results,
        "A sees 02 with the reason",
        returned and a.delivery(second)["status_note"] == "Không thuộc thẩm quyền của Sở",
    )

    # A recalls a third one, registered at B
    third = a.release("V/v số liệu cần thu hồi")
    wait(lambda: (a.delivery(third) or {}).get("status_code") == "01")
    recalled = b.incoming(a.delivery(third)["document_uuid"])
    if recalled:
        clerk.call_kw("moffice.document", "action_register", [recalled[0]["id"]])
    a.wizard(
        "giamdoc",
        "moffice.document.reason",
        {"document_ids": [(6, 0, [third])], "action": "recall", "reason": "Sai số liệu phụ lục"},
        "action_confirm",
    )
    answered = wait(lambda: (a.delivery(third) or {}).get("status_code") == "15")
    state = b.incoming(a.delivery(third)["document_uuid"])
    check(
        results,
        "recall: withdrawn at B, A sees the answer",
        answered and state and state[0]["state"] == "withdrawn",
        str(state[:1]),
    )


def faults(a, b, results):
    """B down while A sends; duplicates; hostile and forged messages."""
    b.server.stop()
    document = a.release("V/v gửi khi máy B tạm dừng")
    retried = wait(lambda: (a.delivery(document) or {}).get("tries", 0) >= 1, 60)
    b.start()
    delivered = wait(lambda: (a.delivery(document) or {}).get("status_code") == "01", 120)
    rows = b.incoming(a.delivery(document)["document_uuid"])
    check(
        results, "B down: A retries and delivers once B is back, one document", retried and delivered and len(rows) == 1
    )

    signed_pdf = base64.b64decode(
        a.rpc("vanthu.lan").call_kw(
            "ir.attachment",
            "read",
            a.rpc("vanthu.lan").call_kw("moffice.document", "read", [document], ["attachment_ids"])[0][
                "attachment_ids"
            ],
            ["datas"],
        )[0]["datas"]
    )
    files = [{"name": "cv.pdf", "mimetype": "application/pdf", "content": signed_pdf}]
    before = b.exchanged_count()
    body = a.package(b, files)
    first = a.post(b, body)
    again = a.post(b, body, message_id=first[2])
    check(
        results,
        "the same package twice: one document",
        first[0] == again[0] == 200 and first[1] == again[1] and b.exchanged_count() == before + 1,
    )

    middle = len(signed_pdf) // 3
    tampered = signed_pdf[:middle] + bytes([signed_pdf[middle] ^ 0x01]) + signed_pdf[middle + 1 :]
    other_key, _other = ca.make_certificate("Kẻ mạo danh")
    xml_bomb = (
        b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;">'
        b'<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]><edXML:edXMLEnvelope '
        b'xmlns:edXML="http://www.mic.gov.vn/TBT/QCVN_102_2016">&lol3;</edXML:edXMLEnvelope>'
    )
    xxe = (
        b'<?xml version="1.0"?><!DOCTYPE foo [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><edXML:edXMLEnvelope '
        b'xmlns:edXML="http://www.mic.gov.vn/TBT/QCVN_102_2016">&xxe;</edXML:edXMLEnvelope>'
    )
    cases = {
        "tampered file": (dict(body=a.package(b, [{**files[0], "content": tampered}])), "signature_invalid"),
        "wrong signature": (dict(body=a.package(b, files), key=other_key), "bad_signature"),
        "unknown sender": (dict(body=a.package(b, files), organ="000.00.99.H99"), "unknown_sender"),
        "replayed message": (dict(body=a.package(b, files, subject="Nội dung khác"), message_id=first[2]), "replayed"),
        "XML bomb": (dict(body=xml_bomb), "hostile_xml"),
        "external entity": (dict(body=xxe), "hostile_xml"),
    }
    for name, (options, code) in cases.items():
        count = b.exchanged_count()
        status, answer, _id = a.post(b, **options)
        refused = status >= 400 and answer.get("code") == code and answer.get("message_vi")
        check(
            results,
            f"{name} refused ({code}), nothing created",
            refused and b.exchanged_count() == count,
            f"{status} {answer}",
        )
    journal = b.rpc("quantri").call_kw(
        "moffice.exchange.message", "search_count", [("direction", "=", "in"), ("state", "=", "refused")]
    )
    check(results, "refusals journaled at B", journal >= len(cases), str(journal))
