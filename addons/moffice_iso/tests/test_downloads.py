from odoo.tests import HttpCase, tagged

from odoo.addons.moffice_documents.tests.test_access_history import make_pdf, pdf_pages

from .common import IsoCommon


@tagged("post_install", "-at_install")
class TestIsoDownloads(HttpCase, IsoCommon):
    """What a user downloads of a revision: a form named by its code and
    revision, an obsolete revision marked obsolete on every page."""

    def test_obsolete_revision_marked_on_every_page_and_forms_named(self):
        form = self._document(code="BM-TN-03-01", type_=self.form_type, name="Sổ đăng ký văn bản đến")
        first = self._draft(form, name="so-dang-ky.pdf")
        first.write(
            {
                "attachment_ids": [
                    (6, 0, self._upload(self.specialist, "so-dang-ky.pdf", make_pdf("Trang mot", "Trang hai")).ids)
                ]
            }
        )
        first.action_submit()
        first.with_user(self.leader).action_approve()
        today = self.env.company._moffice_now().date()
        first.with_user(self.clerk)._issue(today)
        file = first.attachment_ids
        stored = file.raw

        self.authenticate(self.clerk.login, self.clerk.login)
        response = self.url_open(f"/web/content/{file.id}?download=true")
        self.assertEqual(response.status_code, 200)
        self.assertIn("BM-TN-03-01 - Revision 01.pdf", response.headers["Content-Disposition"])
        self.assertNotIn("OBSOLETE", "".join(pdf_pages(response.content)))

        second = self._issued(form, name="so-dang-ky-moi.pdf")
        first.invalidate_recordset()
        self.assertEqual((first.validity, second.validity), ("obsolete", "current"))
        response = self.url_open(f"/web/content/{file.id}?download=true")
        self.assertIn("BM-TN-03-01 - Revision 01 (obsolete).pdf", response.headers["Content-Disposition"])
        pages = pdf_pages(response.content)
        self.assertEqual(len(pages), 2)
        mark = f"OBSOLETE - BM-TN-03-01 revision 1, replaced by revision 2 from {today.strftime('%d/%m/%Y')}"
        for number, text in zip(("mot", "hai"), pages, strict=True):
            self.assertIn(f"Trang {number}", text)
            self.assertIn(mark, text)
            self.assertIn(self.clerk.name, text)
        # the stored file is never changed; the current revision is served as it is
        file.invalidate_recordset()
        self.assertEqual(file.raw, stored)
        response = self.url_open(f"/web/content/{second.attachment_ids.id}?download=true")
        self.assertIn("BM-TN-03-01 - Revision 02.pdf", response.headers["Content-Disposition"])
        self.assertNotIn("OBSOLETE", "".join(pdf_pages(response.content)))
