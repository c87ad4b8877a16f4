from odoo import api, models


class ReportArrivalStamp(models.AbstractModel):
    """The "ĐẾN" stamp (35 × 50 mm) of registered paper incoming documents."""

    _name = "report.moffice_documents.report_arrival_stamp"
    _description = "M-Office arrival stamp"

    @api.model
    def _get_report_values(self, docids, data=None):
        documents = self.env["moffice.document"].browse(docids)
        documents._check_printable("stamp")
        return {"doc_ids": docids, "doc_model": "moffice.document", "docs": documents}


class ReportHandlingSlip(models.AbstractModel):
    """The handling slip (phiếu giải quyết văn bản đến) of routed incoming documents."""

    _name = "report.moffice_documents.report_handling_slip"
    _description = "M-Office handling slip"

    @api.model
    def _get_report_values(self, docids, data=None):
        documents = self.env["moffice.document"].browse(docids)
        documents._check_printable("slip")
        return {"doc_ids": docids, "doc_model": "moffice.document", "docs": documents}
