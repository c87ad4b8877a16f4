import werkzeug

from odoo import _, models
from odoo.exceptions import AccessDenied
from odoo.http import request

from odoo.addons.moffice_documents.models.roles import ROLE_USER


class IrHttp(models.AbstractModel):
    _inherit = "ir.http"

    @classmethod
    def _authenticate(cls, endpoint):
        """After authentication (and the idle timeout): a session whose
        password must be changed ends here, its page goes to the password
        reset; otherwise its first request of the day is an access."""
        super()._authenticate(endpoint)
        session = request.session
        if not session.uid or not request.db:
            return
        user = request.env["res.users"].sudo().browse(session.uid)
        if not user.has_group(ROLE_USER):
            return
        if user._moffice_password_expired():
            session.logout(keep_db=True)
            if endpoint.routing["type"] == "http" and not request.env.cr.readonly:
                url = user._moffice_expire_password()
                # the reset token holds the state just written: keep it, the request ends here
                request.env.cr.commit()  # pylint: disable=invalid-commit
                werkzeug.exceptions.abort(request.redirect(url))
            raise AccessDenied(_("Change your password before doing anything else: log in again to change it."))
        request.env["moffice.usage.log"].sudo()._session_used(session)
