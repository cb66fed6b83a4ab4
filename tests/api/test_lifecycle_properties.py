"""Random legal lifecycles of needs, proposals and pairings, driven through the services,
with a match run after every step: the run always succeeds, the engine's validator holds,
no provider is promised beyond its capacity, and a need is matched exactly when approved
pairings cover its whole load."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    initialize,
    invariant,
    precondition,
    rule,
    run_state_machine_as_test,
)
from sqlalchemy import func, select

from app import matching as engine
from app.errors import TongxingError
from app.extensions import db
from app.models import (
    LIVE_PAIRINGS,
    Need,
    NeedStatus,
    OrgMember,
    Pairing,
    PairingStatus,
    Proposal,
    ProposalStatus,
    Role,
    RunStatus,
    RunTrigger,
    User,
)
from app.services import children, match_runs, needs, pairings
from app.services.match_read import need_key, provider_key, resource_capacity
from app.services.match_runs import RunSettings
from app.services.priority import PriorityPolicy
from app.services.users import Actor
from tests.api.builders import World
from tests.conftest import JINJIANG

SETTINGS = RunSettings(workers=1, time_limit_s=5)
POLICY = PriorityPolicy()


def _actor(user: User) -> Actor:
    return Actor(id=user.id, role=user.role, area_paths=())


def test_random_lifecycles_keep_every_run_valid(app, connection, db_session, coordinator):
    class Lifecycles(RuleBasedStateMachine):
        def __init__(self) -> None:
            super().__init__()
            self.savepoint = connection.begin_nested()
            self.session = db_session
            self.world = World(db_session, coordinator)
            self.villages = [self.world.village("100"), self.world.village("101")]
            self.owners: dict[str, int] = {}  # provider key -> a user acting for it

        def teardown(self) -> None:
            self.session.rollback()
            if self.savepoint.is_active:
                self.savepoint.rollback()

        # --- the field ----------------------------------------------------------------

        @initialize()
        def start(self) -> None:
            for village in self.villages:
                self.world.need(self.world.child(village))
            self.add_volunteer(0, 2)
            self.world.commit()

        @rule(where=st.integers(0, 1), kind=st.sampled_from(["tutoring", "goods", "funds"]))
        def add_need(self, where: int, kind: str) -> None:
            child = self.world.child(self.villages[where])
            data = {
                "tutoring": {},
                "goods": {"quantity": 3, "unit": "本", "item_code": "books"},
                "funds": {"amount": 1200, "item_code": "tuition"},
            }[kind]
            self.world.need(child, kind, **data)
            self.world.commit()

        @rule(where=st.integers(0, 1), capacity=st.integers(1, 3))
        def add_volunteer(self, where: int, capacity: int) -> None:
            volunteer = self.world.volunteer(self.villages[where], capacity=capacity)
            self.owners[provider_key(pairings.ProviderType.volunteer, volunteer.id)] = (
                volunteer.owner_id
            )
            self.world.commit()

        @rule(where=st.integers(0, 1), kind=st.sampled_from(["goods", "funds"]))
        def add_donation(self, where: int, kind: str) -> None:
            from app.demo import create_account

            org = self.world.donor(self.villages[where])
            if kind == "goods":
                resource = self.world.resource(org, "goods", quantity=4, item="books")
            else:
                resource = self.world.resource(org, "funds", amount=800, uses=("tuition",))
            donor = create_account(self.session, role="donor", display_name="d", password="x" * 12)
            self.session.add(OrgMember(user_id=donor.id, organization_id=org.id))
            self.owners[provider_key(pairings.ProviderType.resource, resource.id)] = donor.id
            self.world.commit()

        # --- decisions ------------------------------------------------------------------

        def _pending(self) -> list[Proposal]:
            return list(
                self.session.scalars(
                    select(Proposal)
                    .where(Proposal.status == ProposalStatus.pending)
                    .order_by(Proposal.id)
                )
            )

        def _pairings(self, *statuses: PairingStatus) -> list[Pairing]:
            return list(
                self.session.scalars(
                    select(Pairing).where(Pairing.status.in_(statuses)).order_by(Pairing.id)
                )
            )

        def _try(self, action: Any) -> None:
            try:
                action()
                self.session.commit()
            except TongxingError:  # a stale proposal or a refused move: legal answers
                self.session.rollback()

        @precondition(lambda self: bool(self._pending()))
        @rule(pick=st.integers(0, 100))
        def approve(self, pick: int) -> None:
            pending = self._pending()
            proposal = pending[pick % len(pending)]
            self._try(
                lambda: pairings.approve(proposal, actor=self.world.actor, session=self.session)
            )

        @precondition(lambda self: bool(self._pending()))
        @rule(pick=st.integers(0, 100))
        def reject(self, pick: int) -> None:
            pending = self._pending()
            proposal = pending[pick % len(pending)]
            self._try(
                lambda: pairings.reject(
                    proposal, "不合适", actor=self.world.actor, session=self.session
                )
            )

        def _provider_actor(self, pairing: Pairing) -> Actor:
            key = provider_key(pairing.provider_type, pairing.provider_id)
            return _actor(self.session.get(User, self.owners[key]))

        @precondition(lambda self: bool(self._pairings(PairingStatus.awaiting_acceptance)))
        @rule(pick=st.integers(0, 100), yes=st.booleans())
        def answer(self, pick: int, yes: bool) -> None:
            waiting = self._pairings(PairingStatus.awaiting_acceptance)
            pairing = waiting[pick % len(waiting)]
            actor = self._provider_actor(pairing)
            if yes:
                self._try(lambda: pairings.accept(pairing, actor=actor, session=self.session))
            else:
                self._try(
                    lambda: pairings.decline(pairing, "没空", actor=actor, session=self.session)
                )

        @precondition(lambda self: bool(self._pairings(*LIVE_PAIRINGS)))
        @rule(pick=st.integers(0, 100))
        def end_pairing(self, pick: int) -> None:
            live = self._pairings(*LIVE_PAIRINGS)
            pairing = live[pick % len(live)]
            self._try(
                lambda: pairings.end(pairing, "结束", actor=self.world.actor, session=self.session)
            )

        @rule(
            pick=st.integers(0, 100),
            to=st.sampled_from([NeedStatus.fulfilled, NeedStatus.closed, NeedStatus.open]),
        )
        def move_need(self, pick: int, to: NeedStatus) -> None:
            all_needs = list(self.session.scalars(select(Need).order_by(Need.id)))
            need = all_needs[pick % len(all_needs)]
            self._try(
                lambda: pairings.move_need(
                    need, to, actor=self.world.actor, session=self.session, reason="测试"
                )
            )

        @rule(pick=st.integers(0, 100), less=st.integers(1, 3))
        def edit_need(self, pick: int, less: int) -> None:
            goods = list(
                self.session.scalars(
                    select(Need)
                    .where(Need.quantity.is_not(None), Need.status.in_(["open", "proposed"]))
                    .order_by(Need.id)
                )
            )
            if goods:
                need = goods[pick % len(goods)]
                self._try(
                    lambda: needs.update(
                        need,
                        {"quantity": max(1.0, (need.quantity or 1) - less)},
                        actor=self.world.actor,
                        session=self.session,
                    )
                )

        @rule(pick=st.integers(0, 100))
        def revoke_consent(self, pick: int) -> None:
            all_needs = list(self.session.scalars(select(Need).order_by(Need.id)))
            child = all_needs[pick % len(all_needs)].child
            self._try(
                lambda: children.revoke_consent(child, actor=self.world.actor, session=self.session)
            )

        @rule(pick=st.integers(0, 100))
        def lower_a_capacity(self, pick: int) -> None:
            from app.models import Volunteer

            volunteers = list(self.session.scalars(select(Volunteer).order_by(Volunteer.id)))
            volunteer = volunteers[pick % len(volunteers)]
            volunteer.max_children = max(0, volunteer.max_children - 1)
            self.session.commit()

        # --- after every step: a run of the county --------------------------------------

        @invariant()
        def a_run_succeeds_and_is_valid(self) -> None:
            plan = match_runs.plan(
                JINJIANG,
                session_scope=db.session,
                policy=POLICY,
                settings=SETTINGS,
                now=engine_now(),
            )
            assert engine.validate(plan.problem, plan.result) == []
            with db.session() as session:
                run = match_runs.create_run(JINJIANG, session=session, trigger=RunTrigger.api)
                run_id = run.id
            outcome = match_runs.execute(
                run_id, session_scope=db.session, policy=POLICY, settings=SETTINGS
            )
            assert outcome.status == "succeeded", outcome
            self.session.expire_all()
            assert self.session.get(match_runs.MatchRun, run_id).status is RunStatus.succeeded
            self.nobody_beyond_capacity()

        def nobody_beyond_capacity(self) -> None:
            from app.models import Agency, Resource, Volunteer

            promised: dict[str, int] = defaultdict(int)
            for kind, pk, amount in self.session.execute(
                select(Pairing.provider_type, Pairing.provider_id, Pairing.amount).where(
                    Pairing.status.in_(LIVE_PAIRINGS)
                )
            ):
                promised[provider_key(kind, pk)] += amount
            approved = dict(promised)
            for kind, pk, amount in self.session.execute(
                select(Proposal.provider_type, Proposal.provider_id, Proposal.amount).where(
                    Proposal.status == ProposalStatus.pending
                )
            ):
                promised[provider_key(kind, pk)] += amount
            capacity = {
                provider_key(pairings.ProviderType.volunteer, v.id): v.max_children
                for v in self.session.scalars(select(Volunteer))
            }
            capacity |= {
                provider_key(pairings.ProviderType.resource, r.id): resource_capacity(
                    r.posts, r.quantity, r.amount
                )
                for r in self.session.scalars(select(Resource))
            }
            capacity |= {
                provider_key(pairings.ProviderType.agency, a.id): a.caseload_capacity
                for a in self.session.scalars(select(Agency))
            }
            for key, total in promised.items():
                # a provider that lowered its capacity keeps its approved pairings, and gets
                # no new proposal until it has room again
                assert total <= max(capacity[key], approved.get(key, 0)), key

        @invariant()
        def matched_means_wholly_paired(self) -> None:
            for need in self.session.scalars(select(Need)):
                covered = self.session.scalar(
                    select(func.coalesce(func.sum(Pairing.amount), 0)).where(
                        Pairing.need_id == need.id, Pairing.status.in_(LIVE_PAIRINGS)
                    )
                )
                load = needs.load_of(need)
                if need.status is NeedStatus.matched:
                    assert covered >= load, need_key(need.id)
                elif need.status in (NeedStatus.open, NeedStatus.proposed):
                    assert covered < load, need_key(need.id)

    with app.app_context():
        run_state_machine_as_test(
            Lifecycles,
            settings=settings(
                max_examples=10,
                stateful_step_count=20,
                deadline=None,
                derandomize=True,
                database=None,
                suppress_health_check=list(HealthCheck),
            ),
        )


def engine_now():  # type: ignore[no-untyped-def]
    from app.db import utcnow

    return utcnow()


_ = Role  # roles are those of the accounts the builders make
