from odoo import fields, models

CATEGORIES = [
    ("manual", "Quality manual"),
    ("policy", "Quality policy and objectives"),
    ("procedure", "Procedure"),
    ("form", "Form"),
    ("instruction", "Work instruction"),
    ("external", "External document"),
]


class MofficeIsoDocumentType(models.Model):
    """ISO document types (loại tài liệu ISO, matrix VI.8): what a controlled
    document is, and the prefix its code starts with (QT-, BM-, HD-)."""

    _name = "moffice.iso.document.type"
    _description = "M-Office ISO document type"
    _order = "sequence, name"

    name = fields.Char(required=True)
    code_prefix = fields.Char(
        required=True,
        help="The start of the code of the documents of this type, e.g. QT for QT-VP-03.",
    )
    category = fields.Selection(
        CATEGORIES,
        required=True,
        default="procedure",
        help="Procedures declare the records they require; forms carry their code and revision in the name "
        "of the files downloaded.",
    )
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)

    _sql_constraints = [
        ("code_prefix_unique", "unique(code_prefix)", "Each ISO document type has its own code prefix."),
    ]
