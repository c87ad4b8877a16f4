from odoo import api, models


class Base(models.AbstractModel):
    """Every create, write and unlink of the logged models (see
    ``moffice.activity.log``) leaves an entry in the activity log, whoever
    the caller is: the last thing the ORM does, after every check passed.
    The entries are written when the transaction commits; the changes of a
    record in one transaction make one entry. Values the system computes
    itself (superuser mode with context ``moffice_activity_log=False``) are
    no one's change."""

    _inherit = "base"

    def _moffice_activity_logged(self):
        return self._name in getattr(self.pool, "_moffice_activity_models", ())

    def _moffice_system_finding(self):
        """Whether this write is the system's own finding (context
        ``moffice_activity_log=False``), honoured in superuser mode only: a
        client's call that passes the key is logged all the same."""
        return self.env.su and self.env.context.get("moffice_activity_log") is False

    @api.model_create_multi
    def create(self, vals_list):
        records = super().create(vals_list)
        if records and self._moffice_activity_logged():
            log = self.env["moffice.activity.log"]
            names = log._logged_fields(records, {name for vals in vals_list for name in vals})
            log._record(records, "create", after=log._snapshot(records, names))
        return records

    def write(self, vals):
        if not self or not self._moffice_activity_logged() or self._moffice_system_finding():
            return super().write(vals)
        log = self.env["moffice.activity.log"]
        written = log._write_prepare(self, log._logged_fields(self, vals))
        result = super().write(vals)
        written()
        return result

    def unlink(self):
        if not self or not self._moffice_activity_logged():
            return super().unlink()
        log = self.env["moffice.activity.log"]
        log._flush_writes(self)
        before = log._snapshot(self, log._logged_fields(self, list(self._fields)))
        names = {record.id: record.sudo().display_name for record in self}
        result = super().unlink()
        log._record(self, "unlink", before, names=names)
        return result
