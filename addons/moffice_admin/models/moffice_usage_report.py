from collections import defaultdict
from datetime import timedelta

from odoo import _, api, fields, models
from odoo.exceptions import AccessError

from odoo.addons.moffice_documents.models.moffice_handling_report import MofficeHandlingReport
from odoo.addons.moffice_documents.models.roles import LEADER

FIGURES = ("days", "on_time", "documents", "tasks_done", "tasks_late")


class MofficeUsageReport(models.Model):
    """The monthly usage report to the Director (Article 7.5): per unit and
    per person, the days logged in, the working days logged in by the
    morning deadline, the incoming documents handled (as lead handler), the
    tasks done (accepted) and the late tasks (deadlines passed with the
    work undone) of the period. Leaders and the system administrator print
    it on demand; the scheduled action makes last month's on the first
    working day of a month and sends it, as PDF and XLSX, to the Director
    (the head of the board of directors; the leaders without one)."""

    _name = "moffice.usage.report"
    _description = "M-Office usage report"
    _inherit = ["mail.thread"]
    _order = "date_from desc, id desc"

    date_from = fields.Date(string="From", required=True, default=lambda self: self._default_period()[0])
    date_to = fields.Date(string="To", required=True, default=lambda self: self._default_period()[1])
    company_id = fields.Many2one("res.company", required=True, default=lambda self: self.env.company, index=True)
    is_monthly = fields.Boolean(string="Monthly report", readonly=True)

    # The period and the printed names, as the handling reports have them.
    _default_period = MofficeHandlingReport._default_period
    _check_period = MofficeHandlingReport._check_period
    _period_label = MofficeHandlingReport._period_label
    _file_name = MofficeHandlingReport._file_name
    _deliver = MofficeHandlingReport._deliver

    @api.depends("date_from", "date_to")
    @api.depends_context("lang")
    def _compute_display_name(self):
        for report in self:
            report.display_name = f"{report._title().capitalize()} {report._period_label()}"

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su and any(vals.get("is_monthly") for vals in vals_list):
            raise AccessError(_("Monthly reports are made by the scheduled action only."))
        return super().create(vals_list)

    # ------------------------------------------------------------------------
    # figures
    # ------------------------------------------------------------------------
    def _figures(self):
        """{user: {figure: count}} for everyone expected to log in, and
        whoever else handled something in the period."""
        self.ensure_one()
        company = self.company_id
        usage = self.env["moffice.usage.log"].sudo()
        figures = defaultdict(lambda: dict.fromkeys(FIGURES, 0))
        for user in usage._staff(company):
            figures[user].update(dict.fromkeys(FIGURES, 0))
        for (user_id, _day), _first in usage._first_accesses(company, self.date_from, self.date_to).items():
            figures[self.env["res.users"].browse(user_id)]["days"] += 1
        for line in usage._morning_check(company, self.date_from, self.date_to, users=usage._staff(company)):
            if line["status"] == "on_time":
                figures[line["user"]]["on_time"] += 1
        start, end = company._moffice_day_bounds(self.date_from, self.date_to)
        for user, count in (
            self.env["moffice.document"]
            .sudo()
            ._read_group(
                [
                    ("kind", "=", "incoming"),
                    ("company_id", "=", company.id),
                    ("date_done", ">=", start),
                    ("date_done", "<=", end),
                    ("lead_user_id", "!=", False),
                ],
                ["lead_user_id"],
                ["__count"],
            )
        ):
            figures[user]["documents"] += count
        months = [self.date_from.replace(day=1)]
        while months[-1] < self.date_to.replace(day=1):
            months.append((months[-1] + timedelta(days=32)).replace(day=1))
        for user, done, late, overdue in (
            self.env["moffice.task.score"]
            .sudo()
            ._read_group(
                [("company_id", "=", company.id), ("month", "in", months)],
                ["user_id"],
                ["on_time_count:sum", "late_count:sum", "overdue_count:sum"],
            )
        ):
            figures[user]["tasks_done"] += done + late
            figures[user]["tasks_late"] += overdue
        return figures

    # ------------------------------------------------------------------------
    # what the XLSX and PDF reports print (as the handling reports do)
    # ------------------------------------------------------------------------
    def _title(self):
        return _("REPORT ON THE USE OF M-OFFICE")

    def _heading(self):
        self.ensure_one()
        company = self.company_id
        deadline = company.moffice_morning_deadline
        return [
            ((company.moffice_governing_body or "").upper(), "governing"),
            (company.name.upper(), "agency"),
            (self._title(), "title"),
            (self._period_label(), "line"),
            (
                _(
                    "Days logged in: days with a login or a use of the system. On time in the morning: working "
                    "days logged in by %(hour)02d:%(minute)02d. Documents handled: incoming documents marked as "
                    "handled by their lead handler in the period. Tasks done: tasks accepted in the period. Late "
                    "tasks: deadlines that passed in the period with the work undone.",
                    hour=int(deadline),
                    minute=round(deadline % 1 * 60),
                ),
                "note",
            ),
        ]

    def _sections(self):
        """Per unit and per person, each with its total row."""
        self.ensure_one()
        figures = self._figures()
        headers = [
            _("Days logged in"),
            _("On time in the morning"),
            _("Documents handled"),
            _("Tasks done"),
            _("Late tasks"),
        ]
        no_unit = _("No unit")
        by_unit = defaultdict(lambda: [0] * (len(FIGURES) + 1))
        person_rows = []
        for user, counts in sorted(figures.items(), key=lambda item: item[0].name or ""):
            unit = user.employee_id.department_id.name or no_unit
            values = [counts[name] for name in FIGURES]
            person_rows.append([user.name, unit, *values])
            by_unit[unit][0] += 1
            for index, value in enumerate(values, start=1):
                by_unit[unit][index] += value
        totals = [sum(row[index] for row in person_rows) for index in range(2, 2 + len(FIGURES))]
        return [
            {
                "title": _("By unit"),
                "headers": [_("Unit"), _("Staff"), *headers],
                "rows": [[unit, *values] for unit, values in sorted(by_unit.items())]
                + [[_("Total"), len(person_rows), *totals]],
            },
            {
                "title": _("By person"),
                "headers": [_("Person"), _("Unit"), *headers],
                "rows": person_rows + [[_("Total"), "", *totals]],
            },
        ]

    def action_print_xlsx(self):
        return self.env.ref("moffice_admin.action_report_usage_xlsx").report_action(self)

    def action_print_pdf(self):
        return self.env.ref("moffice_admin.action_report_usage_pdf").report_action(self)

    # ------------------------------------------------------------------------
    # the monthly delivery
    # ------------------------------------------------------------------------
    @api.model
    def _director(self, company):
        """The Director: the head of the board of directors, else the leaders."""
        board = (
            self.env["hr.department"]
            .sudo()
            .search([("moffice_unit_type", "=", "board"), ("company_id", "in", (company.id, False))], limit=1)
        )
        director = board.manager_id.user_id
        return director if director.active else company._moffice_users(LEADER)

    _delivered_files = (
        ("moffice_admin.action_report_usage_pdf", "pdf"),
        ("moffice_admin.action_report_usage_xlsx", "xlsx"),
    )

    def _delivery_note(self):
        return _("%(report)s, for the Director.", report=self.display_name)

    @api.model
    def _cron_send_monthly(self):
        """Every morning: from the first working day of a month, last
        month's usage report goes to the Director, once."""
        for company in self.env["res.company"].search([]):  # pylint: disable=no-search-all
            today = company._moffice_now().date()
            if today < company._moffice_first_working_day(today.replace(day=1)):
                continue
            date_to = today.replace(day=1) - timedelta(days=1)
            date_from = date_to.replace(day=1)
            if self.search_count(
                [("company_id", "=", company.id), ("is_monthly", "=", True), ("date_from", "=", date_from)]
            ):
                continue
            director = self._director(company)
            if not director:
                continue
            report = self.create(
                {"date_from": date_from, "date_to": date_to, "company_id": company.id, "is_monthly": True}
            )
            report._deliver(director)
