import base64
import binascii

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.x509.oid import NameOID

from odoo import _, api, fields, models
from odoo.exceptions import UserError

# What the system reads from an uploaded certificate: never typed by a user.
X509_FIELDS = (
    "name",
    "subject",
    "issuer",
    "serial",
    "date_valid_from",
    "date_valid_to",
    "fingerprint",
    "certificate_pem",
)


def common_name(name):
    """The common name of an X.509 name, or its whole text when it has none."""
    values = name.get_attributes_for_oid(NameOID.COMMON_NAME)
    return values[0].value if values else name.rfc4514_string()


class MofficeSignatureX509Mixin(models.AbstractModel):
    """A certificate uploaded as a file: what it says is read at upload and
    kept; users choose only the fields of ``_upload_create_fields`` when
    uploading and ``_upload_write_fields`` afterwards."""

    _name = "moffice.signature.x509.mixin"
    _description = "Uploaded X.509 certificate"

    _upload_create_fields = ("upload_file", "upload_filename", "company_id", "active")
    _upload_write_fields = ("active",)

    name = fields.Char("Common name", readonly=True)
    subject = fields.Char(readonly=True)
    issuer = fields.Char(readonly=True)
    serial = fields.Char("Serial number", readonly=True)
    date_valid_from = fields.Datetime("Valid from", readonly=True)
    date_valid_to = fields.Datetime("Valid to", readonly=True)
    fingerprint = fields.Char("SHA-256 fingerprint", readonly=True, index=True)
    certificate_pem = fields.Text("Certificate (PEM)", readonly=True)
    company_id = fields.Many2one("res.company", required=True, default=lambda self: self.env.company, index=True)
    active = fields.Boolean(default=True)
    upload_file = fields.Binary("File", compute="_compute_upload", readonly=False)
    upload_filename = fields.Char("File name", compute="_compute_upload", readonly=False)

    def _compute_upload(self):
        """The uploaded file is never shown again: what it says is kept instead."""
        self.upload_file = False
        self.upload_filename = False

    @staticmethod
    def _x509_values(certificate):
        """The fields read from ``certificate`` (a ``cryptography`` certificate)."""
        return {
            "name": common_name(certificate.subject),
            "subject": certificate.subject.rfc4514_string(),
            "issuer": certificate.issuer.rfc4514_string(),
            "serial": format(certificate.serial_number, "X"),
            "date_valid_from": certificate.not_valid_before_utc.replace(tzinfo=None),
            "date_valid_to": certificate.not_valid_after_utc.replace(tzinfo=None),
            "fingerprint": certificate.fingerprint(hashes.SHA256()).hex(":").upper(),
            "certificate_pem": certificate.public_bytes(serialization.Encoding.PEM).decode(),
        }

    def _x509_certificate(self):
        """The ``cryptography`` certificate of this record."""
        self.ensure_one()
        return x509.load_pem_x509_certificate(self.certificate_pem.encode())

    def _upload_bytes(self, vals):
        """The bytes of the file uploaded in ``vals``; a clear error without one."""
        try:
            data = base64.b64decode(vals.get("upload_file") or b"", validate=True)
        except (binascii.Error, ValueError):
            data = b""
        if not data:
            raise UserError(_("Choose the certificate file to upload."))
        return data

    def _upload_values(self, vals):
        """``vals`` with the upload replaced by what the file says (implemented by each model)."""
        raise NotImplementedError

    def _check_upload_fields(self, vals, allowed):
        if self.env.su:
            return
        refused = sorted(set(vals) - set(allowed))
        if refused:
            raise UserError(
                _(
                    "These fields are read from the certificate file and cannot be typed: %(fields)s.",
                    fields=", ".join(self._fields[name].get_description(self.env)["string"] for name in refused),
                )
            )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._check_upload_fields(vals, self._upload_create_fields)
        return super().create([self._upload_values(vals) for vals in vals_list])

    def write(self, vals):
        self._check_upload_fields(vals, self._upload_write_fields)
        return super().write(vals)
