from odoo import fields, models


class MofficeIsoRecordType(models.Model):
    """ISO record types (loại hồ sơ ISO, matrix VI.9): the kinds of
    implementation records procedures require, with their usual retention."""

    _name = "moffice.iso.record.type"
    _description = "M-Office ISO record type"
    _order = "sequence, name"

    name = fields.Char(required=True)
    code = fields.Char()
    retention_months = fields.Integer(
        string="Usual retention (months)",
        default=24,
        help="Proposed for the records a procedure requires of this type; 0 keeps them for good.",
    )
    description = fields.Text()
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
