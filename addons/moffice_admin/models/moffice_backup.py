import logging
import os
import subprocess
from datetime import timedelta

import odoo
from odoo import _, api, fields, models
from odoo.exceptions import AccessError

from odoo.addons.moffice_documents.models.roles import ROLE_SYSTEM_ADMIN, SYSTEM_ADMIN

from ..tools import backup as backup_tools

_logger = logging.getLogger(__name__)

DEFAULT_KEEP = 12
# A backup older than this many days warns the system administrators.
MAX_AGE_DAYS = 31


class MofficeBackup(models.Model):
    """One run of the backup (Article 5.1; Decree 30, VI-III-5g): the
    archive of the database and its filestore written to the configured
    directory with its checksum, its size, how long it took and its result.

    Made by the monthly scheduled action and by the system administrator's
    *Back up now*; nobody creates, changes or deletes a record by hand. The
    archive is restored and verified by ``python3 -m odoo moffice-restore``
    (see the README).
    """

    _name = "moffice.backup"
    _description = "M-Office backup"
    _inherit = ["mail.thread"]
    _order = "date desc, id desc"

    date = fields.Datetime(required=True, readonly=True, default=fields.Datetime.now, index=True)
    kind = fields.Selection(
        [("scheduled", "Scheduled (monthly)"), ("manual", "On demand")], required=True, readonly=True
    )
    result = fields.Selection([("done", "Done"), ("failed", "Failed")], required=True, readonly=True)
    user_id = fields.Many2one("res.users", string="Started by", readonly=True)
    path = fields.Char(string="Archive", readonly=True)
    size = fields.Float(string="Size (MiB)", readonly=True, digits=(16, 1))
    checksum = fields.Char(string="Checksum (SHA-256)", readonly=True)
    duration = fields.Float(string="Duration (s)", readonly=True, digits=(16, 1))
    table_count = fields.Integer(string="Tables", readonly=True, aggregator=None)
    row_count = fields.Integer(string="Rows", readonly=True, aggregator=None)
    file_count = fields.Integer(string="Files", readonly=True, aggregator=None)
    message = fields.Text(readonly=True)
    is_kept = fields.Boolean(string="Archive kept", compute="_compute_is_kept")
    company_id = fields.Many2one("res.company", required=True, readonly=True, default=lambda self: self.env.company)

    def _compute_is_kept(self):
        for record in self:
            record.is_kept = bool(record.path) and os.path.isfile(record.path)

    @api.model
    def _directory(self):
        """Where archives go: the command line's choice, the system
        administrator's, else ``backups/<database>`` in Odoo's data directory."""
        if self.env.context.get("moffice_backup_directory"):
            return self.env.context["moffice_backup_directory"]
        params = self.env["ir.config_parameter"].sudo()
        default = os.path.join(odoo.tools.config["data_dir"], "backups", self.env.cr.dbname)
        return params.get_param("moffice_admin.backup_directory") or default

    @api.model
    def _keep(self):
        return int(self.env["ir.config_parameter"].sudo().get_param("moffice_admin.backup_keep", DEFAULT_KEEP))

    @api.model
    def _run(self, kind):
        """Back the database up now; the run is recorded whatever its result."""
        values = {"kind": kind, "user_id": self.env.uid, "company_id": self.env.company.id}
        try:
            done = backup_tools.backup(self.env.cr.dbname, self._directory(), self._keep())
        except (OSError, subprocess.CalledProcessError) as error:
            detail = getattr(error, "stderr", b"") or b""
            message = f"{error}\n{detail.decode(errors='replace') if isinstance(detail, bytes) else detail}"
            _logger.warning("backup of %s failed: %s", self.env.cr.dbname, message.strip())
            return self.sudo().create({**values, "result": "failed", "message": message.strip()})
        return self.sudo().create(
            {
                **values,
                "result": "done",
                "path": done["path"],
                "size": done["size"] / (1 << 20),
                "checksum": done["checksum"],
                "duration": done["duration"],
                "table_count": done["tables"],
                "row_count": done["rows"],
                "file_count": done["files"],
            }
        )

    @api.model
    def action_backup_now(self):
        """The system administrator's backup on demand."""
        if not self.env.user.has_group(ROLE_SYSTEM_ADMIN):
            raise AccessError(_("Only the system administrator backs the data up."))
        record = self._run("manual")
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": record.id,
            "views": [(False, "form")],
        }

    @api.model
    def _cron_daily(self):
        """Every night: the month's scheduled backup if it is not made yet,
        then a warning to the system administrators when the last backup
        failed or none succeeded for more than 31 days."""
        now = fields.Datetime.now()
        month_start = now.replace(day=1, hour=0, minute=0, second=0, microsecond=0)
        if not self.search_count([("kind", "=", "scheduled"), ("result", "=", "done"), ("date", ">=", month_start)]):
            self._run("scheduled")
        self._warn()

    @api.model
    def _warn(self):
        last = self.search([], limit=1)
        last_done = self.search([("result", "=", "done")], limit=1)
        too_old = not last_done or last_done.date < fields.Datetime.now() - timedelta(days=MAX_AGE_DAYS)
        if last.result != "failed" and not too_old:
            return False
        if last.result == "failed":
            body = _(
                "The last backup, on %(date)s, failed: %(reason)s",
                date=fields.Datetime.to_string(last.date),
                reason=last.message,
            )
        elif last_done:
            body = _(
                "No backup succeeded since %(date)s: back the data up (System > Backups > Back up now).",
                date=fields.Datetime.to_string(last_done.date),
            )
        else:
            body = _("No backup of the data has ever succeeded: back it up (System > Backups > Back up now).")
        admins = self.env.company._moffice_users(SYSTEM_ADMIN)
        self.message_notify(partner_ids=admins.partner_id.ids, subject=_("M-Office: backups need attention"), body=body)
        return True
