from odoo import api, models


class MofficeDocumentForm(models.AbstractModel):
    """A printed form of single documents: refused for documents it does not fit."""

    _name = "moffice.document.form"
    _description = "M-Office printed form of a document"
    _form = None

    @api.model
    def _get_report_values(self, docids, data=None):
        documents = self.env["moffice.document"].browse(docids)
        documents._check_printable(self._form)
        return {"doc_ids": docids, "doc_model": "moffice.document", "docs": documents}


class ReportArrivalStamp(models.AbstractModel):
    """The "ĐẾN" stamp (35 × 50 mm) of registered paper incoming documents."""

    _name = "report.moffice_documents.report_arrival_stamp"
    _inherit = "moffice.document.form"
    _description = "M-Office arrival stamp"
    _form = "stamp"


class ReportHandlingSlip(models.AbstractModel):
    """The handling slip (phiếu giải quyết văn bản đến) of routed incoming documents."""

    _name = "report.moffice_documents.report_handling_slip"
    _inherit = "moffice.document.form"
    _description = "M-Office handling slip"
    _form = "slip"
