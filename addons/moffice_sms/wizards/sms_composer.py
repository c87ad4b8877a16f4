from odoo import _, api, models
from odoo.exceptions import AccessError

from odoo.addons.moffice_documents.models.roles import ROLE_GROUPS, ROLE_USER

from ..models.moffice_sms import SMS_ROLES


class SmsComposer(models.TransientModel):
    """Odoo's SMS composer obeys the matrix too: among M-Office staff, only
    the roles allowed to send SMS (and Odoo administrators) may use it."""

    _inherit = "sms.composer"

    @api.model_create_multi
    def create(self, vals_list):
        user = self.env.user
        restricted = user.has_group(ROLE_USER) and not (
            self.env.su
            or user.has_group("base.group_system")
            or any(user.has_group(ROLE_GROUPS[role]) for role in SMS_ROLES)
        )
        if restricted:
            raise AccessError(_("Only leaders and the system administrator may send SMS."))
        return super().create(vals_list)
