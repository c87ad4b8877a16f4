import io

import openpyxl

from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestDocumentTours(HttpCase):
    """The document flows in the browser, each step by its own role."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.company.moffice_abbreviation = "SKHCN"
        cls.env.company.moffice_organ_id = "000.00.31.H42"
        cls.env["res.partner"].create({"name": "UBND tỉnh Tour", "is_company": True, "email": "tour@example.com"})
        users = {}
        for login, name, role in (
            ("tour_doc_clerk", "Tour Clerk", "clerk"),
            ("tour_doc_leader", "Tour Leader", "document_admin"),
            ("tour_doc_specialist", "Tour Specialist", "specialist"),
        ):
            users[role] = new_test_user(
                cls.env, login=login, password=login, name=name, groups=f"moffice_documents.group_moffice_{role}"
            )
        cls.users = users

    def test_incoming_register_route_handle(self):
        self.start_tour(
            "/odoo/action-moffice_documents.action_moffice_document_incoming",
            "moffice_incoming_clerk",
            login="tour_doc_clerk",
        )
        document = self.env["moffice.document"].search([("reference", "=", "2468/UBND-VX")])
        self.assertEqual(document.state, "submitted")
        self.assertEqual(document.attachment_ids.name, "2468-UBND-VX.pdf")
        self.start_tour(
            f"/odoo/action-moffice_documents.action_moffice_document_incoming/{document.id}",
            "moffice_incoming_leader",
            login="tour_doc_leader",
        )
        self.assertEqual(document.lead_user_id, self.users["specialist"])
        self.start_tour(
            f"/odoo/moffice.document/{document.id}", "moffice_incoming_specialist", login="tour_doc_specialist"
        )
        self.assertEqual(document.state, "done")
        self.assertEqual(document.result, "Đã gửi báo cáo UBND tỉnh.")

    def test_clerk_prints_stamp_and_slip(self):
        """The clerk registers a paper document and prints its stamp, the
        leader routes it, the clerk prints its handling slip; the register
        of the day holds it with the date it was handed over."""
        self.start_tour(
            "/odoo/action-moffice_documents.action_moffice_document_incoming",
            "moffice_incoming_stamp_clerk",
            login="tour_doc_clerk",
        )
        document = self.env["moffice.document"].search([("reference", "=", "1357/UBND-VX")])
        self.assertEqual((document.channel, document.state), ("paper", "submitted"))
        self.start_tour(
            f"/odoo/action-moffice_documents.action_moffice_document_incoming/{document.id}",
            "moffice_incoming_leader",
            login="tour_doc_leader",
        )
        self.start_tour(
            f"/odoo/action-moffice_documents.action_moffice_document_incoming/{document.id}",
            "moffice_incoming_slip_clerk",
            login="tour_doc_clerk",
        )
        company = document.company_id
        today = company._moffice_local(document.date_registered).date()
        clerk = self.users["clerk"]
        report = (
            self.env["moffice.register.report"]
            .with_user(clerk)
            .create({"register_id": document.register_id.id, "date_from": today, "date_to": today})
        )
        content, _kind = (
            self.env["ir.actions.report"]
            .with_user(clerk)
            .with_context(lang="en_US")
            ._render("moffice_documents.action_report_register_xlsx", report.ids)
        )
        sheet = openpyxl.load_workbook(io.BytesIO(content)).worksheets[1]
        row = next(row for row in sheet.iter_rows(values_only=True) if row[3] == "1357/UBND-VX")
        handed_over = company._moffice_local(document.date_handed_over).strftime("%d/%m/%Y")
        self.assertEqual(
            row[:2] + row[6:9],
            (
                today.strftime("%d/%m/%Y"),
                f"{document.register_number:02d}",
                "Tour Specialist",
                handed_over,
                "Tour Specialist",
            ),
        )

    def test_outgoing_from_draft_to_release(self):
        self.start_tour(
            "/odoo/action-moffice_documents.action_moffice_document_draft",
            "moffice_outgoing_specialist",
            login="tour_doc_specialist",
        )
        document = self.env["moffice.document"].search([("summary", "=", "Kế hoạch kiểm tra đề tài năm 2027")])
        self.assertEqual(document.state, "submitted")
        self.start_tour(f"/odoo/moffice.document/{document.id}", "moffice_outgoing_leader", login="tour_doc_leader")
        self.assertEqual((document.kind, document.state), ("outgoing", "approved"))
        self.start_tour(
            f"/odoo/action-moffice_documents.action_moffice_document_outgoing/{document.id}",
            "moffice_outgoing_clerk",
            login="tour_doc_clerk",
        )
        self.assertEqual(document.state, "released")
        self.assertTrue(document.reference.endswith("/KH-SKHCN"))
