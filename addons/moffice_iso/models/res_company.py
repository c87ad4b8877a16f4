from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    moffice_iso_reminder_days = fields.Integer(
        string="Acknowledgement reminder (working days)",
        default=3,
        help="Working days after a revision of an ISO document is issued before those on its distribution "
        "who have not acknowledged it are reminded; 0 sends no reminder.",
    )
