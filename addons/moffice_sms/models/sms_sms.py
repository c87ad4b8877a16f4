from odoo import fields, models


class SmsSms(models.Model):
    """Every SMS Odoo sends goes through the company's own gateway when it
    has one; without one, through Odoo's IAP service as usual."""

    _inherit = "sms.sms"

    moffice_answer = fields.Text(string="Gateway answer", readonly=True)

    def _send(self, unlink_failed=False, unlink_sent=True, raise_exception=False):
        gateway = self.env["moffice.sms.gateway"].sudo().search([("company_id", "in", self.env.company.ids)], limit=1)
        if not gateway:
            return super()._send(unlink_failed=unlink_failed, unlink_sent=unlink_sent, raise_exception=raise_exception)
        for sms in self.sudo():
            accepted, answer = gateway._deliver(sms.number, sms.body)
            sms._update_sms_state_and_trackers(
                "sent" if accepted else "error", failure_type=None if accepted else "sms_server"
            )
            sms.moffice_answer = answer
            if unlink_sent if accepted else unlink_failed:
                sms.to_delete = True
        return None
