from odoo import models


class HandlingReportXlsx(models.AbstractModel):
    """A report on the handling of documents as a spreadsheet: the heading,
    then each table (per unit, per person, the late documents)."""

    _name = "report.moffice_documents.handling_report_xlsx"
    _inherit = "report.report_xlsx.abstract"
    _description = "M-Office report on the handling of documents (XLSX)"

    def generate_xlsx_report(self, workbook, data, reports):
        formats = {
            "governing": workbook.add_format({"font_size": 12}),
            "agency": workbook.add_format({"bold": True, "font_size": 12}),
            "title": workbook.add_format({"bold": True, "font_size": 14}),
            "line": workbook.add_format({"italic": True}),
            "note": workbook.add_format({"italic": True, "text_wrap": True, "valign": "top"}),
            "section": workbook.add_format({"bold": True, "font_size": 12}),
        }
        header_format = workbook.add_format(
            {"bold": True, "border": 1, "align": "center", "valign": "vcenter", "text_wrap": True}
        )
        cell_format = workbook.add_format({"border": 1, "valign": "top", "text_wrap": True})
        for report in reports:
            sheet = workbook.add_worksheet(report._title().capitalize()[:31] if len(reports) == 1 else None)
            sections = report._sections()
            width = max(len(section["headers"]) for section in sections) - 1
            row = 0
            for text, style in report._heading():
                sheet.merge_range(row, 0, row, width, text, formats[style])
                if style == "note":
                    sheet.set_row(row, 48)
                row += 1
            for section in sections:
                row += 1
                sheet.write(row, 0, section["title"], formats["section"])
                sheet.write_row(row + 1, 0, section["headers"], header_format)
                for offset, values in enumerate(section["rows"], start=row + 2):
                    sheet.write_row(offset, 0, values, cell_format)
                row += len(section["rows"]) + 2
            sheet.set_column(0, 0, 28)
            sheet.set_column(1, width, 16)
            sheet.set_column(2, 2, 40)
            sheet.set_landscape()
            sheet.set_paper(9)
            sheet.fit_to_pages(1, 0)
