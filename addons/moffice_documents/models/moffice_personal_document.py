from odoo import fields, models


class MofficePersonalDocument(models.Model):
    """A personal document (văn bản cá nhân): seen by its owner and the
    people the owner shares it with, nobody else."""

    _name = "moffice.personal.document"
    _description = "M-Office personal document"
    _inherit = ["mail.thread.main.attachment"]
    _order = "date_document desc, id desc"

    name = fields.Char(string="Title", required=True, tracking=True)
    reference = fields.Char(string="Number and symbol")
    date_document = fields.Date(string="Document date", default=fields.Date.context_today)
    document_type_id = fields.Many2one("moffice.document.type", string="Document type")
    body = fields.Html(string="Content")
    attachment_ids = fields.Many2many(
        "ir.attachment", "moffice_personal_document_attachment_rel", "document_id", "attachment_id", string="Files"
    )
    owner_id = fields.Many2one(
        "res.users", default=lambda self: self.env.user, required=True, readonly=True, index=True
    )
    shared_user_ids = fields.Many2many(
        "res.users", "moffice_personal_document_share_rel", "document_id", "user_id", string="Shared with"
    )
    company_id = fields.Many2one("res.company", required=True, default=lambda self: self.env.company)
