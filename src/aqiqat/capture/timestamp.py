"""RFC 3161 trusted timestamps (rfc3161-client): asked of a configurable TSA over a capture's SHA-256.

The TSA signs the SHA-256 of the captured bytes and the time; the token (its DER reply) is kept with the
capture. Checking it needs the TSA's root certificate(s) (PEM): the chain from the signing certificate to a
root is verified, the digest must be the stored bytes' and the nonce the one asked with.
"""

from __future__ import annotations

import urllib.error
import urllib.request
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from aqiqat.capture.errors import CaptureError

MAX_REPLY = 1024 * 1024


@dataclass(frozen=True, slots=True)
class Timestamp:
    token: bytes  # the TSA's DER reply (TimeStampResp), as received
    time: datetime  # the TSA's genTime (UTC)
    serial: int
    tsa: str  # the signer's subject, as the token names it
    nonce: int


def request_timestamp(tsa_url: str, data: bytes, timeout: float = 20.0) -> Timestamp:
    """Ask the TSA to timestamp SHA-256(data); CaptureError (one line) when it does not answer with a
    granted, well-formed token over that digest."""
    from rfc3161_client import HashAlgorithm, TimestampRequestBuilder, decode_timestamp_response

    req = TimestampRequestBuilder(nonce=True, cert_req=True).data(data).hash_algorithm(HashAlgorithm.SHA256).build()
    nonce = int(req.nonce) if req.nonce is not None else 0
    http = urllib.request.Request(tsa_url, data=req.as_bytes(), method="POST",
                                  headers={"Content-Type": "application/timestamp-query"})
    try:
        with urllib.request.urlopen(http, timeout=timeout) as reply:  # noqa: S310 - the TSA the user configured
            body = reply.read(MAX_REPLY + 1)
    except urllib.error.HTTPError as exc:
        raise CaptureError(f"timestamp authority {tsa_url}: HTTP {exc.code} {exc.reason}") from None
    except (urllib.error.URLError, OSError) as exc:
        reason = getattr(exc, "reason", exc)
        raise CaptureError(f"timestamp authority {tsa_url}: no answer ({reason})") from None
    if len(body) > MAX_REPLY:
        raise CaptureError(f"timestamp authority {tsa_url}: the answer is larger than 1 MB")
    try:
        resp = decode_timestamp_response(body)
    except Exception:  # noqa: BLE001 - the parser raises its own types for garbage
        raise CaptureError(f"timestamp authority {tsa_url}: the answer is not an RFC 3161 timestamp") from None
    return _checked(resp, body, data, nonce, tsa_url)


def _checked(resp: object, body: bytes, data: bytes, nonce: int, where: str) -> Timestamp:
    import hashlib

    from rfc3161_client import PKIStatus

    status = getattr(resp, "status", None)
    if status is None or PKIStatus(status) not in (PKIStatus.GRANTED, PKIStatus.GRANTED_WITH_MODS):
        raise CaptureError(f"timestamp authority {where}: the request was refused (status {status})")
    info = resp.tst_info  # type: ignore[attr-defined]
    if info.message_imprint.message != hashlib.sha256(data).digest():
        raise CaptureError(f"timestamp authority {where}: the token is over other bytes")
    if info.nonce != nonce:
        raise CaptureError(f"timestamp authority {where}: the token answers another request (nonce)")
    return Timestamp(token=body, time=info.gen_time.replace(tzinfo=None), serial=int(info.serial_number),
                     tsa=_signer(resp), nonce=nonce)


def _signer(resp: object) -> str:
    from cryptography import x509

    certs = getattr(resp.signed_data, "certificates", [])  # type: ignore[attr-defined]
    if not certs:
        return ""
    return x509.load_der_x509_certificate(next(iter(certs))).subject.rfc4514_string()


def verify_timestamp(token: bytes, data: bytes, roots_pem: Path) -> Timestamp:
    """Check a stored token against the bytes and the TSA's root certificate(s); CaptureError when it fails."""
    from cryptography import x509
    from rfc3161_client import VerificationError, VerifierBuilder, decode_timestamp_response

    try:
        resp = decode_timestamp_response(token)
    except Exception:  # noqa: BLE001
        raise CaptureError("the stored timestamp token cannot be read") from None
    try:
        roots = x509.load_pem_x509_certificates(roots_pem.read_bytes())
    except (OSError, ValueError) as exc:
        raise CaptureError(f"{roots_pem}: no root certificate to check timestamps with ({exc})") from None
    builder = VerifierBuilder(nonce=resp.tst_info.nonce)
    for root in roots:
        builder = builder.add_root_certificate(root)
    try:
        builder.build().verify_message(resp, data)
    except (VerificationError, ValueError) as exc:
        raise CaptureError(f"the timestamp does not verify: {exc}") from None
    return _checked(resp, token, data, resp.tst_info.nonce, "token")
