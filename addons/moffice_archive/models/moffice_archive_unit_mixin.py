from odoo import api, fields, models

from odoo.addons.moffice_documents.models.roles import ROLE_CUSTODIAN

# The relation of a custodian of the archive keeping a record (flows).
KEEPER = "keeper"


class MofficeArchiveUnitMixin(models.AbstractModel):
    """A record of a unit's archive (a file, an original, a submission): the
    unit it belongs to, the archive that keeps it, and that archive's
    custodians, who manage it (record rules and flows ask ``archive_unit_id``)."""

    _name = "moffice.archive.unit.mixin"
    _description = "M-Office: kept by a unit's archive"

    department_id = fields.Many2one("hr.department", string="Unit", index=True)
    archive_unit_id = fields.Many2one(
        "hr.department",
        string="Archive",
        compute="_compute_archive_unit_id",
        store=True,
        index=True,
        help="The unit whose archive keeps it: its custodians manage it.",
    )

    @api.depends("department_id")
    def _compute_archive_unit_id(self):
        for record in self:
            company = record.company_id if "company_id" in record._fields else self.env.company
            record.archive_unit_id = self._archive_unit_of(record.department_id, company)

    @api.model
    def _archive_unit_of(self, unit, company):
        """The unit whose archive keeps the records of ``unit`` (none: the office of ``company``)."""
        return unit._moffice_archive_unit() if unit else unit._moffice_office(company)

    def _archive_keepers(self):
        """The custodians of the archive keeping this record."""
        self.ensure_one()
        return self.sudo().archive_unit_id.moffice_custodian_ids.filtered(
            lambda user: user.active and user.has_group(ROLE_CUSTODIAN)
        )

    @api.model
    def _archive_units_changed(self, units):
        """The custodians or the place in the hierarchy of ``units`` changed:
        so did the archive keeping the records of them and their sub-units."""
        units = self.env["hr.department"].sudo().with_context(active_test=False).search([("id", "child_of", units.ids)])
        for name in self.env.registry.descendants([self._name], "_inherit"):
            model = self.env[name]
            if name == self._name or model._abstract:
                continue
            records = model.sudo().with_context(active_test=False).search([("department_id", "in", units.ids)])
            self.env.add_to_compute(model._fields["archive_unit_id"], records)
