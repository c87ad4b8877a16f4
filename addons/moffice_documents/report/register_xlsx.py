from odoo import _, models

# Width of a spreadsheet column per percent of the page width.
WIDTH_PER_PERCENT = 1.4


class RegisterXlsx(models.AbstractModel):
    """A register or tracker as a spreadsheet, in the layout of Decree
    30/2020: a cover sheet, then a sheet whose first printed page repeats the
    cover and whose next pages hold the entries under a repeated header row."""

    _name = "report.moffice_documents.register_xlsx"
    _inherit = "report.report_xlsx.abstract"
    _description = "M-Office register (XLSX)"

    def generate_xlsx_report(self, workbook, data, reports):
        formats = {
            "governing": workbook.add_format({"align": "center", "font_size": 12}),
            "agency": workbook.add_format({"align": "center", "bold": True, "font_size": 12}),
            "title": workbook.add_format({"align": "center", "bold": True, "font_size": 16}),
            "name": workbook.add_format({"align": "center", "italic": True, "font_size": 12}),
            "line": workbook.add_format({"align": "center", "font_size": 12}),
        }
        header_format = workbook.add_format(
            {"bold": True, "border": 1, "align": "center", "valign": "vcenter", "text_wrap": True}
        )
        cell_format = workbook.add_format({"border": 1, "valign": "top", "text_wrap": True})
        for report in reports:
            book = report._book()
            width = len(book["columns"]) - 1
            cover = workbook.add_worksheet(_("Cover")[:31] if len(reports) == 1 else None)
            self._write_cover(cover, book["cover"], width, formats, top=6)
            cover.set_column(0, width, 14)
            cover.set_landscape()
            cover.fit_to_pages(1, 1)

            sheet = workbook.add_worksheet(book["sheet"] if len(reports) == 1 else None)
            header_row = self._write_cover(sheet, book["cover"], width, formats, top=0) + 1
            sheet.write_row(header_row, 0, [header for header, _width in book["columns"]], header_format)
            sheet.set_row(header_row, 45)
            for column, (_header, percent) in enumerate(book["columns"]):
                sheet.set_column(column, column, percent * WIDTH_PER_PERCENT)
            for offset, row in enumerate(book["rows"], start=header_row + 1):
                sheet.write_row(offset, 0, row, cell_format)
            # The first page holds the cover lines; the entries start on the
            # next page, under the header row repeated on every page.
            sheet.set_h_pagebreaks([header_row])
            sheet.repeat_rows(header_row)
            sheet.freeze_panes(header_row + 1, 0)
            sheet.set_landscape()
            sheet.set_paper(9)
            # A scale, not "fit to page": fitting would drop the page break.
            sheet.set_print_scale(90)

    @staticmethod
    def _write_cover(sheet, lines, width, formats, top):
        """Write the cover ``lines`` centred from row ``top``; return the next free row."""
        row = top
        for text, style in lines:
            if style == "title":
                row += 2
            sheet.merge_range(row, 0, row, width, text, formats[style])
            row += 1
        return row + 1
