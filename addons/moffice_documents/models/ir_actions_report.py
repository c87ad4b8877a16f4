from odoo import models


class IrActionsReport(models.Model):
    """The reports printed from documents, whoever prints them (/report/pdf,
    /report/download, any client): logged, and marked like their files."""

    _inherit = "ir.actions.report"

    def _render_qweb_pdf(self, report_ref, res_ids=None, data=None):
        content, kind = super()._render_qweb_pdf(report_ref, res_ids=res_ids, data=data)
        report = self._get_report(report_ref)
        if report.model == "moffice.document" and res_ids and not self.env.su:
            ids = [res_ids] if isinstance(res_ids, int) else res_ids
            documents = self.env["moffice.document"].browse(ids).exists()
            content = documents._serve_report(report, content, kind)
        return content, kind
