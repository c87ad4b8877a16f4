from odoo import api, fields, models

from .roles import ROLE_USER


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
        help="The Office runs M-Office and registers documents; divisions and affiliated units handle them.",
    )
    moffice_code = fields.Char(
        string="Unit abbreviation",
        help="Used in document symbols, e.g. VP in 12/SKHCN-VP.",
    )

    moffice_channel_id = fields.Many2one(
        "discuss.channel",
        string="Unit channel",
        readonly=True,
        copy=False,
        ondelete="set null",
        help="The unit's Discuss channel for its messages and bulletins; the unit's staff are its members.",
    )

    _sql_constraints = [
        (
            "moffice_code_company_unique",
            "unique(moffice_code, company_id)",
            "The abbreviation of a unit must be unique.",
        ),
    ]

    @api.constrains("moffice_code")
    def _check_moffice_symbol_collisions(self):
        """A unit's abbreviation enters symbols: it must not make two registers number alike."""
        for company in self.company_id | self.env.company:
            self.env["moffice.register"]._check_symbol_collisions_of(company)

    @api.model_create_multi
    def create(self, vals_list):
        units = super().create(vals_list)
        units._moffice_ensure_channel()
        return units

    def write(self, vals):
        result = super().write(vals)
        if "name" in vals:
            for unit in self.filtered("moffice_channel_id"):
                unit.moffice_channel_id.sudo().name = unit.name
        if "manager_id" in vals:
            self._moffice_heads_changed()
        return result

    def _moffice_heads_changed(self):
        """The head of these units changed: so did who reads what they handle."""
        for model in self.env["moffice.access.mixin"]._access_models():
            model._access_naming(units=self)._access_refresh()

    @api.model
    def _moffice_create_unit_channels(self):
        """Give every existing unit its channel (on installation)."""
        self.search([("moffice_channel_id", "=", False)])._moffice_ensure_channel()

    def _moffice_ensure_channel(self):
        """Create the missing unit channels, with the unit's staff as members."""
        group = self.env.ref(ROLE_USER)
        for unit in self.filtered(lambda unit: not unit.moffice_channel_id):
            unit.moffice_channel_id = (
                self.env["discuss.channel"]
                .sudo()
                .create(
                    {
                        "name": unit.name,
                        "group_public_id": group.id,
                        "description": self.env._("Messages and bulletins of %(unit)s", unit=unit.name),
                    }
                )
            )
            unit._moffice_join_channel(unit.member_ids.user_id)

    def _moffice_join_channel(self, users):
        channel = self.moffice_channel_id.sudo()
        partners = users.partner_id - channel.channel_partner_ids
        if channel and partners:
            channel.add_members(partner_ids=partners.ids, post_joined_message=False)

    def _moffice_leave_channel(self, users):
        self.moffice_channel_id.sudo().channel_member_ids.filtered(
            lambda member: member.partner_id in users.partner_id
        ).unlink()
