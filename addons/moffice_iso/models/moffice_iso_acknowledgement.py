from odoo import fields, models


class MofficeIsoAcknowledgement(models.Model):
    """That one person on the distribution of a revision read it.

    Made when the revision is issued, one per person (the units' staff and
    the persons named), and marked by the person's own step "Acknowledge
    reading" or by the reminder; nobody writes one by hand.
    """

    _name = "moffice.iso.acknowledgement"
    _description = "M-Office ISO revision: acknowledgement of reading"
    _order = "revision_id, date_acknowledged desc, id"

    revision_id = fields.Many2one("moffice.iso.revision", required=True, readonly=True, index=True, ondelete="cascade")
    document_id = fields.Many2one(related="revision_id.document_id", store=True, index=True)
    user_id = fields.Many2one("res.users", string="Person", required=True, readonly=True, index=True)
    department_id = fields.Many2one("hr.department", related="user_id.employee_id.department_id", string="Unit")
    date_acknowledged = fields.Datetime(string="Acknowledged on", readonly=True, index=True)
    date_reminded = fields.Datetime(string="Reminded on", readonly=True)
    company_id = fields.Many2one(related="revision_id.company_id", store=True)

    _sql_constraints = [
        ("user_unique", "unique(revision_id, user_id)", "A person acknowledges a revision once."),
    ]
