from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

BOOKS = [
    ("register", "Document register"),
    ("postal", "Postal dispatch register"),
    ("tracker", "Incoming document handling tracker"),
]


class MofficeRegisterReport(models.TransientModel):
    """A register or tracker of Decree 30/2020 (Appendix IV) for a period,
    printed as XLSX or PDF: its cover and first page (the agency, the
    register's name and year, the range of dates and numbers it holds), then
    its entries in the columns of the decree's template, in their order."""

    _name = "moffice.register.report"
    _description = "Print a register"

    book = fields.Selection(BOOKS, string="Print", required=True, default="register")
    register_id = fields.Many2one("moffice.register", help="The register to print, for a document register.")
    kind = fields.Selection(related="register_id.kind")
    date_from = fields.Date(string="From", required=True)
    date_to = fields.Date(string="To", required=True, default=fields.Date.context_today)
    company_id = fields.Many2one("res.company", required=True, default=lambda self: self.env.company)

    @api.constrains("date_from", "date_to", "book", "register_id")
    def _check_period(self):
        for report in self:
            if report.date_from > report.date_to:
                raise ValidationError(_("The start of the period must be before its end."))
            if report.book == "register" and not report.register_id:
                raise ValidationError(_("Choose the register to print."))

    # ------------------------------------------------------------------------
    # the book: what the XLSX and PDF reports print
    # ------------------------------------------------------------------------
    def _book(self):
        """The book to print: a dict with its ``title``, the ``cover`` lines
        (text, style) of its cover and first page, its ``columns`` (header,
        width in %), its ``rows`` (cell values) and a ``sheet`` name."""
        self.ensure_one()
        entries = self._entries()
        layout = self._layout()
        row = getattr(self, f"_row_{layout}")
        return {
            "title": self._title(),
            "cover": self._cover(entries),
            "columns": self._columns(),
            "rows": [row(entry) for entry in entries],
            "sheet": self._sheet_name(),
        }

    def _sheet_name(self):
        """The register's name, or the book's (a spreadsheet allows 31 characters)."""
        return (self.register_id.name or dict(self._fields["book"]._description_selection(self.env))[self.book])[:31]

    def _file_name(self):
        return f"{self._sheet_name()} {self.date_from:%d-%m-%Y} - {self.date_to:%d-%m-%Y}"

    def _layout(self):
        """The template the book follows: incoming, outgoing, postal or tracker."""
        if self.book == "register":
            return "incoming" if self.kind == "incoming" else "outgoing"
        return self.book

    def _company(self):
        return self.register_id.company_id or self.company_id

    def _title(self):
        return {
            "incoming": _("INCOMING DOCUMENT REGISTER"),
            "outgoing": _("OUTGOING DOCUMENT REGISTER"),
            "postal": _("POSTAL DISPATCH REGISTER"),
            "tracker": _("INCOMING DOCUMENT HANDLING TRACKER"),
        }[self._layout()]

    def _columns(self):
        """The columns of the decree's template (header, width in %)."""
        return {
            "incoming": [
                (_("Arrival date"), 8),
                (_("Arrival number"), 6),
                (_("Author"), 12),
                (_("Number and symbol"), 10),
                (_("Date of the document"), 8),
                (_("Type and summary"), 22),
                (_("Receiving unit or person"), 10),
                (_("Date handed over"), 8),
                (_("Signature on receipt"), 10),
                (_("Notes"), 6),
            ],
            "outgoing": [
                (_("Number and symbol of the document"), 10),
                (_("Date of the document"), 8),
                (_("Type and summary"), 22),
                (_("Signer"), 10),
                (_("Recipients"), 14),
                (_("Unit or person keeping the file copy"), 10),
                (_("Copies"), 5),
                (_("Date handed over"), 8),
                (_("Signature on receipt"), 8),
                (_("Notes"), 5),
            ],
            "postal": [
                (_("Date handed over"), 12),
                (_("Number and symbol of the document"), 16),
                (_("Recipients"), 32),
                (_("Envelopes"), 8),
                (_("Signature on receipt and postmark"), 18),
                (_("Notes"), 14),
            ],
            "tracker": [
                (_("Arrival number"), 6),
                (_("Type, number and symbol, date and issuing body"), 30),
                (_("Receiving unit or person"), 14),
                (_("Time limit for handling"), 9),
                (_("Handling progress"), 17),
                (_("Number and symbol of the answer"), 14),
                (_("Notes"), 10),
            ],
        }[self._layout()]

    def _entries(self):
        """The entries of the period: documents in number order, or postal dispatches by date."""
        self.ensure_one()
        if self.book == "postal":
            return self.env["moffice.document.dispatch"].search(
                [
                    ("company_id", "=", self._company().id),
                    ("date_dispatch", ">=", self.date_from),
                    ("date_dispatch", "<=", self.date_to),
                ],
                order="date_dispatch, id",
            )
        start, end = self._company()._moffice_day_bounds(self.date_from, self.date_to)
        domain = [
            ("date_registered", ">=", start),
            ("date_registered", "<=", end),
            ("register_number", "!=", 0),
        ]
        if self.book == "register":
            domain.append(("register_id", "=", self.register_id.id))
            order = "register_year, register_number"
        else:
            domain += [("kind", "=", "incoming"), ("company_id", "=", self._company().id)]
            order = "date_registered, id"
        return self.env["moffice.document"].with_context(active_test=False).search(domain, order=order)

    def _cover(self, entries):
        """The lines (text, style) of the cover and of the first page."""
        company = self._company()
        years = sorted({self.date_from.year, self.date_to.year})
        if entries:
            days = [self._entry_day(entry) for entry in entries]
            first_day, last_day = min(days), max(days)
        else:
            first_day, last_day = self.date_from, self.date_to
        lines = [
            ((company.moffice_governing_body or "").upper(), "governing"),
            (company.name.upper(), "agency"),
            (self._title(), "title"),
            (self.register_id.name or "", "name"),
            (_("Year: %(year)s", year=" - ".join(map(str, years))), "line"),
            (
                _("From %(start)s to %(end)s", start=self._date(first_day), end=self._date(last_day)),
                "line",
            ),
        ]
        if entries and self.book != "postal":
            lines.append(
                (
                    _(
                        "From number %(first)s to number %(last)s",
                        first=self._number(entries[0].register_number),
                        last=self._number(entries[-1].register_number),
                    ),
                    "line",
                )
            )
        return [(text, style) for text, style in lines if text]

    def _entry_day(self, entry):
        if entry._name == "moffice.document.dispatch":
            return entry.date_dispatch
        return self._company()._moffice_local(entry.date_registered).date()

    # ------------------------------------------------------------------------
    # rows, one per template
    # ------------------------------------------------------------------------
    def _row_incoming(self, document):
        return [
            self._day(document.date_registered),
            self._number(document.register_number),
            document.issuer_id.name or "",
            document.reference or "",
            self._date(document.date_document),
            self._type_and_summary(document),
            self._receiver(document),
            self._day(document.date_handed_over),
            document.handed_to or "",
            self._note(document),
        ]

    def _row_outgoing(self, document):
        return [
            document.reference or "",
            self._date(document.date_document),
            self._type_and_summary(document),
            document.signer_name or "",
            ", ".join(filter(None, [", ".join(document.recipient_ids.mapped("name")), document.recipients_note])),
            document.department_id.name or document.owner_id.name,
            document.copy_count or "",
            self._day(document.date_handed_over),
            document.handed_to or "",
            self._note(document),
        ]

    def _row_postal(self, dispatch):
        return [
            self._date(dispatch.date_dispatch),
            dispatch.document_id.reference or "",
            dispatch._recipients_label(),
            dispatch.envelope_count,
            "",
            dispatch.note or "",
        ]

    def _row_tracker(self, document):
        answers = document.answer_ids.filtered(lambda answer: answer.state == "released" and answer.reference)
        return [
            self._number(document.register_number),
            document._identification(),
            self._receiver(document),
            self._date(document.date_deadline),
            "; ".join(document._handling_progress()),
            ", ".join(answers.mapped("reference")),
            self._note(document),
        ]

    # ------------------------------------------------------------------------
    # cell values
    # ------------------------------------------------------------------------
    def _day(self, moment):
        """The agency's local date of a UTC datetime, dd/mm/yyyy."""
        return self._date(moment and self._company()._moffice_local(moment))

    @staticmethod
    def _date(day):
        return day.strftime("%d/%m/%Y") if day else ""

    @staticmethod
    def _number(number):
        """Register numbers below 10 with a leading zero (01 … 09)."""
        return f"{number:02d}" if number else ""

    @staticmethod
    def _type_and_summary(document):
        return " - ".join(filter(None, [document.document_type_id.name, document.summary]))

    @staticmethod
    def _receiver(document):
        return document.lead_department_id.name or document.lead_user_id.name or ""

    def _note(self, document):
        return _("Cancelled: %s", document.cancel_reason) if document.state == "cancelled" else ""

    def action_print_xlsx(self):
        return self.env.ref("moffice_documents.action_report_register_xlsx").report_action(self)

    def action_print_pdf(self):
        return self.env.ref("moffice_documents.action_report_register_pdf").report_action(self)
