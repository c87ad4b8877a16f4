import base64
import string
import weakref
import zlib
from datetime import timedelta

import psycopg2.errors
from dateutil.relativedelta import relativedelta

from odoo import _, api, fields, models, sql_db
from odoo.exceptions import UserError, ValidationError

from .roles import CLERK

# The connections holding the register locks of the transactions that take
# numbers, by the transaction's cursor.
_NUMBER_CURSORS = weakref.WeakKeyDictionary()
# The advisory lock class of the registers' numbering; its object is the register.
NUMBER_LOCK = zlib.crc32(b"moffice.register") & 0x7FFFFFFF
# How long a registration waits for the ones ahead of it on the same register.
NUMBER_LOCK_TIMEOUT = "20s"

REGISTER_KINDS = [
    ("incoming", "Incoming documents"),
    ("outgoing", "Outgoing documents"),
    ("internal", "Internal documents"),
    ("decision", "Decisions"),
    ("copy", "Copies"),
]
SYMBOL_FIELDS = {"number", "type", "agency", "unit", "year"}
# The category of the document types each register kind numbers.
TYPE_CATEGORIES = {"outgoing": "outgoing", "internal": "outgoing", "decision": "decision", "copy": "copy"}


class MofficeRegister(models.Model):
    """A register (sổ đăng ký văn bản) and its yearly, gap-free numbering.

    Numbers restart at 01 on 1 January. A registration takes the number after
    the highest one its register holds for the year, under the register's
    lock: the lock is taken by a connection of its own, whose fresh snapshot
    sees the number the previous registration committed, and it is held until
    the registration's own transaction commits or rolls back. Concurrent
    registrations therefore wait for one another instead of failing, and a
    number is only used when its document is saved: numbers never repeat nor
    skip.
    """

    _name = "moffice.register"
    _description = "M-Office document register"
    _inherit = ["mail.thread"]
    _order = "kind, sequence, id"

    name = fields.Char(required=True)
    kind = fields.Selection(REGISTER_KINDS, required=True, index=True)
    sequence = fields.Integer(
        default=10,
        help="When several registers fit a document, the most specific one is "
        "used; among equals, the first in this order.",
    )
    document_type_ids = fields.Many2many(
        "moffice.document.type",
        string="Document types",
        help="Only documents of these types go to this register; empty for all types.",
    )
    department_id = fields.Many2one(
        "hr.department",
        string="Issuing unit",
        help="Only documents drafted by this unit go to this register; empty for all units.",
    )
    symbol_pattern = fields.Char(
        help="How the number and symbol is built: {number} (01, 02 …), {type} "
        "(type abbreviation), {agency} (agency abbreviation), {unit} (drafting "
        "unit abbreviation), {year}. E.g. {number}/{type}-{agency} gives "
        "139/QĐ-SKHCN; {number}/{agency}-{unit} gives 12/SKHCN-VP.",
    )
    is_confidential = fields.Boolean(
        string="Confidential documents",
        help="Confidential, secret and top secret documents are numbered in registers of their own (Decree "
        "30/2020, Art. 15, 22): such a register takes only them, the other registers never.",
    )
    next_number = fields.Integer(
        compute="_compute_next_number",
        string="Next number",
        help="The number the next document registered this year will take.",
    )
    company_id = fields.Many2one("res.company", required=True, default=lambda self: self.env.company)
    active = fields.Boolean(default=True)

    @api.constrains("symbol_pattern", "kind")
    def _check_symbol_pattern(self):
        for register in self:
            if register.kind == "incoming":
                continue
            if not register.symbol_pattern:
                raise ValidationError(
                    _(
                        "The register %(name)s needs a symbol pattern, e.g. {number}/{type}-{agency}.",
                        name=register.name,
                    )
                )
            try:
                names = register._symbol_fields()
            except ValueError as error:
                raise ValidationError(
                    _("The symbol pattern of %(name)s is malformed: %(error)s", name=register.name, error=error)
                ) from error
            unknown = names - SYMBOL_FIELDS
            if unknown or "number" not in names:
                raise ValidationError(
                    _(
                        "The symbol pattern of %(name)s must contain {number} and may only use "
                        "{number}, {type}, {agency}, {unit} and {year}.",
                        name=register.name,
                    )
                )

    def _compute_next_number(self):
        year = fields.Date.context_today(self).year
        for register in self:
            register.next_number = register._last_number(self.env.cr, year) + 1 if register.id else 1

    def _last_number(self, cr, year):
        """The highest number this register holds for ``year`` as ``cr`` sees it."""
        self.env["moffice.document"].flush_model(["register_id", "register_year", "register_number"])
        cr.execute(
            "SELECT coalesce(max(register_number), 0) FROM moffice_document "
            "WHERE register_id = %s AND register_year = %s",
            [self.id, year],
        )
        return cr.fetchone()[0]

    def _take_number(self, date):
        """The next number of this register for ``date``'s year, to be saved
        on a document in this transaction (see the class's docstring)."""
        self.ensure_one()
        last = self._last_number(self.env.cr, date.year)
        if not self.env.registry.ready or self.env.registry.in_test_mode():
            # Installing (its tables are not committed yet) or serving a
            # browser test (every request shares one transaction): no one
            # else registers, nothing to wait for.
            return last + 1
        cr = self._number_cursor()
        try:
            cr.execute("SELECT pg_advisory_xact_lock(%s, %s)", [NUMBER_LOCK, self.id], log_exceptions=False)
        except psycopg2.errors.LockNotAvailable as error:
            raise UserError(
                _(
                    "The register %(name)s is busy: other documents are being registered in it. "
                    "Try again in a moment; nothing was saved.",
                    name=self.name,
                )
            ) from error
        return max(last, self._last_number(cr, date.year)) + 1

    def _number_cursor(self):
        """The connection holding this transaction's register locks, opened
        on first use and closed (releasing them) when the transaction ends."""
        main = self.env.cr
        cr = _NUMBER_CURSORS.get(main)
        if cr is None:
            # A transaction whose end ran no hook (its cursor closed since)
            # holds its locks no more.
            for other, held in list(_NUMBER_CURSORS.items()):
                if other.closed:
                    _NUMBER_CURSORS.pop(other, None)
                    held.close()
            cr = sql_db.db_connect(main.dbname).cursor()
            cr.execute(
                "SET TRANSACTION ISOLATION LEVEL READ COMMITTED; SELECT set_config('lock_timeout', %s, true)",
                [NUMBER_LOCK_TIMEOUT],
            )
            _NUMBER_CURSORS[main] = cr

            def release():
                held = _NUMBER_CURSORS.pop(main, None)
                if held is not None:
                    held.close()

            main.postcommit.add(release)
            main.postrollback.add(release)
        return cr

    @api.model
    def _find_for(self, kind, document_type, department, company, confidential=False):
        """The register a document goes to: the most specific active match,
        among the confidential registers for a confidential document."""
        candidates = self.search(
            [("kind", "=", kind), ("company_id", "=", company.id), ("is_confidential", "=", confidential)]
        )
        register = candidates._fitting(document_type, department)
        if not register:
            message = (
                _(
                    "No register is configured for confidential %(kind)s. Ask the system administrator to create "
                    "one under Documents > Registers (tick Confidential documents).",
                    kind=dict(REGISTER_KINDS)[kind],
                )
                if confidential
                else _(
                    "No register is configured for %(kind)s documents. Ask the system administrator "
                    "to create one under Documents > Registers.",
                    kind=dict(REGISTER_KINDS)[kind],
                )
            )
            raise UserError(message)
        return register

    def _fitting(self, document_type, department):
        """Among these registers, the one a document of ``document_type``
        drafted by ``department`` goes to: the most specific (none if none fits)."""
        fitting = self.filtered(
            lambda register: (
                (not register.document_type_ids or document_type in register.document_type_ids)
                and (not register.department_id or register.department_id == department)
            )
        )
        if not fitting:
            return self.browse()
        return min(
            fitting,
            key=lambda register: (
                not register.document_type_ids,
                not register.department_id,
                register.sequence,
                register.id,
            ),
        )

    @api.constrains(
        "symbol_pattern", "kind", "document_type_ids", "department_id", "is_confidential", "sequence", "active"
    )
    def _check_symbol_collisions(self):
        for company in self.company_id:
            self._check_symbol_collisions_of(company)

    @api.model
    def _check_symbol_collisions_of(self, company):
        """Number and symbol are unique within the year whatever the register
        (Decree 30, Art. 15): refuse a configuration in which two registers
        would give the same number and symbol to two documents (e.g. two
        series of {number}/{type}-{agency} for types of the same abbreviation)."""
        registers = self.search(
            [("company_id", "=", company.id), ("kind", "!=", "incoming"), ("symbol_pattern", "!=", False)]
        )
        types = self.env["moffice.document.type"].search([("category", "in", tuple(set(TYPE_CATEGORIES.values())))])
        units = self.env["hr.department"].search(
            [("moffice_code", "!=", False), ("company_id", "in", (company.id, False))]
        )
        values = {"number": "01", "agency": company.moffice_abbreviation, "year": "2026"}
        seen = {}
        for (kind, _confidential), candidates in registers.grouped(lambda r: (r.kind, r.is_confidential)).items():
            for document_type in types.filtered(lambda t, kind=kind: t.category == TYPE_CATEGORIES[kind]):
                for unit in units or [units]:
                    register = candidates._fitting(document_type, unit)
                    if not register:
                        continue
                    parts = dict(values, type=document_type.abbreviation, unit=unit.moffice_code)
                    try:
                        names = register._symbol_fields()
                    except ValueError:
                        continue  # malformed: _check_symbol_pattern refuses it
                    if not names <= SYMBOL_FIELDS or not all(parts[name] for name in names):
                        continue  # refused by _check_symbol_pattern, or cannot be numbered yet (_format_reference)
                    example = register.symbol_pattern.format(**parts)
                    other = seen.setdefault(example, register)
                    if other != register:
                        raise ValidationError(
                            _(
                                "The registers %(first)s and %(second)s would both number documents %(example)s: "
                                "a number and symbol must be unique within the year. Give one of them another "
                                "symbol pattern (for instance with {year}) or other document types.",
                                first=other.name,
                                second=register.name,
                                example=example,
                            )
                        )

    def _symbol_fields(self):
        self.ensure_one()
        return {name for _text, name, _spec, _conv in string.Formatter().parse(self.symbol_pattern) if name}

    def _format_reference(self, number, document_type, department, date):
        """The number and symbol of a document numbered ``number`` here."""
        self.ensure_one()
        values = {
            "number": f"{number:02d}",
            "type": document_type.abbreviation,
            "agency": self.company_id.moffice_abbreviation,
            "unit": department.moffice_code,
            "year": str(date.year),
        }
        missing = {
            "type": _("the document type has no abbreviation"),
            "agency": _("the agency has no abbreviation (System > Agency address)"),
            "unit": _("the drafting unit has no abbreviation (Access rights > Units)"),
        }
        for name in self._symbol_fields():
            if not values[name]:
                raise UserError(
                    _(
                        "Cannot build the number and symbol with the register %(register)s: %(reason)s.",
                        register=self.name,
                        reason=missing[name],
                    )
                )
        return self.symbol_pattern.format(**values)

    def _deliver(self, date_from, date_to, label):
        """Render each register for the period as XLSX and deliver it to the
        clerks: the file is attached to a message on the register."""
        for register in self:
            clerks = register.company_id._moffice_users(CLERK)
            lang = clerks[:1].lang or self.env.lang
            report = (
                self.env["moffice.register.report"]
                .with_context(lang=lang)
                .create({"register_id": register.id, "date_from": date_from, "date_to": date_to})
            )
            content, _type = (
                self.env["ir.actions.report"]
                .with_context(lang=lang)
                ._render("moffice_documents.action_report_register_xlsx", report.ids)
            )
            name = f"{register.name} {date_from:%d-%m-%Y} - {date_to:%d-%m-%Y}.xlsx"
            attachment = self.env["ir.attachment"].create(
                {
                    "name": name,
                    "datas": base64.b64encode(content),
                    "res_model": self._name,
                    "res_id": register.id,
                }
            )
            register.with_context(lang=lang).message_post(
                body=_(
                    "%(label)s: %(register)s from %(start)s to %(end)s, ready to print and file.",
                    label=label,
                    register=register.name,
                    start=date_from.strftime("%d/%m/%Y"),
                    end=date_to.strftime("%d/%m/%Y"),
                ),
                partner_ids=clerks.partner_id.ids,
                attachment_ids=attachment.ids,
                subtype_xmlid="mail.mt_comment",
            )

    @api.model
    def _cron_prepare_registers(self):
        """Every second Friday at 15:00 (Article 5.2): the registers of the
        past two weeks, for the clerks to print."""
        today = fields.Date.context_today(self)
        self.search([])._deliver(  # pylint: disable=no-search-all
            today - timedelta(days=13), today, _("Registers of the fortnight")
        )

    @api.model
    def _cron_bind_quarter(self):
        """At the start of each quarter: the previous quarter's volume of each
        register, to bind (one incoming, one outgoing volume)."""
        today = fields.Date.context_today(self)
        start_of_quarter = today.replace(month=(today.month - 1) // 3 * 3 + 1, day=1)
        previous_start = start_of_quarter - relativedelta(months=3)
        self.search([])._deliver(  # pylint: disable=no-search-all
            previous_start, start_of_quarter - timedelta(days=1), _("Quarterly volume")
        )
