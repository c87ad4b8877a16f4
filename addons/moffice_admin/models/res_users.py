from datetime import timedelta

from odoo import _, api, fields, models
from odoo.exceptions import AccessDenied, UserError
from odoo.http import request
from odoo.tools import SQL

from odoo.addons.moffice_documents.models.roles import ROLE_USER

THROTTLED = "moffice_login_throttled"
# The password policy (Article 5.4): name -> (system parameter, default).
POLICY = {
    "length": ("moffice_admin.password_length", 8),
    "lower": ("moffice_admin.password_lower", 1),
    "upper": ("moffice_admin.password_upper", 1),
    "digits": ("moffice_admin.password_digits", 1),
    "special": ("moffice_admin.password_special", 0),
    "history": ("moffice_admin.password_history", 5),
    "expiry_days": ("moffice_admin.password_expiry_days", 0),
}
# How many earlier password hashes are kept (the most a policy may forbid).
HISTORY_KEPT = 24


def _count_classes(password):
    return {
        "lower": sum(char.islower() for char in password),
        "upper": sum(char.isupper() for char in password),
        "digits": sum(char.isdigit() for char in password),
        "special": sum(not char.isalnum() and not char.isspace() for char in password),
    }


class ResUsers(models.Model):
    """Accounts (Article 5.4).

    A login given by an administrator, or a password an administrator set,
    must be changed at the next login before anything else (``ir.http``
    ends any other request of such a session and leads to Odoo's password
    reset page); so must an expired password when the policy sets an
    expiry. Where a person chooses a password (the change of one's own
    password, the administrator's *Change password*, the reset page) it
    follows the policy: length, character classes, not one of the last N.
    Logins, failed and refused logins and idle expiries go to the usage log.
    """

    _inherit = "res.users"

    moffice_password_date = fields.Datetime(
        string="Password set on",
        readonly=True,
        copy=False,
        default=fields.Datetime.now,
        help="Empty: the password was given by an administrator and is changed at the next login.",
    )
    moffice_password_history = fields.Json(string="Password history", copy=False, groups=fields.NO_ACCESS)
    moffice_must_change_password = fields.Boolean(
        string="Must change password",
        compute="_compute_moffice_must_change_password",
        help="The password was given by an administrator, or expired: its owner changes it at the next login.",
    )

    @api.depends("moffice_password_date")
    def _compute_moffice_must_change_password(self):
        for user in self:
            user.moffice_must_change_password = user._moffice_password_expired()

    @api.model
    def _moffice_password_policy(self):
        params = self.env["ir.config_parameter"].sudo()
        return {name: int(params.get_param(key, default) or 0) for name, (key, default) in POLICY.items()}

    def _moffice_password_expired(self):
        self.ensure_one()
        if not self.moffice_password_date:
            return True
        days = self._moffice_password_policy()["expiry_days"]
        return bool(days) and self.moffice_password_date < fields.Datetime.now() - timedelta(days=days)

    def _moffice_check_password(self, password):
        """Refuse ``password`` for these users if it breaks the policy."""
        policy = self._moffice_password_policy()
        counts = _count_classes(password)
        labels = {
            "lower": _("lowercase letters"),
            "upper": _("uppercase letters"),
            "digits": _("digits"),
            "special": _("special characters"),
        }
        missing = []
        for name, label in labels.items():
            if counts[name] < policy[name]:
                missing.append(_("%(count)s %(kind)s", count=policy[name], kind=label))
        if missing:
            raise UserError(
                _(
                    "The password needs at least %(length)s characters, including %(classes)s.",
                    length=policy["length"],
                    classes=", ".join(missing),
                )
            )
        if len(password) < policy["length"]:
            raise UserError(_("The password needs at least %(length)s characters.", length=policy["length"]))
        if policy["history"] > 0:
            crypt = self._crypt_context()
            for user in self.sudo():
                if any(
                    crypt.verify(password, old) for old in (user.moffice_password_history or [])[: policy["history"]]
                ):
                    raise UserError(
                        _("Choose a password you have not used among your last %(count)s.", count=policy["history"])
                    )

    def _change_password(self, new_passwd):
        """One's own password change and the administrator's *Change password*."""
        self._moffice_check_password(new_passwd.strip())
        return super()._change_password(new_passwd)

    @api.model
    def signup(self, values, token=None):
        """The password reset page (also where a given password is changed)."""
        if token and values.get("password"):
            partner = self.env["res.partner"]._signup_retrieve_partner(token, check_validity=True, raise_exception=True)
            partner.user_ids[:1]._moffice_check_password(values["password"])
        return super().signup(values, token=token)

    def _set_password(self):
        """Keep the date and the hash of every password set."""
        result = super()._set_password()
        self.env.cr.execute(SQL("SELECT id, password FROM res_users WHERE id IN %s", tuple(self.ids)))
        hashes = dict(self.env.cr.fetchall())
        for user in self.sudo():
            history = [hashes[user.id], *(user.moffice_password_history or [])][:HISTORY_KEPT]
            user.write({"moffice_password_history": history, "moffice_password_date": fields.Datetime.now()})
        return result

    @api.model_create_multi
    def create(self, vals_list):
        users = super().create(vals_list)
        if not self.env.su:
            users.sudo().moffice_password_date = False
        return users

    def write(self, vals):
        result = super().write(vals)
        if vals.get("password") and not self.env.su:
            others = self.filtered(lambda user: user.id != self.env.uid)
            if others:
                others.sudo().moffice_password_date = False
        return result

    def _moffice_expire_password(self):
        """End the session's use until the password is changed: the URL of
        the password reset page, where it is changed."""
        self.ensure_one()
        self.partner_id.sudo().signup_prepare(signup_type="reset")
        return self.partner_id._get_signup_url()

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
