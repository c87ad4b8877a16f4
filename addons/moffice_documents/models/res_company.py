from datetime import timedelta

from odoo import fields, models


class ResCompany(models.Model):
    """The agency: its address and the abbreviation used in symbols."""

    _inherit = "res.company"

    moffice_abbreviation = fields.Char(
        string="Agency abbreviation",
        help="The issuer abbreviation in document symbols, e.g. SKHCN in 139/QĐ-SKHCN.",
    )
    moffice_governing_body = fields.Char(
        string="Governing body",
        help="The body the agency reports to, printed above its name on "
        "documents, e.g. UBND TỈNH HÀ TĨNH.",
    )

    def _moffice_plan_work(self, amount, unit, start):
        """The moment ``amount`` working hours or days (``unit``: "hours" or
        "days") after ``start`` (negative: before), in working time: weekends
        and public holidays come from the company's working-time calendar.
        Naive UTC datetimes in and out; clock time without a calendar."""
        self.ensure_one()
        calendar = self.resource_calendar_id
        if not calendar:
            return start + (timedelta(days=amount) if unit == "days" else timedelta(hours=amount))
        hours = amount * calendar.hours_per_day if unit == "days" else amount
        return calendar.plan_hours(hours, start, compute_leaves=True)
