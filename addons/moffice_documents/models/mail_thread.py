from odoo import models


class MailThread(models.AbstractModel):
    _inherit = "mail.thread"

    def _notify_get_recipients(self, message, msg_vals=False, **kwargs):
        """People who asked for a digest are not notified message by message
        of what is not urgent in the M-Office flows: the digest tells them
        what awaits them (see res.users._cron_moffice_digest)."""
        recipients = super()._notify_get_recipients(message, msg_vals=msg_vals, **kwargs)
        if not self or not hasattr(self, "_flow_is_urgent") or self.sudo()._flow_is_urgent():
            return recipients
        later = (
            self.env["res.users"]
            .sudo()
            .search(
                [
                    ("id", "in", [data["uid"] for data in recipients if data.get("uid")]),
                    ("moffice_notification_digest", "=", True),
                ]
            )
        )
        return [data for data in recipients if data.get("uid") not in later.ids]
