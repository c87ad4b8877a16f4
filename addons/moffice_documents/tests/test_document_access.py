from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import MofficeDocumentCommon


@tagged("post_install", "-at_install")
class TestDocumentAccess(MofficeDocumentCommon):
    """Record rules, each proved both ways."""

    def _visible(self, user, document):
        return bool(self.env["moffice.document"].with_user(user).search([("id", "=", document.id)]))

    def test_specialists_see_only_what_is_routed_or_shared_to_them(self):
        document = self._routed()
        self.assertTrue(self._visible(self.specialist, document))
        self.assertFalse(self._visible(self.other_specialist, document))
        with self.assertRaises(AccessError):
            document.with_user(self.other_specialist).read(["summary"])

    def test_co_handlers_and_informed_people_see_the_document(self):
        document = self._routed(info_user_ids=[(6, 0, self.other_specialist.ids)])
        self.assertTrue(self._visible(self.other_specialist, document))

    def test_leader_grants_read_to_a_person_and_to_a_work_group(self):
        document = self._incoming()
        self.assertFalse(self._visible(self.other_specialist, document))
        with self.assertRaises(AccessError):
            document.with_user(self.specialist)._grant_read(users=self.other_specialist)
        document.with_user(self.leader)._grant_read(users=self.other_specialist)
        self.assertTrue(self._visible(self.other_specialist, document))

        group = self.env["moffice.work.group"].create(
            {"name": "Tổ thử nghiệm", "member_ids": [(6, 0, self.specialist.ids)]}
        )
        self.assertFalse(self._visible(self.specialist, document))
        document.with_user(self.leader)._grant_read(groups=group)
        self.assertTrue(self._visible(self.specialist, document))

    def test_confidential_documents(self):
        """Leaders and clerks see confidential documents; custodians and system
        administrators only when granted, whatever their menus."""
        normal = self._incoming()
        secret = self._incoming(confidentiality="secret", reference="9/UBND-NC")
        for role in ("document_admin", "clerk"):
            self.assertTrue(self._visible(self.role_users[role], secret), role)
        for role in ("custodian", "system_admin"):
            user = self.role_users[role]
            self.assertTrue(self._visible(user, normal), role)
            self.assertFalse(self._visible(user, secret), role)
        custodian = self.role_users["custodian"]
        secret.with_user(self.leader)._grant_read(users=custodian)
        self.assertTrue(self._visible(custodian, secret))

    def test_only_the_drafter_edits_a_draft(self):
        draft = self.env["moffice.document"].with_user(self.specialist).create({"kind": "draft", "summary": "Dự thảo"})
        draft.with_user(self.specialist).write({"summary": "Dự thảo lần 2"})
        draft.with_user(self.leader)._grant_read(users=self.other_specialist)
        self.assertEqual(draft.with_user(self.other_specialist).summary, "Dự thảo lần 2")
        with self.assertRaises(AccessError):
            draft.with_user(self.other_specialist).write({"summary": "Sửa trộm"})

    def test_handler_cannot_edit_the_document(self):
        document = self._routed()
        with self.assertRaises(AccessError):
            document.with_user(self.specialist).write({"summary": "Sửa trích yếu"})

    def test_attachments_follow_the_document(self):
        document = self._routed()
        scan = document.attachment_ids
        self.assertEqual(scan.res_model, "moffice.document")
        scan.with_user(self.specialist).read(["name"])
        with self.assertRaises(AccessError):
            scan.with_user(self.other_specialist).read(["name"])

    def test_personal_documents(self):
        Personal = self.env["moffice.personal.document"]
        owner = self.role_users["custodian"]
        mine = Personal.with_user(owner).create({"name": "Ghi chú riêng"})
        self.assertFalse(Personal.with_user(self.leader).search([("id", "=", mine.id)]))
        mine.with_user(owner).shared_user_ids = self.leader
        self.assertTrue(Personal.with_user(self.leader).search([("id", "=", mine.id)]))
        with self.assertRaises(AccessError):
            mine.with_user(self.leader).write({"name": "Sửa"})
        with self.assertRaises(AccessError):
            Personal.with_user(self.specialist).create({"name": "Không có quyền"})

    def test_comments_are_seen_by_those_involved(self):
        draft = self.env["moffice.document"].with_user(self.specialist).create({"kind": "draft", "summary": "Dự thảo"})
        draft._request_comments(self.other_specialist.ids, "2026-12-01", "Góp ý")
        line = draft.comment_ids
        self.assertTrue(line.with_user(self.other_specialist).request)
        custodian = self.role_users["custodian"]
        with self.assertRaises(AccessError):
            line.with_user(custodian).read(["comment"])
