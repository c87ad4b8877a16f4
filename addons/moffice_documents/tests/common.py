from odoo.tests import new_test_user
from odoo.tests.common import TransactionCase

from odoo.addons.moffice_documents.models.moffice_permission import ROLE_GROUPS


def visible_menu_ids(user):
    """The ids of the menus ``user`` may see."""
    return user.env["ir.ui.menu"].with_user(user)._visible_menu_ids()


def menu_shown(menu, visible_ids):
    """Whether ``menu`` shows: it and all its ancestors are visible."""
    while menu:
        if menu.id not in visible_ids:
            return False
        menu = menu.parent_id
    return True


class MofficeCommon(TransactionCase):
    """One user per M-Office role, each holding that role only."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.role_users = {
            role: new_test_user(
                cls.env,
                login=f"moffice_test_{role}",
                name=f"Test {role}",
                groups=xmlid,
                email=f"{role}@example.com",
            )
            for role, xmlid in ROLE_GROUPS.items()
        }

    _visible_menu_ids = staticmethod(visible_menu_ids)
    _menu_shown = staticmethod(menu_shown)
