from datetime import date

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models

FIGURES = ("on_time_count", "late_count", "overdue_count", "extension_count", "points")


class MofficeStaffEvaluation(models.Model):
    """A leader's written evaluation of a staff member for a quarter, beside
    the quarter's figures from the staff scoring. Leaders write them (access
    rights); the staff member reads and may comment."""

    _name = "moffice.staff.evaluation"
    _description = "M-Office staff evaluation"
    _inherit = ["mail.thread"]
    _order = "year desc, quarter desc, user_id"
    _rec_name = "user_id"
    _mail_post_access = "read"

    user_id = fields.Many2one(
        "res.users", string="Staff member", required=True, index=True, tracking=True, domain=[("share", "=", False)]
    )
    department_id = fields.Many2one(
        "hr.department",
        string="Unit",
        compute="_compute_department_id",
        store=True,
        index=True,
    )
    year = fields.Integer(required=True, default=lambda self: fields.Date.context_today(self).year)
    quarter = fields.Selection(
        [("1", "Quarter I"), ("2", "Quarter II"), ("3", "Quarter III"), ("4", "Quarter IV")],
        required=True,
        default=lambda self: str((fields.Date.context_today(self).month - 1) // 3 + 1),
    )
    rating = fields.Selection(
        [
            ("excellent", "Excellent completion of duties"),
            ("good", "Good completion of duties"),
            ("done", "Completion of duties"),
            ("not_done", "Duties not completed"),
        ],
        tracking=True,
    )
    evaluation = fields.Html(string="Leader's evaluation")
    evaluator_id = fields.Many2one(
        "res.users", string="Evaluated by", readonly=True, default=lambda self: self.env.user
    )
    on_time_count = fields.Integer(string="Done on time", compute="_compute_figures")
    late_count = fields.Integer(string="Done late", compute="_compute_figures")
    overdue_count = fields.Integer(string="Overdue", compute="_compute_figures")
    extension_count = fields.Integer(string="Extensions", compute="_compute_figures")
    points = fields.Float(string="Emulation points", compute="_compute_figures")
    company_id = fields.Many2one("res.company", required=True, default=lambda self: self.env.company, index=True)

    _sql_constraints = [
        ("user_quarter_unique", "unique(user_id, year, quarter)", "A staff member has one evaluation per quarter."),
    ]

    @api.depends("user_id")
    def _compute_department_id(self):
        for evaluation in self:
            evaluation.department_id = evaluation.user_id.employee_id.department_id

    def _scores(self):
        """The monthly scores of the evaluated quarter."""
        self.ensure_one()
        start = date(self.year, 3 * int(self.quarter) - 2, 1)
        return (
            self.env["moffice.task.score"]
            .sudo()
            .search(
                [
                    ("user_id", "=", self.user_id.id),
                    ("month", ">=", start),
                    ("month", "<", start + relativedelta(months=3)),
                ]
            )
        )

    @api.depends("user_id", "year", "quarter")
    def _compute_figures(self):
        for evaluation in self:
            scores = evaluation._scores() if evaluation.user_id and evaluation.year and evaluation.quarter else []
            for name in FIGURES:
                evaluation[name] = sum(scores.mapped(name)) if scores else 0

    def action_open_log(self):
        """The task log entries behind the quarter's figures."""
        return self._scores().action_open_log()
