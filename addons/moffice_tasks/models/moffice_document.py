from odoo import _, fields, models


class MofficeDocument(models.Model):
    _inherit = "moffice.document"

    task_ids = fields.Many2many("moffice.task", string="Tasks", copy=False)

    def _on_routed(self):
        """A leader's routing creates the work it asks for: one task for the
        lead handler with the co-handlers, due at the end of the deadline day
        in the agency's working time."""
        result = super()._on_routed()
        Task = self.env["moffice.task"]
        for document in self:
            deadline = document.date_deadline and document.company_id._moffice_end_of_day(document.date_deadline)
            # The leader gives work to others: the task is created on their
            # behalf, whatever the leader's own rights on tasks.
            task = Task.sudo().create(
                {
                    "name": document.summary,
                    "description": document.direction,
                    "document_ids": [fields.Command.set(document.ids)],
                    "case_id": document.case_id.id,
                    "giver_id": self.env.uid,
                    "user_id": document.lead_user_id.id,
                    "department_id": document.lead_department_id.id,
                    "cohandler_ids": [fields.Command.set(document.cohandler_ids.ids)],
                    "watcher_ids": [fields.Command.set(document.info_user_ids.ids)],
                    "date_deadline": deadline,
                    "priority": "2" if document.urgency != "normal" else "0",
                }
            )
            document.sudo().task_ids = [fields.Command.link(task.id)]
        return result

    def _on_withdrawn(self):
        """The work on a document its issuer recalled stops: its open tasks are
        cancelled, the reason in their log."""
        result = super()._on_withdrawn()
        for document in self:
            tasks = document.sudo().task_ids.filtered(lambda task: task.state not in ("done", "cancelled"))
            if tasks:
                tasks.activity_ids.unlink()
                tasks._flow_step(
                    "cancel", note=_("%(document)s was recalled by its issuer.", document=document.display_name)
                )
        return result
