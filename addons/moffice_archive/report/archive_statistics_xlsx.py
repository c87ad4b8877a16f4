from odoo import _, models


class ArchiveStatisticsXlsx(models.AbstractModel):
    """The archive's figures per unit and year, as a spreadsheet."""

    _name = "report.moffice_archive.statistics_xlsx"
    _inherit = "report.report_xlsx.abstract"
    _description = "M-Office archive statistics (XLSX)"

    def generate_xlsx_report(self, workbook, data, rows):
        header = workbook.add_format({"bold": True, "border": 1, "text_wrap": True, "bg_color": "#EEEEEE"})
        cell = workbook.add_format({"border": 1})
        figures = [
            "files_opened",
            "files_closed",
            "files_submitted",
            "files_kept",
            "files_late",
            "items_lent",
            "items_returned",
            "items_late",
        ]
        sheet = workbook.add_worksheet(_("Archive statistics")[:31])
        labels = [rows._fields[name]._description_string(self.env) for name in figures]
        sheet.write_row(0, 0, [_("Year"), _("Unit"), _("Archive"), *labels], header)
        for index, row in enumerate(rows.sorted(lambda row: (row.year, row.department_id.name or "")), start=1):
            sheet.write_row(
                index,
                0,
                [
                    row.year,
                    row.department_id.name or "",
                    row.archive_unit_id.name or "",
                    *(row[name] for name in figures),
                ],
                cell,
            )
        sheet.set_column(0, 0, 8)
        sheet.set_column(1, 2, 30)
        sheet.set_column(3, 3 + len(figures), 12)
        sheet.freeze_panes(1, 0)
