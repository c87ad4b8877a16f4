from odoo.tests import tagged
from odoo.tests.common import TransactionCase

from odoo.addons.moffice_documents.models.moffice_permission import ROLE_GROUPS

from .common import menu_shown, visible_menu_ids


@tagged("post_install", "-at_install")
class TestDemoDepartment(TransactionCase):
    """The demo department is believable and each demo login sees its matrix."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.director = cls.env.ref("moffice_documents.user_director", raise_if_not_found=False)
        cls.demo_users = cls.env["res.users"].search([("email", "=like", "%@skhcn.hatinh.gov.vn")])

    def setUp(self):
        super().setUp()
        if not self.director:
            self.skipTest("the demo department is not installed")

    def test_every_role_has_people(self):
        for role, xmlid in ROLE_GROUPS.items():
            holders = self.demo_users.filtered(lambda user, xmlid=xmlid: user.has_group(xmlid))
            with self.subTest(role=role):
                self.assertTrue(holders)
        specialists = self.demo_users.filtered(
            lambda user: user.has_group("moffice_documents.group_moffice_specialist")
        )
        self.assertGreaterEqual(len(specialists), 10)

    def test_staff_are_employees_in_vietnamese(self):
        for user in self.demo_users:
            with self.subTest(login=user.login):
                self.assertEqual(user.lang, "vi_VN")
                self.assertEqual(user.tz, "Asia/Ho_Chi_Minh")
                employee = user.employee_id
                self.assertTrue(employee.department_id)
                self.assertTrue(employee.job_id)
                self.assertTrue(employee.work_phone)

    def test_units_and_company(self):
        units = self.env["hr.department"].search([("moffice_unit_type", "!=", False)])
        self.assertEqual(units.filtered(lambda unit: unit.moffice_unit_type == "office").mapped("moffice_code"), ["VP"])
        self.assertEqual(len(units.filtered(lambda unit: unit.moffice_unit_type == "division")), 3)
        self.assertEqual(len(units.filtered(lambda unit: unit.moffice_unit_type == "affiliated")), 1)
        self.assertTrue(all(unit.manager_id for unit in units))
        company = self.director.company_id
        self.assertEqual(company.moffice_abbreviation, "SKHCN")
        self.assertTrue(company.street and company.city and company.phone)
        self.assertTrue(self.env["res.lang"]._lang_get("vi_VN").active)

    def test_demo_logins_see_their_matrix(self):
        """Each demo login sees exactly the mapped menus its roles grant."""
        permissions = self.env["moffice.permission"].search([("menu_id", "!=", False)])
        for user in self.demo_users:
            visible = visible_menu_ids(user)
            roles = [role for role, xmlid in ROLE_GROUPS.items() if user.has_group(xmlid)]
            for permission in permissions:
                allowed = any(permission[role] for role in roles)
                shown = menu_shown(permission.menu_id, visible)
                with self.subTest(login=user.login, feature=permission.key):
                    self.assertEqual(shown, allowed)
