from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    moffice_sign_released = fields.Boolean(
        string="Sign released documents",
        help="The PDF files of each released document are signed with the agency's certificate before they are "
        "sent or published; without a valid certificate the release is refused. Turned on when an agency "
        "certificate is uploaded.",
    )
