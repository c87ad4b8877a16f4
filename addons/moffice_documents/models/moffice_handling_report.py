import base64
from collections import Counter
from datetime import timedelta

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, ValidationError

from .moffice_document import DRAFTED_KINDS
from .roles import LEADER

STATUSES = ("on_time", "late", "open", "open_late")


class MofficeHandlingReport(models.Model):
    """A report on the handling of incoming or outgoing documents for a
    period (Decree 30/2020, Appendix VI, V): per unit and per person, the
    documents handled on time, handled late, still open and not yet late,
    still open and late, then the late ones listed.

    Incoming documents are those registered in the period, answered for by
    their lead handler (before routing: the leader they were submitted to).
    Outgoing ones (drafts, outgoing and internal documents, decisions) are
    those due in the period, answered for by their drafter; an answer is due
    by the earliest deadline of the incoming documents it answers, and a
    document without a deadline counts in the period it was released.
    Cancelled documents are left out. Where each stands is read at the end
    of the period (or today, if earlier) with the one definition of late,
    ``moffice.document._handling_status``. Leaders and clerks print them; the
    monthly scheduled action sends last month's to the leaders.
    """

    _name = "moffice.handling.report"
    _description = "M-Office report on the handling of documents"
    _inherit = ["mail.thread"]
    _order = "date_from desc, kind, id desc"

    kind = fields.Selection(
        [("incoming", "Incoming documents"), ("outgoing", "Outgoing documents")], required=True, default="incoming"
    )
    date_from = fields.Date(string="From", required=True, default=lambda self: self._default_period()[0])
    date_to = fields.Date(string="To", required=True, default=lambda self: self._default_period()[1])
    company_id = fields.Many2one("res.company", required=True, default=lambda self: self.env.company, index=True)
    is_monthly = fields.Boolean(
        string="Monthly report", readonly=True, help="Sent to the leaders by the monthly scheduled action."
    )

    @api.model
    def _default_period(self):
        """Last month."""
        start_of_month = self.env.company._moffice_now().date().replace(day=1)
        last_month_end = start_of_month - timedelta(days=1)
        return last_month_end.replace(day=1), last_month_end

    @api.constrains("date_from", "date_to")
    def _check_period(self):
        for report in self:
            if report.date_from > report.date_to:
                raise ValidationError(_("The start of the period must be before its end."))

    @api.depends("kind", "date_from", "date_to")
    @api.depends_context("lang")
    def _compute_display_name(self):
        for report in self:
            report.display_name = report._title().capitalize() + " " + report._period_label()

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su and any(vals.get("is_monthly") for vals in vals_list):
            raise AccessError(_("Monthly reports are made by the scheduled action only."))
        return super().create(vals_list)

    # ------------------------------------------------------------------------
    # figures
    # ------------------------------------------------------------------------
    def _as_of(self):
        """The day the report reads the handling at: the end of the period, or today if earlier."""
        return min(self.date_to, self.company_id._moffice_now().date())

    def _documents(self):
        """The documents the report counts (see the class)."""
        self.ensure_one()
        start, end = self.company_id._moffice_day_bounds(self.date_from, self.date_to)
        common = [("state", "!=", "cancelled"), ("company_id", "=", self.company_id.id)]
        Document = self.env["moffice.document"]
        if self.kind == "incoming":
            return Document.search(
                [
                    ("kind", "=", "incoming"),
                    ("register_number", "!=", 0),
                    ("date_registered", ">=", start),
                    ("date_registered", "<=", end),
                    *common,
                ],
                order="date_registered, id",
            )
        candidates = Document.search(
            [
                ("kind", "in", DRAFTED_KINDS),
                "|",
                "|",
                "&",
                ("date_deadline", ">=", self.date_from),
                ("date_deadline", "<=", self.date_to),
                "&",
                ("answered_document_ids.date_deadline", ">=", self.date_from),
                ("answered_document_ids.date_deadline", "<=", self.date_to),
                "&",
                ("date_registered", ">=", start),
                ("date_registered", "<=", end),
                *common,
            ],
            order="date_registered, id",
        )
        return candidates.filtered(self._is_due_in_period)

    def _is_due_in_period(self, document):
        """Whether an outgoing ``document`` counts in the period: due in it,
        or, without a deadline, released in it."""
        deadline = document._handling_deadline()
        if deadline:
            return self.date_from <= deadline <= self.date_to
        released = document._handling_closed_on()
        return bool(released) and self.date_from <= released <= self.date_to

    def _answerable(self, document):
        """The person who answers for the handling of ``document``, and their unit."""
        if self.kind == "incoming":
            person = document.lead_user_id or document.lead_department_id.manager_id.user_id or document.leader_id
            unit = document.lead_department_id
        else:
            person, unit = document.owner_id, document.department_id
        return person, unit or person.employee_id.department_id

    def _lines(self):
        """One dict per document: the document, its person and unit, its
        status at the report's day, the day it was handled, the days late."""
        self.ensure_one()
        day = self._as_of()
        lines = []
        for document in self._documents():
            person, unit = self._answerable(document)
            status = document._handling_status(day)
            closed = document._handling_closed_on() if status in ("on_time", "late") else False
            deadline = document._handling_deadline()
            late_days = ((closed or day) - deadline).days if status in ("late", "open_late") else 0
            lines.append(
                {
                    "document": document,
                    "person": person,
                    "unit": unit,
                    "status": status,
                    "closed": closed,
                    "deadline": deadline,
                    "late_days": late_days,
                }
            )
        return lines

    @staticmethod
    def _counts(lines):
        """The documents of ``lines`` and how many have each status."""
        counter = Counter(line["status"] for line in lines)
        return [len(lines), *(counter[status] for status in STATUSES)]

    # ------------------------------------------------------------------------
    # what the XLSX and PDF reports print
    # ------------------------------------------------------------------------
    def _title(self):
        if self.kind == "incoming":
            return _("REPORT ON THE HANDLING OF INCOMING DOCUMENTS")
        return _("REPORT ON THE HANDLING OF OUTGOING DOCUMENTS")

    def _period_label(self):
        return _(
            "from %(start)s to %(end)s",
            start=self.date_from.strftime("%d/%m/%Y"),
            end=self.date_to.strftime("%d/%m/%Y"),
        )

    def _heading(self):
        """The lines above the tables: agency, title, scope, the definition of late."""
        self.ensure_one()
        company = self.company_id
        period, day = self._period_label(), self._as_of().strftime("%d/%m/%Y")
        if self.kind == "incoming":
            scope = _("Incoming documents registered %(period)s, as they stood on %(day)s.", period=period, day=day)
            definition = _(
                "Late: an incoming document marked as handled after its handling deadline, or still not "
                "handled after it; one handled on its deadline day is on time, one without a deadline is never "
                "late. Cancelled documents are not counted. Each document counts for its lead handler (before "
                "routing, for the leader it was submitted to)."
            )
        else:
            scope = _(
                "Outgoing documents due %(period)s, as they stood on %(day)s. An answer is due by the earliest "
                "deadline of the incoming documents it answers; a document without a deadline counts in the "
                "period it was released.",
                period=period,
                day=day,
            )
            definition = _(
                "Late: a document released after its handling deadline, or still not released after it; one "
                "released on its deadline day is on time, one without a deadline is never late. Cancelled "
                "documents are not counted. Each document counts for its drafter."
            )
        return [
            ((company.moffice_governing_body or "").upper(), "governing"),
            (company.name.upper(), "agency"),
            (self._title(), "title"),
            (scope, "line"),
            (definition, "note"),
        ]

    def _sections(self):
        """The tables: per unit, per person, the late documents; each a dict
        with its ``title``, ``headers`` and ``rows`` (the first two end with totals)."""
        self.ensure_one()
        lines = self._lines()
        figures = [_("Documents"), _("Handled on time"), _("Handled late"), _("Open, not yet late"), _("Open and late")]
        no_unit, nobody = _("No unit"), _("Nobody")

        by_unit = {}
        for line in lines:
            by_unit.setdefault(line["unit"].name or no_unit, []).append(line)
        by_person = {}
        for line in lines:
            key = (line["person"].name or nobody, line["unit"].name or no_unit)
            by_person.setdefault(key, []).append(line)
        total = [_("Total"), *self._counts(lines)]

        late = [line for line in lines if line["status"] in ("late", "open_late")]
        not_handled = _("Not handled yet")
        late_rows = [
            [
                f"{line['document'].register_number:02d}" if line["document"].register_number else "",
                line["document"].reference or "",
                line["document"].summary,
                line["unit"].name or no_unit,
                line["person"].name or nobody,
                line["deadline"].strftime("%d/%m/%Y"),
                line["closed"].strftime("%d/%m/%Y") if line["closed"] else not_handled,
                line["late_days"],
            ]
            for line in sorted(late, key=lambda line: (-line["late_days"], line["document"].id))
        ]
        return [
            {
                "title": _("By unit"),
                "headers": [_("Unit"), *figures],
                "rows": [[unit, *self._counts(group)] for unit, group in sorted(by_unit.items())] + [total],
            },
            {
                "title": _("By person"),
                "headers": [_("Person"), _("Unit"), *figures],
                "rows": [[person, unit, *self._counts(group)] for (person, unit), group in sorted(by_person.items())]
                + [[total[0], "", *total[1:]]],
            },
            {
                "title": _("Late documents"),
                "headers": [
                    _("Number"),
                    _("Number and symbol"),
                    _("Summary"),
                    _("Unit"),
                    _("Person"),
                    _("Deadline"),
                    _("Handled on"),
                    _("Days late"),
                ],
                "rows": late_rows,
            },
        ]

    def _file_name(self):
        return f"{self._title().capitalize()} {self.date_from:%d-%m-%Y} - {self.date_to:%d-%m-%Y}"

    def action_print_xlsx(self):
        return self.env.ref("moffice_documents.action_report_handling_xlsx").report_action(self)

    def action_print_pdf(self):
        return self.env.ref("moffice_documents.action_report_handling_pdf").report_action(self)

    # ------------------------------------------------------------------------
    # the monthly delivery
    # ------------------------------------------------------------------------
    # The files the monthly delivery attaches: (report action, extension).
    _delivered_files = (("moffice_documents.action_report_handling_xlsx", "xlsx"),)

    def _delivery_note(self):
        return _("%(report)s, for the leaders.", report=self.display_name)

    def _deliver(self, users):
        """Post each report with its ``_delivered_files``, in the first user's language, to ``users``."""
        self = self.with_context(lang=users[:1].lang or self.env.lang)
        for report in self:
            attachments = self.env["ir.attachment"]
            for action, extension in self._delivered_files:
                content, _type = self.env["ir.actions.report"]._render(action, report.ids)
                attachments |= self.env["ir.attachment"].create(
                    {
                        "name": f"{report._file_name()}.{extension}",
                        "datas": base64.b64encode(content),
                        "res_model": self._name,
                        "res_id": report.id,
                    }
                )
            report.message_post(
                body=report._delivery_note(),
                partner_ids=users.partner_id.ids,
                attachment_ids=attachments.ids,
                subtype_xmlid="mail.mt_comment",
            )

    @api.model
    def _cron_send_monthly(self):
        """Every morning: from the first working day of a month, last month's
        reports on incoming and outgoing documents go to the leaders, once
        (a day the server missed is caught up the next morning)."""
        for company in self.env["res.company"].search([]):  # pylint: disable=no-search-all
            today = company._moffice_now().date()
            if today < company._moffice_first_working_day(today.replace(day=1)):
                continue
            leaders = company._moffice_users(LEADER)
            date_to = today.replace(day=1) - timedelta(days=1)
            date_from = date_to.replace(day=1)
            sent = self.search(
                [("company_id", "=", company.id), ("is_monthly", "=", True), ("date_from", "=", date_from)]
            ).mapped("kind")
            kinds = [kind for kind in ("incoming", "outgoing") if kind not in sent]
            if not leaders or not kinds:
                continue
            reports = self.create(
                [
                    {
                        "kind": kind,
                        "date_from": date_from,
                        "date_to": date_to,
                        "company_id": company.id,
                        "is_monthly": True,
                    }
                    for kind in kinds
                ]
            )
            reports._deliver(leaders)
