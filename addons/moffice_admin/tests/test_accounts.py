import json
from datetime import datetime, timedelta

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import HttpCase, new_test_user, tagged

from .common import AdminCommon


@tagged("post_install", "-at_install")
class TestAccountRules(AdminCommon):
    """Article 5.4: passwords given by an administrator are changed at the next login; the policy."""

    def test_a_login_given_or_reset_by_an_administrator_must_be_changed(self):
        given = (
            self.env["res.users"]
            .with_user(self.system_admin)
            .create({"name": "Cán bộ mới", "login": "cb.moi", "password": "Khoi2026tao"})
        )
        self.assertTrue(given.moffice_must_change_password)
        self.assertFalse(self.specialist.moffice_must_change_password)
        given.with_user(given).change_password("Khoi2026tao", "Minh2026doi")
        self.assertFalse(given.moffice_must_change_password)

        self.env["change.password.wizard"].with_user(self.system_admin).create(
            {"user_ids": [(0, 0, {"user_id": self.specialist.id, "user_login": "x", "new_passwd": "Cap2026lai"})]}
        ).change_password_button()
        self.assertTrue(self.specialist.moffice_must_change_password)
        self.assertFalse(self.system_admin.moffice_must_change_password)

    def test_an_expired_password_must_be_changed(self):
        self.env["ir.config_parameter"].set_param("moffice_admin.password_expiry_days", "90")
        self.specialist.with_user(self.specialist).change_password(self.specialist.login, "DoiMoi2026")
        self.assertFalse(self.specialist.moffice_must_change_password)
        with freeze_time(datetime.now() + timedelta(days=91)):
            self.specialist.invalidate_recordset(["moffice_must_change_password"])
            self.assertTrue(self.specialist.moffice_must_change_password)

    def test_the_policy_refuses_weak_and_reused_passwords(self):
        self.specialist.password = "BatDau2026"
        for weak in ("Ab1", "khongcohoa1", "KHONGCOTHUONG1", "KhongCoSo"):
            with self.subTest(password=weak), self.assertRaises(UserError):
                self.specialist.with_user(self.specialist).change_password("BatDau2026", weak)
        self.specialist.with_user(self.specialist).change_password("BatDau2026", "MatKhau2026a")
        self.specialist.with_user(self.specialist).change_password("MatKhau2026a", "MatKhau2026b")
        with self.assertRaises(UserError):
            self.specialist.with_user(self.specialist).change_password("MatKhau2026b", "MatKhau2026a")
        # the administrator's Change password follows the same policy
        wizard = self.env["change.password.wizard"].with_user(self.system_admin)
        for password, refused in (("yeu", True), ("MatKhau2026b", True), ("Cap2026Moi", False)):
            with self.subTest(password=password):
                change = wizard.create(
                    {"user_ids": [(0, 0, {"user_id": self.specialist.id, "user_login": "x", "new_passwd": password})]}
                )
                if refused:
                    with self.assertRaises(UserError):
                        change.change_password_button()
                else:
                    change.change_password_button()
        self.assertEqual(
            self.specialist.with_user(self.specialist)._check_credentials(
                {"login": self.specialist.login, "password": "Cap2026Moi", "type": "password"}, {"interactive": True}
            )["uid"],
            self.specialist.id,
        )

    def test_settings_for_the_system_admin_only(self):
        settings = self.env["moffice.admin.settings"].with_user(self.system_admin).create({})
        self.assertEqual(settings.password_length, 8)
        settings.write({"password_length": 10, "password_history": 3, "session_timeout": 900, "log_retention": 7})
        settings.action_save()
        params = self.env["ir.config_parameter"].sudo()
        self.assertEqual(params.get_param("moffice_admin.password_length"), "10")
        self.assertEqual(params.get_param("moffice_admin.password_history"), "3")
        self.assertEqual(params.get_param("inactive_session_time_out_delay"), "900")
        self.assertEqual(params.get_param("moffice_admin.log_retention_years"), "7")
        with self.assertRaises(ValidationError):
            self.env["moffice.admin.settings"].with_user(self.system_admin).create({"password_length": 4})
        for user in (self.leader, self.clerk, self.specialist, self.custodian):
            with self.assertRaises(AccessError):
                self.env["moffice.admin.settings"].with_user(user).create({})


@tagged("post_install", "-at_install")
class TestForcedPasswordChangeOverHttp(HttpCase):
    """Until the new user changes the password, no page and no call of the client goes through."""

    def test_nothing_but_the_password_change(self):
        admin = new_test_user(self.env, login="acc_admin", groups="moffice_documents.group_moffice_system_admin")
        self.env["res.users"].with_user(admin).create(
            {
                "name": "Người dùng mới",
                "login": "acc_new",
                "password": "acc_new_pw",
                "groups_id": [(6, 0, self.env.ref("moffice_documents.group_moffice_specialist").ids)],
            }
        )
        self.authenticate("acc_new", "acc_new_pw")
        page = self.url_open("/odoo/action-moffice_admin.action_moffice_usage_log")
        self.assertIn("/web/reset_password", page.url)
        self.authenticate("acc_new", "acc_new_pw")
        call = self.url_open(
            "/web/dataset/call_kw/res.partner/search_read",
            data=json.dumps({"params": {"model": "res.partner", "method": "search_read", "args": [], "kwargs": {}}}),
            headers={"Content-Type": "application/json"},
        ).json()
        self.assertIn("error", call)
        self.assertNotIn("result", call)
