from odoo import _lt, fields, models

from odoo.addons.moffice_documents.models.moffice_flow_mixin import Step
from odoo.addons.moffice_documents.models.roles import LEADER

GIVER = "giver"


class MofficeTaskFeedback(models.Model):
    """An assignee's report on a task: progress, or the completed result.
    Reports are made by the task's steps only; the result is accepted or
    sent back by the task's giver or a leader."""

    _name = "moffice.task.feedback"
    _inherit = ["moffice.flow.mixin"]
    _description = "M-Office task feedback"
    _order = "create_date desc, id desc"

    _flow_steps = (
        Step("accept", _lt("Accept result"), ("sent",), "accepted", (GIVER, LEADER)),
        Step("send_back", _lt("Send back"), ("sent",), "returned", (GIVER, LEADER)),
    )
    _flow_relations = {GIVER: _lt("the giver of the task")}
    _flow_initial_state = "sent"

    task_id = fields.Many2one("moffice.task", required=True, ondelete="cascade", index=True)
    user_id = fields.Many2one("res.users", string="By", default=lambda self: self.env.user, readonly=True)
    kind = fields.Selection([("progress", "Progress"), ("completion", "Completion")], required=True, default="progress")
    body = fields.Text(string="Report", required=True)
    attachment_ids = fields.Many2many("ir.attachment", string="Files")
    state = fields.Selection(
        [("sent", "Sent"), ("accepted", "Accepted"), ("returned", "Sent back")], default="sent", readonly=True
    )
    answer = fields.Text(readonly=True, help="The giver's reason when sending the result back.")

    def _flow_relations_held(self, user):
        return {GIVER} if user == self.task_id.giver_id else set()
