from odoo import models


class RegisterXlsx(models.AbstractModel):
    """The register as a spreadsheet, in the Decree 30/2020 column layout."""

    _name = "report.moffice_documents.register_xlsx"
    _inherit = "report.report_xlsx.abstract"
    _description = "M-Office register (XLSX)"

    def generate_xlsx_report(self, workbook, data, reports):
        title_format = workbook.add_format({"bold": True, "font_size": 14, "align": "center"})
        subtitle_format = workbook.add_format({"italic": True, "align": "center"})
        header_format = workbook.add_format(
            {
                "bold": True,
                "border": 1,
                "align": "center",
                "valign": "vcenter",
                "text_wrap": True,
                "bg_color": "#EEEEEE",
            }
        )
        cell_format = workbook.add_format({"border": 1, "valign": "top", "text_wrap": True})
        for report in reports:
            headers = report._headers()
            title, subtitle = report._title()
            sheet = workbook.add_worksheet(report.register_id.name[:31])
            sheet.merge_range(0, 0, 0, len(headers) - 1, title, title_format)
            sheet.merge_range(1, 0, 1, len(headers) - 1, subtitle, subtitle_format)
            sheet.write_row(3, 0, headers, header_format)
            sheet.set_row(3, 36)
            for column, header in enumerate(headers):
                sheet.set_column(column, column, 40 if len(header) > 20 else 16)
            for offset, row in enumerate(report._rows()):
                sheet.write_row(4 + offset, 0, row, cell_format)
            sheet.freeze_panes(4, 0)
            sheet.repeat_rows(3)
            sheet.set_landscape()
            sheet.fit_to_pages(1, 0)
