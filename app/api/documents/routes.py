"""Printable documents (PDF): a child's file summary, the entrusted-care confirmation, and
volunteers' service records with a public check of their verification code."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any
from zoneinfo import ZoneInfo

from flask import current_app, g, request, url_for
from flask.views import MethodView

from app.api.base import Blueprint, current_actor
from app.api.documents.schemas import (
    CertificateCreateSchema,
    CertificateSchema,
    VerificationSchema,
)
from app.api.files import file_response
from app.db import utcnow
from app.models import Role, ServiceCertificate
from app.services import documents
from app.services.pdf import PDF_TYPE

blp = Blueprint(
    "documents",
    __name__,
    url_prefix="/documents",
    description="Printable documents (PDF) and the public check of service records",
)
CHILD = "<int(min=1, max=2147483647):child_id>"
CERT = "<int(min=1, max=2147483647):certificate_id>"
_PDF = {
    "200": {
        "description": "The document",
        "content": {PDF_TYPE: {"schema": {"type": "string", "format": "binary"}}},
    }
}
DEFAULT_ISSUER = "同行儿童关爱服务平台"


def _tz() -> ZoneInfo:
    return ZoneInfo(current_app.config.get("TIMEZONE", "Asia/Shanghai"))


def _verify_url(code: str) -> str:
    base = (current_app.config.get("PUBLIC_URL") or request.host_url).rstrip("/")
    return base + url_for("documents.Verify", code=code)


def _certificate(certificate: ServiceCertificate) -> dict[str, Any]:
    view = {c.key: getattr(certificate, c.key) for c in ServiceCertificate.__table__.columns}
    view["verify_url"] = _verify_url(certificate.code)
    view["pdf_url"] = url_for("documents.CertificatePdf", certificate_id=certificate.id)
    return view


@blp.route(f"/children/{CHILD}/file-summary")
class FileSummary(MethodView):
    @blp.access(Role.coordinator)
    @blp.response(200, content_type=PDF_TYPE)
    @blp.doc(responses=_PDF)
    @blp.alt_response(404, description="No such child of your area")
    def get(self, child_id: int) -> Any:
        """A child's file summary (一人一档) to print; audited as a read of the file"""
        content = documents.file_summary(
            child_id, actor=current_actor(), session=g.db, now=utcnow(), tz=_tz()
        )
        return file_response(content, PDF_TYPE, f"file-summary-{child_id}.pdf", inline=True)


@blp.route(f"/children/{CHILD}/entrusted-care")
class EntrustedCare(MethodView):
    @blp.access(Role.coordinator)
    @blp.response(200, content_type=PDF_TYPE)
    @blp.doc(responses=_PDF)
    @blp.alt_response(404, description="No such child of your area")
    def get(self, child_id: int) -> Any:
        """The entrusted-care confirmation (委托照护确认书) filled in from the file, to sign;
        audited as a read of the file"""
        content = documents.entrusted_care(
            child_id, actor=current_actor(), session=g.db, now=utcnow(), tz=_tz()
        )
        return file_response(content, PDF_TYPE, f"entrusted-care-{child_id}.pdf", inline=True)


@blp.route("/service-certificates")
class Certificates(MethodView):
    @blp.access(Role.coordinator, Role.volunteer)
    @blp.arguments(CertificateCreateSchema)
    @blp.response(201, CertificateSchema)
    @blp.alt_response(404, description="No such volunteer of your area")
    @blp.alt_response(422, description="A period that is not over, or ends before it starts")
    def post(self, data: dict[str, Any]) -> dict[str, Any]:
        """Issue a service record (志愿服务记录证明) of confirmed hours in a period:
        coordinators for volunteers of their area, volunteers for themselves"""
        tz = _tz()
        certificate = documents.issue_certificate(
            actor=current_actor(),
            session=g.db,
            issuer=current_app.config.get("CERTIFICATE_ISSUER") or DEFAULT_ISSUER,
            tz=tz,
            today=utcnow().astimezone(tz).date(),
            **data,
        )
        return _certificate(certificate)


@blp.route(f"/service-certificates/{CERT}")
class CertificateById(MethodView):
    @blp.access(Role.coordinator, Role.volunteer)
    @blp.response(200, CertificateSchema)
    @blp.alt_response(404, description="No such certificate of yours")
    def get(self, certificate_id: int) -> dict[str, Any]:
        """A service record as issued"""
        return _certificate(
            documents.get_certificate(certificate_id, actor=current_actor(), session=g.db)
        )


@blp.route(f"/service-certificates/{CERT}/pdf")
class CertificatePdf(MethodView):
    @blp.access(Role.coordinator, Role.volunteer)
    @blp.response(200, content_type=PDF_TYPE)
    @blp.doc(responses=_PDF)
    @blp.alt_response(404, description="No such certificate of yours")
    def get(self, certificate_id: int) -> Any:
        """The service record to print, with its verification code and QR code"""
        certificate = documents.get_certificate(certificate_id, actor=current_actor(), session=g.db)
        content = documents.certificate_pdf(
            certificate, session=g.db, verify_url=_verify_url(certificate.code), tz=_tz()
        )
        return file_response(content, PDF_TYPE, f"service-record-{certificate.code}.pdf")


@blp.route("/verify/<string(length=12):code>")
class Verify(MethodView):
    @blp.access(public=True)
    @blp.response(200, VerificationSchema)
    @blp.alt_response(404, description="No certificate has this code")
    def get(self, code: str) -> dict[str, Any]:
        """Check a service record by its code: hours, period and organisation, nothing
        personal"""
        return asdict(documents.verify(code, session=g.db, tz=_tz()))
