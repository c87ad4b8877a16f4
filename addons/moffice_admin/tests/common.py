from odoo.addons.moffice_documents.tests.common import MofficeDocumentCommon


class AdminCommon(MofficeDocumentCommon):
    """Role users, and the system administrator among them."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.system_admin = cls.role_users["system_admin"]
        cls.custodian = cls.role_users["custodian"]

    def _entries(self, user, records):
        """The activity log entries of ``records`` that ``user`` may read."""
        return (
            self.env["moffice.activity.log"]
            .with_user(user)
            .search([("model", "=", records._name), ("res_id", "in", records.ids)], order="id")
        )
