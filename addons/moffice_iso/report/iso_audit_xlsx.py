from odoo import _, models


def write_table(workbook, sheet_name, heading, table):
    """One sheet: the heading lines, then the table (the rows the PDF prints)."""
    bold = workbook.add_format({"bold": True})
    header = workbook.add_format({"bold": True, "border": 1, "text_wrap": True, "bg_color": "#EEEEEE"})
    cell = workbook.add_format({"border": 1, "text_wrap": True, "valign": "top"})
    sheet = workbook.add_worksheet(sheet_name)
    for row, (text, _style) in enumerate(heading):
        sheet.write(row, 0, text, bold)
    headers, rows = table
    top = len(heading) + 1
    sheet.write_row(top, 0, headers, header)
    for offset, values in enumerate(rows, start=1):
        sheet.write_row(top + offset, 0, values, cell)
    sheet.set_column(0, len(headers) - 1, 18)
    sheet.freeze_panes(top + 1, 0)


class IsoMasterListXlsx(models.AbstractModel):
    _name = "report.moffice_iso.iso_master_list_xlsx"
    _inherit = "report.report_xlsx.abstract"
    _description = "M-Office ISO master list (XLSX)"

    def generate_xlsx_report(self, workbook, data, audits):
        for audit in audits:
            write_table(workbook, _("Master list"), audit._master_heading(), audit._master_table())


class IsoRecordsXlsx(models.AbstractModel):
    _name = "report.moffice_iso.iso_records_xlsx"
    _inherit = "report.report_xlsx.abstract"
    _description = "M-Office ISO records per procedure (XLSX)"

    def generate_xlsx_report(self, workbook, data, audits):
        for audit in audits:
            write_table(workbook, _("Records"), audit._records_heading(), audit._records_table())
