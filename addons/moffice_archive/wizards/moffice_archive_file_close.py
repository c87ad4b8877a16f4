from odoo import fields, models


class MofficeArchiveFileClose(models.TransientModel):
    """Closing a file after its review (Decree 30 Art. 29): the drafts and
    duplicates found are removed (untick those to keep), the title,
    retention and description fixed."""

    _name = "moffice.archive.file.close"
    _description = "Close a file"

    file_id = fields.Many2one("moffice.archive.file", required=True)
    name = fields.Char(string="Title", required=True)
    retention_id = fields.Many2one("moffice.archive.retention", string="Retention period", required=True)
    description = fields.Text()
    removed_entry_ids = fields.Many2many(
        "moffice.archive.file.entry",
        string="Removed from the file",
        help="Drafts and documents filed twice, found by the review: they leave the file when it closes.",
    )

    def action_confirm(self):
        self.ensure_one()
        self.file_id._close(
            {"name": self.name, "retention_id": self.retention_id.id, "description": self.description},
            self.removed_entry_ids,
        )
        return {"type": "ir.actions.act_window_close"}
