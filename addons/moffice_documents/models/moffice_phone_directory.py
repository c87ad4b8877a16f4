from odoo import fields, models, tools


class MofficePhoneDirectory(models.Model):
    """The department's phone directory: the contact lines of active staff.

    A read-only view over employees, so that the roles the regulation grants
    the directory (matrix VIII.5) read these lines without reading employee
    records themselves.
    """

    _name = "moffice.phone.directory"
    _description = "M-Office phone directory"
    _auto = False
    _order = "department_id, name"

    name = fields.Char(string="Staff member", readonly=True)
    employee_id = fields.Many2one("hr.employee", readonly=True)
    job_title = fields.Char(readonly=True)
    department_id = fields.Many2one("hr.department", string="Unit", readonly=True)
    work_phone = fields.Char(readonly=True)
    mobile_phone = fields.Char(string="Mobile", readonly=True)
    work_email = fields.Char(readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            f"""
            CREATE OR REPLACE VIEW {self._table} AS (
                SELECT employee.id AS id,
                       employee.id AS employee_id,
                       employee.name AS name,
                       employee.job_title AS job_title,
                       employee.department_id AS department_id,
                       employee.work_phone AS work_phone,
                       employee.mobile_phone AS mobile_phone,
                       employee.work_email AS work_email,
                       employee.company_id AS company_id
                  FROM hr_employee employee
                 WHERE employee.active
            )
            """
        )
