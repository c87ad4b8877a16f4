from odoo import _lt, fields, models

from .moffice_flow_mixin import Editable, Step
from .roles import CLERK, LEADER


class MofficeCase(models.Model):
    """A case (vụ việc): every document about one matter, in one timeline."""

    _name = "moffice.case"
    _description = "M-Office case"
    _inherit = ["mail.thread", "mail.activity.mixin", "moffice.flow.mixin"]
    _order = "date_start desc, id desc"

    _flow_steps = (
        Step("close", _lt("Close"), ("open",), "closed", (LEADER, CLERK)),
        Step("reopen", _lt("Reopen"), ("closed",), "open", (LEADER, CLERK)),
    )
    _flow_editable = (
        Editable(
            ("name", "description", "user_id", "department_id", "date_start", "document_ids"),
            (LEADER, CLERK),
            ("open",),
        ),
    )
    _flow_initial_state = "open"

    name = fields.Char(required=True, tracking=True)
    description = fields.Html()
    user_id = fields.Many2one("res.users", string="Responsible", default=lambda self: self.env.user, tracking=True)
    department_id = fields.Many2one("hr.department", string="Unit")
    date_start = fields.Date(string="Opened on", default=fields.Date.context_today, required=True)
    state = fields.Selection(
        [("open", "Open"), ("closed", "Closed")], default="open", required=True, readonly=True, tracking=True
    )
    document_ids = fields.One2many("moffice.document", "case_id", string="Documents")
    document_count = fields.Integer(compute="_compute_document_count")
    company_id = fields.Many2one("res.company", required=True, default=lambda self: self.env.company)

    def _compute_document_count(self):
        counts = dict(self.env["moffice.document"]._read_group([("case_id", "in", self.ids)], ["case_id"], ["__count"]))
        for case in self:
            case.document_count = counts.get(case, 0)

    def action_close(self):
        return self._flow_step("close")

    def action_reopen(self):
        return self._flow_step("reopen")

    def action_open_timeline(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.name,
            "res_model": "moffice.document",
            "view_mode": "list,form",
            "views": [(self.env.ref("moffice_documents.view_moffice_document_timeline").id, "list"), (False, "form")],
            "domain": [("case_id", "=", self.id)],
            "context": {"default_case_id": self.id},
        }
