from odoo import http
from odoo.http import request

from odoo.addons.web.controllers.session import Session


class MofficeSession(Session):
    @http.route()
    def logout(self, redirect="/odoo"):
        """A logout goes to the usage log before the session ends."""
        if request.session.uid and request.db:
            request.env["moffice.usage.log"].sudo()._session_ended(request.session, "logout")
        return super().logout(redirect=redirect)
