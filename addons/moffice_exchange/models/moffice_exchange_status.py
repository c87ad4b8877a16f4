from odoo import fields, models

from ..tools import edxml


class MofficeExchangeStatus(models.Model):
    """One status a recipient sent back about a delivered document."""

    _name = "moffice.exchange.status"
    _description = "Exchange status"
    _order = "date, id"

    delivery_id = fields.Many2one(
        "moffice.exchange.delivery", required=True, readonly=True, index=True, ondelete="cascade"
    )
    code = fields.Selection(edxml.STATUS_CODES, string="Status", required=True, readonly=True)
    date = fields.Datetime(required=True, readonly=True)
    note = fields.Char(readonly=True)
    staff = fields.Char(string="Recipient's staff", readonly=True)
