import io
import logging
from unittest.mock import patch

from PIL import Image, ImageDraw, ImageFont

from odoo.exceptions import AccessError
from odoo.tests import tagged
from odoo.tools import file_open, file_path

from odoo.addons.moffice_documents.tools import ocr
from odoo.addons.moffice_documents.tools.search_index import has_unaccent

from .common import MofficeDocumentCommon

# A font with every Vietnamese letter, shipped by Odoo itself.
FONT = "web/static/fonts/sign/NotoSans-Reg.ttf"
LOGGER = "odoo.addons.moffice_documents.models.ir_attachment"


def scanned_page(*lines):
    """A page as a scanner gives it: text drawn on a white A4-wide image."""
    font = ImageFont.truetype(file_path(FONT), 48)
    page = Image.new("L", (2480, 200 + 110 * len(lines)), 255)
    draw = ImageDraw.Draw(page)
    for index, line in enumerate(lines):
        draw.text((160, 100 + 110 * index), line, font=font, fill=0)
    return page


def image_bytes(page, kind):
    """The page saved as PNG, or as a PDF holding only its image (no text layer)."""
    content = io.BytesIO()
    if kind == "PDF":
        page.save(content, "PDF", resolution=300)
    else:
        page.save(content, kind)
    return content.getvalue()


@tagged("post_install", "-at_install")
class TestDocumentOcr(MofficeDocumentCommon):
    """Scans attached to documents are read in the background and searched."""

    def _file(self, name, raw, mimetype):
        return self.env["ir.attachment"].with_user(self.clerk).create({"name": name, "raw": raw, "mimetype": mimetype})

    def _registered(self, scan, **values):
        document = self._incoming(attachment_ids=[(6, 0, scan.ids)], **values)
        document.action_register()
        return document

    def _require_ocr(self):
        missing = ocr.missing_tools()
        if missing:
            self.skipTest(f"OCR cannot run on this machine: {missing}")

    def _find(self, user, words):
        return self.env["moffice.document"].with_user(user).search([("attachment_text", "ilike", words)])

    def test_registration_only_plans_ocr(self):
        page = scanned_page("Công văn về việc thẩm định đề tài")
        scan = self._file("scan.png", image_bytes(page, "PNG"), "image/png")
        document = self._registered(scan)
        self.assertEqual(document.state, "registered")
        self.assertEqual(scan.moffice_ocr_state, "todo")
        self.assertNotIn("thẩm", scan.sudo().index_content)
        self.assertNotIn(document, self._find(self.clerk, "thẩm định"))
        scanned_pdf = self._file("scan.pdf", image_bytes(page, "PDF"), "application/pdf")
        with file_open("moffice_documents/demo/files/ubnd_cntt.pdf", "rb") as pdf:
            text_pdf = self._file("text.pdf", pdf.read(), "application/pdf")
        loose = self._file("loose.png", image_bytes(page, "PNG"), "image/png")
        self._registered(scanned_pdf | text_pdf, reference="102/UBND-VX")
        self.assertEqual(scanned_pdf.moffice_ocr_state, "todo")
        self.assertEqual(text_pdf.moffice_ocr_state, "not_needed", "text PDFs keep Odoo's own indexing")
        self.assertFalse(loose.moffice_ocr_state, "only the files of documents are read")

    def test_scans_uploaded_for_a_document_are_kept_as_scanned(self):
        # The web client uploads a document's file for the document (res_id 0 while it is new).
        original = image_bytes(scanned_page(*["Công văn về việc thẩm định đề tài"] * 30), "PNG")
        scan = (
            self.env["ir.attachment"]
            .with_user(self.clerk)
            .create(
                {
                    "name": "scan.png",
                    "raw": original,
                    "mimetype": "image/png",
                    "res_model": "moffice.document",
                    "res_id": 0,
                }
            )
        )
        self.assertFalse(scan.moffice_ocr_state, "not read before it belongs to a document")
        self._registered(scan)
        self.assertEqual(scan.raw, original, "not shrunk like other large images")
        self.assertEqual(scan.moffice_ocr_state, "todo")
        elsewhere = self.env["ir.attachment"].create({"name": "photo.png", "raw": original, "mimetype": "image/png"})
        self.assertLess(len(elsewhere.raw), len(original), "Odoo still shrinks the other large images")

    def test_users_cannot_set_the_ocr_state(self):
        scan = self._file("scan.png", image_bytes(scanned_page("Thẩm định"), "PNG"), "image/png")
        self._registered(scan)
        with self.assertRaises(AccessError):
            scan.with_user(self.clerk).write({"moffice_ocr_state": "done"})
        forged = (
            self.env["ir.attachment"]
            .with_user(self.clerk)
            .create(
                {
                    "name": "forged.png",
                    "raw": image_bytes(scanned_page("Thẩm định"), "PNG"),
                    "mimetype": "image/png",
                    "res_model": "moffice.document",
                    "res_id": scan.res_id,
                    "moffice_ocr_state": "done",
                }
            )
        )
        self.assertEqual(forged.moffice_ocr_state, "todo")

    def test_ocr_finds_scanned_words_for_those_who_may_read(self):
        self._require_ocr()
        png = self._file(
            "scan.png",
            image_bytes(scanned_page("ỦY BAN NHÂN DÂN TỈNH", "V/v thẩm định đề tài khoa học"), "PNG"),
            "image/png",
        )
        pdf = self._file(
            "scan.pdf",
            image_bytes(scanned_page("SỞ CÔNG THƯƠNG", "Kiểm định đồng hồ đo nước năm 2026"), "PDF"),
            "application/pdf",
        )
        first = self._registered(png, summary="Công văn thứ nhất")
        second = self._registered(pdf, summary="Công văn thứ hai", reference="102/UBND-VX")
        for document in first | second:
            document.action_submit()
            document.with_user(self.leader)._route({"lead_user_id": self.specialist.id, "direction": "Xử lý."})
        self.assertFalse(self._find(self.specialist, "thẩm định"))
        self.env["ir.attachment"]._cron_moffice_ocr()
        self.assertEqual((png | pdf).mapped("moffice_ocr_state"), ["done", "done"])
        self.assertEqual(self._find(self.specialist, "thẩm định"), first)
        self.assertEqual(self._find(self.specialist, "đồng hồ đo nước"), second)
        self.assertFalse(self._find(self.other_specialist, "thẩm định"))
        self.assertFalse(self._find(self.other_specialist, "đồng hồ"))
        if not has_unaccent(self.env):
            self.skipTest("the database has no unaccent: searches without diacritics are not checked")
        for words in ("tham dinh", "THẨM ĐỊNH", "Tham Dinh De Tai"):
            self.assertEqual(self._find(self.specialist, words), first, words)
            self.assertFalse(self._find(self.other_specialist, words), words)
        for words in ("dong ho", "ĐỒNG HỒ", "kiem dinh dong"):
            self.assertEqual(self._find(self.specialist, words), second, words)

    def test_failures_are_recorded_and_the_others_go_on(self):
        self._require_ocr()
        broken = self._file("broken.png", b"\x89PNG\r\n\x1a\n not really an image", "image/png")
        good = self._file("scan.png", image_bytes(scanned_page("Đề nghị thẩm định"), "PNG"), "image/png")
        self._registered(broken)
        document = self._registered(good, reference="102/UBND-VX")
        cron = self.env.ref("moffice_documents.cron_ocr_attachments")
        _cron, progress = cron._add_progress()
        attachments = self.env["ir.attachment"].with_context(ir_cron_progress_id=progress.id)
        # A run with no time left still reads one file, then reports what remains.
        attachments._cron_moffice_ocr(budget=0)
        self.assertEqual((progress.done, progress.remaining), (1, 1))
        self.assertEqual(broken.moffice_ocr_state, "failed")
        self.assertIn("tesseract failed", broken.moffice_ocr_error)
        self.assertEqual(good.moffice_ocr_state, "todo")
        attachments._cron_moffice_ocr()
        self.assertEqual((progress.done, progress.remaining), (1, 0))
        self.assertEqual(good.moffice_ocr_state, "done")
        self.assertIn(document, self._find(self.clerk, "thẩm định"))
        # Nothing is read twice: a failed file waits for a new upload.
        attachments._cron_moffice_ocr()
        self.assertEqual((progress.done, progress.remaining), (0, 0))
        self.assertEqual(broken.moffice_ocr_state, "failed")

    def test_without_tesseract_ocr_waits_and_says_so(self):
        scan = self._file("scan.png", image_bytes(scanned_page("Đề nghị thẩm định"), "PNG"), "image/png")
        self._registered(scan)
        with (
            patch.object(ocr.shutil, "which", return_value=None),
            # logging.INFO, not "INFO": Odoo names its level 25 "INFO" too.
            self.assertLogs(LOGGER, level=logging.INFO) as logs,
        ):
            self.env["ir.attachment"]._cron_moffice_ocr()
        self.assertEqual(scan.moffice_ocr_state, "no_engine")
        self.assertEqual([record.levelname for record in logs.records], ["INFO"])
        self.assertIn("OCR skipped: the tesseract command is not installed", logs.output[0])
        self._require_ocr()
        self.env["ir.attachment"]._cron_moffice_ocr()
        self.assertEqual(scan.moffice_ocr_state, "done")
        self.assertIn("thẩm định", scan.sudo().index_content)
