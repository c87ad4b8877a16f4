import io

import docx

from odoo.tests import tagged
from odoo.tools import SQL, file_open

from odoo.addons.moffice_documents.tools.search_index import has_unaccent

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


@tagged("post_install", "-at_install")
class TestDiacriticInsensitiveSearch(MofficeDocumentCommon):
    """Words are found whatever their diacritics and case (Appendix VI-III 6d)."""

    def setUp(self):
        super().setUp()
        if not has_unaccent(self.env):
            self.skipTest("the database has no immutable unaccent: start Odoo with --unaccent (README)")
        watchmaker = self.env["res.partner"].create({"name": "Công ty Cổ phần Đồng hồ Miền Bắc", "is_company": True})
        word = docx.Document()
        word.add_paragraph("Biên bản thẩm định kinh phí chuyển đổi số đồng bộ")
        content = io.BytesIO()
        word.save(content)
        report = (
            self.env["ir.attachment"]
            .with_user(self.clerk)
            .create(
                {
                    "name": "bien-ban.docx",
                    "raw": content.getvalue(),
                    "mimetype": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                }
            )
        )
        self.target = self._incoming(
            summary="V/v THẨM ĐỊNH hồ sơ đề tài khoa học",
            issuer_id=watchmaker.id,
            signer_name="Đặng Văn Đông",
            attachment_ids=[(6, 0, report.ids)],
        )
        self.other = self._incoming(summary="Báo cáo tài chính quý IV", reference="202/UBND-VX")

    def _check(self, field, variants):
        for words in variants:
            found = self.env["moffice.document"].with_user(self.clerk).search([(field, "ilike", words)])
            self.assertIn(self.target, found, f"{field} ilike {words!r}")
            self.assertNotIn(self.other, found, f"{field} ilike {words!r}")
            self.assertFalse(
                self.env["moffice.document"].with_user(self.other_specialist).search([(field, "ilike", words)]),
                f"{field} ilike {words!r} as a specialist who may not read it",
            )

    def test_summary(self):
        self._check("summary", ("tham dinh", "THẨM ĐỊNH", "thẩm định", "Thẩm Định Hồ Sơ", "de tai"))
        found = self.env["moffice.document"].with_user(self.clerk).name_search("tham dinh ho so")
        self.assertIn(self.target.id, [id_ for id_, _name in found])

    def test_issuer(self):
        self._check("issuer_id", ("dong ho", "Đồng hồ", "ĐỒNG HỒ", "dong", "Đồng", "mien bac"))

    def test_signer(self):
        self._check("signer_name", ("dang van dong", "ĐẶNG VĂN ĐÔNG", "Đông", "dong"))

    def test_file_text(self):
        self._check("attachment_text", ("tham dinh kinh phi", "THẨM ĐỊNH", "dong bo", "Đồng Bộ", "chuyen doi so"))

    def test_searches_use_unaccent_trigram_indexes(self):
        self.env.cr.execute(
            SQL(
                "SELECT indexname, indexdef FROM pg_indexes WHERE indexname IN %s",
                (
                    "moffice_document__summary_index",
                    "moffice_document__signer_name_index",
                    "ir_attachment_moffice_document_text_index",
                ),
            )
        )
        definitions = dict(self.env.cr.fetchall())
        self.assertEqual(len(definitions), 3)
        for name, definition in definitions.items():
            self.assertIn("unaccent(", definition, name)
            self.assertIn("gin_trgm_ops", definition, name)
