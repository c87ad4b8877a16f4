from datetime import timedelta

from odoo import fields
from odoo.tests import tagged

from odoo.addons.moffice_documents.tests.common import DeskCommon


def _this_week(record):
    return record.date >= fields.Datetime.now() - timedelta(days=7)


@tagged("post_install", "-at_install")
class TestAdminDesk(DeskCommon):
    """The system administrator's block: failed backups and failed logins."""

    expected = {
        "backups_failed": ("moffice.backup", lambda backup, user: backup.result == "failed" and _this_week(backup)),
        "logins_failed": (
            "moffice.usage.log",
            lambda entry, user: entry.event in ("failed", "throttled") and _this_week(entry),
        ),
    }

    def test_failures_reach_the_system_administrator_only(self):
        admin = self.role_users["system_admin"]
        before = self.assertDeskTrue(admin)
        now = fields.Datetime.now()
        self.env["moffice.backup"].sudo().create(
            [
                {"kind": "scheduled", "result": "failed", "message": "Hết dung lượng đĩa", "date": now},
                {"kind": "scheduled", "result": "done", "date": now},
            ]
        )
        Usage = self.env["moffice.usage.log"].sudo()
        Usage._add("failed", login="ke_la")
        Usage._add("login", user=admin)
        counts = self.assertDeskTrue(admin)
        for key in ("backups_failed", "logins_failed"):
            self.assertEqual(counts[key], before[key] + 1, key)
        for user in (self.leader, self.clerk, self.specialist):
            self.assertNotIn("system_admin", self._desk(user))
