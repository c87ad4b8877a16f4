from odoo import api, fields, models

EVENTS = [
    ("created", "Created"),
    ("assigned", "Assigned"),
    ("forwarded", "Forwarded"),
    ("feedback", "Progress reported"),
    ("completed", "Completion reported"),
    ("accepted", "Result accepted"),
    ("returned", "Sent back"),
    ("rescheduled", "Deadline changed"),
    ("locked", "Deadline passed: locked"),
    ("extension_requested", "Extension asked"),
    ("extension_granted", "Extension granted"),
    ("extension_refused", "Extension refused"),
    ("cancelled", "Cancelled"),
]


class MofficeTaskLog(models.Model):
    """The task log (nhật ký công việc): every event of every task.

    Written by the tasks' own methods only; access rights give users read
    access and nothing else, so no user can edit or delete an entry.
    """

    _name = "moffice.task.log"
    _description = "M-Office task log"
    _order = "date desc, id desc"
    _log_access = True

    task_id = fields.Many2one("moffice.task", required=True, ondelete="cascade", index=True, readonly=True)
    event = fields.Selection(EVENTS, required=True, readonly=True, index=True)
    user_id = fields.Many2one("res.users", string="By", readonly=True, index=True)
    target_user_id = fields.Many2one("res.users", string="To", readonly=True)
    assignee_id = fields.Many2one(
        "res.users",
        string="Responsible",
        readonly=True,
        index=True,
        help="The lead assignee, or the head of the unit in charge, when the event happened: "
        "staff scoring counts the event for this person.",
    )
    date = fields.Datetime(required=True, readonly=True, default=fields.Datetime.now, index=True)
    date_deadline = fields.Datetime(string="Deadline", readonly=True)
    note = fields.Text(readonly=True)

    @api.model_create_multi
    def create(self, vals_list):
        """Each entry keeps who answered for its task when it was written."""
        unset = [vals for vals in vals_list if "assignee_id" not in vals]
        tasks = self.env["moffice.task"].browse([vals["task_id"] for vals in unset])
        for vals, task in zip(unset, tasks, strict=True):
            vals["assignee_id"] = task._lead().id
        return super().create(vals_list)
