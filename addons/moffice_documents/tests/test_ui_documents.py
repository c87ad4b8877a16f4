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
