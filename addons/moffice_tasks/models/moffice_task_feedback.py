from odoo import fields, models


class MofficeTaskFeedback(models.Model):
    """An assignee's report on a task: progress, or the completed result."""

    _name = "moffice.task.feedback"
    _description = "M-Office task feedback"
    _order = "create_date desc, id desc"

    task_id = fields.Many2one("moffice.task", required=True, ondelete="cascade", index=True)
    user_id = fields.Many2one("res.users", string="By", default=lambda self: self.env.user, readonly=True)
    kind = fields.Selection([("progress", "Progress"), ("completion", "Completion")], required=True, default="progress")
    body = fields.Text(string="Report", required=True)
    attachment_ids = fields.Many2many("ir.attachment", string="Files")
    state = fields.Selection(
        [("sent", "Sent"), ("accepted", "Accepted"), ("returned", "Sent back")], default="sent", readonly=True
    )
    answer = fields.Text(readonly=True, help="The giver's reason when sending the result back.")
