from dateutil.relativedelta import relativedelta

from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

from ..models.moffice_iso_record_requirement import period_start, periods


class MofficeIsoAudit(models.TransientModel):
    """What an auditor asks for: the master list of the controlled documents
    as they stood on a day (which revision was current then), and, for each
    procedure, the records it requires against those filed, per unit and
    period. Shown on screen and printed as XLSX and PDF."""

    _name = "moffice.iso.audit"
    _description = "ISO audit view"

    date = fields.Date(
        string="As on",
        required=True,
        default=lambda self: self.env.company._moffice_now().date(),
        help="The master list shows the revision that was current on this day.",
    )
    date_from = fields.Date(string="Records from", required=True, default=lambda self: self._default_period()[0])
    date_to = fields.Date(string="Records to", required=True, default=lambda self: self._default_period()[1])
    document_ids = fields.Many2many(
        "moffice.iso.document",
        string="Procedures",
        domain=[("category", "=", "procedure")],
        help="The procedures whose records are checked; all those in force when left empty.",
    )
    line_ids = fields.One2many("moffice.iso.audit.line", "audit_id", string="Required records")
    missing_count = fields.Integer(string="Missing", compute="_compute_missing_count")
    company_id = fields.Many2one("res.company", required=True, default=lambda self: self.env.company)

    @api.model
    def _default_period(self):
        """Last quarter."""
        this_quarter = period_start(self.env.company._moffice_now().date(), "quarter")
        return this_quarter - relativedelta(months=3), this_quarter - relativedelta(days=1)

    @api.constrains("date_from", "date_to")
    def _check_period(self):
        if any(audit.date_from > audit.date_to for audit in self):
            raise ValidationError(_("The start of the period must be before its end."))

    @api.depends("line_ids.is_missing")
    def _compute_missing_count(self):
        for audit in self:
            audit.missing_count = len(audit.line_ids.filtered("is_missing"))

    # ------------------------------------------------------------------------
    # the master list
    # ------------------------------------------------------------------------
    def _master_documents(self):
        """The documents that had a current revision on the audit day, by code."""
        self.ensure_one()
        documents = self.env["moffice.iso.document"].with_context(moffice_iso_date=fields.Date.to_string(self.date))
        return documents.search([("company_id", "=", self.company_id.id), ("state", "=", "in_force")]).filtered(
            "current_revision_id"
        )

    def _master_table(self):
        """The header and the rows of the master list (texts)."""
        headers = [
            _("No."),
            _("Code"),
            _("Title"),
            _("Type"),
            _("Revision"),
            _("Effective date"),
            _("Owner"),
            _("Next review"),
        ]
        rows = [
            [
                str(index),
                document.code,
                document.name,
                document.type_id.name,
                f"{document.current_revision_number:02d}",
                document.date_effective.strftime("%d/%m/%Y"),
                ", ".join(filter(None, [document.owner_id.name, document.department_id.name])),
                document.date_next_review.strftime("%d/%m/%Y") if document.date_next_review else "",
            ]
            for index, document in enumerate(self._master_documents(), start=1)
        ]
        return headers, rows

    def action_open_master_list(self):
        """The controlled documents as they stood on the audit day."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("Master list as on %(date)s", date=self.date.strftime("%d/%m/%Y")),
            "res_model": "moffice.iso.document",
            "view_mode": "list,form",
            "views": [(self.env.ref("moffice_iso.view_moffice_iso_document_master_list").id, "list"), (False, "form")],
            "domain": [("id", "in", self._master_documents().ids)],
            "context": {"moffice_iso_date": fields.Date.to_string(self.date)},
        }

    # ------------------------------------------------------------------------
    # required records against those filed
    # ------------------------------------------------------------------------
    def _procedures(self):
        self.ensure_one()
        procedures = self.document_ids or self.env["moffice.iso.document"].search(
            [("company_id", "=", self.company_id.id), ("category", "=", "procedure"), ("state", "=", "in_force")]
        )
        return procedures.sorted("code")

    def _record_counts(self, requirements):
        """{(requirement id, unit id, first day of the period): records filed} in the audit's periods."""
        groups = self.env["moffice.iso.record"]._read_group(
            [
                ("requirement_id", "in", requirements.ids),
                ("period_start", ">=", period_start(self.date_from, "year")),
                ("period_start", "<=", self.date_to),
            ],
            ["requirement_id", "department_id", "period_start:day"],
            ["__count"],
        )
        return {
            (requirement.id, unit.id, fields.Date.to_date(start)): count for requirement, unit, start, count in groups
        }

    def action_check_records(self):
        """Compute, per procedure, required record, unit and period, how many records were filed."""
        self.ensure_one()
        requirements = self._procedures().requirement_ids
        counts = self._record_counts(requirements)
        lines = []
        for requirement in requirements:
            for unit in requirement._filing_units():
                for start, end in periods(self.date_from, self.date_to, requirement.frequency):
                    lines.append(
                        {
                            "requirement_id": requirement.id,
                            "department_id": unit.id,
                            "date_from": start,
                            "date_to": end,
                            "record_count": counts.get((requirement.id, unit.id, start), 0),
                        }
                    )
        self.line_ids = [fields.Command.clear()] + [fields.Command.create(values) for values in lines]
        return {
            "type": "ir.actions.act_window",
            "name": _("Required records"),
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
            "target": "new",
        }

    def _records_table(self):
        """The header and the rows of the list of records per procedure (texts)."""
        headers = [
            _("Procedure"),
            _("Required record"),
            _("Form used"),
            _("Kept by"),
            _("Kept at"),
            _("Retention"),
            _("Unit"),
            _("Period"),
            _("Filed"),
            _("Status"),
        ]
        rows = []
        for line in self.line_ids:
            requirement = line.requirement_id
            months = requirement.retention_months
            rows.append(
                [
                    requirement.document_id.display_name,
                    requirement.name,
                    requirement.form_id.code or "",
                    requirement.keeper or "",
                    requirement.location or "",
                    _("%(months)s months", months=months) if months else _("For good"),
                    line.department_id.name,
                    line.period,
                    str(line.record_count),
                    _("Missing") if line.is_missing else _("Filed"),
                ]
            )
        return headers, rows

    # ------------------------------------------------------------------------
    # printing
    # ------------------------------------------------------------------------
    def _heading(self, title, scope):
        company = self.company_id
        return [
            ((company.moffice_governing_body or "").upper(), "governing"),
            (company.name.upper(), "agency"),
            (title, "title"),
            (scope, "line"),
        ]

    def _master_heading(self):
        return self._heading(
            _("MASTER LIST OF CONTROLLED DOCUMENTS"),
            _("Revisions current on %(date)s", date=self.date.strftime("%d/%m/%Y")),
        )

    def _records_heading(self):
        return self._heading(
            _("RECORDS REQUIRED BY THE PROCEDURES"),
            _(
                "Records filed from %(start)s to %(end)s",
                start=self.date_from.strftime("%d/%m/%Y"),
                end=self.date_to.strftime("%d/%m/%Y"),
            ),
        )

    def _file_name(self, kind):
        return (
            _("Master list %(date)s", date=self.date.strftime("%d-%m-%Y"))
            if kind == "master"
            else _(
                "ISO records %(start)s - %(end)s",
                start=self.date_from.strftime("%d-%m-%Y"),
                end=self.date_to.strftime("%d-%m-%Y"),
            )
        )

    def _print(self, xmlid):
        self.ensure_one()
        if "records" in xmlid and not self.line_ids:
            self.action_check_records()
        return self.env.ref(xmlid).report_action(self)

    def action_print_master_xlsx(self):
        return self._print("moffice_iso.action_report_iso_master_list_xlsx")

    def action_print_master_pdf(self):
        return self._print("moffice_iso.action_report_iso_master_list_pdf")

    def action_print_records_xlsx(self):
        return self._print("moffice_iso.action_report_iso_records_xlsx")

    def action_print_records_pdf(self):
        return self._print("moffice_iso.action_report_iso_records_pdf")


class MofficeIsoAuditLine(models.TransientModel):
    """One required record of a procedure, for one unit and one period: how many were filed."""

    _name = "moffice.iso.audit.line"
    _description = "ISO audit: required record for a unit and a period"
    _order = "id"

    audit_id = fields.Many2one("moffice.iso.audit", required=True, ondelete="cascade")
    requirement_id = fields.Many2one("moffice.iso.record.requirement", string="Required record", required=True)
    document_id = fields.Many2one(related="requirement_id.document_id", string="Procedure")
    department_id = fields.Many2one("hr.department", string="Unit", required=True)
    date_from = fields.Date(required=True)
    date_to = fields.Date(required=True)
    period = fields.Char(compute="_compute_period")
    record_count = fields.Integer(string="Filed", aggregator="sum")
    is_missing = fields.Boolean(string="Missing", compute="_compute_period")

    @api.depends("date_from", "date_to", "record_count")
    def _compute_period(self):
        for line in self:
            line.period = f"{line.date_from.strftime('%d/%m/%Y')} - {line.date_to.strftime('%d/%m/%Y')}"
            line.is_missing = not line.record_count

    def action_open_records(self):
        """The records counted on this line."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("Records filed"),
            "res_model": "moffice.iso.record",
            "view_mode": "list,form",
            "domain": [
                ("requirement_id", "=", self.requirement_id.id),
                ("department_id", "=", self.department_id.id),
                ("period_start", "=", self.date_from),
            ],
        }
