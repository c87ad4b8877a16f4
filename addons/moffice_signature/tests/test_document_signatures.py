import io

from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko_certvalidator import ValidationContext

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged
from odoo.tools import mute_logger

from ..models.moffice_signature_service import asn1_certificate
from ..tools.certificate_authority import make_certificate
from .common import SignatureCommon, pdf_bytes

SIGNATURE_FIELDS = ("signature_status", "signature_signer", "date_signature", "signature_summary")


@tagged("post_install", "-at_install")
class TestDocumentSignatures(SignatureCommon):
    """Released PDFs signed by the agency (and by an approving leader with a
    certificate), received PDFs verified, results kept by the system only."""

    def _file(self, user, data, name="van-ban.pdf"):
        return (
            self.env["ir.attachment"].with_user(user).create({"name": name, "raw": data, "mimetype": "application/pdf"})
        )

    def _draft(self, data):
        draft = self._outgoing_draft()
        draft.with_user(self.specialist).attachment_ids = [(6, 0, self._file(self.specialist, data).ids)]
        return draft

    def _release(self, draft):
        draft.with_user(self.specialist).action_submit()
        draft.with_user(self.leader).action_approve()
        draft.with_user(self.clerk).action_release()
        return draft

    def _signatures(self, data):
        """(signer, bottom line) of each signature of ``data`` checked by pyHanko against the test authority."""
        context = ValidationContext(trust_roots=[asn1_certificate(self.root[1])])
        return [
            (status.signing_cert.subject.native["common_name"], status.bottom_line)
            for status in (
                validate_pdf_signature(signature, context)
                for signature in PdfFileReader(io.BytesIO(data)).embedded_signatures
            )
        ]

    def test_release_signs_the_pdf(self):
        original = pdf_bytes()
        document = self._release(self._draft(original))
        self.assertEqual(document.state, "released")
        signed = document.attachment_ids.raw
        self.assertEqual(self._signatures(signed), [("Sở Thử nghiệm", True)])
        # The unsigned original is the first revision of the signed file.
        self.assertTrue(signed.startswith(original))
        self.assertEqual((document.signature_status, document.signature_signer), ("valid", "Sở Thử nghiệm"))
        self.assertTrue(document.date_signature)
        self.assertIn("Signed digitally", "".join(document.message_ids.mapped("body")))

    def test_release_refused_without_certificate(self):
        self.assertTrue(self.env.company.moffice_sign_released)
        self.agency.with_user(self.system_admin).active = False
        draft = self._draft(pdf_bytes())
        draft.with_user(self.specialist).action_submit()
        draft.with_user(self.leader).action_approve()
        with self.assertRaisesRegex(UserError, "has no digital certificate"):
            draft.with_user(self.clerk).action_release()
        self.assertEqual((draft.state, draft.reference), ("approved", False))
        # Turned off, the release goes through unsigned and says so.
        self.env.company.moffice_sign_released = False
        draft.with_user(self.clerk).action_release()
        self.assertEqual(draft.state, "released")
        self.assertFalse(PdfFileReader(io.BytesIO(draft.attachment_ids.raw)).embedded_signatures)
        self.assertIn("Released without a digital signature", "".join(draft.message_ids.mapped("body")))

    def test_unreadable_pdf_released_unsigned(self):
        document = self._release(self._draft(b"%PDF-1.4 not really a PDF"))
        self.assertEqual(document.state, "released")
        self.assertEqual(document.attachment_ids.raw, b"%PDF-1.4 not really a PDF")
        self.assertEqual(document.signature_status, "error")
        self.assertIn("Not signed, not a readable PDF: van-ban.pdf", "".join(document.message_ids.mapped("body")))

    def test_leader_signs_at_approval(self):
        self._upload(self.leader_key, self.leader_cert, kind="personal", user_id=self.leader.id)
        draft = self._draft(pdf_bytes())
        draft.with_user(self.specialist).action_submit()
        draft.with_user(self.leader).action_approve()
        self.assertEqual(self._signatures(draft.attachment_ids.raw), [("Nguyễn Văn Lãnh Đạo", True)])
        self.assertEqual(draft.signature_signer, "Nguyễn Văn Lãnh Đạo")
        draft.with_user(self.clerk).action_release()
        self.assertEqual(
            self._signatures(draft.attachment_ids.raw), [("Nguyễn Văn Lãnh Đạo", True), ("Sở Thử nghiệm", True)]
        )
        self.assertEqual(draft.signature_status, "valid")
        # Without a personal certificate, approval signs nothing.
        other = self._draft(pdf_bytes("Kế hoạch số 3"))
        other.with_user(self.specialist).action_submit()
        self.env["moffice.signature.certificate"].search([("kind", "=", "personal")]).active = False
        other.with_user(self.leader).action_approve()
        self.assertEqual(self._signatures(other.attachment_ids.raw), [])

    @mute_logger("pyhanko.sign.validation.generic_cms")
    def test_incoming_files_are_verified(self):
        foreign_root = make_certificate("CA Lạ")
        foreign = make_certificate("UBND tỉnh Lạ", issuer=foreign_root)
        Service = self.env["moffice.signature.service"]
        valid = Service.sign_pdf(pdf_bytes())
        cases = {
            "valid": valid,
            "invalid": valid.replace(b"12/STN-VP", b"99/STN-VP"),
            "untrusted": Service._pades_sign(pdf_bytes(), *foreign, [foreign_root[1]]),
            "unsigned": pdf_bytes(),
        }
        documents = {}
        for status, data in cases.items():
            document = self._incoming(attachment_ids=[(6, 0, self._file(self.clerk, data).ids)])
            documents[status] = document
            self.assertEqual(document.signature_status, status, document.signature_summary)
            self.assertIn("van-ban.pdf:", document.signature_summary)
        self.assertEqual(documents["untrusted"].signature_signer, "UBND tỉnh Lạ")
        self.assertFalse(documents["unsigned"].signature_signer)
        # Trusting the foreign authority, then verifying again.
        self._trust(foreign_root[1])
        documents["untrusted"].with_user(self.clerk).action_verify_signatures()
        self.assertEqual(documents["untrusted"].signature_status, "valid")
        # A file added later is verified too: the worst file decides.
        documents["valid"].with_user(self.clerk).write(
            {"attachment_ids": [(4, self._file(self.clerk, cases["invalid"], "phu-luc.pdf").id)]}
        )
        self.assertEqual(documents["valid"].signature_status, "invalid")
        self.assertIn("phu-luc.pdf:", documents["valid"].signature_summary)

    def test_results_are_not_written_by_users(self):
        document = self._incoming(attachment_ids=[(6, 0, self._file(self.clerk, pdf_bytes()).ids)])
        self.assertEqual(document.signature_status, "unsigned")
        for role, user in self.role_users.items():
            for field in SIGNATURE_FIELDS:
                value = "valid" if field == "signature_status" else False
                with self.subTest(role=role, field=field), self.assertRaises(AccessError):
                    document.with_user(user).write({field: value})
        with self.assertRaises(AccessError):
            self._incoming(signature_status="valid")
        self.assertEqual(document.signature_status, "unsigned")

    def test_exchanged_document_needs_a_valid_signature(self):
        tampered = self.env["moffice.signature.service"].sign_pdf(pdf_bytes()).replace(b"12/STN", b"21/STN")
        document = self._incoming(channel="exchange", attachment_ids=[(6, 0, self._file(self.clerk, tampered).ids)])
        with self.assertRaisesRegex(UserError, "without a valid digital signature"):
            document.with_user(self.clerk).action_register()
        self.assertEqual(document.state, "draft")
        signed = self.env["moffice.signature.service"].sign_pdf(pdf_bytes())
        document.with_user(self.clerk).attachment_ids = [(6, 0, self._file(self.clerk, signed).ids)]
        document.with_user(self.clerk).action_register()
        self.assertEqual(document.state, "registered")
        # Paper and e-mail documents are registered whatever their files.
        paper = self._incoming(reference="102/UBND-VX", attachment_ids=[(6, 0, self._file(self.clerk, tampered).ids)])
        paper.with_user(self.clerk).action_register()
        self.assertEqual(paper.state, "registered")
