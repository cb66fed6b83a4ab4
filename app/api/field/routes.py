"""The volunteer's phone: pairings, one-request sync, visits, hours, notifications, and
urgent reports; coordinators' overdue list and hours roll."""

from __future__ import annotations

from typing import Any

from flask import g, url_for
from flask.views import MethodView

from app.api.base import Blueprint, current_actor
from app.api.field.schemas import (
    FieldPairingSchema,
    HoursDecisionSchema,
    MyHoursSchema,
    NotificationArgs,
    NotificationSchema,
    OverdueArgs,
    ReportCreateSchema,
    ReportEventCreateSchema,
    ReportEventSchema,
    ReportSchema,
    RhythmSchema,
    RollEntrySchema,
    SinceArgs,
    SyncSchema,
    VisitCreateSchema,
    VisitEditSchema,
    VisitQueryArgs,
    VisitSchema,
    notification_json,
)
from app.api.idempotency import PARAMETER, idempotent
from app.api.pagination import Mapped, MappedPage, SelectPage, page_of
from app.db import utcnow
from app.models import Role
from app.services import field as service
from app.services import notify

me_blp = Blueprint("me", __name__, url_prefix="/me", description="The signed-in user's feeds")
visits_blp = Blueprint(
    "visits",
    __name__,
    url_prefix="/visits",
    description="Visits and contacts (走访记录) and service hours",
)
schedule_blp = Blueprint(
    "visit_schedule",
    __name__,
    url_prefix="/visit-schedule",
    description="The visit rhythm set by each child's risk level",
)
reports_blp = Blueprint(
    "urgent_reports",
    __name__,
    url_prefix="/urgent-reports",
    description="Urgent reports (强制报告) of children in danger",
)
PROVIDERS = (Role.volunteer, Role.agency_staff, Role.donor)
LOCATION = {
    "Location": {"description": "The new resource", "schema": {"type": "string"}},
}
VISIT_ID = "<string(length=36):visit_id>"
REPORT_ID = "<int(min=1, max=2147483647):report_id>"


# What a replayed POST answers: the resource as it is now, read with the caller's access.
def _visit_again(visit_id: str) -> Any:
    return VisitSchema().dump(service.get_visit(visit_id, actor=current_actor(), session=g.db))


def _report_again(report_id: str) -> Any:
    report = service.get_report(int(report_id), actor=current_actor(), session=g.db)
    return ReportSchema().dump(report)


def _event_again(event_id: str) -> Any:
    event = service.get_report_event(int(event_id), actor=current_actor(), session=g.db)
    return ReportEventSchema().dump(event)


@me_blp.route("/pairings")
class MyPairings(MethodView):
    @me_blp.access(*PROVIDERS)
    @me_blp.etag
    @me_blp.response(200, FieldPairingSchema(many=True))
    def get(self):
        """Your pairings: awaiting your answer, active (with what a visit needs), ended"""
        return service.provider_pairings(actor=current_actor(), session=g.db)


@me_blp.route("/sync")
class Sync(MethodView):
    @me_blp.access(*PROVIDERS)
    @me_blp.etag
    @me_blp.arguments(SinceArgs, location="query")
    @me_blp.response(200, SyncSchema)
    def get(self, args):
        """Everything that changed since your watermark, in one small response"""
        actor = current_actor()
        watermark = utcnow()
        since = args.get("since")
        views = service.provider_pairings(actor=actor, session=g.db, since=since)
        removed = service.removed_since(views) if since else []
        inbox = service.sync_inbox(actor.id, since=since, session=g.db)
        return {
            "watermark": watermark,
            "pairings": [v for v in views if v.id not in removed],
            "removed_pairings": removed,
            "notifications": [notification_json(n) for n in inbox],
        }


@me_blp.route("/hours")
class MyHours(MethodView):
    @me_blp.access(Role.volunteer, Role.agency_staff)
    @me_blp.response(200, MyHoursSchema)
    def get(self):
        """Your confirmed and pending service hours, and your star level"""
        actor = current_actor()
        totals = service.hours_of([actor.id], session=g.db)[actor.id]
        return {**totals, "stars": service.star_level(totals["confirmed"])}


@me_blp.route("/notifications")
class MyNotifications(MethodView):
    @me_blp.access()
    @me_blp.arguments(NotificationArgs, location="query")
    @me_blp.response(200, NotificationSchema(many=True))
    @me_blp.paginate(SelectPage)
    def get(self, args):
        """Your in-app inbox (ids and codes to open, never personal data)"""
        return notify.inbox(current_actor().id, **args)


@me_blp.route("/notifications/<int(min=1, max=2147483647):notification_id>/read")
class NotificationRead(MethodView):
    @me_blp.access()
    @me_blp.response(200, NotificationSchema)
    @me_blp.alt_response(404, description="No such notification of yours")
    def post(self, notification_id: int):
        """Mark a notification read"""
        return notify.mark_read(current_actor().id, notification_id, session=g.db)


@visits_blp.route("/")
class Visits(MethodView):
    @visits_blp.access(Role.volunteer, Role.agency_staff, Role.coordinator, Role.admin)
    @visits_blp.arguments(VisitQueryArgs, location="query")
    @visits_blp.response(200, VisitSchema(many=True))
    @visits_blp.paginate()
    def get(self, args, pagination_parameters):
        """Visits: your own; coordinators those of their area"""
        stmt = service.search_visits(actor=current_actor(), session=g.db, **args)
        return page_of(stmt, pagination_parameters)

    @visits_blp.access(Role.volunteer, Role.agency_staff, Role.coordinator)
    @visits_blp.doc(parameters=[PARAMETER])
    @idempotent(_visit_again)
    @visits_blp.arguments(VisitCreateSchema)
    @visits_blp.response(201, VisitSchema, headers=LOCATION)
    @visits_blp.alt_response(404, description="No such pairing or child of yours")
    @visits_blp.alt_response(409, description="The pairing is not active, or the id is taken")
    def post(self, data):
        """Record a visit or contact; it goes into the child's file"""
        visit = service.create_visit(data, actor=current_actor(), session=g.db)
        return visit, 201, {"Location": url_for("visits.VisitById", visit_id=visit.id)}


@visits_blp.route(f"/{VISIT_ID}")
class VisitById(MethodView):
    @visits_blp.access(Role.volunteer, Role.agency_staff, Role.coordinator, Role.admin)
    @visits_blp.etag
    @visits_blp.response(200, VisitSchema)
    @visits_blp.alt_response(404, description="No such visit of yours")
    def get(self, visit_id: str):
        """One visit"""
        return service.get_visit(visit_id, actor=current_actor(), session=g.db)

    @visits_blp.access(Role.volunteer, Role.agency_staff, Role.coordinator)
    @visits_blp.etag
    @visits_blp.arguments(VisitEditSchema)
    @visits_blp.response(200, VisitSchema)
    @visits_blp.alt_response(404, description="No such visit of yours")
    @visits_blp.alt_response(409, description="Closed, or its hours decided: add a correction")
    def patch(self, data, visit_id: str):
        """Edit your visit within the edit window, until its hours are decided; If-Match"""
        actor = current_actor()
        visit = service.get_visit(visit_id, actor=actor, session=g.db)
        visits_blp.check_etag(visit, VisitSchema)
        return service.edit_visit(visit, data, actor=actor, session=g.db)


@visits_blp.route(f"/{VISIT_ID}/hours")
class VisitHours(MethodView):
    @visits_blp.access(Role.coordinator, Role.agency_staff)
    @visits_blp.etag
    @visits_blp.arguments(HoursDecisionSchema)
    @visits_blp.response(200, VisitSchema)
    @visits_blp.alt_response(404, description="No such visit in your area")
    def put(self, data, visit_id: str):
        """Confirm or reject the service hours of a visit (服务登记); If-Match: its ETag"""
        actor = current_actor()
        visit = service.get_visit(visit_id, actor=actor, session=g.db)
        visits_blp.check_etag(visit, VisitSchema)
        return service.decide_hours(visit, data["decision"], actor=actor, session=g.db)


@visits_blp.route("/roll")
class HoursRoll(MethodView):
    @visits_blp.access(Role.coordinator, Role.admin)
    @visits_blp.response(200, RollEntrySchema(many=True))
    @visits_blp.paginate(MappedPage)
    def get(self):
        """The area's volunteers with confirmed and pending hours and star levels"""
        return Mapped(
            service.roll(actor=current_actor()),
            lambda rows: service.roll_entries(rows, session=g.db),
        )


@schedule_blp.route("/overdue")
class Overdue(MethodView):
    @schedule_blp.access(Role.coordinator, Role.admin)
    @schedule_blp.arguments(OverdueArgs, location="query")
    @schedule_blp.response(200, RhythmSchema(many=True))
    @schedule_blp.paginate(MappedPage)
    def get(self, args):
        """Children of your area whose visit or contact is overdue (004 item 4), highest
        risk first, then the longest unseen; with each child's village and name (for the
        child's coordinators; a listing of names is audited) and the last reminder sent"""
        today = utcnow().date()
        ids = service.overdue(actor=current_actor(), session=g.db, today=today, **args)

        def rhythms(rows: list) -> list:  # type: ignore[type-arg]
            actor = current_actor()
            return service.overdue_rows([r.id for r in rows], actor=actor, session=g.db)

        return Mapped(ids, rhythms)


@reports_blp.route("/")
class Reports(MethodView):
    @reports_blp.access()
    @reports_blp.arguments(SinceArgs, location="query")
    @reports_blp.response(200, ReportSchema(many=True))
    @reports_blp.paginate(SelectPage)
    def get(self, args):
        """Reports you filed; coordinators also those of their area"""
        return service.search_reports(actor=current_actor(), **args)

    @reports_blp.access()
    @reports_blp.doc(parameters=[PARAMETER])
    @idempotent(_report_again)
    @reports_blp.arguments(ReportCreateSchema)
    @reports_blp.response(201, ReportSchema, headers=LOCATION)
    def post(self, data):
        """Report a child in danger: every coordinator of the area is alerted at once"""
        report = service.file_report(data, actor=current_actor(), session=g.db)
        return report, 201, {"Location": url_for("urgent_reports.ReportById", report_id=report.id)}


@reports_blp.route(f"/{REPORT_ID}")
class ReportById(MethodView):
    @reports_blp.access()
    @reports_blp.response(200, ReportSchema)
    @reports_blp.alt_response(404, description="No such report visible to you")
    def get(self, report_id: int):
        """A report and everything added to it"""
        return service.get_report(report_id, actor=current_actor(), session=g.db)


@reports_blp.route(f"/{REPORT_ID}/events")
class ReportEvents(MethodView):
    @reports_blp.access()
    @reports_blp.doc(parameters=[PARAMETER])
    @idempotent(_event_again)
    @reports_blp.arguments(ReportEventCreateSchema)
    @reports_blp.response(201, ReportEventSchema)
    @reports_blp.alt_response(404, description="No such report visible to you")
    @reports_blp.alt_response(409, description="Not a step the report can take")
    def post(self, data, report_id: int):
        """Add to a report: a note, or (coordinators) handling and the outcome"""
        actor = current_actor()
        report = service.get_report(report_id, actor=actor, session=g.db)
        return service.add_to_report(report, data, actor=actor, session=g.db)
