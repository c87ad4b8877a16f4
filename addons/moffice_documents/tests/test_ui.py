from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestMenuTours(HttpCase):
    """In the browser, in Vietnamese, each role sees its own M-Office menu."""

    # Wide enough for every section of the menu bar (narrower screens move
    # the last ones into the bar's "+" menu).
    browser_size = "1920x1080"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("vi_VN")
        cls.env["ir.module.module"]._load_module_terms(["moffice_documents"], ["vi_VN"])
        for login, role in (("tour_clerk", "clerk"), ("tour_specialist", "specialist")):
            new_test_user(
                cls.env,
                login=login,
                password=login,
                lang="vi_VN",
                groups=f"moffice_documents.group_moffice_{role}",
            )

    def test_clerk_menu(self):
        self.start_tour("/odoo", "moffice_menu_clerk", login="tour_clerk")

    def test_specialist_menu(self):
        self.start_tour("/odoo", "moffice_menu_specialist", login="tour_specialist")
