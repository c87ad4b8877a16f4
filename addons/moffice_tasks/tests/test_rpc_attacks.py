from datetime import datetime, timedelta

from odoo.tests import HttpCase, new_test_user, tagged

from odoo.addons.moffice_documents.tests.bad_input import call_kw

# Five attacks found by a review: plain JSON-RPC calls as the web client
# makes them (/web/dataset/call_kw), each replayed and shown refused.
ROLES = {
    "leader": "moffice_documents.group_moffice_document_admin",
    "clerk": "moffice_documents.group_moffice_clerk",
    "drafter": "moffice_documents.group_moffice_specialist",
    "handler": "moffice_documents.group_moffice_specialist",
}


@tagged("post_install", "-at_install")
class TestRpcAttacks(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.company.moffice_abbreviation = "SKHCN"
        cls.env.company.moffice_organ_id = "000.00.31.H42"
        cls.users = {
            role: new_test_user(cls.env, login=f"rpc_{role}", password=f"rpc_{role}_pw", groups=xmlid)
            for role, xmlid in ROLES.items()
        }
        cls.unit = cls.env["hr.department"].create({"name": "Phòng Thử RPC", "moffice_code": "RPC"})
        cls.issuer = cls.env["res.partner"].create({"name": "UBND tỉnh RPC", "is_company": True})
        cls.Document = cls.env["moffice.document"]

    def _call(self, role, model, method, *args, **kwargs):
        """One call_kw as ``role``: (result, None) or (None, the error's name and message)."""
        self.authenticate(f"rpc_{role}", f"rpc_{role}_pw")
        result, error = call_kw(self, model, method, *args, **kwargs)
        return result, error and f"{error['name']}: {error['message']}"

    def assertRefused(self, outcome, *words):
        result, error = outcome
        self.assertIsNone(result, "the call was accepted")
        self.assertIn("AccessError", error)
        for word in words:
            self.assertIn(word, error)

    def _draft(self):
        scan = (
            self.env["ir.attachment"]
            .with_user(self.users["drafter"])
            .create({"name": "du-thao.pdf", "raw": b"%PDF-1.4 draft", "mimetype": "application/pdf"})
        )
        return self.Document.with_user(self.users["drafter"]).create(
            {
                "kind": "draft",
                "summary": "Công văn đề nghị cấp kinh phí",
                "department_id": self.unit.id,
                "document_type_id": self.env.ref("moffice_documents.type_outgoing_letter").id,
                "leader_id": self.users["leader"].id,
                "recipients_note": "Như trên; Lưu: VT.",
                "attachment_ids": [(6, 0, scan.ids)],
            }
        )

    def _incoming(self):
        scan = (
            self.env["ir.attachment"]
            .with_user(self.users["clerk"])
            .create({"name": "scan.pdf", "raw": b"%PDF-1.4 scan", "mimetype": "application/pdf"})
        )
        document = self.Document.with_user(self.users["clerk"]).create(
            {
                "kind": "incoming",
                "summary": "V/v báo cáo tình hình",
                "issuer_id": self.issuer.id,
                "reference": "321/UBND-VX",
                "date_document": "2026-11-20",
                "leader_id": self.users["leader"].id,
                "attachment_ids": [(6, 0, scan.ids)],
            }
        )
        document.action_register()
        return document

    def test_1_a_drafter_cannot_approve_his_own_draft(self):
        draft = self._draft()
        self.assertRefused(
            self._call("drafter", "moffice.document", "write", [draft.id], {"kind": "outgoing", "state": "approved"}),
            "by hand",
        )
        self.assertEqual((draft.kind, draft.state), ("draft", "draft"))
        result, error = self._call("clerk", "moffice.document", "action_release", [draft.id])
        self.assertIsNone(result)
        self.assertIn("UserError", error)
        self.assertFalse(draft.register_number)

    def test_2_a_drafter_cannot_grant_read_rights(self):
        draft = self._draft()
        self.assertRefused(
            self._call(
                "drafter", "moffice.document", "write", [draft.id], {"reader_user_ids": [[4, self.users["handler"].id]]}
            ),
            "Readers",
        )
        self.assertFalse(draft.reader_user_ids)
        self.assertFalse(self.Document.with_user(self.users["handler"]).search([("id", "=", draft.id)]))

    def test_3_a_clerk_cannot_route(self):
        document = self._incoming()
        self.assertRefused(
            self._call(
                "clerk",
                "moffice.document",
                "write",
                [document.id],
                {"state": "routed", "lead_user_id": self.users["handler"].id},
            ),
            "by hand",
        )
        self.assertEqual(document.state, "registered")
        self.assertFalse(document.lead_user_id)

    def test_4_a_released_document_stays_in_its_register(self):
        draft = self._draft()
        draft.with_user(self.users["drafter"]).action_submit()
        draft.with_user(self.users["leader"]).action_approve()
        draft.with_user(self.users["clerk"]).action_release()
        number = draft.register_number
        self.assertTrue(number)
        for role in ("clerk", "leader", "drafter"):
            self.assertRefused(self._call(role, "moffice.document", "write", [draft.id], {"state": "draft"}))
            self.assertRefused(self._call(role, "moffice.document", "write", [draft.id], {"register_number": 0}))
            result, error = self._call(role, "moffice.document", "unlink", [draft.id])
            self.assertIsNone(result, role)
            self.assertIn("never be deleted" if role != "drafter" else "AccessError", error)
        self.assertEqual((draft.state, draft.register_number), ("released", number))

    def test_5_a_giver_cannot_lift_the_overdue_lock_nor_close_the_task(self):
        task = (
            self.env["moffice.task"]
            .with_user(self.users["drafter"])
            .create(
                {
                    "name": "Việc giao cho đồng nghiệp",
                    "user_id": self.users["handler"].id,
                    "date_deadline": datetime.now() - timedelta(hours=1),
                }
            )
        )
        self.env["moffice.task"]._cron_lock_overdue()
        self.assertTrue(task.is_locked)
        before = (task.date_deadline, task.log_ids.mapped("event"))
        later = (datetime.now() + timedelta(days=10)).strftime("%Y-%m-%d %H:%M:%S")
        self.assertRefused(
            self._call("drafter", "moffice.task", "write", [task.id], {"date_deadline": later}), "Deadline"
        )
        self.assertRefused(self._call("drafter", "moffice.task", "write", [task.id], {"is_locked": False}))
        self.assertRefused(self._call("drafter", "moffice.task", "write", [task.id], {"state": "done"}))
        task.invalidate_recordset()
        self.assertEqual((task.state, task.is_locked), ("assigned", True))
        self.assertEqual((task.date_deadline, task.log_ids.mapped("event")), before)
