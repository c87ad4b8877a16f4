from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    moffice_morning_deadline = fields.Float(
        string="Morning check by",
        default=7 + 20 / 60,
        help="Staff read the news and log in between 07:00 and this hour of each working day (Article 6.1-6.2).",
    )
