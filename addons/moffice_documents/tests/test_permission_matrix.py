import logging

from odoo.exceptions import AccessError
from odoo.tests import tagged
from odoo.tools.safe_eval import safe_eval

from odoo.addons.moffice_documents.models.moffice_permission import ROLE_GROUPS

from .common import MofficeCommon

_logger = logging.getLogger(__name__)


@tagged("post_install", "-at_install")
class TestPermissionMatrix(MofficeCommon):
    """Walk the regulation's matrix: every mapped feature, every role."""

    def _has_access(self, user, model, operation, record_domain):
        """Whether ``user`` may perform ``operation`` on ``model``.

        Checks the access rights, and the record rules on a sample record
        when the mapping names which records to sample.
        """
        records = self.env[model].with_user(user).browse()
        if record_domain:
            sample = self.env[model].sudo().search(safe_eval(record_domain), limit=1)
            self.assertTrue(sample, f"no {model} record matches {record_domain}: record rules cannot be checked")
            records = sample.with_user(user)
        try:
            records.check_access(operation)
        except AccessError:
            return False
        return True

    def test_matrix_is_complete(self):
        """The product carries all 53 features of the regulation."""
        permissions = self.env["moffice.permission"].search([])
        self.assertEqual(len(permissions), 53)
        self.assertEqual(len(set(permissions.mapped("key"))), 53)
        self.assertEqual(
            set(permissions.mapped("section")),
            {"I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX"},
        )

    def test_matrix_mapping(self):
        """Menus and access rights give each role exactly what the matrix says."""
        permissions = self.env["moffice.permission"].search([])
        visible = {role: self._visible_menu_ids(user) for role, user in self.role_users.items()}
        mismatches = []
        verified = permissions.filtered("is_implemented")
        for permission in verified:
            for role, user in self.role_users.items():
                allowed = permission[role]
                if permission.menu_id:
                    shown = self._menu_shown(permission.menu_id, visible[role])
                    if shown != allowed:
                        mismatches.append(
                            f"{permission.key}: menu {permission.menu_id.complete_name} "
                            f"{'shown to' if shown else 'hidden from'} {role}, matrix says {int(allowed)}"
                        )
                for line in permission.access_ids:
                    for operation in line._operations():
                        granted = self._has_access(user, line.model, operation, line.record_domain)
                        if granted != allowed:
                            mismatches.append(
                                f"{permission.key}: {role} {'may' if granted else 'may not'} "
                                f"{operation} {line.model}, matrix says {int(allowed)}"
                            )
        missing = permissions - verified
        _logger.info("permission matrix: %s/%s features verified", len(verified), len(permissions))
        if missing:
            _logger.info("permission matrix: not mapped yet: %s", ", ".join(missing.mapped("key")))
        self.assertFalse(mismatches, "Permission matrix mismatches:\n" + "\n".join(mismatches))

    def test_every_mapped_feature_is_checked(self):
        """A mapped feature names a menu or at least one operation to check."""
        for permission in self.env["moffice.permission"].search([("is_implemented", "=", True)]):
            operations = [op for line in permission.access_ids for op in line._operations()]
            with self.subTest(feature=permission.key):
                self.assertTrue(permission.menu_id or operations)
                self.assertTrue(all(line.model in self.env for line in permission.access_ids))

    def test_role_groups_are_the_regulation_roles(self):
        """Five roles in the M-Office category, each an internal user."""
        category = self.env.ref("moffice_documents.module_category_moffice")
        groups = self.env["res.groups"].search([("category_id", "=", category.id)])
        self.assertEqual(
            groups, self.env["res.groups"].browse([self.env.ref(xmlid).id for xmlid in ROLE_GROUPS.values()])
        )
        internal = self.env.ref("base.group_user")
        for group in groups:
            with self.subTest(group=group.name):
                self.assertIn(internal, group.trans_implied_ids)
                self.assertTrue(group.comment)
