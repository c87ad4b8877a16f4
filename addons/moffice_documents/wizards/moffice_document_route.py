from datetime import timedelta

from odoo import api, fields, models


class MofficeDocumentRoute(models.TransientModel):
    """A leader's direction and routing of an incoming document (phân luồng)."""

    _name = "moffice.document.route"
    _description = "Route an incoming document"

    document_ids = fields.Many2many("moffice.document", required=True)
    direction = fields.Text(required=True)
    workflow_type_id = fields.Many2one("moffice.workflow.type", string="Processing flow")
    lead_user_id = fields.Many2one("res.users", string="Lead handler", domain=[("share", "=", False)])
    lead_department_id = fields.Many2one("hr.department", string="Lead unit")
    cohandler_ids = fields.Many2many(
        "res.users", "moffice_document_route_cohandler_rel", string="Co-handlers", domain=[("share", "=", False)]
    )
    info_user_ids = fields.Many2many(
        "res.users", "moffice_document_route_info_rel", string="For information", domain=[("share", "=", False)]
    )
    date_deadline = fields.Date(string="Handling deadline")

    @api.onchange("workflow_type_id")
    def _onchange_workflow_type_id(self):
        if self.workflow_type_id.deadline_days:
            self.date_deadline = fields.Date.context_today(self) + timedelta(days=self.workflow_type_id.deadline_days)

    def action_route(self):
        self.ensure_one()
        self.document_ids._route(
            {
                "direction": self.direction,
                "workflow_type_id": self.workflow_type_id.id,
                "lead_user_id": self.lead_user_id.id,
                "lead_department_id": self.lead_department_id.id,
                "cohandler_ids": [fields.Command.set(self.cohandler_ids.ids)],
                "info_user_ids": [fields.Command.set(self.info_user_ids.ids)],
                "date_deadline": self.date_deadline,
            }
        )
        return {"type": "ir.actions.act_window_close"}
