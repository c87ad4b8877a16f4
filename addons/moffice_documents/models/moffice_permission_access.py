from odoo import fields, models


class MofficePermissionAccess(models.Model):
    """A model governed by a matrix feature and the operations it grants."""

    _name = "moffice.permission.access"
    _description = "M-Office permission: governed model"
    _order = "permission_id, id"

    permission_id = fields.Many2one("moffice.permission", required=True, ondelete="cascade", index=True)
    model_id = fields.Many2one("ir.model", required=True, ondelete="cascade")
    model = fields.Char(related="model_id.model", string="Model name")
    perm_read = fields.Boolean(string="Read")
    perm_create = fields.Boolean(string="Create")
    perm_write = fields.Boolean(string="Write")
    perm_unlink = fields.Boolean(string="Delete")
    record_domain = fields.Char(
        help="The records on which record rules are checked as well, as a "
        "domain; left empty, only the model's access rights are checked.",
    )

    def _operations(self):
        """The operations this line grants, as ``check_access`` names them."""
        self.ensure_one()
        return [operation for operation in ("read", "create", "write", "unlink") if self[f"perm_{operation}"]]
