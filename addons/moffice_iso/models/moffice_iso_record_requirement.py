from datetime import date

from dateutil.relativedelta import relativedelta

from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

FREQUENCIES = [("month", "Monthly"), ("quarter", "Quarterly"), ("year", "Yearly")]
MONTHS = {"month": 1, "quarter": 3, "year": 12}


def period_start(day, frequency):
    """The first day of the month, quarter or year ``day`` falls in."""
    months = MONTHS[frequency]
    return date(day.year, (day.month - 1) // months * months + 1, 1)


def periods(date_from, date_to, frequency):
    """The (first day, last day) of every period of ``frequency`` that overlaps ``date_from`` .. ``date_to``."""
    start, step = period_start(date_from, frequency), relativedelta(months=MONTHS[frequency])
    result = []
    while start <= date_to:
        result.append((start, start + step - relativedelta(days=1)))
        start += step
    return result


class MofficeIsoRecordRequirement(models.Model):
    """A record that a procedure requires (hồ sơ phải lập): its name, the form
    it is made on, who keeps it and where, how long, and how often each unit
    files one."""

    _name = "moffice.iso.record.requirement"
    _description = "M-Office ISO record required by a procedure"
    _order = "document_id, sequence, id"

    document_id = fields.Many2one(
        "moffice.iso.document",
        string="Procedure",
        required=True,
        index=True,
        ondelete="cascade",
        domain=[("category", "=", "procedure")],
    )
    sequence = fields.Integer(default=10)
    name = fields.Char(required=True)
    record_type_id = fields.Many2one("moffice.iso.record.type", string="Record type", required=True)
    form_id = fields.Many2one(
        "moffice.iso.document", string="Form used", domain=[("category", "=", "form")], ondelete="restrict"
    )
    keeper = fields.Char(string="Kept by", help="Who keeps the record, e.g. Văn thư, the lead handler.")
    location = fields.Char(string="Kept at")
    retention_months = fields.Integer(
        string="Retention (months)", help="How long the record is kept; 0 keeps it for good."
    )
    frequency = fields.Selection(
        FREQUENCIES,
        required=True,
        default="quarter",
        help="Each unit filing the record files at least one for every period.",
    )
    department_ids = fields.Many2many(
        "hr.department",
        "moffice_iso_requirement_department_rel",
        "requirement_id",
        "department_id",
        string="Units filing it",
        help="The units that file this record; left empty, the unit owning the procedure.",
    )
    company_id = fields.Many2one(related="document_id.company_id", store=True, index=True)

    @api.onchange("record_type_id")
    def _onchange_record_type_id(self):
        if self.record_type_id and not self.retention_months:
            self.retention_months = self.record_type_id.retention_months

    @api.constrains("retention_months")
    def _check_retention(self):
        if any(requirement.retention_months < 0 for requirement in self):
            raise ValidationError(_("A retention period cannot be negative."))

    def _filing_units(self):
        """The units that must file this record."""
        self.ensure_one()
        return self.department_ids or self.document_id.department_id
