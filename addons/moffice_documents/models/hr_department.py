from odoo import fields, models


class HrDepartment(models.Model):
    """Units of the department: the Office, divisions and affiliated units."""

    _inherit = "hr.department"

    moffice_unit_type = fields.Selection(
        [
            ("board", "Board of directors"),
            ("office", "Office"),
            ("division", "Division"),
            ("affiliated", "Affiliated unit"),
        ],
        string="Unit type",
        help="The Office runs M-Office and registers documents; divisions and "
        "affiliated units handle them.",
    )
    moffice_code = fields.Char(
        string="Unit abbreviation",
        help="Used in document symbols, e.g. VP in 12/SKHCN-VP.",
    )

    _sql_constraints = [
        (
            "moffice_code_company_unique",
            "unique(moffice_code, company_id)",
            "The abbreviation of a unit must be unique.",
        ),
    ]
