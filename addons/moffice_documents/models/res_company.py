from odoo import fields, models


class ResCompany(models.Model):
    """The agency: its address and the abbreviation used in symbols."""

    _inherit = "res.company"

    moffice_abbreviation = fields.Char(
        string="Agency abbreviation",
        help="The issuer abbreviation in document symbols, e.g. SKHCN in 139/QĐ-SKHCN.",
    )
    moffice_governing_body = fields.Char(
        string="Governing body",
        help="The body the agency reports to, printed above its name on "
        "documents, e.g. UBND TỈNH HÀ TĨNH.",
    )
