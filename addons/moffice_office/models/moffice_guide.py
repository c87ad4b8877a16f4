from odoo import api, fields, models

from odoo.addons.moffice_documents.models.roles import CLERK, CUSTODIAN, LEADER, SPECIALIST, SYSTEM_ADMIN

ROLES = [
    (LEADER, "Leader (document administrator)"),
    (CLERK, "Clerk"),
    (SYSTEM_ADMIN, "System administrator"),
    (CUSTODIAN, "Original-document custodian"),
    (SPECIALIST, "Specialist"),
]


class MofficeGuide(models.Model):
    """The user guide of one role (matrix IX.2): what the role does in
    M-Office and its main flows step by step, with screenshots of the
    client, in Vietnamese; and the guided tour (``web_tour``) that walks the
    user through the first of them in the client.

    Shipped as data; the system administrator may correct the text.
    """

    _name = "moffice.guide"
    _description = "M-Office user guide"
    _order = "sequence, id"

    name = fields.Char(string="Title", required=True)
    sequence = fields.Integer(default=10)
    role = fields.Selection(ROLES, required=True, readonly=True)
    summary = fields.Text(help="What the role does, in two lines.")
    content = fields.Html(sanitize_attributes=False)
    tour_name = fields.Char(readonly=True, help="Technical: the guided tour started by the button.")
    tour_action_id = fields.Many2one(
        "ir.actions.act_window", string="Tour starts in", readonly=True, help="The screen the guided tour starts on."
    )
    is_mine = fields.Boolean(
        compute="_compute_is_mine", search="_search_is_mine", string="My role", help="A role you hold."
    )

    _sql_constraints = [("role_unique", "unique(role)", "A role has one user guide.")]

    @api.depends_context("uid")
    def _compute_is_mine(self):
        roles = self.env["moffice.flow.mixin"]._flow_roles()
        for guide in self:
            guide.is_mine = guide.role in roles

    def _search_is_mine(self, operator, value):
        roles = list(self.env["moffice.flow.mixin"]._flow_roles())
        positive = (operator == "=") == bool(value)
        return [("role", "in" if positive else "not in", roles)]

    def action_start_tour(self):
        """Open the screen of the guide's main flow and start its guided tour there."""
        self.ensure_one()
        return {
            "type": "ir.actions.client",
            "tag": "moffice_office.start_guide_tour",
            "params": {"tour": self.tour_name, "action": self.tour_action_id.id},
        }
