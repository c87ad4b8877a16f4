from odoo import api, fields, models

from odoo.addons.moffice_documents.models.roles import ROLE_CUSTODIAN


class HrDepartment(models.Model):
    """Which archive keeps a unit's files and paper originals, and who its
    custodians are (Article 3.4: the Office's clerk for the Office, one
    nominee in each affiliated unit)."""

    _inherit = "hr.department"

    moffice_custodian_ids = fields.Many2many(
        "res.users",
        "moffice_archive_department_custodian_rel",
        "department_id",
        "user_id",
        string="Archive custodians",
        domain=lambda self: [("groups_id", "in", self.env.ref(ROLE_CUSTODIAN).id)],
        help="The original-document custodians who keep this unit's archive: the Office's clerk for the Office, "
        "a nominee in each affiliated unit. A unit without custodians is kept by the archive of the nearest "
        "parent unit that has some, else by the Office.",
    )

    def _moffice_archive_unit(self):
        """The unit whose archive keeps this unit's files and originals: the
        unit itself when it has custodians or is the Office, else the nearest
        parent unit with custodians, else the agency's Office."""
        self.ensure_one()
        unit = self
        while unit:
            if unit.moffice_custodian_ids or unit.moffice_unit_type == "office":
                return unit
            unit = unit.parent_id
        return self._moffice_office(self.company_id) or self

    @api.model
    def _moffice_office(self, company):
        """The Office of ``company``: the agency archive of the units without their own."""
        return self.sudo().search(
            [("moffice_unit_type", "=", "office"), ("company_id", "in", [company.id, False])], limit=1
        )

    def write(self, vals):
        result = super().write(vals)
        if {"moffice_custodian_ids", "parent_id", "moffice_unit_type"}.intersection(vals):
            self.env["moffice.archive.unit.mixin"]._archive_units_changed(self)
        return result
