from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from .common import MofficeCommon


@tagged("post_install", "-at_install")
class TestChannels(MofficeCommon):
    """Messages and bulletins are Discuss channels: one per unit, one for all."""

    def _members(self, channel):
        return channel.sudo().channel_member_ids.partner_id

    def test_a_unit_channel_follows_the_unit_staff(self):
        planning = self.env["hr.department"].create({"name": "Phòng Kế hoạch - Tài chính", "moffice_code": "TKH"})
        science = self.env["hr.department"].create({"name": "Phòng Quản lý khoa học", "moffice_code": "TQL"})
        self.assertTrue(planning.moffice_channel_id)
        self.assertEqual(planning.moffice_channel_id.name, planning.name)
        specialist = self.role_users["specialist"]
        employee = self.env["hr.employee"].create(
            {"name": specialist.name, "user_id": specialist.id, "department_id": planning.id}
        )
        self.assertIn(specialist.partner_id, self._members(planning.moffice_channel_id))
        employee.department_id = science
        self.assertNotIn(specialist.partner_id, self._members(planning.moffice_channel_id))
        self.assertIn(specialist.partner_id, self._members(science.moffice_channel_id))
        science.name = "Phòng Quản lý khoa học và công nghệ"
        self.assertEqual(science.moffice_channel_id.name, "Phòng Quản lý khoa học và công nghệ")
        # The channel is for M-Office staff only.
        outsider = new_test_user(self.env, login="moffice_test_outsider", groups="base.group_user")
        with self.assertRaises(AccessError):
            science.moffice_channel_id.with_user(outsider).check_access("read")
        science.moffice_channel_id.with_user(specialist).check_access("read")

    def test_every_staff_member_gets_the_announcements(self):
        announcements = self.env.ref("moffice_documents.channel_announcements")
        for user in self.role_users.values():
            self.assertIn(user.partner_id, self._members(announcements))
        outsider = new_test_user(self.env, login="moffice_test_outsider", groups="base.group_user")
        self.assertNotIn(outsider.partner_id, self._members(announcements))
        outsider.groups_id = [(4, self.env.ref("moffice_documents.group_moffice_clerk").id)]
        self.assertIn(outsider.partner_id, self._members(announcements))
        post = announcements.with_user(self.role_users["clerk"]).message_post(
            body="Lịch trực Tết 2027", message_type="comment", subtype_xmlid="mail.mt_comment"
        )
        self.assertEqual(post.author_id, self.role_users["clerk"].partner_id)
