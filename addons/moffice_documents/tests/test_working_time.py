from datetime import date, datetime

from odoo.tests import tagged

from .common import MofficeDocumentCommon


@tagged("post_install", "-at_install")
class TestWorkingTime(MofficeDocumentCommon):
    """The working days of the agency's calendar, kept between requests, follow
    each change of the calendar at once (a public holiday entered, moved, removed)."""

    def test_a_holiday_counts_as_soon_as_it_is_entered(self):
        company = self.env.company
        friday, monday = date(2026, 12, 11), date(2026, 12, 14)
        thursday_morning = datetime(2026, 12, 10, 2, 0)
        self.assertTrue(company._moffice_is_working_day(friday))
        self.assertFalse(company._moffice_is_working_day(date(2026, 12, 12)))
        self.assertEqual(company._moffice_next_working_day_end(thursday_morning).date(), friday)

        holiday = self.env["resource.calendar.leaves"].create(
            {
                "name": "Nghỉ bù",
                "calendar_id": company.resource_calendar_id.id,
                "date_from": datetime(2026, 12, 10, 17, 0),
                "date_to": datetime(2026, 12, 11, 16, 59),
            }
        )
        self.assertFalse(company._moffice_is_working_day(friday))
        self.assertEqual(company._moffice_next_working_day_end(thursday_morning).date(), monday)

        holiday.write({"date_from": datetime(2026, 12, 13, 17, 0), "date_to": datetime(2026, 12, 14, 16, 59)})
        self.assertTrue(company._moffice_is_working_day(friday))
        self.assertFalse(company._moffice_is_working_day(monday))

        holiday.unlink()
        self.assertTrue(company._moffice_is_working_day(monday))
