from odoo import api, models


class MofficeAttachmentMixin(models.AbstractModel):
    """A record whose ``attachment_ids`` holds the files uploaded for it: they
    are attached to it when it is saved, so that access to them follows
    access to the record (see ``ir.attachment._moffice_attach_to``). First
    in ``_inherit``: the files are linked once the rest of the creation (the
    access table of a document included) is done."""

    _name = "moffice.attachment.mixin"
    _description = "M-Office: files attached to the record they were uploaded for"

    @api.model_create_multi
    def create(self, vals_list):
        records = super().create(vals_list)
        records._link_attachments()
        return records

    def write(self, vals):
        result = super().write(vals)
        if "attachment_ids" in vals:
            self._link_attachments()
        return result

    def _link_attachments(self):
        for record in self:
            record.attachment_ids._moffice_attach_to(record)
