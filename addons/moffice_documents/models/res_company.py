from datetime import datetime, time, timedelta

import pytz

from odoo import fields, models

from .roles import ROLE_GROUPS

DEFAULT_TZ = "Asia/Ho_Chi_Minh"
# The end of a working day when the company has no working-time calendar.
DEFAULT_DAY_END = 17.0


class ResCompany(models.Model):
    """The agency: its address, the abbreviation used in symbols, and the
    time it works in (time zone and working-time calendar), for every flow."""

    _inherit = "res.company"

    moffice_abbreviation = fields.Char(
        string="Agency abbreviation",
        help="The issuer abbreviation in document symbols, e.g. SKHCN in 139/QĐ-SKHCN.",
    )
    moffice_governing_body = fields.Char(
        string="Governing body",
        help="The body the agency reports to, printed above its name on documents, e.g. UBND TỈNH HÀ TĨNH.",
    )

    def _moffice_users(self, role):
        """The active internal users of this company holding ``role`` (a key of ROLE_GROUPS)."""
        self.ensure_one()
        return self.env.ref(ROLE_GROUPS[role]).users.filtered(
            lambda user: user.active and not user.share and self in user.company_ids
        )

    def _moffice_tz(self):
        """The agency's time zone: its working-time calendar's, else its address's."""
        self.ensure_one()
        return pytz.timezone(self.resource_calendar_id.tz or self.partner_id.tz or DEFAULT_TZ)

    def _moffice_now(self):
        """The agency's local time now (naive)."""
        return self._moffice_local(fields.Datetime.now())

    def _moffice_local(self, moment):
        """The agency's local time (naive) of the naive UTC datetime ``moment``."""
        return pytz.utc.localize(moment).astimezone(self._moffice_tz()).replace(tzinfo=None)

    def _moffice_utc(self, day, hour=0.0):
        """The naive UTC datetime of ``hour`` (e.g. 17.5) on ``day`` in the agency's time."""
        local = datetime.combine(day, time()) + timedelta(hours=hour)
        return self._moffice_tz().localize(local).astimezone(pytz.utc).replace(tzinfo=None)

    def _moffice_day_bounds(self, day_from, day_to):
        """The naive UTC datetimes of the start of ``day_from`` and the end of ``day_to``, local time."""
        return self._moffice_utc(day_from), self._moffice_utc(day_to, 24) - timedelta(microseconds=1)

    def _moffice_end_of_day(self, day):
        """The end of the working day ``day`` (naive UTC): the end of its last
        working interval in the company's calendar, or the calendar's usual
        end of day when ``day`` has no working time (weekend, holiday)."""
        intervals = self._moffice_work_intervals(day)
        if intervals:
            return intervals[-1][1].astimezone(pytz.utc).replace(tzinfo=None)
        day_end = max(self.resource_calendar_id.attendance_ids.mapped("hour_to"), default=DEFAULT_DAY_END)
        return self._moffice_utc(day, day_end)

    def _moffice_work_intervals(self, day):
        """The working intervals of ``day`` in the company's calendar (none without a calendar)."""
        self.ensure_one()
        calendar = self.resource_calendar_id
        if not calendar:
            return []
        start, end = (pytz.utc.localize(moment) for moment in self._moffice_day_bounds(day, day))
        return list(calendar._work_intervals_batch(start, end)[False])

    def _moffice_is_working_day(self, day):
        """Whether ``day`` has working time: weekends and public holidays come
        from the working-time calendar (Monday to Friday without one)."""
        if self.resource_calendar_id:
            return bool(self._moffice_work_intervals(day))
        return day.weekday() < 5

    def _moffice_first_working_day(self, day):
        """The first working day on or after ``day`` (within a month)."""
        days = (day + timedelta(days=offset) for offset in range(31))
        return next((candidate for candidate in days if self._moffice_is_working_day(candidate)), day)

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
