from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user, tagged

from .common import MofficeDocumentCommon
from .flow_attack import FlowAttackMixin, FlowRecordsKeptMixin

ACTIVITY = "moffice_documents.mail_activity_document_access_change"


class AccessChangeCommon(MofficeDocumentCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.other_leader = new_test_user(
            cls.env, login="moffice_test_leader_2", groups="moffice_documents.group_moffice_document_admin"
        )
        cls.group = cls.env["moffice.work.group"].create(
            {"name": "Tổ thẩm định", "member_ids": [(6, 0, cls.other_specialist.ids)]}
        )
        # every document administrator of the company (the demo's leaders too)
        cls.leaders = cls.env.company._moffice_users("document_admin")

    def _grant(self, documents, user, users=(), groups=()):
        """Grant read access with the wizard, as ``user``."""
        wizard = (
            self.env["moffice.document.grant"]
            .with_user(user)
            .with_context(default_document_ids=documents.ids)
            .create({"document_ids": [(6, 0, documents.ids)]})
        )
        wizard.write({"user_ids": [(6, 0, [u.id for u in users])], "group_ids": [(6, 0, [g.id for g in groups])]})
        wizard.action_grant()

    def _messages(self, document):
        return " ".join(document.message_ids.mapped("body"))

    def _warned(self, document):
        """The users with an open "Confirm access change" activity on ``document``."""
        document.invalidate_recordset()
        return document.sudo().activity_ids.filtered(lambda a: a.activity_type_id == self.env.ref(ACTIVITY)).user_id


@tagged("post_install", "-at_install")
class TestAccessChanges(AccessChangeCommon):
    """Every grant or removal of readers is kept and warned until another leader confirms it."""

    def test_grant_and_removal_are_recorded_and_warned(self):
        document = self._incoming()
        self._grant(document, self.leader, users=[self.other_specialist], groups=[self.group])
        change = self.env["moffice.document.access.change"].search([("document_id", "=", document.id)])
        self.assertEqual(len(change), 1)
        self.assertEqual((change.user_id, change.state), (self.leader, "pending"))
        self.assertEqual(change.added_user_ids, self.other_specialist)
        self.assertEqual(change.added_group_ids, self.group)
        self.assertFalse(change.removed_user_ids)
        self.assertFalse(change.removed_group_ids)
        self.assertEqual(change.summary, f"added: {self.other_specialist.name}, {self.group.name}")
        self.assertIn(f"Read access changed by {self.leader.name}: added: ", self._messages(document))
        # the other leaders are warned (activity, banner, filter); the one who changed it is not
        self.assertEqual(self._warned(document), self.leaders - self.leader)
        self.assertTrue(document.with_user(self.other_leader).has_access_change)
        self.assertEqual(
            self.env["moffice.document"].with_user(self.other_leader).search([("has_access_change", "=", True)]),
            document,
        )

        # removal: the wizard of one document sets its readers
        self._grant(document, self.other_leader, groups=[self.group])
        removal = self.env["moffice.document.access.change"].search(
            [("document_id", "=", document.id), ("id", "!=", change.id)]
        )
        self.assertEqual(removal.removed_user_ids, self.other_specialist)
        self.assertFalse(removal.added_user_ids | removal.removed_user_ids - self.other_specialist)
        self.assertFalse(removal.added_group_ids | removal.removed_group_ids)
        self.assertEqual(removal.user_id, self.other_leader)
        # each leader may confirm the other's change: all are warned
        self.assertEqual(self._warned(document), self.leaders)
        # nothing changed, nothing recorded
        self._grant(document, self.leader, groups=[self.group])
        self.assertEqual(
            self.env["moffice.document.access.change"].search_count([("document_id", "=", document.id)]), 2
        )

    def test_only_another_leader_confirms(self):
        document = self._incoming()
        document.with_user(self.leader)._grant_read(users=self.other_specialist)
        change = self.env["moffice.document.access.change"].search([("document_id", "=", document.id)])
        for user in (self.leader, self.clerk, self.specialist, self.role_users["system_admin"], self.other_specialist):
            with self.subTest(user=user.login), self.assertRaises(UserError):
                change.with_user(user).action_confirm()
            self.assertEqual(change.state, "pending")
        for user in (self.clerk, self.specialist, self.leader):
            with self.assertRaises(AccessError):
                change.with_user(user).write({"state": "confirmed"})
        self.assertFalse(change.with_user(self.leader).can_confirm)
        self.assertTrue(change.with_user(self.other_leader).can_confirm)

        change.with_user(self.other_leader).action_confirm()
        self.assertEqual((change.state, change.confirmed_by_id), ("confirmed", self.other_leader))
        self.assertTrue(change.date_confirmed)
        # the warning is gone: no banner, no filter hit, no activity
        self.assertFalse(document.with_user(self.leader).has_access_change)
        self.assertFalse(self.env["moffice.document"].with_user(self.leader).search([("has_access_change", "=", True)]))
        self.assertFalse(self._warned(document))
        self.assertIn(f"by {self.leader.name} confirmed by {self.other_leader.name}", self._messages(document))
        with self.assertRaises(UserError):
            change.with_user(self.other_leader).action_confirm()

    def test_grants_on_several_documents(self):
        first, second = self._incoming(), self._incoming(reference="102/UBND-VX")
        self._grant(first | second, self.leader, users=[self.other_specialist])
        changes = self.env["moffice.document.access.change"].search([("document_id", "in", (first | second).ids)])
        self.assertEqual(changes.document_id, first | second)
        self.assertEqual(changes.added_user_ids, self.other_specialist)
        self.assertEqual(self._warned(first), self.leaders - self.leader)
        self.assertEqual(self._warned(second), self.leaders - self.leader)
        changes.with_user(self.other_leader).action_confirm()
        self.assertEqual(set(changes.mapped("state")), {"confirmed"})
        self.assertFalse(self._warned(first) | self._warned(second))


@tagged("post_install", "-at_install")
class TestAccessChangeFlowIntegrity(FlowAttackMixin, FlowRecordsKeptMixin, AccessChangeCommon):
    """Changes of readers: made by the grant step, confirmed by another leader, never edited."""

    flow_model = "moffice.document.access.change"

    def flow_create_values(self, kind):
        return {
            "document_id": self._incoming().id,
            "user_id": self.leader.id,
            "date": "2026-11-25 08:00:00",
            "company_id": self.env.company.id,
        }

    def flow_new(self, kind):
        document = self._incoming()
        document.with_user(self.leader)._grant_read(users=self.other_specialist)
        return self.env["moffice.document.access.change"].search([("document_id", "=", document.id)])

    def flow_relation_user(self, record, relation):
        return self.other_leader if relation == "other_leader" else None

    def flow_calls(self):
        return {"confirm": lambda change: change.action_confirm()}
