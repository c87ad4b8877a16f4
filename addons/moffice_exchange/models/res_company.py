from odoo import _, models
from odoo.exceptions import UserError


class ResCompany(models.Model):
    _inherit = "res.company"

    def _moffice_exchange_organ(self):
        """The agency as the edXML header names it: its code (OrganId) and name."""
        self.ensure_one()
        if not self.moffice_organ_id:
            raise UserError(
                _(
                    "Set the agency code (OrganId) of %(agency)s under System > Agency address: the exchange "
                    "with other agencies names each agency by its code.",
                    agency=self.name,
                )
            )
        return {"organ_id": self.moffice_organ_id, "organ_name": self.name}
