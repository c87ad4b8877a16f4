import base64
import io

from lxml import etree

from odoo.exceptions import AccessError
from odoo.tests import HttpCase, tagged
from odoo.tools.pdf import PdfFileReader

from .common import ArchiveCommon


@tagged("post_install", "-at_install")
class TestFileExport(HttpCase, ArchiveCommon):
    """A whole file exported to PDF and XML (Appendix VI-III-4g). An HTTP
    case: the PDF printer fetches the report's styles from the server."""

    def setUp(self):
        super().setUp()
        self.file = self._file_of_three()

    def _file_of_three(self):
        """Three documents added out of date order, the second of two pages."""
        file = self._file(name="Hồ sơ đề tài giống lúa chịu mặn")
        for reference, day, pages in (
            ("300/UBND-VX", "2026-03-10", ["THIRD-DOCUMENT"]),
            ("100/UBND-VX", "2026-01-10", ["FIRST-DOCUMENT"]),
            ("200/UBND-VX", "2026-02-10", ["SECOND-DOCUMENT", "SECOND-DOCUMENT page 2"]),
        ):
            file.with_user(self.specialist)._add(documents=self._document(reference, day, pages=pages))
        return file

    def test_pdf_holds_every_document_in_date_order(self):
        attachment = self.file.with_user(self.specialist)._export_attachment("pdf")
        self.assertEqual((attachment.res_model, attachment.res_id), ("moffice.archive.file", self.file.id))
        self.assertEqual(attachment.mimetype, "application/pdf")
        reader = PdfFileReader(io.BytesIO(attachment.raw), strict=False)
        texts = [page.extract_text() for page in reader.pages]
        firsts = [
            next(index for index, text in enumerate(texts) if marker in text)
            for marker in ("FIRST-DOCUMENT", "SECOND-DOCUMENT", "THIRD-DOCUMENT")
        ]
        self.assertEqual(firsts, sorted(firsts), "the documents come in date order")
        self.assertGreater(firsts[0], 0, "after the cover and table of contents")
        self.assertEqual(firsts[2] - firsts[1], 2, "each document whole")
        self.assertEqual(len(texts), firsts[2] + 1)
        self.assertIn(self.file.code, "".join(texts[: firsts[0]]).replace("\n", ""))
        # The export is logged on each document it holds.
        logs = self.env["moffice.document.access.log"].search(
            [("document_id", "in", self.file.entry_ids.document_id.ids), ("user_id", "=", self.specialist.id)]
        )
        self.assertEqual(logs.document_id, self.file.entry_ids.document_id)
        # Downloadable by who reads the file, nobody else.
        action = self.file.with_user(self.specialist).action_export_pdf()
        self.assertIn("/web/content/", action["url"])
        with self.assertRaises(AccessError):
            self.file.with_user(self.center_specialist)._export_attachment("pdf")

    def test_xml_follows_the_schema_shipped(self):
        attachment = self.file.with_user(self.specialist)._export_attachment("xml")
        root = etree.fromstring(base64.b64decode(attachment.datas))
        schema = self.file._xml_schema()
        self.assertTrue(schema.validate(root), schema.error_log)
        self.assertEqual(root.findtext("FileCode/OrganId"), "000.00.31.H42")
        self.assertEqual(root.findtext("FileCode/FileCatalog"), "2026")
        self.assertEqual(root.findtext("FileCode/FileNotation"), self.file.notation)
        self.assertEqual(root.findtext("Title"), "Hồ sơ đề tài giống lúa chịu mặn")
        self.assertEqual(root.findtext("Maintenance"), "10 năm")
        self.assertEqual((root.findtext("DocTotal"), root.findtext("PageTotal")), ("3", "4"))
        documents = root.findall("Documents/Document")
        self.assertEqual([node.findtext("CodeNumber") for node in documents], ["100", "200", "300"])
        self.assertEqual([node.findtext("DocOrdinal") for node in documents], ["1", "2", "3"])
        self.assertEqual(documents[0].findtext("CodeNotation"), "UBND-VX")
        self.assertEqual(documents[0].findtext("IssuedDate"), "2026-01-10")
        self.assertEqual(documents[1].findtext("PageAmount"), "2")
        # A value past the standard's length would not validate.
        documents[0].find("CodeNotation").text = "X" * 31
        self.assertFalse(schema.validate(root))
