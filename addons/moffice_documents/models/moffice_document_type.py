from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

# TypeName of the data standard (Decree 30/2020, Appendix VI, Part II).
TYPE_NAME_LENGTH = 100


class MofficeDocumentType(models.Model):
    """Document types (loại văn bản) with the abbreviation used in symbols."""

    _name = "moffice.document.type"
    _description = "M-Office document type"
    _order = "category, sequence, name"

    name = fields.Char(required=True, help="TypeName of the data standard: at most 100 characters.")
    abbreviation = fields.Char(
        required=True,
        help="Used in the number and symbol, e.g. QĐ in 139/QĐ-SKHCN.",
    )
    category = fields.Selection(
        [
            ("incoming", "Incoming document type"),
            ("outgoing", "Outgoing document type"),
            ("decision", "Decision type"),
            ("copy", "Form of copy"),
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

    @api.constrains("name")
    def _check_name_length(self):
        for document_type in self:
            if len(document_type.name) > TYPE_NAME_LENGTH:
                raise ValidationError(
                    _(
                        "The document type %(name)s is longer than the %(length)s characters of the data standard "
                        "(Decree 30/2020, Appendix VI).",
                        name=document_type.name,
                        length=TYPE_NAME_LENGTH,
                    )
                )

    @api.constrains("abbreviation", "category", "active")
    def _check_symbol_collisions(self):
        """A new abbreviation must not make two registers number alike."""
        Register = self.env["moffice.register"]
        for company in Register.search([("company_id", "!=", False)]).company_id:
            Register._check_symbol_collisions_of(company)
