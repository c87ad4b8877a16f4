from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common import MofficeDocumentCommon


@tagged("post_install", "-at_install")
class TestIncomingFlow(MofficeDocumentCommon):
    def test_register_submit_route_handle(self):
        """Clerk registers and submits, the leader routes, the lead handler closes."""
        document = self._incoming()
        self.assertEqual(document.state, "draft")
        document.action_register()
        self.assertEqual(document.state, "registered")
        self.assertGreater(document.register_number, 0)
        self.assertTrue(document.date_registered)
        self.assertEqual(document.register_id.kind, "incoming")

        document.action_submit()
        self.assertEqual(document.state, "submitted")
        self.assertEqual(document.holder_id, self.leader)
        route_type = self.env.ref("moffice_documents.mail_activity_document_route")
        self.assertEqual(
            document.activity_ids.filtered(lambda a: a.activity_type_id == route_type).user_id, self.leader
        )

        document.with_user(self.leader)._route(
            {
                "direction": "Giao Phòng Thử nghiệm chủ trì.",
                "lead_department_id": self.unit.id,
                "cohandler_ids": [(6, 0, self.other_specialist.ids)],
                "date_deadline": "2026-12-15",
            }
        )
        self.assertEqual(document.state, "routed")
        # Ngày chuyển / Ký nhận of the register: recorded by the routing itself.
        self.assertTrue(document.date_handed_over)
        self.assertEqual(document.handed_to, f"{self.unit.name}, {self.specialist.name}")
        self.assertFalse(document.activity_ids.filtered(lambda a: a.activity_type_id == route_type))
        handle_type = self.env.ref("moffice_documents.mail_activity_document_handle")
        handlers = document.activity_ids.filtered(lambda a: a.activity_type_id == handle_type).user_id
        self.assertEqual(handlers, self.specialist | self.other_specialist)
        self.assertIn(self.specialist.partner_id, document.message_partner_ids)

        with self.assertRaises(AccessError):
            document.with_user(self.other_specialist)._mark_done("Xong")
        with self.assertRaisesRegex(UserError, "result"):
            document.with_user(self.specialist)._mark_done("  ")
        document.with_user(self.specialist)._mark_done("Đã báo cáo UBND tỉnh.")
        self.assertEqual(document.state, "done")
        self.assertEqual(document.result, "Đã báo cáo UBND tỉnh.")
        self.assertFalse(document.activity_ids)

    def test_only_the_clerk_registers_and_only_leaders_route(self):
        document = self._incoming()
        with self.assertRaises(AccessError):
            document.with_user(self.leader).action_register()
        document.action_register()
        document.action_submit()
        with self.assertRaises(AccessError):
            document.with_user(self.clerk)._route({"direction": "x", "lead_user_id": self.specialist.id})
        with self.assertRaisesRegex(UserError, "leads the handling"):
            document.with_user(self.leader)._route({"direction": "x"})
        self.assertEqual(document.state, "submitted")

    def test_no_submission_without_scan(self):
        document = self._incoming(attachment_ids=[])
        document.action_register()
        with self.assertRaisesRegex(UserError, "scanned file"):
            document.action_submit()
        self.assertEqual(document.state, "registered")

    def test_unknown_issuer_is_refused(self):
        document = self._incoming(issuer_id=False)
        with self.assertRaisesRegex(UserError, "issuing body"):
            document.action_register()
        self.assertFalse(document.register_number)

    def test_duplicate_warning(self):
        first = self._incoming()
        first.action_register()
        second = self._incoming()
        self.assertEqual(second.duplicate_count, 1)
        with self.assertRaisesRegex(UserError, "already registered"):
            second.action_register()
        self.assertEqual(second.state, "draft")
        second.action_register_duplicate()
        self.assertEqual(second.register_number, first.register_number + 1)

    def test_duplicates_are_counted_among_what_the_user_sees(self):
        """A specialist is not told that a hidden (confidential) document
        exists; the clerk, who sees them all, gets the real number."""
        hidden = self._incoming(confidentiality="secret")
        hidden.action_register()
        draft = self._incoming()
        draft.with_user(self.leader)._grant_read(users=self.specialist)
        self.assertEqual(draft.with_user(self.clerk).duplicate_count, 1)
        self.assertEqual(draft.with_user(self.specialist).duplicate_count, 0)
        hidden.with_user(self.leader)._grant_read(users=self.specialist)
        draft.invalidate_recordset(["duplicate_count"])
        self.assertEqual(draft.with_user(self.specialist).duplicate_count, 1)

    def test_deadline_before_document_date_is_refused(self):
        document = self._incoming()
        document.action_register()
        document.action_submit()
        with self.assertRaises(ValidationError):
            document.with_user(self.leader)._route(
                {"direction": "Xử lý.", "lead_user_id": self.specialist.id, "date_deadline": "2026-11-01"}
            )
        self.assertEqual(document.state, "submitted")
        self.assertFalse(document.date_deadline)

    def test_return_with_reason_and_resubmit(self):
        document = self._incoming()
        document.action_register()
        document.action_submit()
        document.with_user(self.leader)._return("Trình Phó Giám đốc phụ trách.")
        self.assertEqual(document.state, "returned")
        self.assertEqual(document.return_reason, "Trình Phó Giám đốc phụ trách.")
        revise = self.env.ref("moffice_documents.mail_activity_document_revise")
        self.assertIn(self.clerk, document.activity_ids.filtered(lambda a: a.activity_type_id == revise).user_id)
        document.action_submit()
        self.assertEqual(document.state, "submitted")

    def test_registered_documents_are_never_deleted(self):
        document = self._incoming()
        document.action_register()
        number = document.register_number
        with self.assertRaisesRegex(UserError, "never be deleted"):
            document.unlink()
        with self.assertRaises(AccessError):
            document.with_user(self.clerk)._cancel("x")
        document.with_user(self.leader)._cancel("Không phải văn bản hành chính.")
        self.assertEqual(document.state, "cancelled")
        self.assertEqual(document.register_number, number)
        self.assertIn("Không phải văn bản hành chính.", document.message_ids.mapped("body")[0])
        with self.assertRaisesRegex(UserError, "by hand"):
            document.write({"summary": "Sửa lại"})

    def test_a_draft_not_registered_can_be_deleted(self):
        document = self._incoming()
        document.unlink()
        self.assertFalse(document.exists())

    @freeze_time("2026-11-24 09:00:00")
    def test_late_documents(self):
        document = self._routed(date_deadline="2026-11-21")
        self.assertTrue(document.is_late)
        self.assertIn(document, self.env["moffice.document"].search([("is_late", "=", True)]))
        document.with_user(self.specialist)._mark_done("Đã xong.")
        self.assertFalse(document.is_late)
        self.assertNotIn(document, self.env["moffice.document"].search([("is_late", "=", True)]))

    def test_weekly_digest_reaches_the_leaders(self):
        document = self._routed()
        document.with_user(self.leader).is_notable = True
        self.env["moffice.document"]._cron_send_digest()
        digest = self.env["mail.message"].search(
            [("subject", "=", "Document digest of the week")], order="id desc", limit=1
        )
        self.assertIn(self.leader.partner_id, digest.partner_ids)
        self.assertIn(document.summary, digest.body)
        self.assertNotIn(self.clerk.partner_id, digest.partner_ids)
