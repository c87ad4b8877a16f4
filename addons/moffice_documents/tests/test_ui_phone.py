from odoo.tests import HttpCase, tagged

from .common import MofficeDocumentCommon


@tagged("post_install", "-at_install")
class TestPhoneTours(HttpCase, MofficeDocumentCommon):
    """The documents' main flows on a phone (390 × 844, touch): each screen
    fits the width, each action is reachable, and the server holds the result."""

    browser_size = "390x844"
    touch_enabled = True

    def test_clerk_registers_a_photographed_letter_and_the_leader_routes_it(self):
        self.start_tour(
            "/odoo/action-moffice_documents.action_moffice_document_incoming",
            "moffice_phone_clerk",
            login=self.clerk.login,
        )
        document = self.env["moffice.document"].search([("reference", "=", "975/UBND-VX")])
        self.assertEqual(document.state, "submitted")
        self.assertTrue(document.register_number)
        self.assertEqual(document.attachment_ids.mapped("mimetype"), ["image/jpeg"])
        self.start_tour(
            f"/odoo/action-moffice_documents.action_moffice_document_incoming/{document.id}",
            "moffice_phone_leader_route",
            login=self.leader.login,
        )
        self.assertEqual((document.state, document.lead_user_id), ("routed", self.specialist))

    def test_leader_approves_a_draft(self):
        draft = self._outgoing_draft()
        draft.with_user(self.specialist).action_submit()
        self.start_tour(f"/odoo/moffice.document/{draft.id}", "moffice_phone_leader_approve", login=self.leader.login)
        self.assertEqual(draft.state, "approved")

    def test_each_role_desk_fits_the_phone(self):
        self._incoming(reference="1/UBND-KT")
        submitted = self._incoming(reference="2/UBND-KT")
        submitted.action_register()
        submitted.action_submit()
        self._routed("3/UBND-KT", lead_user_id=self.specialist.id, lead_department_id=self.unit.id)
        for user in (self.clerk, self.leader, self.specialist):
            with self.subTest(user=user.login):
                self.start_tour("/odoo", "moffice_phone_desk", login=user.login)
