import base64
import io

import docx
import openpyxl

from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import MofficeDocumentCommon

PDF = "moffice_documents.action_report_document_list_pdf"
XLSX = "moffice_documents.action_report_document_list_xlsx"
DOCX = "moffice_documents.action_export_document_list_docx"


@tagged("post_install", "-at_install")
class TestDocumentExport(MofficeDocumentCommon):
    """Search results exported as PDF, Word and Excel (Appendix VI-III 6h), with
    only the documents the exporting user may read."""

    def setUp(self):
        super().setUp()
        self.routed = self._incoming(summary="V/v kiểm định đồng hồ đo nước")
        self.routed.action_register()
        self.routed.action_submit()
        self.routed.with_user(self.leader)._route({"lead_user_id": self.specialist.id, "direction": "Xử lý."})
        self.hidden = self._incoming(summary="V/v thanh tra tài chính mật", reference="303/UBND-TTr")
        self.hidden.action_register()
        self.ids = [self.routed.id, self.hidden.id]

    def _pdf_text(self, user):
        # Under test, Odoo renders the PDF's HTML (no wkhtmltopdf).
        content, _kind = self.env["ir.actions.report"].with_user(user)._render_qweb_pdf(PDF, self.ids)
        return content.decode()

    def _xlsx_text(self, user):
        content, kind = self.env["ir.actions.report"].with_user(user)._render(XLSX, self.ids)
        self.assertEqual(kind, "xlsx")
        sheet = openpyxl.load_workbook(io.BytesIO(content)).active
        return "\n".join(str(cell) for row in sheet.iter_rows(values_only=True) for cell in row if cell)

    def _docx_text(self, user):
        action = (
            self.env.ref(DOCX)
            .with_user(user)
            .with_context(active_model="moffice.document", active_ids=self.ids, active_id=self.ids[0])
            .run()
        )
        self.assertEqual(action["type"], "ir.actions.act_url")
        export = self.env["moffice.document.export"].with_user(user).search([], order="id desc", limit=1)
        self.assertIn(f"/{export.id}/data/", action["url"])
        word = docx.Document(io.BytesIO(base64.b64decode(export.data)))
        return "\n".join(cell.text for table in word.tables for row in table.rows for cell in row.cells)

    def test_the_three_formats_list_only_readable_documents(self):
        for export in (self._pdf_text, self._xlsx_text, self._docx_text):
            with self.subTest(export=export.__name__):
                text = export(self.clerk)
                self.assertIn("V/v kiểm định đồng hồ đo nước", text)
                self.assertIn("V/v thanh tra tài chính mật", text)
                self.assertIn("303/UBND-TTr", text)
                text = export(self.specialist)
                self.assertIn("V/v kiểm định đồng hồ đo nước", text)
                self.assertIn(self.routed.reference, text)
                self.assertNotIn("thanh tra", text)
                self.assertNotIn("303/UBND-TTr", text)
                text = export(self.other_specialist)
                self.assertNotIn("đồng hồ", text)
                self.assertNotIn("thanh tra", text)

    def test_a_word_export_is_read_by_its_creator_only(self):
        self._docx_text(self.specialist)
        export = self.env["moffice.document.export"].search([], order="id desc", limit=1)
        self.assertEqual(export.create_uid, self.specialist)
        self.assertFalse(self.env["moffice.document.export"].with_user(self.clerk).search([("id", "=", export.id)]))
        with self.assertRaises(AccessError):
            export.with_user(self.clerk).read(["data"])

    def test_exports_are_in_the_print_menu_of_the_list(self):
        for user in (self.clerk, self.specialist):
            bindings = self.env["ir.actions.actions"].with_user(user).get_bindings("moffice.document")["report"]
            self.assertLessEqual(
                {self.env.ref(xmlid).id for xmlid in (PDF, XLSX, DOCX)}, {binding["id"] for binding in bindings}
            )
