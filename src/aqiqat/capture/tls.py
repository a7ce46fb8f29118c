"""The TLS certificate an https site presents: its SHA-256 fingerprint, subject, issuer and validity.

Read by a TLS handshake of its own right after the capture (the browser does not expose the certificate's
bytes); verification is off on purpose: a self-signed or expired certificate is recorded, not refused.
"""

from __future__ import annotations

import hashlib
import socket
import ssl
from typing import Any
from urllib.parse import urlsplit


def certificate(url: str, timeout: float = 10.0) -> dict[str, Any] | None:
    """The certificate's fingerprint and names for an https URL; None for http; {"error": …} on failure."""
    parts = urlsplit(url)
    if parts.scheme != "https" or not parts.hostname:
        return None
    context = ssl.create_default_context()
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    try:
        with socket.create_connection((parts.hostname, parts.port or 443), timeout=timeout) as sock, \
                context.wrap_socket(sock, server_hostname=parts.hostname) as tls:
            der = tls.getpeercert(binary_form=True)
            version = tls.version()
    except (OSError, ssl.SSLError) as exc:
        return {"error": " ".join(str(exc).split())[:200]}
    if not der:
        return {"error": "no certificate presented"}
    out: dict[str, Any] = {"sha256_fingerprint": hashlib.sha256(der).hexdigest(), "protocol": version}
    try:
        from cryptography import x509

        cert = x509.load_der_x509_certificate(der)
        out.update(subject=cert.subject.rfc4514_string(), issuer=cert.issuer.rfc4514_string(),
                   not_before=cert.not_valid_before_utc.isoformat(), not_after=cert.not_valid_after_utc.isoformat())
    except ValueError:
        pass
    return out
