import io
import logging
import tempfile
import uuid
from datetime import timezone

from asn1crypto import keys as asn1_keys
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.misc import PdfError
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign import fields as sig_fields
from pyhanko.sign import signers
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko.stamp import StaticStampStyle
from pyhanko_certvalidator import ValidationContext
from pyhanko_certvalidator.registry import SimpleCertificateStore

from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import format_datetime

from .signature_stamp import stamp_box, stamp_pdf

_logger = logging.getLogger(__name__)

# Worst first: the result of a file is that of its worst signature.
STATUS_ORDER = ("invalid", "error", "untrusted", "unsigned", "valid")
STATUSES = [
    ("valid", "Valid"),
    ("invalid", "Invalid"),
    ("untrusted", "Not trusted"),
    ("unsigned", "Not signed"),
    ("error", "Cannot be verified"),
]
# Whether revocation lists and OCSP responders are asked over the network.
FETCH_PARAMETER = "moffice_signature.fetch_revocation"


class UnsignablePdfError(UserError):
    """The file given to sign is not a PDF pyHanko can read."""


def asn1_certificate(certificate):
    """The asn1crypto form pyHanko works with of a ``cryptography`` certificate."""
    return asn1_x509.Certificate.load(certificate.public_bytes(serialization.Encoding.DER))


def asn1_private_key(private_key):
    """The asn1crypto form pyHanko works with of a ``cryptography`` private key."""
    return asn1_keys.PrivateKeyInfo.load(
        private_key.private_bytes(
            serialization.Encoding.DER, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )
    )


class MofficeSignatureService(models.AbstractModel):
    """Making and checking digital signatures: PAdES signatures of PDFs and
    detached signatures of messages, with the agency's certificate of the
    current company or a leader's own."""

    _name = "moffice.signature.service"
    _description = "Digital signature service"

    # Signing

    @api.model
    def _signing_certificate(self, signer_user=None):
        """The active personal certificate of ``signer_user``, else the agency's."""
        Certificate = self.env["moffice.signature.certificate"].sudo()
        if signer_user:
            personal = Certificate.search([("kind", "=", "personal"), ("user_id", "=", signer_user.id)], limit=1)
            if personal:
                return personal
        agency = Certificate.search([("kind", "=", "agency"), ("company_id", "=", self.env.company.id)], limit=1)
        if not agency:
            raise UserError(
                _(
                    "%(agency)s has no digital certificate: the system administrator uploads the agency's"
                    " certificate under M-Office > System > Digital certificates.",
                    agency=self.env.company.name,
                )
            )
        return agency

    @api.model
    def sign_pdf(self, pdf_bytes, reason=None, location=None, signer_user=None):
        """``pdf_bytes`` signed (PAdES, visible block on the first page) with
        the certificate of ``signer_user`` if they have one, else the agency's."""
        certificate = self._signing_certificate(signer_user)
        return certificate._sign_pdf(pdf_bytes, reason=reason, location=location)

    @api.model
    def sign_bytes(self, data):
        """A detached signature of ``data`` with the agency's key."""
        return self._signing_certificate()._sign_bytes(data)

    @api.model
    def agency_certificate_pem(self):
        """The agency's public certificate, to hand to partners."""
        return self._signing_certificate().certificate_pem

    @api.model
    def verify_bytes(self, certificate_pem, data, signature):
        """Whether ``signature`` is the signature of ``data`` by the key of ``certificate_pem``."""
        try:
            public_key = x509.load_pem_x509_certificate(certificate_pem.encode()).public_key()
            if isinstance(public_key, rsa.RSAPublicKey):
                public_key.verify(signature, data, padding.PKCS1v15(), hashes.SHA256())
            elif isinstance(public_key, ec.EllipticCurvePublicKey):
                public_key.verify(signature, data, ec.ECDSA(hashes.SHA256()))
            else:
                return False
        except (InvalidSignature, ValueError, TypeError):
            return False
        return True

    @api.model
    def _stamp_lines(self, certificate):
        now = fields.Datetime.now()
        return [
            _("Signed by: %(signer)s", signer=asn1_certificate(certificate).subject.native.get("common_name", "")),
            _("Agency: %(agency)s", agency=self.env.company.name),
            _(
                "Signed at: %(time)s",
                time=format_datetime(self.env, now, tz=self.env.company._moffice_tz(), dt_format="dd/MM/yyyy HH:mm:ss"),
            ),
        ]

    @api.model
    def _pades_sign(self, pdf_bytes, private_key, certificate, chain, reason=None, location=None):
        """``pdf_bytes`` signed by pyHanko (PAdES baseline B, SHA-256) with a
        visible stamp on the first page; raises UserError if it is no PDF."""
        signer = signers.SimpleSigner(
            signing_cert=asn1_certificate(certificate),
            signing_key=asn1_private_key(private_key),
            cert_registry=SimpleCertificateStore.from_certs([asn1_certificate(item) for item in chain or ()]),
        )
        try:
            writer = IncrementalPdfFileWriter(io.BytesIO(pdf_bytes), strict=False)
            existing = len(list(sig_fields.enumerate_sig_fields(writer)))
            page_box = writer.root["/Pages"]["/Kids"][0].get_object()["/MediaBox"]
        except Exception as error:
            raise UnsignablePdfError(_("The file is not a PDF that can be signed: %(error)s", error=error)) from error
        metadata = signers.PdfSignatureMetadata(
            field_name=f"Signature{existing + 1}-{uuid.uuid4().hex[:6]}",
            reason=reason,
            location=location,
            subfilter=sig_fields.SigSeedSubFilter.PADES,
            md_algorithm="sha256",
        )
        with tempfile.NamedTemporaryFile(suffix=".pdf") as stamp:
            stamp.write(stamp_pdf(self._stamp_lines(certificate)))
            stamp.flush()
            pdf_signer = signers.PdfSigner(
                metadata,
                signer=signer,
                stamp_style=StaticStampStyle.from_pdf_file(stamp.name, border_width=0),
                new_field_spec=sig_fields.SigFieldSpec(
                    sig_field_name=metadata.field_name, on_page=0, box=stamp_box(page_box, existing)
                ),
            )
            try:
                return pdf_signer.sign_pdf(writer).getvalue()
            except PdfError as error:  # e.g. an encrypted PDF
                raise UnsignablePdfError(
                    _("The file is not a PDF that can be signed: %(error)s", error=error)
                ) from error

    # Verification

    @api.model
    def _validation_context(self):
        """Trust roots of the company; revocation asked over the network only
        when configured (never in tests, never hanging the user)."""
        roots = self.env["moffice.signature.trust.root"].sudo().search([("company_id", "in", self.env.company.ids)])
        fetch = self.env["ir.config_parameter"].sudo().get_param(FETCH_PARAMETER) == "True"
        return ValidationContext(
            trust_roots=[asn1_certificate(root._x509_certificate()) for root in roots],
            allow_fetching=fetch,
            revocation_mode="soft-fail",
        )

    @api.model
    def verify_pdf(self, pdf_bytes):
        """What the signatures of ``pdf_bytes`` are worth: status, signer,
        signing time (naive UTC), a summary and the result of each signature."""
        try:
            signatures = PdfFileReader(io.BytesIO(pdf_bytes), strict=False).embedded_signatures
        except Exception as error:  # whatever a damaged file raises
            _logger.info("PDF signatures cannot be read: %s", error)
            return self._verification("error", [], _("The file cannot be read as a PDF: %(error)s", error=error))
        if not signatures:
            return self._verification("unsigned", [], _("The file has no digital signature."))
        validation_context = self._validation_context()
        details = [self._verify_signature(signature, validation_context) for signature in signatures]
        status = min((detail["status"] for detail in details), key=STATUS_ORDER.index)
        return self._verification(status, details, "\n".join(detail["summary"] for detail in details))

    @api.model
    def _is_signed(self, pdf_bytes):
        """Whether ``pdf_bytes`` is a PDF with at least one signature."""
        try:
            return bool(PdfFileReader(io.BytesIO(pdf_bytes), strict=False).embedded_signatures)
        except Exception:  # whatever a damaged file raises: it is not a signed PDF
            return False

    @api.model
    def _verification(self, status, details, summary):
        last = details[-1] if details else {}
        return {
            "status": status,
            "signer": last.get("signer", ""),
            "signing_time": last.get("signing_time", False),
            "summary": summary,
            "details": details,
        }

    @api.model
    def _verify_signature(self, signature, validation_context):
        """The result of one embedded signature: integrity, chain, time."""
        name = signature.field_name
        try:
            result = validate_pdf_signature(signature, validation_context)
        except Exception as error:  # pyHanko raises many kinds on malformed signatures
            _logger.info("Signature %s cannot be validated: %s", name, error)
            return {
                "field": name,
                "status": "error",
                "signer": "",
                "signing_time": False,
                "summary": _("Signature %(field)s cannot be verified: %(error)s", field=name, error=error),
            }
        signer = result.signing_cert.subject.native.get("common_name", "") if result.signing_cert else ""
        signing_time = result.signer_reported_dt
        if signing_time:
            signing_time = signing_time.astimezone(timezone.utc).replace(tzinfo=None)
        values = {"field": name, "signer": signer, "signing_time": signing_time or False}
        if not (result.intact and result.valid):
            status, why = "invalid", _("the signed content does not match its signature: it was changed after signing")
        elif result.docmdp_ok is False:
            status, why = "invalid", _("the file was modified after it was signed")
        elif getattr(result, "revoked", False):
            status, why = "invalid", _("the signer's certificate is revoked")
        elif not result.trusted:
            status, why = (
                "untrusted",
                _("the signer's certificate does not chain to a trusted certificate authority of the agency"),
            )
        else:
            status, why = "valid", _("integrity, certificate chain and signing time checked")
        values["status"] = status
        values["summary"] = _(
            "Signature of %(signer)s (%(time)s): %(why)s.",
            signer=signer or _("unknown signer"),
            time=signing_time and format_datetime(self.env, signing_time, tz=self.env.company._moffice_tz()) or "-",
            why=why,
        )
        return values
