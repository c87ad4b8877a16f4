from odoo import _, models


class ScheduleWeekXlsx(models.AbstractModel):
    """The week's schedule as a spreadsheet, in the printed layout."""

    _name = "report.moffice_tasks.schedule_week_xlsx"
    _inherit = "report.report_xlsx.abstract"
    _description = "M-Office weekly schedule (XLSX)"

    def generate_xlsx_report(self, workbook, data, weeks):
        center = workbook.add_format({"bold": True, "align": "center", "text_wrap": True})
        title = workbook.add_format({"bold": True, "font_size": 14, "align": "center"})
        italic = workbook.add_format({"italic": True, "align": "center"})
        header = workbook.add_format({"bold": True, "border": 1, "align": "center", "bg_color": "#EEEEEE"})
        cell = workbook.add_format({"border": 1, "valign": "top", "text_wrap": True})
        day_cell = workbook.add_format(
            {"border": 1, "bold": True, "align": "center", "valign": "vcenter", "text_wrap": True}
        )
        for week in weeks:
            sheet = workbook.add_worksheet(week.date_start.strftime("%d-%m-%Y"))
            company = week.company_id
            sheet.merge_range(0, 0, 0, 1, company.moffice_governing_body or "", center)
            sheet.merge_range(1, 0, 1, 1, company.name, center)
            sheet.merge_range(0, 2, 0, 5, _("SOCIALIST REPUBLIC OF VIETNAM"), center)
            sheet.merge_range(1, 2, 1, 5, _("Independence - Freedom - Happiness"), center)
            sheet.merge_range(3, 0, 3, 5, _("WORK SCHEDULE OF THE WEEK"), title)
            sheet.merge_range(4, 0, 4, 5, week._report_title(), italic)
            sheet.write_row(
                6, 0, [_("Day"), _("Time"), _("Content"), _("Chaired by"), _("Participants"), _("Place")], header
            )
            row = 7
            for name, day, items in week._report_days():
                label = f"{name}\n{day}"
                if len(items) > 1:
                    sheet.merge_range(row, 0, row + len(items) - 1, 0, label, day_cell)
                else:
                    sheet.write(row, 0, label, day_cell)
                for item in items or [None]:
                    values = (
                        [
                            item._time_label(),
                            item.name,
                            item._chair_label(),
                            item._participants_label(),
                            item.location or "",
                        ]
                        if item
                        else [""] * 5
                    )
                    sheet.write_row(row, 1, values, cell)
                    row += 1
            for column, width in enumerate([14, 13, 50, 22, 30, 20]):
                sheet.set_column(column, column, width)
            sheet.set_landscape()
            sheet.fit_to_pages(1, 0)
