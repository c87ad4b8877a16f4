from odoo import fields, models


class MofficeWorkflowType(models.Model):
    """Processing flow types (loại luồng xử lý) a leader picks when routing."""

    _name = "moffice.workflow.type"
    _description = "M-Office processing flow type"
    _order = "sequence, name"

    name = fields.Char(required=True)
    code = fields.Char()
    sequence = fields.Integer(default=10)
    deadline_days = fields.Integer(
        string="Default handling time (days)",
        help="Proposed deadline when a leader routes a document with this flow; 0 for none.",
    )
    description = fields.Text()
    active = fields.Boolean(default=True)
