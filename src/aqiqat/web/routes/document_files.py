"""A document's stored file, for the document page: a capture's screenshot, a scan beside its OCR text.

Read through the service layer (a restricted file is opened only for the cleared; for anyone else it does not
exist). Pictures and PDFs are shown inline; anything else is a download, never rendered by the browser.
"""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import Response

from aqiqat.api.documents import get_document
from aqiqat.api.errors import NotFound
from aqiqat.api.integrity import read_document_file
from aqiqat.web.deps import PrincipalDep, RegisterDep

router = APIRouter(include_in_schema=False)
INLINE = ("image/png", "image/jpeg", "image/gif", "image/webp", "image/tiff", "application/pdf")


@router.get("/documents/{ref}/file")
def document_file(reg: RegisterDep, principal: PrincipalDep, ref: str) -> Response:
    doc = get_document(reg, principal, ref)
    if doc.get("redacted"):
        raise NotFound(f"no document {ref!r}")
    data = read_document_file(reg, principal, doc["id"])
    media = str(doc.get("media_type") or "")
    inline = media in INLINE
    return Response(data, media_type=media if inline else "application/octet-stream", headers={
        "Content-Disposition": f"{'inline' if inline else 'attachment'}; filename=document-{doc['id']}",
        "Content-Security-Policy": "sandbox; default-src 'none'",
        "X-Content-Type-Options": "nosniff",
        "Cache-Control": "private, no-store",
    })
