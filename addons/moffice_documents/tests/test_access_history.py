import io
import json
from unittest.mock import patch
from urllib.parse import urlencode

from reportlab.pdfgen import canvas

from odoo.exceptions import AccessError
from odoo.tests import HttpCase, tagged
from odoo.tools.pdf import PdfFileReader

from .common import MofficeDocumentCommon

AGENCY = "Sở Khoa học và Công nghệ tỉnh Thử nghiệm"
SPECIALIST = "Bùi Thị Hương"
SLIP = "moffice_documents.test_access_slip"


def make_pdf(*texts):
    """A PDF with one page per text."""
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer)
    for text in texts:
        pdf.drawString(72, 720, text)
        pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def pdf_pages(data):
    """The text of each page of a PDF."""
    return [page.extract_text() for page in PdfFileReader(io.BytesIO(data)).pages]


class AccessHistoryCommon(MofficeDocumentCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.company.name = AGENCY
        cls.specialist.name = SPECIALIST
        cls.Log = cls.env["moffice.document.access.log"]

    def _routed_with_pdf(self, **values):
        """A routed incoming document (lead: the specialist) whose scan is a real two-page PDF."""
        scan = (
            self.env["ir.attachment"]
            .with_user(self.clerk)
            .create({"name": "101-UBND-VX.pdf", "raw": make_pdf("Page one of the scan", "Page two of the scan")})
        )
        document = self._incoming(attachment_ids=[(6, 0, scan.ids)], **values)
        document.action_register()
        document.action_submit()
        document.with_user(self.leader)._route({"lead_user_id": self.specialist.id, "date_deadline": "2026-12-31"})
        return document

    def _entries(self, document, user=None):
        return self.Log.sudo().search(
            [("document_id", "=", document.id)] + ([("user_id", "=", user.id)] if user else []), order="id"
        )

    def _mark(self, entry, verb):
        company = entry.company_id
        time = company._moffice_local(entry.date).strftime("%d/%m/%Y %H:%M")
        return f"{company.name} - {verb} by {entry.user_id.name} on {time}"


@tagged("post_install", "-at_install")
class TestAccessHistoryOverHttp(HttpCase, AccessHistoryCommon):
    """The web client's ways, over real HTTP: JSON-RPC, /web/content, /report."""

    def _web_read(self, document):
        return self.make_jsonrpc_request(
            "/web/dataset/call_kw/moffice.document/web_read",
            {
                "model": "moffice.document",
                "method": "web_read",
                "args": [document.ids],
                "kwargs": {"specification": {"summary": {}, "state": {}, "attachment_ids": {"fields": {"name": {}}}}},
            },
        )

    def test_opening_and_downloading_are_logged_and_the_pdf_marked(self):
        document = self._routed_with_pdf()
        scan = document.attachment_ids
        stored, checksum = scan.raw, scan.checksum
        self.authenticate(self.specialist.login, self.specialist.login)

        [values] = self._web_read(document)
        self.assertEqual(values["summary"], document.summary)
        [opened] = self._entries(document, self.specialist)
        self.assertEqual((opened.event, opened.detail), ("open", False))

        response = self.url_open(f"/web/content/{scan.id}?download=true")
        self.assertEqual(response.status_code, 200)
        downloaded = self._entries(document, self.specialist) - opened
        self.assertEqual(
            [(entry.event, entry.detail, entry.is_marked) for entry in downloaded],
            [("download", "101-UBND-VX.pdf", True)],
        )
        mark = self._mark(downloaded, "downloaded")
        self.assertIn(AGENCY, mark)
        self.assertIn(SPECIALIST, mark)
        pages = pdf_pages(response.content)
        self.assertEqual(len(pages), 2)
        for number, text in zip(("one", "two"), pages, strict=True):
            self.assertIn(f"Page {number} of the scan", text)
            self.assertIn(mark, text)
        # the stored original is untouched
        scan.invalidate_recordset()
        self.assertEqual((scan.raw, scan.checksum), (stored, checksum))
        self.assertNotIn(AGENCY, "".join(pdf_pages(scan.raw)))

        # the image route serves the same file: logged too
        self.url_open(f"/web/image/{scan.id}")
        self.assertEqual(self._entries(document, self.specialist)[-1:].event, "download")
        # a viewer asking for a piece gets the whole marked copy, logged once
        before = len(self._entries(document))
        response = self.url_open(f"/web/content/{scan.id}", headers={"Range": "bytes=0-99"})
        self.assertEqual(response.status_code, 200)
        self.assertNotIn("Accept-Ranges", response.headers)
        self.assertEqual(len(pdf_pages(response.content)), 2)
        self.assertEqual(len(self._entries(document)), before + 1)

    def test_a_level_the_agency_does_not_mark_is_served_as_stored(self):
        document = self._routed_with_pdf()
        scan = document.attachment_ids
        with self.assertRaises(AccessError):
            self.env.company.with_user(self.leader).write({"moffice_mark_normal": False})
        self.env.company.with_user(self.role_users["system_admin"]).write({"moffice_mark_normal": False})
        self.authenticate(self.specialist.login, self.specialist.login)
        response = self.url_open(f"/web/content/{scan.id}?download=true")
        self.assertEqual(response.content, scan.raw)
        self.assertEqual(self.env["ir.attachment"]._compute_checksum(response.content), scan.checksum)
        self.assertNotIn(AGENCY, "".join(pdf_pages(response.content)))
        [entry] = self._entries(document, self.specialist)
        self.assertEqual((entry.event, entry.is_marked), ("download", False))

        # a confidential document is still marked
        secret = self._routed_with_pdf(confidentiality="confidential", reference="102/UBND-VX")
        response = self.url_open(f"/web/content/{secret.attachment_ids.id}?download=true")
        [entry] = self._entries(secret, self.specialist)
        self.assertTrue(entry.is_marked)
        self.assertIn(self._mark(entry, "downloaded"), pdf_pages(response.content)[0])

    def test_printed_reports_are_logged_and_marked(self):
        document = self._routed_with_pdf()
        self.env["ir.ui.view"].create(
            {
                "name": "Test slip",
                "type": "qweb",
                "key": SLIP,
                "arch": f"""<t t-name="{SLIP}"><t t-call="web.html_container"><t t-foreach="docs" t-as="doc">
                    <t t-call="web.basic_layout"><div class="page"><span t-field="doc.summary"/></div></t>
                </t></t></t>""",
            }
        )
        self.env["ir.actions.report"].create(
            {"name": "Handling slip", "model": "moffice.document", "report_type": "qweb-pdf", "report_name": SLIP}
        )
        Report = type(self.env["ir.actions.report"])
        self.authenticate(self.specialist.login, self.specialist.login)
        # wkhtmltopdf is not run by the test: it prints this page for the slip
        with (
            patch.object(Report, "get_wkhtmltopdf_state", return_value="ok"),
            patch.object(Report, "_run_wkhtmltopdf", return_value=make_pdf("Handling slip of the document")),
        ):
            query = urlencode({"context": json.dumps({"force_report_rendering": True})})
            response = self.url_open(f"/report/pdf/{SLIP}/{document.id}?{query}")
        self.assertEqual(response.status_code, 200)
        [entry] = self._entries(document, self.specialist)
        self.assertEqual((entry.event, entry.detail, entry.is_marked), ("print", "Handling slip", True))
        [page] = pdf_pages(response.content)
        self.assertIn("Handling slip of the document", page)
        self.assertIn(self._mark(entry, "printed"), page)


@tagged("post_install", "-at_install")
class TestAccessHistory(AccessHistoryCommon):
    """Who reads the history, that nobody writes it, what counts as an opening."""

    def test_what_counts_as_opening(self):
        document = self._routed_with_pdf()
        note = (
            self.env["moffice.document"]
            .with_user(self.specialist)
            .create({"kind": "note", "summary": "Ý kiến", "parent_id": document.id})
        )
        Documents = self.env["moffice.document"].with_user(self.specialist)
        # a list, a related record shown in another form, a name: not openings
        Documents.web_search_read([("id", "=", document.id)], {"summary": {}, "state": {}})
        note.with_user(self.specialist).web_read({"summary": {}, "parent_id": {"fields": {"summary": {}}}})
        document.with_user(self.specialist).web_read({"display_name": {}})
        document.sudo().read(["summary"])
        self.assertEqual(self._entries(note).mapped("event"), ["open"])
        self.assertFalse(self._entries(document))
        # the form, and a read over RPC, are
        document.with_user(self.specialist).web_read({"summary": {}, "note_ids": {"fields": {"summary": {}}}})
        document.with_user(self.leader).read(["summary", "direction"])
        entries = self._entries(document)
        self.assertEqual(
            [(entry.user_id, entry.event) for entry in entries], [(self.specialist, "open"), (self.leader, "open")]
        )
        self.assertEqual(self._entries(note).mapped("event"), ["open"], "the notes the form lists were not opened")

    def test_each_reads_what_the_rules_say(self):
        document = self._routed_with_pdf()
        secret = self._routed_with_pdf(confidentiality="secret", reference="102/UBND-VX")
        system_admin = self.role_users["system_admin"]
        (document | secret).with_user(self.specialist).web_read({"summary": {}})
        (document | secret).with_user(self.leader).web_read({"summary": {}})
        document.with_user(system_admin).web_read({"summary": {}})
        everything = self._entries(document) | self._entries(secret)
        self.assertEqual(len(everything), 5)

        def seen_by(user):
            return self.Log.with_user(user).search([("id", "in", everything.ids)])

        self.assertEqual(seen_by(self.specialist), everything.filtered(lambda e: e.user_id == self.specialist))
        self.assertEqual(seen_by(self.leader), everything)
        # the system administrator: every entry of the documents they may read, not of the secret one
        self.assertEqual(seen_by(system_admin), self._entries(document))
        self.assertEqual(seen_by(self.clerk), self.Log)
        self.assertEqual(seen_by(self.other_specialist), self.Log)
        with self.assertRaises(AccessError):
            self.Log.with_user(self.specialist).browse(self._entries(document, self.leader).id).read(["event"])

    def test_nobody_writes_the_history(self):
        document = self._routed_with_pdf()
        document.with_user(self.specialist).web_read({"summary": {}})
        document.with_user(self.leader).web_read({"summary": {}})
        entries = self._entries(document)
        for role, user in self.role_users.items():
            Log = self.Log.with_user(user)
            with self.subTest(role=role):
                with self.assertRaises(AccessError):
                    Log.create({"document_id": document.id, "user_id": user.id, "event": "open"})
                for entry in entries:
                    with self.assertRaises(AccessError):
                        entry.with_user(user).write({"event": "print"})
                    with self.assertRaises(AccessError):
                        entry.with_user(user).unlink()
        self.assertEqual(entries.mapped("event"), ["open", "open"])
        self.assertEqual(len(self._entries(document)), 2)

    def test_counts_per_document(self):
        first = self._routed_with_pdf()
        second = self._routed_with_pdf(reference="102/UBND-VX")
        for _i in range(3):
            first.with_user(self.specialist).web_read({"summary": {}})
        second.with_user(self.leader).web_read({"summary": {}})
        Documents = self.env["moffice.document"].with_user(self.leader)
        documents = Documents.search([("id", "in", (first | second).ids)])
        documents.invalidate_recordset()
        with self.assertQueryCount(1):
            self.assertEqual(documents.mapped("access_count"), [1, 3] if documents[0] == second else [3, 1])
        self.assertEqual(
            Documents.search([("id", "in", (first | second).ids)], order="access_count desc").ids,
            [first.id, second.id],
        )
        [[total]] = Documents._read_group([("id", "in", (first | second).ids)], [], ["access_count:sum"])
        self.assertEqual(total, 4)
        with self.assertRaises(AccessError):
            first.with_user(self.specialist).read(["access_count"])
