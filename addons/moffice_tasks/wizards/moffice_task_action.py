from odoo import fields, models

from odoo.addons.moffice_documents.models.roles import LEADER, ROLE_GROUPS


class MofficeTaskAction(models.TransientModel):
    """What goes with a step of a task: forward to whom, the report, the
    reason for sending back, or the extension asked."""

    _name = "moffice.task.action"
    _description = "Process a task"

    task_ids = fields.Many2many("moffice.task", required=True)
    action = fields.Selection(
        [
            ("forward", "Forward"),
            ("progress", "Report progress"),
            ("completion", "Report completion"),
            ("send_back", "Send back"),
            ("extension", "Ask for an extension"),
            ("reschedule", "Change the deadline"),
        ],
        required=True,
    )
    user_id = fields.Many2one("res.users", string="Forward to", domain=[("share", "=", False)])
    leader_id = fields.Many2one(
        "res.users",
        domain=lambda self: [("groups_id", "in", self.env.ref(ROLE_GROUPS[LEADER]).id)],
    )
    date = fields.Datetime(string="Deadline")
    text = fields.Text()
    attachment_ids = fields.Many2many("ir.attachment", string="Files")

    def action_confirm(self):
        self.ensure_one()
        tasks = self.task_ids
        if self.action == "forward":
            tasks._forward(self.user_id.id, self.text)
        elif self.action in ("progress", "completion"):
            tasks._report(self.action, self.text, self.attachment_ids.ids)
        elif self.action == "send_back":
            tasks._review(False, self.text)
        elif self.action == "reschedule":
            tasks._reschedule(self.date, self.text)
        else:
            tasks._ask_extension(self.leader_id.id, self.date, self.text)
        return {"type": "ir.actions.act_window_close"}
