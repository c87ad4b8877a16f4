from collections import defaultdict

from odoo import _, models


class TaskScoreXlsx(models.AbstractModel):
    """Staff scoring as a spreadsheet: the months chosen, then each person's
    quarters with their emulation points."""

    _name = "report.moffice_tasks.task_score_xlsx"
    _inherit = "report.report_xlsx.abstract"
    _description = "M-Office staff scoring (XLSX)"

    def generate_xlsx_report(self, workbook, data, scores):
        header = workbook.add_format({"bold": True, "border": 1, "text_wrap": True, "bg_color": "#EEEEEE"})
        cell = workbook.add_format({"border": 1})
        flagged = workbook.add_format({"border": 1, "font_color": "#C00000"})
        figures = [_("Done on time"), _("Done late"), _("Overdue"), _("Extensions"), _("Emulation points")]

        months = workbook.add_worksheet(_("Months"))
        months.write_row(0, 0, [_("Month"), _("Staff member"), _("Unit"), *figures, _("Too many overdue")], header)
        quarters = defaultdict(lambda: [0, 0, 0, 0, 0.0])
        for row, score in enumerate(scores.sorted(lambda s: (s.month, s.user_id.name)), start=1):
            values = [score.on_time_count, score.late_count, score.overdue_count, score.extension_count, score.points]
            months.write_row(
                row,
                0,
                [
                    score.month.strftime("%m/%Y"),
                    score.user_id.name,
                    score.department_id.name or "",
                    *values,
                    _("Yes") if score.is_flagged else "",
                ],
                flagged if score.is_flagged else cell,
            )
            key = (
                score.month.year,
                (score.month.month - 1) // 3 + 1,
                score.user_id.name,
                score.department_id.name or "",
            )
            quarters[key] = [total + value for total, value in zip(quarters[key], values, strict=True)]
        months.set_column(0, 0, 10)
        months.set_column(1, 2, 30)
        months.freeze_panes(1, 0)

        sheet = workbook.add_worksheet(_("Quarters"))
        sheet.write_row(0, 0, [_("Quarter"), _("Staff member"), _("Unit"), *figures], header)
        for row, (key, values) in enumerate(sorted(quarters.items()), start=1):
            year, quarter, name, unit = key
            sheet.write_row(row, 0, [f"{quarter}/{year}", name, unit, *values], cell)
        sheet.set_column(0, 0, 10)
        sheet.set_column(1, 2, 30)
        sheet.freeze_panes(1, 0)
