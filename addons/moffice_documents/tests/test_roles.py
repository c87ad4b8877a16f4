from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from .common import MofficeCommon


@tagged("post_install", "-at_install")
class TestRoles(MofficeCommon):
    def test_roles_add_up(self):
        """A clerk who is also a specialist gets the rights of both roles."""
        both = new_test_user(
            self.env,
            login="moffice_test_clerk_specialist",
            groups="moffice_documents.group_moffice_clerk,moffice_documents.group_moffice_specialist",
        )
        visible = self._visible_menu_ids(both)
        catalogs = self.env.ref("moffice_documents.menu_catalogs_partner_organizations")
        mailbox = self.env.ref("moffice_documents.menu_mail_mailbox")
        self.assertTrue(self._menu_shown(catalogs, visible))
        self.assertTrue(self._menu_shown(mailbox, visible))
        partner = self.env["res.partner"].with_user(both).create({"name": "Sở Công Thương", "is_company": True})
        self.assertTrue(partner.is_company)
        with self.assertRaises(AccessError):
            self.env["res.partner"].with_user(self.role_users["clerk"]).create(
                {"name": "Sở Nội vụ", "is_company": True}
            )

    def test_no_role_no_moffice(self):
        """An internal user without an M-Office role does not see M-Office."""
        outsider = new_test_user(self.env, login="moffice_test_outsider", groups="base.group_user")
        root = self.env.ref("moffice_documents.menu_moffice_root")
        self.assertNotIn(root.id, self._visible_menu_ids(outsider))
        for user in self.role_users.values():
            self.assertIn(root.id, self._visible_menu_ids(user))

    def test_units_only_administered_by_system_admin(self):
        """Every employee may read units; only the system administrator changes them."""
        unit = self.env["hr.department"].create({"name": "Phòng Thanh tra", "moffice_code": "TTr"})
        leader = self.role_users["document_admin"]
        self.assertEqual(unit.with_user(leader).name, "Phòng Thanh tra")
        with self.assertRaises(AccessError):
            unit.with_user(leader).write({"name": "Thanh tra Sở"})
        unit.with_user(self.role_users["system_admin"]).write({"name": "Thanh tra Sở"})
        self.assertEqual(unit.name, "Thanh tra Sở")

    def test_system_admin_creates_logins(self):
        """The system administrator creates a login and gives it a role."""
        admin = self.role_users["system_admin"]
        user = (
            self.env["res.users"]
            .with_user(admin)
            .create(
                {
                    "name": "Nguyễn Văn Mới",
                    "login": "moffice_test_newcomer",
                    "groups_id": [(6, 0, [self.env.ref("moffice_documents.group_moffice_specialist").id])],
                }
            )
        )
        self.assertTrue(user.has_group("moffice_documents.group_moffice_specialist"))
        self.assertTrue(user.has_group("base.group_user"))
        with self.assertRaises(AccessError):
            self.env["res.users"].with_user(self.role_users["specialist"]).create(
                {"name": "X", "login": "moffice_test_forbidden"}
            )

    def test_phone_directory_lists_active_staff(self):
        """The directory shows the work phone of active staff, not of archived ones."""
        unit = self.env["hr.department"].create({"name": "Phòng Thử nghiệm"})
        present = self.env["hr.employee"].create(
            {"name": "Lê Văn Có", "department_id": unit.id, "work_phone": "0239 3000 001"}
        )
        gone = self.env["hr.employee"].create(
            {"name": "Lê Văn Nghỉ", "department_id": unit.id, "work_phone": "0239 3000 002"}
        )
        gone.action_archive()
        self.env.flush_all()
        lines = (
            self.env["moffice.phone.directory"]
            .with_user(self.role_users["specialist"])
            .search([("department_id", "=", unit.id)])
        )
        self.assertEqual(lines.mapped("employee_id"), present)
        self.assertEqual(lines.work_phone, "0239 3000 001")

    def test_matrix_reload_is_idempotent(self):
        """Loading the matrix again updates the features instead of adding new ones."""
        Permission = self.env["moffice.permission"]
        before = Permission.search([])
        Permission._load_matrix()
        self.assertEqual(Permission.search([]), before)
        rows = Permission._read_matrix()
        units = Permission.search([("key", "=", "units")])
        row = next(row for row in rows if row["key"] == "units")
        self.assertEqual(units.name_vi, row["label_vi"])
        self.assertEqual(
            [units.document_admin, units.clerk, units.system_admin, units.custodian, units.specialist],
            [False, False, True, False, False],
        )
