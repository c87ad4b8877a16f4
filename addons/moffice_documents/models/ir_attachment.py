import io
import logging
import re
import time
import zipfile
import zlib
from collections import defaultdict

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import SQL

from ..tools import ocr
from ..tools.search_index import ensure_trigram_index
from ..tools.text import clean_file_name

_logger = logging.getLogger(__name__)

DOCUMENT_MODEL = "moffice.document"
OCR_STATES = [
    ("todo", "Waiting for OCR"),
    ("done", "Text recognised"),
    ("failed", "OCR failed"),
    ("not_needed", "No OCR needed"),
    ("no_engine", "Waiting for the OCR engine"),
]
# States the scheduled action reads (the second once the engine is installed).
OCR_PENDING = ("todo", "no_engine")
# Changes after which a file's need for OCR is decided again.
OCR_TRIGGERS = {"res_model", "res_id", "res_field", "raw", "datas", "mimetype", "type"}
# One scheduled run reads files until either is reached, then reports its
# progress; the scheduler commits it and runs again while files remain.
OCR_BATCH = 10
OCR_BUDGET = 120
# States of a document whose files are frozen with it (see moffice_document.FROZEN_STATES).
FROZEN_DOCUMENT_STATES = ("recalled", "withdrawn")
# The first bytes of programs, whatever their name: Windows, Linux, macOS, scripts.
EXECUTABLE_MAGIC = (b"MZ", b"\x7fELF", b"\xcf\xfa\xed\xfe", b"\xfe\xed\xfa\xcf", b"#!")
# Where a PDF's header must be found (PDF 1.7, annex H).
PDF_HEADER_WINDOW = 1024
# The most a file may inflate to for indexing (a zip's members, a PDF's
# streams other than images, which the indexer never reads): beyond, it is a
# bomb (gigabytes of nothing) and is not indexed.
INDEX_INFLATE_LIMIT = 64 * 1024 * 1024
INFLATE_CHUNK = 1024 * 1024
PDF_STREAM = re.compile(rb"stream\r?\n")


class IrAttachment(models.Model):
    _inherit = "ir.attachment"

    moffice_ocr_state = fields.Selection(
        OCR_STATES,
        string="Text recognition",
        readonly=True,
        index="btree_not_null",
        help="For the files of documents: scans (images, PDFs without text) are read by OCR in the "
        "background, so that the documents' search finds their words.",
    )
    moffice_ocr_error = fields.Char(string="Text recognition error", readonly=True)

    def init(self):
        """The words of the documents' files are searched ignoring diacritics (see tools/search_index)."""
        result = super().init()
        ensure_trigram_index(
            self.env,
            self._table,
            "index_content",
            name="ir_attachment_moffice_document_text_index",
            where=SQL("res_model = %s", DOCUMENT_MODEL),
        )
        return result

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("res_model") == DOCUMENT_MODEL and "name" in vals:
                vals["name"] = clean_file_name(vals["name"])
        attachments = super().create(vals_list)
        attachments.filtered(
            lambda attachment: attachment.res_model == DOCUMENT_MODEL and attachment.res_id
        )._moffice_check_content()
        attachments._moffice_ocr_plan()
        return attachments

    def write(self, vals):
        if not self.env.su:
            if {"moffice_ocr_state", "moffice_ocr_error"}.intersection(vals):
                raise AccessError(_("Only the text recognition of the server sets the recognition state of a file."))
            self._moffice_check_not_frozen()
        if "name" in vals and (vals.get("res_model") == DOCUMENT_MODEL or DOCUMENT_MODEL in self.mapped("res_model")):
            vals = {**vals, "name": clean_file_name(vals["name"])}
        result = super().write(vals)
        if {"res_model", "res_id", "raw", "datas"}.intersection(vals):
            self.filtered(
                lambda attachment: attachment.res_model == DOCUMENT_MODEL and attachment.res_id
            )._moffice_check_content()
        if OCR_TRIGGERS.intersection(vals):
            self._moffice_ocr_plan()
        return result

    def _postprocess_contents(self, values):
        """The files of documents are kept as they were scanned: Odoo shrinks
        large images, which would alter the original (Appendix VI-III 5d) and
        blur it for OCR."""
        if values.get("res_model") == DOCUMENT_MODEL:
            return values
        return super()._postprocess_contents(values)

    def _moffice_check_content(self):
        """Refuse a program given as a document's file, and a file named .pdf
        that is no PDF: what the name says is what the file is."""
        for attachment in self.sudo():
            if attachment.type != "binary":
                continue
            head = attachment._moffice_head()
            if head.startswith(EXECUTABLE_MAGIC):
                raise UserError(
                    _(
                        "%(file)s is a program, not a document: programs cannot be attached to documents.",
                        file=attachment.name,
                    )
                )
            named_pdf = (attachment.name or "").lower().endswith(".pdf") or attachment.mimetype == ocr.PDF_TYPE
            if named_pdf and b"%PDF" not in head:
                raise UserError(
                    _(
                        "%(file)s is named as a PDF but is not one: save it again as PDF, or attach it under "
                        "its real name.",
                        file=attachment.name,
                    )
                )

    def _moffice_head(self):
        """The first bytes of the file, read without loading the whole file."""
        self.ensure_one()
        if not self.store_fname:
            return (self.db_datas or b"")[:PDF_HEADER_WINDOW]
        try:
            with open(self._full_path(self.store_fname), "rb") as stored:
                return stored.read(PDF_HEADER_WINDOW)
        except OSError:
            return b""

    @api.model
    def _index(self, bin_data, mimetype, checksum=None):
        """A file that inflates beyond ``INDEX_INFLATE_LIMIT`` (a zip bomb, a
        PDF bomb) is kept but not indexed: indexing it would take the
        server's memory."""
        if _inflates_beyond(bin_data, INDEX_INFLATE_LIMIT):
            _logger.info("File not indexed: it inflates to more than %s bytes.", INDEX_INFLATE_LIMIT)
            return (mimetype or "application").split("/")[0]
        return super()._index(bin_data, mimetype, checksum=checksum)

    def _moffice_attach_to(self, record):
        """Attach the files the current user just uploaded to ``record``, so
        that access to them follows access to the record (and PDFs are
        indexed for search).

        Only loose files uploaded by the current user are moved: linking must
        not give access to somebody else's file.
        """
        loose = self.sudo().filtered(
            lambda attachment: not attachment.res_id and attachment.create_uid.id == self.env.uid
        )
        if loose:
            loose.write({"res_model": record._name, "res_id": record.id})
            loose._moffice_check_content()

    def _moffice_check_not_frozen(self):
        """The files of a recalled or withdrawn document change no more (Appendix VI, III-8a)."""
        attached = self.sudo().filtered(lambda attachment: attachment.res_model == DOCUMENT_MODEL)
        if not attached:
            return
        documents = self.env[DOCUMENT_MODEL].sudo().browse(attached.mapped("res_id")).exists()
        frozen = documents.filtered(lambda document: document.state in FROZEN_DOCUMENT_STATES)
        if frozen:
            raise UserError(
                _(
                    "%(document)s is frozen: its files can be neither changed nor deleted.",
                    document=frozen[0].display_name,
                )
            )

    def unlink(self):
        if not self.env.su:
            self._moffice_check_not_frozen()
        return super().unlink()

    # ------------------------------------------------------------------------
    # text recognition (OCR) of scans
    # ------------------------------------------------------------------------
    def _moffice_ocr_need(self):
        """The OCR state a file starts with: documents' scans are to be read."""
        self.ensure_one()
        if self.res_model != DOCUMENT_MODEL or not self.res_id or self.res_field or self.type != "binary":
            return False
        if self.mimetype in ocr.IMAGE_TYPES:
            return "todo"
        if self.mimetype == ocr.PDF_TYPE:
            # A PDF without a text layer is indexed as nothing but its type.
            text = (self.index_content or "").strip()
            return "todo" if text in ("", self.mimetype.split("/")[0]) else "not_needed"
        return "not_needed"

    def _moffice_ocr_plan(self):
        """Decide which files need OCR; only a decision here, never the OCR
        itself, so that registering a document stays fast."""
        by_state = defaultdict(list)
        for attachment in self.sudo():
            state = attachment._moffice_ocr_need()
            if state != attachment.moffice_ocr_state:
                by_state[state].append(attachment.id)
        for state, ids in by_state.items():
            self.sudo().browse(ids).write({"moffice_ocr_state": state, "moffice_ocr_error": False})

    def _moffice_ocr_read(self):
        """Recognise the text of this file into its index, where the documents'
        search reads it; a failure is recorded on the file."""
        self.ensure_one()
        try:
            text = ocr.recognise(self.raw, self.mimetype)
        except ocr.OcrError as error:
            _logger.info("OCR of file %s (%s) failed: %s", self.id, self.name, error)
            self.write({"moffice_ocr_state": "failed", "moffice_ocr_error": str(error)})
            return
        self.write({"index_content": text, "moffice_ocr_state": "done", "moffice_ocr_error": False})

    @api.model
    def _cron_moffice_ocr(self, batch=OCR_BATCH, budget=OCR_BUDGET):
        """Scheduled: read the documents' scans waiting for OCR, oldest first,
        a batch at a time; re-running it only continues."""
        attachments = self.sudo()
        missing = ocr.missing_tools()
        if missing:
            attachments.search([("moffice_ocr_state", "=", "todo")]).write({"moffice_ocr_state": "no_engine"})
            _logger.info(
                "OCR skipped: %s; %s file(s) wait for it.",
                missing,
                attachments.search_count([("moffice_ocr_state", "=", "no_engine")]),
            )
            return
        pending = [("moffice_ocr_state", "in", OCR_PENDING)]
        deadline = time.monotonic() + budget
        done = 0
        for attachment in attachments.search(pending, limit=batch, order="id"):
            if done and time.monotonic() > deadline:
                break
            attachment._moffice_ocr_read()
            done += 1
        self.env["ir.cron"]._notify_progress(done=done, remaining=attachments.search_count(pending))

    def _moffice_serve(self, stream):
        """The stream this file is served as over HTTP: the files of documents
        are logged and their PDFs marked on the way out."""
        document = self._moffice_document()
        return document._serve_file(self, stream) if document else stream

    def _moffice_document(self):
        """The document this file belongs to (whoever may read it), or an empty recordset."""
        self.ensure_one()
        attachment = self.sudo()
        if attachment.res_model != "moffice.document" or not attachment.res_id or attachment.res_field:
            return self.env["moffice.document"]
        return self.env["moffice.document"].browse(attachment.res_id).exists()


def _inflates_beyond(data, limit):
    """Whether ``data`` (a zip, or a PDF's Flate streams but its images)
    inflates beyond ``limit`` bytes; counted a chunk at a time."""
    if not data:
        return False
    if data[:4] == b"PK\x03\x04":
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                return sum(info.file_size for info in archive.infolist()) > limit
        except (zipfile.BadZipFile, ValueError):
            return False
    if b"%PDF" not in data[:PDF_HEADER_WINDOW]:
        return False
    view = memoryview(data)
    total = 0
    for match in PDF_STREAM.finditer(data):
        header = data[max(0, match.start() - PDF_HEADER_WINDOW) : match.start()]
        if b"/Image" in header[header.rfind(b"obj") :]:
            continue
        end = data.find(b"endstream", match.end())
        inflater = zlib.decompressobj()
        pending = view[match.end() : end if end > 0 else len(data)]
        try:
            while pending:
                total += len(inflater.decompress(pending, INFLATE_CHUNK))
                if total > limit:
                    return True
                pending = inflater.unconsumed_tail
                if inflater.eof:
                    break
        except zlib.error:
            continue
    return False
