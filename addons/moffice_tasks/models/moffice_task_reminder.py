from odoo import _, api, fields, models


class MofficeTaskReminder(models.Model):
    """A reminder sent to the assignees of open tasks some working time
    before their deadline (e.g. one working day, then two working hours)."""

    _name = "moffice.task.reminder"
    _description = "M-Office deadline reminder"
    _order = "company_id, unit desc, amount desc"

    name = fields.Char(compute="_compute_name")
    amount = fields.Integer(string="Before the deadline", required=True, default=1)
    unit = fields.Selection(
        [("hours", "Working hours"), ("days", "Working days")],
        required=True,
        default="days",
        help="Counted in the company's working time: weekends and public holidays are skipped.",
    )
    active = fields.Boolean(default=True)
    company_id = fields.Many2one("res.company", required=True, default=lambda self: self.env.company, index=True)

    _sql_constraints = [
        ("amount_positive", "CHECK(amount > 0)", "A reminder comes a positive amount of time before the deadline."),
    ]

    @api.depends("amount", "unit")
    def _compute_name(self):
        labels = dict(self._fields["unit"]._description_selection(self.env))
        for reminder in self:
            reminder.name = _("%(amount)s %(unit)s before", amount=reminder.amount, unit=labels.get(reminder.unit, ""))

    def _due_until(self, now):
        """Tasks due at or before this moment get the reminder at ``now``."""
        self.ensure_one()
        return self.company_id._moffice_plan_work(self.amount, self.unit, now)
