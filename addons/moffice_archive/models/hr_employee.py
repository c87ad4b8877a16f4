from odoo import _, models


class HrEmployee(models.Model):
    """Staff who leave or change unit hand their files over to their unit."""

    _inherit = "hr.employee"

    def write(self, vals):
        result = super().write(vals)
        if {"department_id", "active", "user_id"}.intersection(vals):
            self._archive_ask_hand_over()
        return result

    def _archive_ask_hand_over(self):
        """The head of the unit of each file a person no longer in that unit
        holds is asked to hand it over to someone else."""
        files = self.env["moffice.archive.file"].sudo().search([("is_to_hand_over", "=", True)])
        activity_type = self.env.ref("moffice_archive.mail_activity_file_hand_over")
        for file in files.filtered(lambda file: file.user_id in self.with_context(active_test=False).user_id):
            if file.activity_ids.filtered(lambda activity: activity.activity_type_id == activity_type):
                continue
            head = file.department_id.manager_id.user_id
            file._flow_schedule(
                "moffice_archive.mail_activity_file_hand_over",
                head or file._flow_users("document_admin"),
                note=_(
                    "%(user)s left %(unit)s: hand %(file)s over to someone who stays.",
                    user=file.user_id.name,
                    unit=file.department_id.name,
                    file=file.display_name,
                ),
            )
