from odoo import api, fields, models

from ..models.moffice_usage_log import MORNING_STATUSES


class MofficeMorningCheck(models.TransientModel):
    """Who logged in by the morning deadline (07:20) on each working day
    of a period (Article 6.1-6.2): one line per working day and person."""

    _name = "moffice.morning.check"
    _description = "M-Office morning check"

    date_from = fields.Date(string="From", required=True, default=fields.Date.context_today)
    date_to = fields.Date(string="To", required=True, default=fields.Date.context_today)
    department_id = fields.Many2one("hr.department", string="Unit")
    line_ids = fields.One2many("moffice.morning.check.line", "check_id", readonly=True)
    on_time_count = fields.Integer(string="On time", compute="_compute_counts")
    late_count = fields.Integer(string="Late", compute="_compute_counts")
    absent_count = fields.Integer(string="Not logged in", compute="_compute_counts")

    @api.depends("line_ids.status")
    def _compute_counts(self):
        for check in self:
            statuses = check.line_ids.mapped("status")
            check.on_time_count = statuses.count("on_time")
            check.late_count = statuses.count("late")
            check.absent_count = statuses.count("absent")

    def action_check(self):
        self.ensure_one()
        usage = self.env["moffice.usage.log"].sudo()
        users = usage._staff(self.env.company)
        if self.department_id:
            users = users.filtered(lambda user: user.employee_id.department_id == self.department_id)
        lines = usage._morning_check(self.env.company, self.date_from, self.date_to, users)
        self.line_ids = [fields.Command.clear()] + [
            fields.Command.create(
                {
                    "day": line["day"],
                    "user_id": line["user"].id,
                    "department_id": line["user"].employee_id.department_id.id,
                    "date_first": line["first"],
                    "status": line["status"],
                }
            )
            for line in lines
        ]
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
            "target": "current",
        }


class MofficeMorningCheckLine(models.TransientModel):
    _name = "moffice.morning.check.line"
    _description = "M-Office morning check line"
    _order = "day, department_id, user_id"

    check_id = fields.Many2one("moffice.morning.check", required=True, ondelete="cascade")
    day = fields.Date(readonly=True)
    user_id = fields.Many2one("res.users", string="Staff member", readonly=True)
    department_id = fields.Many2one("hr.department", string="Unit", readonly=True)
    date_first = fields.Datetime(string="First access", readonly=True)
    status = fields.Selection(MORNING_STATUSES, readonly=True)
