from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import MofficeDocumentCommon


@tagged("post_install", "-at_install")
class TestOutgoingFlow(MofficeDocumentCommon):
    def test_draft_to_release(self):
        """A specialist drafts, collects comments, the leader approves, the clerk releases."""
        document = self._outgoing_draft()
        document._request_comments(self.other_specialist.ids, "2026-12-01", "Góp ý giúp phần kinh phí.")
        self.assertEqual(document.state, "consulting")
        line = document.comment_ids
        self.assertEqual(line.user_id, self.other_specialist)
        with self.assertRaises(AccessError):
            line.with_user(self.clerk).action_give()
        line.with_user(self.other_specialist).comment = "Đồng ý, bổ sung dự toán."
        line.with_user(self.other_specialist).action_give()
        self.assertEqual(line.state, "given")
        self.assertIn("Đồng ý, bổ sung dự toán.", document.message_ids[0].body)

        document.action_submit()
        self.assertEqual(document.state, "submitted")
        with self.assertRaises(AccessError):
            document.with_user(self.specialist).action_approve()
        document.with_user(self.leader).action_approve()
        self.assertEqual((document.kind, document.state), ("outgoing", "approved"))
        self.assertEqual(document.signer_id, self.leader)

        with self.assertRaises(AccessError):
            document.with_user(self.leader).action_release()
        document.with_user(self.clerk).action_release()
        self.assertEqual(document.state, "released")
        self.assertEqual(document.date_handed_over, document.date_registered)
        self.assertIn(self.recipient.name, document.handed_to)
        self.assertEqual(document.reference, f"{document.register_number:02d}/SKHCN-PTN")
        self.assertEqual(document.register_id, self.env.ref("moffice_documents.register_outgoing_letter"))
        sent = document.message_ids[0]
        self.assertIn(self.recipient, sent.partner_ids)
        self.assertEqual(sent.attachment_ids, document.attachment_ids)
        emailed = sent.notification_ids.filtered(lambda notification: notification.notification_type == "email")
        self.assertIn(self.recipient, emailed.res_partner_id)
        with self.assertRaisesRegex(UserError, "by hand"):
            document.with_user(self.clerk).write({"summary": "Sửa sau phát hành"})

    def test_type_register_and_symbol(self):
        """A plan goes to the general outgoing register: number/type-agency."""
        document = self._outgoing_draft(document_type_id=self.outgoing_plan.id)
        document.action_submit()
        document.with_user(self.leader).action_approve()
        document.with_user(self.clerk).action_release()
        self.assertEqual(document.register_id, self.env.ref("moffice_documents.register_outgoing"))
        self.assertEqual(document.reference, f"{document.register_number:02d}/KH-SKHCN")

    def test_release_needs_signed_file_and_recipients(self):
        document = self._outgoing_draft(attachment_ids=[], recipient_ids=[])
        document.action_submit()
        document.with_user(self.leader).action_approve()
        with self.assertRaisesRegex(UserError, "signed file"):
            document.with_user(self.clerk).action_release()
        self.assertEqual(document.state, "approved")
        self.assertFalse(document.register_number)

    def test_leader_returns_draft(self):
        document = self._outgoing_draft()
        document.action_submit()
        document.with_user(self.leader)._return("Bổ sung dự toán chi tiết.")
        self.assertEqual(document.state, "returned")
        self.assertEqual(document.holder_id, self.specialist)
        document.action_submit()
        self.assertEqual(document.state, "submitted")

    def test_internal_document_is_published(self):
        reader = self.other_specialist
        self.env["hr.employee"].create({"name": "Người đọc", "user_id": reader.id, "department_id": self.unit.id})
        document = self._outgoing_draft(
            target_kind="internal",
            publish_department_ids=[(6, 0, self.unit.ids)],
            document_type_id=self.env.ref("moffice_documents.type_outgoing_notice").id,
        )
        document.action_submit()
        document.with_user(self.leader).action_approve()
        document.with_user(self.clerk).action_release()
        self.assertEqual((document.kind, document.state), ("internal", "released"))
        self.assertEqual((document.date_handed_over, document.handed_to), (document.date_registered, self.unit.name))
        self.assertEqual(document.reference, f"{document.register_number:02d}/TB-PTN")
        self.assertIn(reader.partner_id, document.message_ids[0].partner_ids)
        self.assertTrue(document.with_user(reader).summary)

    def test_decisions_have_their_own_register(self):
        decision_type = self.env.ref("moffice_documents.type_decision_1")
        document = (
            self.env["moffice.document"]
            .with_user(self.leader)
            .create(
                {
                    "kind": "decision",
                    "summary": "Quyết định thành lập tổ công tác",
                    "document_type_id": decision_type.id,
                    "leader_id": self.leader.id,
                    "recipients_note": "Như Điều 3; Lưu: VT.",
                }
            )
        )
        document.with_user(self.leader).action_submit()
        document.with_user(self.leader).action_approve()
        document.with_user(self.clerk).write({"attachment_ids": [(0, 0, {"name": "qd.pdf", "raw": b"%PDF qd"})]})
        document.with_user(self.clerk).action_release()
        self.assertEqual(document.register_id, self.env.ref("moffice_documents.register_decision"))
        self.assertEqual(document.reference, f"{document.register_number:02d}/QĐ-SKHCN")

    def test_specialists_only_draft(self):
        with self.assertRaises(AccessError):
            self.env["moffice.document"].with_user(self.specialist).create(
                {"kind": "outgoing", "summary": "Công văn tự phát hành"}
            )

    def test_processing_note(self):
        incoming = self._routed()
        note = (
            self.env["moffice.document"]
            .with_user(self.specialist)
            .create({"kind": "note", "parent_id": incoming.id, "summary": "Đề xuất trả lời bằng công văn."})
        )
        self.assertEqual(note.note_type, "opinion")
        note.action_issue()
        self.assertEqual(note.state, "issued")
        self.assertIn("Đề xuất trả lời bằng công văn.", incoming.message_ids[0].body)
        direction = (
            self.env["moffice.document"]
            .with_user(self.leader)
            .create({"kind": "note", "parent_id": incoming.id, "summary": "Khẩn trương."})
        )
        self.assertEqual(direction.note_type, "direction")
