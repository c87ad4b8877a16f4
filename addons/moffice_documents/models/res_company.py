from datetime import datetime, time, timedelta

import pytz

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

from .roles import ROLE_GROUPS

DEFAULT_TZ = "Asia/Ho_Chi_Minh"
# The agency code (OrganId) of the data standard has 13 characters at most.
ORGAN_ID_LENGTH = 13
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
    moffice_organ_id = fields.Char(
        string="Agency code",
        help="OrganId: the agency's identifier code (13 characters, e.g. 000.00.31.H42), the first part of the "
        "identifier code of every document it releases.",
    )
    moffice_governing_body = fields.Char(
        string="Governing body",
        help="The body the agency reports to, printed above its name on documents, e.g. UBND TỈNH HÀ TĨNH.",
    )
    # Which confidentiality levels get the mark on the PDF files and reports
    # served from the system (Decree 30, Appendix VI-III-6k); see
    # _moffice_marks. One field per level of moffice.document.confidentiality.
    moffice_mark_normal = fields.Boolean(string="Mark normal documents", default=True)
    moffice_mark_confidential = fields.Boolean(string="Mark confidential documents", default=True)
    moffice_mark_secret = fields.Boolean(string="Mark secret documents", default=True)
    moffice_mark_top_secret = fields.Boolean(string="Mark top secret documents", default=True)

    def _moffice_users(self, role):
        """The active internal users of this company holding ``role`` (a key of ROLE_GROUPS)."""
        self.ensure_one()
        return self.env.ref(ROLE_GROUPS[role]).users.filtered(
            lambda user: user.active and not user.share and self in user.company_ids
        )

    def _moffice_marks(self, confidentiality):
        """Whether the PDF files and reports of documents of this
        confidentiality level carry the mark when served."""
        self.ensure_one()
        return self[f"moffice_mark_{confidentiality}"]

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

    def _moffice_end_of_day(self, day, intervals=None):
        """The end of the working day ``day`` (naive UTC): the end of its last
        working interval in the company's calendar, or the calendar's usual
        end of day when ``day`` has no working time (weekend, holiday).
        ``intervals``: the day's working intervals, when already known."""
        intervals = self._moffice_work_intervals(day) if intervals is None else intervals
        if intervals:
            return intervals[-1][1].astimezone(pytz.utc).replace(tzinfo=None)
        day_end = max(self.resource_calendar_id.attendance_ids.mapped("hour_to"), default=DEFAULT_DAY_END)
        return self._moffice_utc(day, day_end)

    def _moffice_work_intervals(self, day):
        """The working intervals of ``day`` in the company's calendar, (start,
        end) pairs of aware datetimes (none without a calendar)."""
        self.ensure_one()
        calendar = self.resource_calendar_id
        if not calendar:
            return []
        start, end = (pytz.utc.localize(moment) for moment in self._moffice_day_bounds(day, day))
        return calendar._moffice_intervals(start, end)

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

    @api.constrains("moffice_abbreviation")
    def _check_moffice_symbol_collisions(self):
        for company in self:
            self.env["moffice.register"]._check_symbol_collisions_of(company)

    @api.constrains("moffice_organ_id")
    def _check_moffice_organ_id(self):
        for company in self:
            if company.moffice_organ_id and len(company.moffice_organ_id) > ORGAN_ID_LENGTH:
                raise ValidationError(
                    _(
                        "The agency code %(code)s is too long: an OrganId has at most %(length)s characters "
                        "(Decree 30/2020, Appendix VI).",
                        code=company.moffice_organ_id,
                        length=ORGAN_ID_LENGTH,
                    )
                )

    def _moffice_identifier(self, year, reference):
        """The identifier code (mã định danh) of a document released this ``year`` as ``reference``."""
        self.ensure_one()
        if not self.moffice_organ_id:
            raise UserError(
                _(
                    "Set the agency code (OrganId) of %(agency)s under System > Agency address: every released "
                    "document carries it in its identifier code.",
                    agency=self.name,
                )
            )
        return f"{self.moffice_organ_id}.{year}.{reference}"

    def _moffice_next_working_day_end(self, moment):
        """The end of the working day after the one of ``moment`` (naive UTC): the
        clerk's usual time to pass a document on (Art. 18, 23)."""
        self.ensure_one()
        day = pytz.utc.localize(moment).astimezone(self._moffice_tz()).date()
        for offset in range(1, 15):
            candidate = day + timedelta(days=offset)
            # The day's working time is read once: it tells a working day and its end.
            intervals = self._moffice_work_intervals(candidate)
            if intervals or (not self.resource_calendar_id and candidate.weekday() < 5):
                return self._moffice_end_of_day(candidate, intervals)
        return self._moffice_end_of_day(day + timedelta(days=1))

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
