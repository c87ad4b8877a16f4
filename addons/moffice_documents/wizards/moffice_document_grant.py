from odoo import api, fields, models


class MofficeDocumentGrant(models.TransientModel):
    """A document administrator sets who else may read a document: persons
    and work groups (the step "Grant read access")."""

    _name = "moffice.document.grant"
    _description = "Grant read access to documents"

    document_ids = fields.Many2many("moffice.document", required=True)
    user_ids = fields.Many2many("res.users", string="Persons", domain=[("share", "=", False)])
    group_ids = fields.Many2many("moffice.work.group", string="Work groups")

    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        documents = self.env["moffice.document"].browse(self.env.context.get("default_document_ids") or [])
        if len(documents) == 1:
            values["user_ids"] = [fields.Command.set(documents.reader_user_ids.ids)]
            values["group_ids"] = [fields.Command.set(documents.reader_group_ids.ids)]
        return values

    def action_grant(self):
        """One document: its readers become those chosen; several: the chosen are added."""
        self.ensure_one()
        Command = fields.Command
        if len(self.document_ids) == 1:
            values = {
                "reader_user_ids": [Command.set(self.user_ids.ids)],
                "reader_group_ids": [Command.set(self.group_ids.ids)],
            }
        else:
            values = {
                "reader_user_ids": [Command.link(user.id) for user in self.user_ids],
                "reader_group_ids": [Command.link(group.id) for group in self.group_ids],
            }
        self.document_ids._flow_step("grant_read", values)
        return {"type": "ir.actions.act_window_close"}
