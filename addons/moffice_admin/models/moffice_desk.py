from datetime import timedelta

from odoo import _lt, api, fields, models

from odoo.addons.moffice_documents.models.moffice_desk import Counter
from odoo.addons.moffice_documents.models.roles import SYSTEM_ADMIN


class MofficeDesk(models.AbstractModel):
    """The system administrator's counters: failed backups and failed logins."""

    _inherit = "moffice.desk"

    @api.model
    def _desk_counters(self):
        week_ago = fields.Datetime.now() - timedelta(days=7)
        return [
            *super()._desk_counters(),
            Counter(
                "backups_failed",
                SYSTEM_ADMIN,
                _lt("Failed backups (last 7 days)"),
                "moffice.backup",
                lambda desk: [("result", "=", "failed"), ("date", ">=", week_ago)],
                "moffice_admin.action_moffice_backup",
                sequence=10,
                late=True,
                preview=3,
                order="date desc, id desc",
                date_field="date",
            ),
            Counter(
                "logins_failed",
                SYSTEM_ADMIN,
                _lt("Failed logins (last 7 days)"),
                "moffice.usage.log",
                lambda desk: [("event", "in", ("failed", "throttled")), ("date", ">=", week_ago)],
                "moffice_admin.action_moffice_usage_log",
                sequence=20,
                late=True,
            ),
        ]
