"""Match runs, the proposals they make, coordinator decisions and pairings."""

from __future__ import annotations

from flask import current_app, g, url_for
from flask.views import MethodView

from app.api.base import Blueprint, current_actor
from app.api.matching.schemas import (
    ChangeSchema,
    DecisionsResultSchema,
    DecisionsSchema,
    MatchRunCreateSchema,
    MatchRunQueryArgs,
    MatchRunSchema,
    PairingQueryArgs,
    PairingSchema,
    ProposalEtagSchema,
    ProposalQueryArgs,
    ProposalSchema,
    RejectSchema,
    UnservedQueryArgs,
    UnservedSchema,
)
from app.api.pagination import RowPage, SelectPage
from app.models import MatchRun, Role, RunTrigger
from app.services import match_runs, pairings
from app.tasks import enqueue_run

runs_blp = Blueprint(
    "match_runs",
    __name__,
    url_prefix="/match-runs",
    description="Match runs: the engine's weekly (or on demand) proposals",
)
proposals_blp = Blueprint(
    "proposals",
    __name__,
    url_prefix="/proposals",
    description="Proposed pairings and coordinators' decisions",
)
pairings_blp = Blueprint(
    "pairings",
    __name__,
    url_prefix="/pairings",
    description="Approved pairings and the provider's answer",
)
STAFF = (Role.coordinator, Role.admin)
PROVIDERS = (Role.volunteer, Role.agency_staff, Role.donor)
ID = "<int(min=1, max=2147483647):{}>"


def _visible_run(run_id: int) -> MatchRun:
    return match_runs.get_run(run_id, actor=current_actor(), session=g.db)


@runs_blp.route("/")
class MatchRuns(MethodView):
    @runs_blp.access(*STAFF)
    @runs_blp.arguments(MatchRunQueryArgs, location="query")
    @runs_blp.response(200, MatchRunSchema(many=True))
    @runs_blp.paginate(SelectPage)
    def get(self, args):
        """Runs of your regions, newest first"""
        return match_runs.search_runs(actor=current_actor(), **args)

    @runs_blp.access(*STAFF)
    @runs_blp.arguments(MatchRunCreateSchema)
    @runs_blp.response(202, MatchRunSchema)
    @runs_blp.alt_response(
        409, description="A run of this region (or over it) is queued or running: `run_id`"
    )
    def post(self, data):
        """Queue a match run for a region of yours now (the weekly run does the same); a
        worker runs it; follow its `Location` for the stage and progress"""
        actor = current_actor()
        region = match_runs.check_region_for(actor, data["region_code"], session=g.db)
        parameters = {
            "time_limit_s": data.get("time_limit_s", current_app.config["MATCH_TIME_LIMIT_S"]),
            "seed": data["seed"],
        }
        run = match_runs.create_run(
            region.code,
            session=g.db,
            trigger=RunTrigger.api,
            started_by=actor.id,
            parameters=parameters,
        )
        assert run is not None
        g.db.commit()  # the worker reads the run from the database
        enqueue_run(run.id)
        g.db.refresh(run)
        location = url_for("match_runs.MatchRunById", run_id=run.id)
        return run, 202, {"Location": location}


@runs_blp.route(f"/{ID.format('run_id')}")
class MatchRunById(MethodView):
    @runs_blp.access(*STAFF)
    @runs_blp.response(200, MatchRunSchema)
    @runs_blp.alt_response(404, description="No such run of your regions")
    def get(self, run_id: int):
        """A run: parameters, stage timings, engine status and figures"""
        return _visible_run(run_id)


@runs_blp.route(f"/{ID.format('run_id')}/changes")
class MatchRunChanges(MethodView):
    @runs_blp.access(*STAFF)
    @runs_blp.response(200, ChangeSchema(many=True))
    @runs_blp.paginate(RowPage)
    @runs_blp.alt_response(404, description="No such run of your regions")
    def get(self, run_id: int):
        """What changed since the previous run: proposals new, kept, and gone with why"""
        return match_runs.changes(_visible_run(run_id))


@runs_blp.route(f"/{ID.format('run_id')}/unserved")
class MatchRunUnserved(MethodView):
    @runs_blp.access(*STAFF)
    @runs_blp.arguments(UnservedQueryArgs, location="query")
    @runs_blp.response(200, UnservedSchema(many=True))
    @runs_blp.paginate(RowPage)
    @runs_blp.alt_response(404, description="No such run of your regions")
    def get(self, args, run_id: int):
        """The needs the run left open, each with the binding reason"""
        return match_runs.unserved(_visible_run(run_id), **args)


@proposals_blp.route("/")
class Proposals(MethodView):
    @proposals_blp.access(*STAFF)
    @proposals_blp.arguments(ProposalQueryArgs, location="query")
    @proposals_blp.response(200, ProposalSchema(many=True))
    @proposals_blp.paginate(SelectPage)
    def get(self, args):
        """Proposals of your area, highest priority first, each with its explanation"""
        return pairings.search_proposals(actor=current_actor(), session=g.db, **args)


@proposals_blp.route("/decisions")
class Decisions(MethodView):
    @proposals_blp.access(Role.coordinator)
    @proposals_blp.arguments(DecisionsSchema)
    @proposals_blp.response(200, DecisionsResultSchema)
    @proposals_blp.alt_response(404, description="A proposal is not in your area")
    @proposals_blp.alt_response(409, description="A proposal is stale; nothing was decided")
    @proposals_blp.alt_response(412, description="A proposal changed since it was read")
    def post(self, data):
        """Approve and reject many proposals at once (all or nothing; each item names the
        version it decides on); parts of one need may be approved together"""
        return pairings.decide_many(
            data["approve"], data["reject"], actor=current_actor(), session=g.db
        )


@proposals_blp.route(f"/{ID.format('proposal_id')}")
class ProposalById(MethodView):
    @proposals_blp.access(*STAFF)
    @proposals_blp.etag
    @proposals_blp.response(200, ProposalSchema)
    @proposals_blp.alt_response(404, description="No such proposal in your area")
    def get(self, proposal_id: int):
        """One proposal with why it was made"""
        proposal = pairings.get_proposal(proposal_id, actor=current_actor(), session=g.db)
        proposals_blp.set_etag(proposal, ProposalEtagSchema)
        return proposal


@proposals_blp.route(f"/{ID.format('proposal_id')}/approval")
class Approval(MethodView):
    @proposals_blp.access(Role.coordinator)
    @proposals_blp.etag
    @proposals_blp.response(201, PairingSchema)
    @proposals_blp.alt_response(404, description="No such proposal in your area")
    @proposals_blp.alt_response(409, description="The proposal is stale (the reason says why)")
    @proposals_blp.alt_response(428, description="If-Match missing")
    def post(self, proposal_id: int):
        """Approve a proposal (If-Match: the proposal's ETag); it becomes a pairing"""
        actor = current_actor()
        proposal = pairings.get_proposal(proposal_id, actor=actor, session=g.db)
        proposals_blp.check_etag(proposal, ProposalEtagSchema)
        return pairings.approve(proposal, actor=actor, session=g.db)


@proposals_blp.route(f"/{ID.format('proposal_id')}/rejection")
class Rejection(MethodView):
    @proposals_blp.access(Role.coordinator)
    @proposals_blp.etag
    @proposals_blp.arguments(RejectSchema)
    @proposals_blp.response(200, ProposalSchema)
    @proposals_blp.alt_response(404, description="No such proposal in your area")
    @proposals_blp.alt_response(409, description="No longer pending")
    def post(self, data, proposal_id: int):
        """Reject a proposal with a reason (If-Match: its ETag); the pair is not proposed again"""
        actor = current_actor()
        proposal = pairings.get_proposal(proposal_id, actor=actor, session=g.db)
        proposals_blp.check_etag(proposal, ProposalEtagSchema)
        return pairings.reject(proposal, data["reason"], actor=actor, session=g.db)


@pairings_blp.route("/")
class Pairings(MethodView):
    @pairings_blp.access()
    @pairings_blp.arguments(PairingQueryArgs, location="query")
    @pairings_blp.response(200, PairingSchema(many=True))
    @pairings_blp.paginate(SelectPage)
    def get(self, args):
        """Pairings: coordinators those of their area; providers their own"""
        return pairings.search_pairings(actor=current_actor(), session=g.db, **args)


@pairings_blp.route(f"/{ID.format('pairing_id')}")
class PairingById(MethodView):
    @pairings_blp.access()
    @pairings_blp.response(200, PairingSchema)
    @pairings_blp.alt_response(404, description="No such pairing of yours")
    def get(self, pairing_id: int):
        """One pairing"""
        return pairings.get_pairing(pairing_id, actor=current_actor(), session=g.db)


@pairings_blp.route(f"/{ID.format('pairing_id')}/acceptance")
class Acceptance(MethodView):
    @pairings_blp.access(*PROVIDERS)
    @pairings_blp.response(200, PairingSchema)
    @pairings_blp.alt_response(404, description="No such pairing of yours")
    @pairings_blp.alt_response(409, description="Not awaiting your answer")
    def post(self, pairing_id: int):
        """Accept an approved pairing"""
        actor = current_actor()
        pairing = pairings.get_pairing(pairing_id, actor=actor, session=g.db)
        return pairings.accept(pairing, actor=actor, session=g.db)


@pairings_blp.route(f"/{ID.format('pairing_id')}/declination")
class Declination(MethodView):
    @pairings_blp.access(*PROVIDERS)
    @pairings_blp.arguments(RejectSchema)
    @pairings_blp.response(200, PairingSchema)
    @pairings_blp.alt_response(404, description="No such pairing of yours")
    @pairings_blp.alt_response(409, description="Not awaiting your answer")
    def post(self, data, pairing_id: int):
        """Decline an approved pairing; the need reopens and the pair is not proposed again"""
        actor = current_actor()
        pairing = pairings.get_pairing(pairing_id, actor=actor, session=g.db)
        return pairings.decline(pairing, data["reason"], actor=actor, session=g.db)


@pairings_blp.route(f"/{ID.format('pairing_id')}/end")
class End(MethodView):
    @pairings_blp.access(Role.coordinator, *PROVIDERS)
    @pairings_blp.arguments(RejectSchema)
    @pairings_blp.response(200, PairingSchema)
    @pairings_blp.alt_response(404, description="No such pairing of yours")
    @pairings_blp.alt_response(409, description="Already ended")
    def post(self, data, pairing_id: int):
        """End a pairing with a reason (coordinator or provider); the need reopens"""
        actor = current_actor()
        pairing = pairings.get_pairing(pairing_id, actor=actor, session=g.db)
        return pairings.end(pairing, data["reason"], actor=actor, session=g.db)


@pairings_blp.route(f"/{ID.format('pairing_id')}/delivery")
class Delivery(MethodView):
    @pairings_blp.access(Role.donor)
    @pairings_blp.response(200, PairingSchema)
    @pairings_blp.alt_response(404, description="No such pairing of yours")
    @pairings_blp.alt_response(409, description="Not an accepted gift of goods")
    def post(self, pairing_id: int):
        """Confirm that the goods were handed over and signed for (签收); the pairing ends as
        delivered and the need is fulfilled once every part of it is"""
        actor = current_actor()
        pairing = pairings.get_pairing(pairing_id, actor=actor, session=g.db)
        return pairings.confirm_delivery(pairing, actor=actor, session=g.db)
