from odoo import fields, models


class MofficeWorkGroup(models.Model):
    """A work group (nhóm làm việc): staff working together across units.

    Document administrators grant read rights on documents to work groups as
    well as to persons.
    """

    _name = "moffice.work.group"
    _description = "M-Office work group"
    _inherit = ["mail.thread"]
    _order = "name"

    name = fields.Char(required=True, translate=True, tracking=True)
    code = fields.Char(help="Short code used in lists and document symbols.")
    department_id = fields.Many2one(
        "hr.department",
        string="Lead unit",
        help="The unit that runs the group, if any.",
    )
    leader_id = fields.Many2one("res.users", string="Group leader", tracking=True)
    member_ids = fields.Many2many(
        "res.users",
        "moffice_work_group_user_rel",
        "group_id",
        "user_id",
        string="Members",
        domain=[("share", "=", False)],
    )
    member_count = fields.Integer(compute="_compute_member_count")
    description = fields.Text()
    active = fields.Boolean(default=True)
    company_id = fields.Many2one("res.company", required=True, default=lambda self: self.env.company)

    _sql_constraints = [
        ("code_company_unique", "unique(code, company_id)", "The code of a work group must be unique."),
    ]

    def _compute_member_count(self):
        for group in self:
            group.member_count = len(group.member_ids)

    def write(self, vals):
        result = super().write(vals)
        if "member_ids" in vals:
            self._moffice_members_changed()
        return result

    def unlink(self):
        granted = [model._access_naming(groups=self) for model in self.env["moffice.access.mixin"]._access_models()]
        result = super().unlink()
        for records in granted:
            records._access_refresh()
        return result

    def _moffice_members_changed(self):
        """The members of these groups read what the groups are granted."""
        for model in self.env["moffice.access.mixin"]._access_models():
            model._access_naming(groups=self)._access_refresh()
