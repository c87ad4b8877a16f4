from odoo import api, models


class DocumentListPdf(models.AbstractModel):
    """The documents chosen in a list, as a PDF table: only those the user may read."""

    _name = "report.moffice_documents.report_document_list"
    _description = "M-Office list of documents (PDF)"

    @api.model
    def _get_report_values(self, docids, data=None):
        export = self.env["moffice.document.export"]
        documents = export._visible(docids or [])
        title, subtitle = export._title(documents)
        return {
            "doc_ids": documents.ids,
            "doc_model": "moffice.document",
            "docs": documents,
            "company": self.env.company,
            "title": title,
            "subtitle": subtitle,
            "headers": export._headers(),
            "rows": export._rows(documents),
        }


class DocumentListXlsx(models.AbstractModel):
    """The documents chosen in a list, as a spreadsheet: only those the user may read."""

    _name = "report.moffice_documents.document_list_xlsx"
    _inherit = "report.report_xlsx.abstract"
    _description = "M-Office list of documents (XLSX)"

    def _get_objs_for_report(self, docids, data):
        return self.env["moffice.document.export"]._visible(super()._get_objs_for_report(docids, data).ids)

    def generate_xlsx_report(self, workbook, data, objs):
        export = self.env["moffice.document.export"]
        title, subtitle = export._title(objs)
        headers = export._headers()
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
        sheet = workbook.add_worksheet(title[:31])
        sheet.merge_range(0, 0, 0, len(headers) - 1, title, title_format)
        sheet.merge_range(1, 0, 1, len(headers) - 1, subtitle, subtitle_format)
        sheet.write_row(3, 0, headers, header_format)
        for column, width in enumerate((8, 18, 12, 16, 28, 60, 12, 16)):
            sheet.set_column(column, column, width)
        for offset, row in enumerate(export._rows(objs)):
            sheet.write_row(4 + offset, 0, row, cell_format)
        sheet.freeze_panes(4, 0)
        sheet.repeat_rows(3)
        sheet.set_landscape()
        sheet.fit_to_pages(1, 0)
