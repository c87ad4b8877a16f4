from odoo.tests import HttpCase, tagged

from .common import SignatureCommon, pdf_bytes


@tagged("post_install", "-at_install")
class TestSignedDownloads(HttpCase, SignatureCommon):
    """Over HTTP: a signed PDF is downloaded as it was signed (its signature
    still verifies), an unsigned one with the agency's mark."""

    def _download(self, data, reference):
        attachment = (
            self.env["ir.attachment"]
            .with_user(self.clerk)
            .create({"name": f"{reference}.pdf", "raw": data, "mimetype": "application/pdf"})
        )
        document = self._incoming(reference=reference, attachment_ids=[(6, 0, attachment.ids)])
        response = self.url_open(f"/web/content/{attachment.id}?download=true")
        self.assertEqual(response.status_code, 200)
        entry = self.env["moffice.document.access.log"].search([("document_id", "=", document.id)], limit=1)
        return response.content, entry

    def test_signed_pdf_is_served_unmarked(self):
        self.authenticate(self.clerk.login, self.clerk.login)
        signed = self.Service.sign_pdf(pdf_bytes())
        content, entry = self._download(signed, "101-UBND-VX")
        self.assertEqual(content, signed)
        self.assertEqual(self.Service.verify_pdf(content)["status"], "valid")
        self.assertEqual((entry.event, entry.is_marked), ("download", False))
        unsigned = pdf_bytes()
        content, entry = self._download(unsigned, "102-UBND-VX")
        self.assertNotEqual(content, unsigned)
        self.assertEqual((entry.event, entry.is_marked), ("download", True))
