from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, tagged

from .common import MofficeReportCommon


@tagged("post_install", "-at_install")
class TestPostalDispatch(MofficeReportCommon):
    """The clerk records the postal dispatches of a released document; nobody
    records one otherwise, and nobody changes or deletes one afterwards."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.values = {"date_dispatch": "2025-03-15", "recipient_ids": [(6, 0, cls.recipient.ids)], "envelope_count": 2}

    def _released(self):
        return self._release(self._answer(self._incoming(), department_id=self.unit.id))

    def test_clerk_records_a_dispatch(self):
        document = self._released()
        action = document.with_user(self.clerk).action_open_dispatch()
        self.assertEqual(action["res_model"], "moffice.document.dispatch.wizard")
        wizard = Form(self.env[action["res_model"]].with_user(self.clerk).with_context(**action["context"]))
        self.assertEqual(wizard.envelope_count, 1)
        wizard.envelope_count = 3
        wizard.note = "Bảo đảm"
        wizard.save().action_confirm()
        dispatch = document.with_user(self.clerk).dispatch_ids
        self.assertEqual(
            (dispatch.recipient_ids, dispatch.envelope_count, dispatch.note, dispatch.user_id),
            (self.recipient, 3, "Bảo đảm", self.clerk),
        )
        self.assertIn("3 envelopes", document.message_ids[0].body)
        self.assertEqual(document.with_user(self.leader).dispatch_ids.envelope_count, 3)
        with self.assertRaises(AccessError):
            dispatch.with_user(self.specialist).read(["envelope_count"])

    def test_only_the_clerk_and_only_on_released_documents(self):
        document = self._released()
        for user in (self.leader, self.specialist, self.role_users["custodian"]):
            with self.assertRaises(AccessError):
                document.with_user(user)._dispatch(dict(self.values))
            with self.assertRaises(AccessError):
                document.with_user(user).action_open_dispatch()
        approved = self._answer(self._incoming(), department_id=self.unit.id)
        approved.action_submit()
        approved.with_user(self.leader).action_approve()
        with self.assertRaisesRegex(UserError, "not possible in this state"):
            approved.with_user(self.clerk)._dispatch(dict(self.values))
        incoming = self._incoming()
        with self.assertRaisesRegex(UserError, "does not apply"):
            incoming.with_user(self.clerk)._dispatch(dict(self.values))
        with self.assertRaisesRegex(UserError, "how many envelopes"):
            document.with_user(self.clerk)._dispatch({**self.values, "envelope_count": 0})
        with self.assertRaises(ValidationError):
            document.with_user(self.clerk)._dispatch({**self.values, "recipient_ids": []})
        self.assertFalse(self.env["moffice.document.dispatch"].search([("document_id", "in", document.ids)]))

    def test_dispatches_are_never_changed(self):
        document = self._released()
        document.with_user(self.clerk)._dispatch(dict(self.values))
        dispatch = document.sudo().dispatch_ids
        Dispatch = self.env["moffice.document.dispatch"]
        for user in (self.clerk, self.leader):
            with self.assertRaises(AccessError):
                Dispatch.with_user(user).create({**self.values, "document_id": document.id})
            with self.assertRaises(AccessError):
                dispatch.with_user(user).write({"envelope_count": 9})
            with self.assertRaises(AccessError):
                dispatch.with_user(user).unlink()
            with self.assertRaises(AccessError):
                document.with_user(user).write({"dispatch_ids": [(0, 0, {**self.values, "envelope_count": 5})]})
        self.assertEqual(document.sudo().dispatch_ids.envelope_count, 2)


@tagged("post_install", "-at_install")
class TestAnswers(MofficeReportCommon):
    """A drafted document says which incoming documents it answers; the
    incoming document shows its answers, read-only."""

    def test_drafter_links_the_answer_while_preparing(self):
        incoming = self._incoming()
        other = self._incoming(reference="102/UBND-VX")
        draft = self._answer(incoming)
        self.assertEqual(incoming.answer_ids, draft)
        draft.with_user(self.specialist).answered_document_ids = [(4, other.id)]
        self.assertEqual(other.answer_ids, draft)
        draft.with_user(self.specialist).action_submit()
        with self.assertRaisesRegex(AccessError, "Answers"):
            draft.with_user(self.specialist).answered_document_ids = [(3, other.id)]
        with self.assertRaisesRegex(AccessError, "Answered by"):
            other.with_user(self.clerk).answer_ids = [(5, 0, 0)]
        # The drafter reads only the incoming documents they may see; the link is kept.
        self.assertEqual(draft.sudo().answered_document_ids, incoming | other)

    def test_only_incoming_documents_are_answered(self):
        with self.assertRaisesRegex(ValidationError, "only answer incoming documents"):
            self._answer(self._answer(self._incoming()))
        with self.assertRaisesRegex(AccessError, "Answers"):
            self._incoming().with_user(self.clerk).answered_document_ids = [(6, 0, self._incoming().ids)]
