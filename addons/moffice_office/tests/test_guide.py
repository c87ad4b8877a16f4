from pathlib import Path

from odoo.exceptions import AccessError
from odoo.tests import tagged

from odoo.addons.moffice_documents.models.roles import ROLE_GROUPS

from .common import OfficeCommon

ADDON = Path(__file__).resolve().parents[1]


@tagged("post_install", "-at_install")
class TestUserGuide(OfficeCommon):
    """One guide per role, read by every role, its own marked; each with its
    screenshots and a guided tour that exists; only the system administrator
    corrects the text."""

    def setUp(self):
        super().setUp()
        self.Guide = self.env["moffice.guide"]
        self.guides = self.Guide.search([])

    def test_one_guide_per_role_with_screenshots_and_tour(self):
        self.assertEqual(sorted(self.guides.mapped("role")), sorted(ROLE_GROUPS))
        tours = (ADDON / "static" / "src" / "js" / "guide_tours.js").read_text(encoding="utf-8")
        for guide in self.guides:
            with self.subTest(role=guide.role):
                images = guide.content.split('src="')[1:]
                self.assertTrue(images, "a guide shows screenshots")
                for src in images:
                    path = src.split('"')[0].removeprefix("/moffice_office/")
                    self.assertTrue((ADDON / path).is_file(), f"{path} is missing")
                self.assertIn(f"{guide.tour_name}: ", tours)
                action = guide.action_start_tour()
                self.assertEqual(action["params"], {"tour": guide.tour_name, "action": guide.tour_action_id.id})

    def test_every_role_reads_every_guide_its_own_marked(self):
        for role, user in self.role_users.items():
            with self.subTest(role=role):
                guides = self.Guide.with_user(user).search([])
                self.assertEqual(guides, self.guides)
                mine = self.Guide.with_user(user).search([("is_mine", "=", True)])
                self.assertEqual(mine.mapped("role"), [role])
                # the screen where its tour starts is open to the role
                self.assertTrue(self.env[mine.tour_action_id.sudo().res_model].with_user(user).has_access("read"))

    def test_only_the_system_administrator_corrects_a_guide(self):
        guide = self.guides.filtered(lambda g: g.role == "specialist")
        guide.with_user(self.system_admin).write({"summary": "Sửa bởi quản trị"})
        self.assertEqual(guide.summary, "Sửa bởi quản trị")
        for role in ("document_admin", "clerk", "custodian", "specialist"):
            with self.subTest(role=role):
                with self.assertRaises(AccessError):
                    guide.with_user(self.role_users[role]).write({"summary": "x"})
        for role, user in self.role_users.items():
            with self.subTest(role=role):
                with self.assertRaises(AccessError):
                    self.Guide.with_user(user).create({"name": "x", "role": role})
                with self.assertRaises(AccessError):
                    guide.with_user(user).unlink()
        self.assertEqual(guide.summary, "Sửa bởi quản trị")
