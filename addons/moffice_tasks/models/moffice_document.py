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

    def _handling_progress(self):
        """The tracker also says where the work the routing created stands."""
        parts = super()._handling_progress()
        # Whoever follows the document up reads how its work stands (the
        # state only), whether or not they may open the tasks themselves.
        tasks = self.sudo().task_ids
        states = dict(tasks._fields["state"]._description_selection(self.env))
        for task in tasks:
            parts.append(_("task: %(state)s", state=states[task.state]))
            if task.is_locked:
                parts.append(_("locked"))
        return parts

    def _handling_slip_unit_lines(self):
        """The unit head's directions: how the head of the unit the document
        was routed to passed its task on, from the task log."""
        lines = super()._handling_slip_unit_lines()
        head = self.lead_department_id.manager_id.user_id
        if not head:
            return lines
        # The slip shows the document's handling to whoever may print it,
        # as the task log recorded it, whether or not they read the tasks.
        forwards = (
            self.sudo()
            .task_ids.log_ids.filtered(lambda log: log.event == "forwarded" and log.user_id == head)
            .sorted(lambda log: (log.date, log.id))
        )
        return lines + [
            {
                "by": log.user_id.name,
                "to": log.target_user_id.name,
                "deadline": log.date_deadline,
                "date": log.date,
                "note": log.note or "",
            }
            for log in forwards
        ]
