from odoo import api, models, tools


class MofficeWorkingTimeChange(models.AbstractModel):
    """A change of working time (a calendar, its hours, its leaves such as
    public holidays) drops the working intervals kept by ``resource.calendar``."""

    _name = "moffice.working.time.change"
    _description = "M-Office: a change of working time"

    @api.model_create_multi
    def create(self, vals_list):
        self.env.registry.clear_cache()
        return super().create(vals_list)

    def write(self, vals):
        self.env.registry.clear_cache()
        return super().write(vals)

    def unlink(self):
        self.env.registry.clear_cache()
        return super().unlink()


class ResourceCalendar(models.Model):
    _name = "resource.calendar"
    _inherit = ["resource.calendar", "moffice.working.time.change"]

    @tools.ormcache("self.id", "start", "end")
    def _moffice_intervals(self, start, end):
        """(start, end) of the working intervals between the aware datetimes
        ``start`` and ``end``, computed once (deadlines are planned with them
        all the time) and kept until the working time changes."""
        return tuple((begin, finish) for begin, finish, _records in self._work_intervals_batch(start, end)[False])


class ResourceCalendarAttendance(models.Model):
    _name = "resource.calendar.attendance"
    _inherit = ["resource.calendar.attendance", "moffice.working.time.change"]


class ResourceCalendarLeaves(models.Model):
    _name = "resource.calendar.leaves"
    _inherit = ["resource.calendar.leaves", "moffice.working.time.change"]
