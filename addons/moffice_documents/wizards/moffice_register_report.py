from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class MofficeRegisterReport(models.TransientModel):
    """A register for a period, printed in the layout of Decree 30/2020."""

    _name = "moffice.register.report"
    _description = "Print a register"

    register_id = fields.Many2one("moffice.register", required=True)
    kind = fields.Selection(related="register_id.kind")
    date_from = fields.Date(string="From", required=True)
    date_to = fields.Date(string="To", required=True, default=fields.Date.context_today)

    @api.constrains("date_from", "date_to")
    def _check_dates(self):
        for report in self:
            if report.date_from > report.date_to:
                raise ValidationError(_("The start of the period must be before its end."))

    def _title(self):
        self.ensure_one()
        kind = _("INCOMING DOCUMENT REGISTER") if self.kind == "incoming" else _("OUTGOING DOCUMENT REGISTER")
        return kind, _(
            "%(register)s, from %(start)s to %(end)s",
            register=self.register_id.name,
            start=self.date_from.strftime("%d/%m/%Y"),
            end=self.date_to.strftime("%d/%m/%Y"),
        )

    def _documents(self):
        """The register's entries of the period, in number order."""
        self.ensure_one()
        start, end = self.register_id.company_id._moffice_day_bounds(self.date_from, self.date_to)
        return (
            self.env["moffice.document"]
            .with_context(active_test=False)
            .search(
                [
                    ("register_id", "=", self.register_id.id),
                    ("date_registered", ">=", start),
                    ("date_registered", "<=", end),
                    ("register_number", "!=", 0),
                ],
                order="register_year, register_number",
            )
        )

    def _headers(self):
        self.ensure_one()
        if self.kind == "incoming":
            return [
                _("Arrival date"),
                _("Arrival number"),
                _("Issuing body"),
                _("Number and symbol"),
                _("Document date"),
                _("Type and summary"),
                _("Receiving unit or person"),
                _("Signature on receipt"),
                _("Notes"),
            ]
        return [
            _("Number and symbol"),
            _("Document date"),
            _("Type and summary"),
            _("Signer"),
            _("Recipients"),
            _("Unit or person keeping the file copy"),
            _("Copies"),
            _("Notes"),
        ]

    def _rows(self):
        """One list of cell texts per entry, in the columns of ``_headers``."""
        self.ensure_one()
        rows = []
        for document in self._documents():
            kind_and_summary = " - ".join(filter(None, [document.document_type_id.name, document.summary]))
            note = _("Cancelled: %s", document.cancel_reason) if document.state == "cancelled" else ""
            if self.kind == "incoming":
                arrival = fields.Datetime.context_timestamp(self, document.date_registered)
                receiver = document.lead_department_id.name or document.lead_user_id.name or ""
                rows.append(
                    [
                        arrival.strftime("%d/%m/%Y"),
                        f"{document.register_number:02d}",
                        document.issuer_id.name or "",
                        document.reference or "",
                        document.date_document and document.date_document.strftime("%d/%m/%Y") or "",
                        kind_and_summary,
                        receiver,
                        "",
                        note,
                    ]
                )
            else:
                recipients = ", ".join(
                    filter(None, [", ".join(document.recipient_ids.mapped("name")), document.recipients_note])
                )
                rows.append(
                    [
                        document.reference or "",
                        document.date_document and document.date_document.strftime("%d/%m/%Y") or "",
                        kind_and_summary,
                        document.signer_name or "",
                        recipients,
                        document.department_id.name or document.owner_id.name,
                        str(document.copy_count or ""),
                        note,
                    ]
                )
        return rows

    def action_print_xlsx(self):
        return self.env.ref("moffice_documents.action_report_register_xlsx").report_action(self)

    def action_print_pdf(self):
        return self.env.ref("moffice_documents.action_report_register_pdf").report_action(self)
