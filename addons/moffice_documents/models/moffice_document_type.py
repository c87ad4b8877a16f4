from odoo import fields, models


class MofficeDocumentType(models.Model):
    """Document types (loại văn bản) with the abbreviation used in symbols."""

    _name = "moffice.document.type"
    _description = "M-Office document type"
    _order = "category, sequence, name"

    name = fields.Char(required=True)
    abbreviation = fields.Char(
        required=True,
        help="Used in the number and symbol, e.g. QĐ in 139/QĐ-SKHCN.",
    )
    category = fields.Selection(
        [
            ("incoming", "Incoming document type"),
            ("outgoing", "Outgoing document type"),
            ("decision", "Decision type"),
        ],
        required=True,
        index=True,
    )
    sequence = fields.Integer(default=10)
    is_letter = fields.Boolean(
        string="Official letter",
        help="Official letters (công văn) carry no type abbreviation in their "
        "symbol: 12/SKHCN-VP rather than 12/CV-SKHCN.",
    )
    active = fields.Boolean(default=True)
