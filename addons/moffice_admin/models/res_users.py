from odoo import api, fields, models
from odoo.exceptions import AccessDenied
from odoo.http import request

from odoo.addons.moffice_documents.models.roles import ROLE_USER

THROTTLED = "moffice_login_throttled"


class ResUsers(models.Model):
    """Accounts (Article 5.4): a login given by an administrator, or a
    password an administrator set, must be changed at the next login before
    anything else (OCA ``password_security`` treats the password as expired
    and leads to its reset page; ``ir.http`` ends any other request of such
    a session). Logins, failed and refused logins and idle expiries go to
    the usage log."""

    _inherit = "res.users"

    moffice_must_change_password = fields.Boolean(
        string="Must change password",
        compute="_compute_moffice_must_change_password",
        help="The password was given by an administrator: its owner changes it at the next login.",
    )

    @api.depends("password_write_date")
    def _compute_moffice_must_change_password(self):
        for user in self:
            user.moffice_must_change_password = not user.password_write_date

    @api.model_create_multi
    def create(self, vals_list):
        users = super().create(vals_list)
        if not self.env.su:
            users.sudo().password_write_date = False
        return users

    def write(self, vals):
        result = super().write(vals)
        if vals.get("password") and not self.env.su:
            others = self.filtered(lambda user: user.id != self.env.uid)
            if others:
                others.sudo().password_write_date = False
        return result

    @classmethod
    def _login(cls, db, credential, user_agent_env):
        try:
            auth_info = super()._login(db, credential, user_agent_env)
        except AccessDenied:
            if request:
                event = "throttled" if getattr(request, THROTTLED, False) else "failed"
                with cls.pool.cursor() as cr:
                    env = api.Environment(cr, api.SUPERUSER_ID, {})
                    login = credential.get("login")
                    user = env["res.users"].search(env["res.users"]._get_login_domain(login), limit=1)
                    env["moffice.usage.log"]._add(event, user, login=login)
            raise
        if request:
            with cls.pool.cursor() as cr:
                env = api.Environment(cr, api.SUPERUSER_ID, {})
                user = env["res.users"].browse(auth_info["uid"])
                if user.has_group(ROLE_USER):
                    env["moffice.usage.log"]._session_started(user)
        return auth_info

    def _on_login_cooldown(self, failures, previous):
        throttled = super()._on_login_cooldown(failures, previous)
        if throttled and request:
            setattr(request, THROTTLED, True)
        return throttled

    @api.model
    def _auth_timeout_session_terminate(self, session):
        self.env["moffice.usage.log"]._session_ended(session, "expired")
        return super()._auth_timeout_session_terminate(session)
