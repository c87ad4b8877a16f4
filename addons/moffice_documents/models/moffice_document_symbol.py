from odoo import fields, models


class MofficeDocumentSymbol(models.Model):
    """Document symbols (ký hiệu thông tin): the abbreviations of issuers and
    units that make up numbers and symbols, with their meaning."""

    _name = "moffice.document.symbol"
    _description = "M-Office document symbol"
    _order = "code"
    _rec_name = "code"

    code = fields.Char(required=True, index=True)
    name = fields.Char(string="Meaning", required=True)
    partner_id = fields.Many2one(
        "res.partner",
        string="Issuing body",
        help="The organisation this symbol stands for, when it is a partner.",
    )
    active = fields.Boolean(default=True)

    _sql_constraints = [
        ("code_unique", "unique(code)", "This symbol already exists."),
    ]
