import base64
import hashlib
import uuid

from cryptography.hazmat.primitives import serialization

from odoo import fields

from odoo.addons.moffice_signature.models.moffice_signature_certificate import detached_signature
from odoo.addons.moffice_signature.tests.common import SignatureCommon, pdf_bytes
from odoo.addons.moffice_signature.tools.certificate_authority import make_certificate

from ..models.moffice_exchange_message import (
    HEADER_ID,
    HEADER_ORGAN,
    HEADER_SIGNATURE,
    HEADER_TIMESTAMP,
    TIMESTAMP_FORMAT,
    signed_data,
)
from ..tools import edxml

PEER_ORGAN = "000.00.95.H42"
XML_BOMB = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>
<edXML:edXMLEnvelope xmlns:edXML="http://www.mic.gov.vn/TBT/QCVN_102_2016">&lol3;</edXML:edXMLEnvelope>"""
XXE_PAYLOAD = b"""<?xml version="1.0"?>
<!DOCTYPE foo [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<edXML:edXMLEnvelope xmlns:edXML="http://www.mic.gov.vn/TBT/QCVN_102_2016">&xxe;</edXML:edXMLEnvelope>"""


class FakeResponse:
    """What ``requests.post`` answers in the tests."""

    def __init__(self, status_code, answer):
        self.status_code = status_code
        self.answer = answer
        self.text = str(answer)

    def json(self):
        return self.answer


class ExchangeCommon(SignatureCommon):
    """Our agency (the test company, with its certificate) and a partner
    agency's system whose key the tests hold, to post as it would."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.peer_key, cls.peer_cert = make_certificate("Sở Tài chính Thử nghiệm", issuer=cls.root)
        cls.peer = cls.env["moffice.exchange.partner"].create(
            {
                "name": "Sở Tài chính Thử nghiệm",
                "organ_id": PEER_ORGAN,
                "partner_id": cls.recipient.id,
                "endpoint_url": "https://peer.example.gov.vn/moffice/exchange/v1/package",
                "certificate_pem": cls.peer_cert.public_bytes(serialization.Encoding.PEM).decode(),
            }
        )
        cls.Message = cls.env["moffice.exchange.message"]
        cls.Document = cls.env["moffice.document"]
        cls.own = cls.env.company._moffice_exchange_organ()

    # -- what the partner sends ------------------------------------------------
    def _package(self, **values):
        """A package from the partner to us, its PDF signed."""
        return edxml.build_package(
            {
                "from": {"organ_id": PEER_ORGAN, "organ_name": self.peer.name},
                "to": self.own,
                "document_id": edxml.new_id(),
                "code_number": "45",
                "code_notation": "STC-NS",
                "identifier_code": f"{PEER_ORGAN}.2026.45/STC-NS",
                "date": "2026-11-20",
                "type_name": "Công văn",
                "subject": "V/v thẩm định dự toán kinh phí năm 2027",
                "signer_position": "Giám đốc",
                "signer_name": "Trần Văn Tài",
                "due_date": "2026-12-05",
                "to_places": ["Sở Thử nghiệm"],
                "urgency": "urgent",
                "copies": 2,
                "pages": 1,
                "language": "Tiếng Việt",
                "trace": [(PEER_ORGAN, "2026-11-20T01:00:00Z")],
                "attachments": [
                    {"name": "45-STC-NS.pdf", "mimetype": "application/pdf", "content": self._signed_pdf()},
                    {"name": "phu-luc.txt", "mimetype": "text/plain", "content": "Phụ lục".encode()},
                ],
                **values,
            }
        )

    def _signed_pdf(self):
        return self.Service.sign_pdf(pdf_bytes("Công văn số 45/STC-NS"))

    def _status(self, document_uuid, code, description=None):
        return edxml.build_status(
            {
                "from": {"organ_id": PEER_ORGAN, "organ_name": self.peer.name},
                "to": self.own,
                "document_id": document_uuid,
                "status_code": code,
                "description": description,
                "timestamp": fields.Datetime.now().strftime(TIMESTAMP_FORMAT),
                "staff": "Lê Thị Văn Thư",
            }
        )

    def _headers(self, body, key=None, organ=PEER_ORGAN, message_id=None, moment=None, signed_body=None):
        message_id = message_id or str(uuid.uuid4())
        timestamp = (moment or fields.Datetime.now()).strftime(TIMESTAMP_FORMAT)
        signature = detached_signature(
            key or self.peer_key, signed_data(organ, message_id, timestamp, signed_body or body)
        )
        return {
            HEADER_ORGAN: organ,
            HEADER_ID: message_id,
            HEADER_TIMESTAMP: timestamp,
            HEADER_SIGNATURE: base64.b64encode(signature).decode(),
        }

    def _post(self, body, **options):
        """Post ``body`` as the partner would: (HTTP status, answer)."""
        return self.Message._receive(self._headers(body, **options), body)

    def _exchanged(self):
        """An incoming draft received from the partner."""
        status, answer = self._post(self._package())
        self.assertEqual(status, 200, answer)
        return self.Document.search([("exchange_partner_id", "=", self.peer.id)], order="id desc", limit=1)

    def _released(self):
        """An outgoing letter to the partner's organisation, released."""
        document = self._outgoing_draft(attachment_ids=[(6, 0, self._real_pdf().ids)])
        document.with_user(self.specialist).action_submit()
        document.with_user(self.leader).action_approve()
        document.with_user(self.clerk).action_release()
        return document

    def _real_pdf(self):
        return (
            self.env["ir.attachment"]
            .with_user(self.specialist)
            .create({"name": "cong-van.pdf", "raw": pdf_bytes(), "mimetype": "application/pdf"})
        )

    def _sha(self, body):
        return hashlib.sha256(body).hexdigest()

    def _outbox(self, document, code=None):
        domain = [("document_id", "=", document.id), ("direction", "=", "out")]
        if code:
            domain.append(("status_code", "=", code))
        return self.Message.search(domain)
