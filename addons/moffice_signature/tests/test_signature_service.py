import io
from datetime import datetime, timedelta

from freezegun import freeze_time
from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko_certvalidator import ValidationContext

from odoo import fields
from odoo.exceptions import UserError
from odoo.tests import tagged
from odoo.tools import mute_logger

from ..models.moffice_signature_service import asn1_certificate
from ..tools.certificate_authority import make_certificate
from .common import SignatureCommon, pdf_bytes, pem


@tagged("post_install", "-at_install")
class TestSignatureService(SignatureCommon):
    """Signing with the agency's (or a leader's) certificate and verifying
    against the trust roots, with a certificate authority made at run time."""

    def _sign(self, data=None, user=None, **options):
        return self.Service.with_user(user or self.clerk).sign_pdf(data or pdf_bytes(), **options)

    def test_signed_pdf_validates_against_the_authority(self):
        moment = fields.Datetime.now().replace(microsecond=0)  # within the test certificates' validity
        with freeze_time(moment):
            signed = self._sign(reason="Phát hành văn bản", location="Hà Nội")
        signature = PdfFileReader(io.BytesIO(signed)).embedded_signatures[0]
        status = validate_pdf_signature(signature, ValidationContext(trust_roots=[asn1_certificate(self.root[1])]))
        self.assertTrue(status.bottom_line)
        self.assertEqual(status.signing_cert.subject.native["common_name"], "Sở Thử nghiệm")
        self.assertEqual(signature.sig_object["/SubFilter"], "/ETSI.CAdES.detached")
        self.assertEqual(signature.sig_object["/Reason"], "Phát hành văn bản")
        # The visible block: a widget with an appearance and a size on the first page.
        widget = signature.sig_field
        rect = [float(value) for value in widget["/Rect"]]
        self.assertGreater(rect[2] - rect[0], 100)
        self.assertIn("/AP", widget)
        page = PdfFileReader(io.BytesIO(signed)).root["/Pages"]["/Kids"][0].get_object()
        self.assertIn(widget.container_ref, [annot.reference for annot in page["/Annots"]])

        result = self.Service.with_user(self.clerk).verify_pdf(signed)
        self.assertEqual(result["status"], "valid", result["summary"])
        self.assertEqual(result["signer"], "Sở Thử nghiệm")
        self.assertEqual(result["signing_time"], moment)
        self.assertEqual(len(result["details"]), 1)

    def test_changed_bytes_are_invalid(self):
        signed = self._sign()
        self.assertIn(b"12/STN-VP", signed)
        result = self.Service.verify_pdf(signed.replace(b"12/STN-VP", b"13/STN-VP"))
        self.assertEqual(result["status"], "invalid")
        self.assertIn("changed after signing", result["summary"])

    @mute_logger("pyhanko.sign.diff_analysis.policies")
    def test_incremental_update_after_signing_is_invalid(self):
        writer = IncrementalPdfFileWriter(io.BytesIO(self._sign()))
        page = writer.root["/Pages"]["/Kids"][0].get_object()
        page["/Rotate"] = generic.NumberObject(90)
        writer.update_container(page)
        output = io.BytesIO()
        writer.write(output)
        result = self.Service.verify_pdf(output.getvalue())
        self.assertEqual(result["status"], "invalid")
        self.assertIn("modified after it was signed", result["summary"])

    @mute_logger("pyhanko.sign.validation.generic_cms")
    def test_authority_not_trusted(self):
        foreign_root = make_certificate("CA Lạ")
        key, certificate = make_certificate("Cơ quan lạ", issuer=foreign_root)
        signed = self.Service._pades_sign(pdf_bytes(), key, certificate, [foreign_root[1]])
        result = self.Service.verify_pdf(signed)
        self.assertEqual(result["status"], "untrusted")
        self.assertEqual(result["signer"], "Cơ quan lạ")
        self.assertIn("trusted certificate authority", result["summary"])
        # Trusting that authority makes it valid; untrusting ours makes ours untrusted.
        self._trust(foreign_root[1])
        self.assertEqual(self.Service.verify_pdf(signed)["status"], "valid")
        self.trust_root.with_user(self.system_admin).active = False
        self.assertEqual(self.Service.verify_pdf(self._sign())["status"], "untrusted")

    def test_unsigned_and_unreadable(self):
        result = self.Service.verify_pdf(pdf_bytes())
        self.assertEqual((result["status"], result["signer"], result["signing_time"]), ("unsigned", "", False))
        self.assertEqual(self.Service.verify_pdf(b"not a PDF at all")["status"], "error")

    def test_leader_signs_with_own_certificate_then_agency(self):
        self._upload(self.leader_key, self.leader_cert, kind="personal", user_id=self.leader.id)
        approved = self._sign(user=self.leader, signer_user=self.leader)
        result = self.Service.verify_pdf(approved)
        self.assertEqual((result["status"], result["signer"]), ("valid", "Nguyễn Văn Lãnh Đạo"))
        released = self._sign(approved)
        result = self.Service.verify_pdf(released)
        self.assertEqual((result["status"], result["signer"]), ("valid", "Sở Thử nghiệm"))
        self.assertEqual([detail["status"] for detail in result["details"]], ["valid", "valid"])
        # A user without a personal certificate signs with the agency's.
        self.assertEqual(self.Service.verify_pdf(self._sign(signer_user=self.clerk))["signer"], "Sở Thử nghiệm")

    def test_no_agency_certificate(self):
        self.agency.with_user(self.system_admin).active = False
        with self.assertRaisesRegex(UserError, "has no digital certificate"):
            self._sign()
        with self.assertRaisesRegex(UserError, "has no digital certificate"):
            self.Service.sign_bytes(b"message")

    def test_expired_certificate_refused(self):
        self.agency.with_user(self.system_admin).active = False
        key, certificate = make_certificate(
            "Sở Thử nghiệm (cũ)", issuer=self.root, start=datetime.now() - timedelta(days=800), days=365
        )
        self._upload(key, certificate)
        with self.assertRaisesRegex(UserError, "valid from"):
            self._sign()

    def test_detached_signatures(self):
        message = b"<edXML>package</edXML>"
        signature = self.Service.with_user(self.clerk).sign_bytes(message)
        agency_pem = self.Service.with_user(self.clerk).agency_certificate_pem()
        self.assertEqual(agency_pem.encode(), pem(self.agency_cert))
        self.assertTrue(self.Service.verify_bytes(agency_pem, message, signature))
        self.assertFalse(self.Service.verify_bytes(agency_pem, message + b" ", signature))
        self.assertFalse(self.Service.verify_bytes(agency_pem, message, signature[:-1] + bytes([signature[-1] ^ 1])))
        self.assertFalse(self.Service.verify_bytes(pem(self.leader_cert).decode(), message, signature))
        self.assertFalse(self.Service.verify_bytes("not a certificate", message, signature))
        # Elliptic-curve keys sign with ECDSA.
        personal = self._upload(self.leader_key, self.leader_cert, kind="personal", user_id=self.leader.id)
        ec_signature = personal._sign_bytes(message)
        self.assertTrue(self.Service.verify_bytes(personal.certificate_pem, message, ec_signature))
        self.assertFalse(self.Service.verify_bytes(personal.certificate_pem, b"other", ec_signature))
