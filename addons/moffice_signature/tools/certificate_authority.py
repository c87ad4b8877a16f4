"""A small certificate authority made on the spot with ``cryptography``: the
demo agency's certificates and the tests' (no private key is ever committed)."""

from datetime import UTC, datetime, timedelta

from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.hazmat.primitives.serialization import BestAvailableEncryption, NoEncryption, pkcs12
from cryptography.x509.oid import NameOID


def _name(common_name, organization):
    return x509.Name(
        [
            x509.NameAttribute(NameOID.COUNTRY_NAME, "VN"),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, organization),
            x509.NameAttribute(NameOID.COMMON_NAME, common_name),
        ]
    )


def _key(curve):
    return ec.generate_private_key(ec.SECP256R1()) if curve else rsa.generate_private_key(65537, 2048)


def make_certificate(common_name, organization="M-Office", issuer=None, days=730, start=None, curve=False):
    """(private key, certificate): a root CA when ``issuer`` (key, certificate)
    is None, else a signing certificate it issues."""
    key = _key(curve)
    start = start or datetime.now(UTC) - timedelta(days=1)
    subject = _name(common_name, organization)
    issuer_key, issuer_certificate = issuer or (key, None)
    builder = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(issuer_certificate.subject if issuer_certificate else subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(start)
        .not_valid_after(start + timedelta(days=days))
        .add_extension(x509.BasicConstraints(ca=issuer is None, path_length=None), critical=True)
    )
    if issuer is None:
        builder = builder.add_extension(
            x509.KeyUsage(False, False, False, False, False, True, True, False, False), critical=True
        )
    else:
        builder = builder.add_extension(
            x509.KeyUsage(True, True, False, False, False, False, False, False, False), critical=True
        )
    return key, builder.sign(issuer_key, hashes.SHA256())


def pkcs12_bytes(key, certificate, chain=(), password=""):
    """The PKCS#12 file of ``key`` and ``certificate`` (with its ``chain``)."""
    encryption = BestAvailableEncryption(password.encode()) if password else NoEncryption()
    return pkcs12.serialize_key_and_certificates(b"moffice", key, certificate, list(chain) or None, encryption)
