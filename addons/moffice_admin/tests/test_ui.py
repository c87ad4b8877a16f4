from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestFirstLoginTour(HttpCase):
    """A new user, given a login by the system administrator, logs in on
    the login page and is made to change the password before reaching the
    client."""

    def test_new_user_changes_the_password_at_first_login(self):
        admin = new_test_user(self.env, login="tour_sysadmin", groups="moffice_documents.group_moffice_system_admin")
        user = (
            self.env["res.users"]
            .with_user(admin)
            .create(
                {
                    "name": "Cán bộ mới",
                    "login": "tour_first",
                    "password": "tour_first",
                    "groups_id": [(6, 0, self.env.ref("moffice_documents.group_moffice_specialist").ids)],
                }
            )
        )
        self.assertTrue(user.moffice_must_change_password)
        self.start_tour("/web/login", "moffice_admin_first_login")
        self.assertFalse(user.moffice_must_change_password)
        self.assertIn("login", self.env["moffice.usage.log"].search([("user_id", "=", user.id)]).mapped("event"))
