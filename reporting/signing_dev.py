"""A development certificate for signing packs, made on first use: never for production.

Without PACK_SIGNING_CERT and PACK_SIGNING_KEY, and only where PACK_SIGNING_DEV allows it (DEBUG
and the tests), `reporting.signing` asks for this: a self-signed root ("development root") and a
signing certificate it issued, written as PEM files into PACK_SIGNING_DEV_DIR (outside the
repository's tracked files: `.pack-signing-dev/` is ignored; the tests use a temporary folder).
The private key is written unencrypted with mode 0600: it signs nothing anyone should trust.

Several processes (gunicorn's workers, Celery) may ask at once, so making it holds a file lock
and the files are written whole before they are renamed into place.
"""

import datetime
import fcntl
import os
from pathlib import Path

ROOT_FILE = "root.pem"
CERT_FILE = "signing-cert.pem"
KEY_FILE = "signing-key.pem"
DEV_NAME = "Prevent Compliance development"
DEV_DAYS = 825


def _name(common_name: str):
    from cryptography import x509
    from cryptography.x509.oid import NameOID

    return x509.Name(
        [
            x509.NameAttribute(NameOID.COUNTRY_NAME, "GB"),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, f"{DEV_NAME} (not for production)"),
            x509.NameAttribute(NameOID.COMMON_NAME, common_name),
        ]
    )


def _certificate(subject, issuer, public_key, issuer_key, *, ca: bool):
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes

    now = datetime.datetime.now(datetime.UTC)
    builder = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(issuer)
        .public_key(public_key)
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(days=1))
        .not_valid_after(now + datetime.timedelta(days=DEV_DAYS))
        .add_extension(x509.BasicConstraints(ca=ca, path_length=0 if ca else None), critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(public_key), critical=False)
        .add_extension(
            x509.KeyUsage(
                digital_signature=not ca,
                content_commitment=not ca,  # "non-repudiation": what document signing asks for
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=ca,
                crl_sign=ca,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
    )
    return builder.sign(issuer_key, hashes.SHA256())


def _write(folder: Path, name: str, data: bytes, mode: int = 0o644) -> None:
    partial = folder / f".{name}.partial"
    descriptor = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, mode)
    with os.fdopen(descriptor, "wb") as handle:
        handle.write(data)
    os.replace(partial, folder / name)


def _make(folder: Path) -> None:
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import rsa

    root_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    root_name = _name(f"{DEV_NAME} root")
    root = _certificate(root_name, root_name, root_key.public_key(), root_key, ca=True)
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    cert = _certificate(
        _name(f"{DEV_NAME} evidence pack signing"), root_name, key.public_key(), root_key, ca=False
    )
    pem = serialization.Encoding.PEM
    key_pem = key.private_bytes(
        pem, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    # The key first: the certificate's presence is what says the set is complete.
    _write(folder, KEY_FILE, key_pem, mode=0o600)
    _write(folder, ROOT_FILE, root.public_bytes(pem))
    _write(folder, CERT_FILE, cert.public_bytes(pem))


def dev_certificate_files(folder: str | Path) -> dict[str, Path]:
    """The development root, signing certificate and key in `folder`, made if missing."""
    folder = Path(folder)
    files = {"root": folder / ROOT_FILE, "cert": folder / CERT_FILE, "key": folder / KEY_FILE}
    if all(path.exists() for path in files.values()):
        return files
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    with open(folder / ".lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not all(path.exists() for path in files.values()):
            _make(folder)
    return files
