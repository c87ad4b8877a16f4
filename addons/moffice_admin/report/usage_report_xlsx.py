from odoo import models


class UsageReportXlsx(models.AbstractModel):
    """The usage report as a spreadsheet, laid out as the handling reports."""

    _name = "report.moffice_admin.usage_report_xlsx"
    _inherit = "report.moffice_documents.handling_report_xlsx"
    _description = "M-Office usage report (XLSX)"
