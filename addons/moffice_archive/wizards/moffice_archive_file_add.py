from odoo import api, fields, models


class MofficeArchiveFileAdd(models.TransientModel):
    """Put documents, personal documents and plain files (photos,
    recordings) into an open file; from the file or from the documents."""

    _name = "moffice.archive.file.add"
    _description = "Add to a file"

    file_id = fields.Many2one("moffice.archive.file", required=True, domain=[("state", "=", "open")])
    document_ids = fields.Many2many("moffice.document", string="Documents")
    personal_document_ids = fields.Many2many("moffice.personal.document", string="Personal documents")
    attachment_ids = fields.Many2many("ir.attachment", string="Photos, recordings and other files")
    date = fields.Date(string="Date of the files", default=fields.Date.context_today)

    @api.model
    def _open(self, file=None, documents=None):
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Add to a file"),
            "res_model": self._name,
            "view_mode": "form",
            "target": "new",
            "context": {
                "default_file_id": file and file.id,
                "default_document_ids": documents.ids if documents else [],
            },
        }

    def action_confirm(self):
        self.ensure_one()
        self.file_id._add(self.document_ids, self.personal_document_ids, self.attachment_ids, self.date)
        return {"type": "ir.actions.act_window_close"}
