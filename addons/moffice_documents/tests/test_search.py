from odoo.tests import tagged
from odoo.tools import file_open

from .common import MofficeDocumentCommon


@tagged("post_install", "-at_install")
class TestDocumentSearch(MofficeDocumentCommon):
    def test_search_by_reference_summary_number_and_file_text(self):
        document = self._incoming(reference="777/UBND-KGVX", summary="V/v kiểm tra đo lường chất lượng xăng dầu")
        document.action_register()
        with file_open("moffice_documents/demo/files/ubnd_cntt.pdf", "rb") as pdf:
            self.env["ir.attachment"].create(
                {
                    "name": "2150-UBND-VX.pdf",
                    "raw": pdf.read(),
                    "mimetype": "application/pdf",
                    "res_model": "moffice.document",
                    "res_id": document.id,
                }
            )
        Document = self.env["moffice.document"].with_user(self.clerk)
        self.assertEqual(Document.search([("reference", "ilike", "777/UBND")]), document)
        self.assertEqual(Document.search([("summary", "ilike", "chất lượng xăng")]), document)
        self.assertIn(document, Document.search([("register_number", "=", document.register_number)]))
        without_file = self._incoming(reference="778/UBND-KGVX")
        found = Document.search([("attachment_text", "ilike", "chuyển đổi số")])
        self.assertIn(document, found)
        self.assertNotIn(without_file, found)
        self.assertEqual(Document.name_search("777/UBND")[0][0], document.id)
        self.assertFalse(
            Document.with_user(self.other_specialist).search([("attachment_text", "ilike", "chuyển đổi số")])
        )
