from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

from .moffice_archive_file import check_lengths

# Files kept this many years or more go to the agency archive (Art. 30).
SUBMITTED_FROM_YEARS = 5
# Maintenance (retention) in the data standard: String 30.
MAINTENANCE_LENGTH = 30


class MofficeArchiveRetention(models.Model):
    """A retention period of the catalog (thời hạn bảo quản): 5, 10, 20 years,
    permanent…; its name is what the data standard calls Maintenance."""

    _name = "moffice.archive.retention"
    _description = "Retention period"
    _order = "sequence, years, id"

    name = fields.Char(required=True)
    years = fields.Integer(help="How many years the files are kept; 0 for a permanent retention.")
    is_permanent = fields.Boolean(string="Permanent")
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)

    _sql_constraints = [("name_unique", "unique(name)", "Each retention period is in the catalog once.")]

    @api.constrains("name", "years", "is_permanent")
    def _check_retention(self):
        check_lengths(self, {"name": MAINTENANCE_LENGTH}, "name")
        for retention in self:
            if not retention.is_permanent and retention.years <= 0:
                raise ValidationError(_("A retention period that is not permanent lasts at least one year."))

    def _is_submitted(self):
        """Whether files kept this long are submitted to the agency archive."""
        self.ensure_one()
        return self.is_permanent or self.years >= SUBMITTED_FROM_YEARS
