from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

from ..models.moffice_activity_log import DEFAULT_RETENTION_YEARS
from ..models.moffice_backup import DEFAULT_KEEP
from ..models.res_users import HISTORY_KEPT, POLICY

# field -> (system parameter, default); the session delay is kept in seconds.
PARAMETERS = {
    **{f"password_{name}": parameter for name, parameter in POLICY.items()},
    "login_failures": ("base.login_cooldown_after", 5),
    "login_cooldown": ("base.login_cooldown_duration", 60),
    "session_timeout": ("inactive_session_time_out_delay", 1800),
    "log_retention": ("moffice_admin.log_retention_years", DEFAULT_RETENTION_YEARS),
    "backup_keep": ("moffice_admin.backup_keep", DEFAULT_KEEP),
}


class MofficeAdminSettings(models.TransientModel):
    """The system administrator's rules for accounts, logs and backups, on
    one page: Odoo's and the OCA addons' system parameters they stand for."""

    _name = "moffice.admin.settings"
    _description = "M-Office administration settings"

    password_length = fields.Integer(string="Minimum password length")
    password_lower = fields.Integer(string="Lowercase letters")
    password_upper = fields.Integer(string="Uppercase letters")
    password_digits = fields.Integer(string="Digits")
    password_special = fields.Integer(string="Special characters")
    password_history = fields.Integer(string="Last passwords not reused")
    password_expiry_days = fields.Integer(string="Password expires after (days)", help="0: never.")
    login_failures = fields.Integer(string="Failed logins before a pause", help="0: no pause.")
    login_cooldown = fields.Integer(string="Pause after failed logins (s)")
    session_timeout = fields.Integer(string="Idle session ends after (s)", help="0: never.")
    log_retention = fields.Integer(string="Keep the activity and usage logs (years)")
    backup_directory = fields.Char(help="Where the backup archives are written; by default in Odoo's data directory.")
    backup_keep = fields.Integer(string="Backups kept")
    morning_deadline = fields.Float(string="Morning check by")

    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        params = self.env["ir.config_parameter"].sudo()
        for name, (key, default) in PARAMETERS.items():
            values[name] = int(params.get_param(key, default) or 0)
        values["backup_directory"] = self.env["moffice.backup"]._directory()
        values["morning_deadline"] = self.env.company.moffice_morning_deadline
        return values

    @api.constrains("password_length", "password_history", "log_retention", "backup_keep", "session_timeout")
    def _check_values(self):
        for settings in self:
            if settings.password_length < 6:
                raise ValidationError(_("A password has at least 6 characters."))
            if not 0 <= settings.password_history <= HISTORY_KEPT:
                raise ValidationError(_("The last passwords not reused: from 0 to %(count)s.", count=HISTORY_KEPT))
            if settings.log_retention < 1 or settings.backup_keep < 1:
                raise ValidationError(_("Keep the logs at least one year and at least one backup."))
            if settings.session_timeout and settings.session_timeout < 60:
                raise ValidationError(_("An idle session lasts at least 60 seconds (0: no limit)."))

    def action_save(self):
        self.ensure_one()
        params = self.env["ir.config_parameter"].sudo()
        for name, (key, _default) in PARAMETERS.items():
            params.set_param(key, str(self[name]))
        params.set_param("moffice_admin.backup_directory", self.backup_directory or "")
        self.env.company.sudo().moffice_morning_deadline = self.morning_deadline
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {"message": _("The settings are saved."), "type": "success"},
        }
