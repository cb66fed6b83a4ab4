"""Accounts: sign-up, sign-in, tokens, profiles, roles and coordinator areas."""

from __future__ import annotations

import functools
import re
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import Select, bindparam, or_, select, update
from sqlalchemy.orm import Session

from app import passwords
from app.db import utcnow
from app.errors import Conflict, Forbidden, NotFound, Unauthorized, ValidationFailed
from app.models import (
    CoordinatorRegion,
    RefreshToken,
    Region,
    RevokedAccessToken,
    Role,
    User,
    UserStatus,
)
from app.services import audit, regions

PHONE_RE = re.compile(r"^1[3-9]\d{9}$")
EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")

# Roles a person may choose at sign-up. Admins are never self-made; a coordinator sees
# nothing until an admin assigns an area.
SELF_SERVICE_ROLES = (Role.volunteer, Role.agency_staff, Role.donor, Role.coordinator)

# Who the phone app (/m/) is for; coordinators and admins work in the console. The phone
# app's router says the same (MOBILE_ROLES in web/src/mobile/router.ts; a test compares).
PHONE_APP_ROLES = frozenset({Role.volunteer, Role.agency_staff, Role.donor})


def normalize_phone(value: str) -> str:
    digits = re.sub(r"[\s-]", "", value)
    if digits.startswith("+86"):
        digits = digits[3:]
    elif digits.startswith("0086"):
        digits = digits[4:]
    return digits


def classify_identifier(identifier: str) -> tuple[str, str]:
    """('phone' | 'email', normalised value) for a sign-in identifier."""
    identifier = identifier.strip()
    if "@" in identifier:
        return "email", identifier.lower()
    return "phone", normalize_phone(identifier)


def hash_password(password: str) -> str:
    return passwords.hash_password(password)


@dataclass(frozen=True)
class Actor:
    id: int
    role: Role
    area_paths: tuple[str, ...]

    @property
    def is_admin(self) -> bool:
        return self.role is Role.admin


def sign_up(
    *,
    session: Session,
    password: str,
    display_name: str,
    role: Role = Role.volunteer,
    phone: str | None = None,
    email: str | None = None,
    region_code: str | None = None,
    locale: str | None = None,
) -> tuple[User, bool]:
    """(account, created). A phone or e-mail already registered answers as sign-in does
    (the account if the password is its own, otherwise "wrong account or password"), so
    sign-up tells no one which accounts exist."""
    errors: dict[str, list[str]] = {}
    if not phone and not email:
        errors["phone"] = ["Give a mobile phone number or an e-mail address."]
    if phone:
        phone = normalize_phone(phone)
        if not PHONE_RE.match(phone):
            errors["phone"] = ["Not a valid mainland China mobile number."]
    if email:
        email = email.strip().lower()
        if not EMAIL_RE.match(email):
            errors["email"] = ["Not a valid email address."]
    if role not in SELF_SERVICE_ROLES:
        errors["role"] = ["This role cannot be chosen at sign-up."]
    if region_code:
        try:
            region_code = regions.get(region_code, session=session).code
        except NotFound:
            errors["region_code"] = ["No such region."]
    weak = passwords.problems(password, personal=[phone or "", email or "", display_name])
    if weak:
        errors["password"] = weak
    if errors:
        raise ValidationFailed(errors)
    clashes = ([User.phone == phone] if phone else []) + ([User.email == email] if email else [])
    taken = session.scalars(select(User).where(or_(*clashes))).all()
    if taken:
        existing = taken[0] if len(taken) == 1 else None  # phone and e-mail of two accounts
        return _as_sign_in(existing, password), False
    user = User(
        phone=phone or None,
        email=email or None,
        password_hash=hash_password(password),
        display_name=display_name.strip(),
        role=role,
        status=UserStatus.active,
        region_code=region_code,
        locale=locale,
    )
    session.add(user)
    session.flush()
    audit.record(
        "user.sign_up",
        session=session,
        actor_id=user.id,
        actor_role=role.value,
        object_type="user",
        object_id=user.id,
    )
    return user, True


def _as_sign_in(user: User | None, password: str) -> User:
    if not passwords.verify(user.password_hash if user else None, password) or user is None:
        raise Unauthorized("Wrong account or password.")
    if user.status is not UserStatus.active:
        raise Unauthorized("This account is disabled.")
    if passwords.needs_rehash(user.password_hash):
        user.password_hash = hash_password(password)
    user.last_sign_in_at = utcnow()
    return user


def authenticate(identifier: str, password: str, *, session: Session) -> User:
    """The account for these credentials, or Unauthorized. Failed attempts are audited by
    the caller in their own transaction, so they survive the rollback."""
    kind, value = classify_identifier(identifier)
    column = User.email if kind == "email" else User.phone
    return _as_sign_in(session.scalar(select(User).where(column == value)), password)


def record_failed_sign_in(identifier: str, reason: str, *, session: Session) -> None:
    kind, value = classify_identifier(identifier)
    column = User.email if kind == "email" else User.phone
    user_id = session.scalar(select(User.id).where(column == value))
    audit.record(
        "auth.sign_in",
        session=session,
        actor_id=user_id,
        object_type="user",
        object_id=user_id,
        outcome="failure",
        detail={"identifier_kind": kind, "reason": reason},
    )


def store_refresh_token(
    *, session: Session, jti: str, family: str, user_id: int, expires_at: datetime
) -> None:
    session.add(RefreshToken(jti=jti, family=family, user_id=user_id, expires_at=expires_at))
    session.flush()


def new_family() -> str:
    return uuid.uuid4().hex


class RefreshTokenReuse(Unauthorized):
    """A spent or revoked refresh token came back: somebody else may hold a copy."""

    def __init__(self, family: str, user_id: int) -> None:
        super().__init__("The token is missing, invalid, expired or revoked.")
        self.family = family
        self.user_id = user_id


def use_refresh_token(jti: str, *, session: Session) -> RefreshToken:
    """Mark a refresh token used (rotation). A replayed token raises `RefreshTokenReuse`;
    the caller then revokes its family with `revoke_reused_family` in its own transaction."""
    token = session.get(RefreshToken, jti)
    if token is None:
        raise Unauthorized("The token is missing, invalid, expired or revoked.")
    if token.used_at is not None or token.revoked_at is not None:
        raise RefreshTokenReuse(token.family, token.user_id)
    token.used_at = utcnow()
    session.flush()
    return token


def revoke_reused_family(reuse: RefreshTokenReuse, *, session: Session) -> None:
    revoke_family(reuse.family, session=session)
    audit.record(
        "auth.refresh_reuse",
        session=session,
        actor_id=reuse.user_id,
        object_type="user",
        object_id=reuse.user_id,
        outcome="failure",
    )


def revoke_family(family: str, *, session: Session) -> None:
    session.execute(
        update(RefreshToken)
        .where(RefreshToken.family == family, RefreshToken.revoked_at.is_(None))
        .values(revoked_at=utcnow())
    )


def revoke_all_refresh_tokens(user_id: int, *, session: Session) -> None:
    session.execute(
        update(RefreshToken)
        .where(RefreshToken.user_id == user_id, RefreshToken.revoked_at.is_(None))
        .values(revoked_at=utcnow())
    )


def revoke_access_token(jti: str, user_id: int, expires: int, *, session: Session) -> None:
    if session.get(RevokedAccessToken, jti) is None:
        session.add(
            RevokedAccessToken(
                jti=jti, user_id=user_id, expires_at=datetime.fromtimestamp(expires, UTC)
            )
        )
        session.flush()


def is_access_token_revoked(jti: str, *, family: str | None, session: Session) -> bool:
    """Revoked by itself (sign-out), or with its sign-in's family: a family is revoked on
    sign-out, password change and refresh-token reuse, and its access tokens with it."""
    if session.get(RevokedAccessToken, jti) is not None:
        return True
    if family is None:
        return False
    revoked = select(RefreshToken.jti).where(
        RefreshToken.family == family, RefreshToken.revoked_at.is_not(None)
    )
    return session.scalar(revoked.limit(1)) is not None


def sign_out(
    *, session: Session, user_id: int, role: str, jti: str, exp: int, family: str | None
) -> None:
    revoke_access_token(jti, user_id, exp, session=session)
    if family:
        revoke_family(family, session=session)
    audit.record(
        "auth.sign_out",
        session=session,
        actor_id=user_id,
        actor_role=role,
        object_type="user",
        object_id=user_id,
    )


def change_password(
    *,
    session: Session,
    user: User,
    current_password: str,
    new_password: str,
    jti: str,
    exp: int,
) -> None:
    if not passwords.verify(user.password_hash, current_password):
        raise ValidationFailed({"current_password": ["Wrong password."]})
    weak = passwords.problems(
        new_password, personal=[user.phone or "", user.email or "", user.display_name]
    )
    if weak:
        raise ValidationFailed({"new_password": weak})
    user.password_hash = hash_password(new_password)
    # Tokens issued before this instant stop working (checked in `load_actor`).
    user.password_changed_at = utcnow()
    revoke_all_refresh_tokens(user.id, session=session)
    revoke_access_token(jti, user.id, exp, session=session)
    audit.record(
        "user.password_change",
        session=session,
        actor_id=user.id,
        actor_role=user.role.value,
        object_type="user",
        object_id=user.id,
    )


def load_actor(
    user_id: int,
    *,
    session: Session,
    issued_at: float | None = None,
    token: tuple[str, str | None] | None = None,
) -> Actor:
    """The signed-in actor, in one query: the account's role and state and, for an access
    `token` (its jti and family), whether it was revoked (see `is_access_token_revoked`).
    A coordinator's areas take a second query; nobody else has any."""
    params: dict[str, Any] = {"user_id": user_id}
    if token is not None:
        params["jti"] = token[0]
        if token[1] is not None:
            params["family"] = token[1]
    stmt = _actor_query(token is not None, token is not None and token[1] is not None)
    # Core, not the ORM's execution: columns only, and it runs on every request.
    row = session.connection().execute(stmt, params).first()
    if row is None or row[1] is not UserStatus.active:
        raise Unauthorized("The token is missing, invalid, expired or revoked.")
    if token is not None and row[3]:
        raise Unauthorized("The token is missing, invalid, expired or revoked.")
    if issued_at is not None and issued_at < row[2].timestamp():
        raise Unauthorized("The token is missing, invalid, expired or revoked.")
    role: Role = row[0]
    paths: tuple[str, ...] = ()
    if role is Role.coordinator:
        paths = tuple(
            sorted(
                session.scalars(
                    select(Region.path)
                    .join(CoordinatorRegion, CoordinatorRegion.region_code == Region.code)
                    .where(CoordinatorRegion.user_id == user_id)
                )
            )
        )
    return Actor(id=user_id, role=role, area_paths=paths)


@functools.cache
def _actor_query(with_token: bool, with_family: bool) -> Select[Any]:
    """`load_actor`'s statement, built once (it runs on every request): role, status,
    password change and, with a token, whether it was revoked by itself or with its family."""
    columns: list[Any] = [User.role, User.status, User.password_changed_at]
    if with_token:
        revoked: Any = (
            select(RevokedAccessToken.jti)
            .where(RevokedAccessToken.jti == bindparam("jti"))
            .exists()
        )
        if with_family:
            revoked = or_(
                revoked,
                select(RefreshToken.jti)
                .where(
                    RefreshToken.family == bindparam("family"), RefreshToken.revoked_at.is_not(None)
                )
                .exists(),
            )
        columns.append(revoked)
    return select(*columns).where(User.id == bindparam("user_id"))


# --- visibility: object-level authorization for users -------------------------------------


def visible_users(actor: Actor) -> Select[tuple[User]]:
    """Users the actor may see: admins all; coordinators the users of their areas; anyone
    themselves."""
    stmt = select(User)
    if actor.is_admin:
        return stmt
    if actor.role is Role.coordinator and actor.area_paths:
        in_area = select(Region.code).where(regions.within(Region.path, actor.area_paths))
        return stmt.where(or_(User.id == actor.id, User.region_code.in_(in_area)))
    return stmt.where(User.id == actor.id)


def get_visible(user_id: int, *, actor: Actor, session: Session) -> User:
    user = session.scalar(visible_users(actor).where(User.id == user_id))
    if user is None:
        raise NotFound()
    return user


def search(
    *,
    actor: Actor,
    role: Role | None = None,
    region: str | None = None,
    q: str | None = None,
    status: UserStatus | None = None,
    session: Session,
) -> Select[tuple[User]]:
    stmt = visible_users(actor)
    if role:
        stmt = stmt.where(User.role == role)
    if status:
        stmt = stmt.where(User.status == status)
    if region:
        path = regions.path_of(region, session=session)
        under = select(Region.code).where(Region.path.startswith(path, autoescape=True))
        stmt = stmt.where(User.region_code.in_(under))
    if q:
        terms = [
            User.display_name.contains(q, autoescape=True),
            User.phone.startswith(normalize_phone(q), autoescape=True),
        ]
        if actor.is_admin:  # coordinators do not see e-mail addresses: no search by them
            terms.append(User.email.startswith(q.lower(), autoescape=True))
        stmt = stmt.where(or_(*terms))
    return stmt.order_by(User.id)


def update_profile(
    user: User,
    *,
    session: Session,
    actor: Actor,
    display_name: str | None = None,
    region_code: str | None = None,
    locale: str | None = None,
) -> User:
    if display_name is not None:
        user.display_name = display_name.strip()
    if region_code is not None:
        try:
            user.region_code = regions.get(region_code, session=session).code
        except NotFound:
            raise ValidationFailed({"region_code": ["No such region."]}) from None
    if locale is not None:
        user.locale = locale
    session.flush()
    audit.record_by(
        actor,
        "user.update",
        session=session,
        object_type="user",
        object_id=user.id,
    )
    return user


def set_role(user: User, role: Role, *, session: Session, actor: Actor) -> User:
    if user.id == actor.id:
        raise Forbidden("Admins cannot change their own role.")
    before = user.role
    user.role = role
    if role is not Role.coordinator:
        user.areas.clear()
    # A new role must not ride on tokens minted for the old one.
    user.password_changed_at = utcnow()
    revoke_all_refresh_tokens(user.id, session=session)
    session.flush()
    audit.record_by(
        actor,
        "user.role_change",
        session=session,
        object_type="user",
        object_id=user.id,
        detail={"from": before.value, "to": role.value},
    )
    return user


def set_areas(user: User, codes: list[str], *, session: Session, actor: Actor) -> User:
    if user.role is not Role.coordinator:
        raise Conflict("Only coordinators are assigned areas.", field="role")
    resolved: list[str] = []
    for code in codes:
        try:
            resolved.append(regions.get(code, session=session).code)
        except NotFound:
            raise ValidationFailed({"region_codes": ["No such region."]}) from None
    before = user.area_codes
    wanted = set(resolved)
    for area in list(user.areas):
        if area.region_code not in wanted:
            user.areas.remove(area)
    for code in sorted(wanted - set(before)):
        user.areas.append(CoordinatorRegion(region_code=code, assigned_by=actor.id))
    session.flush()
    audit.record_by(
        actor,
        "user.areas_change",
        session=session,
        object_type="user",
        object_id=user.id,
        detail={"from": before, "to": sorted(wanted)},
    )
    return user


def set_status(user: User, status: UserStatus, *, session: Session, actor: Actor) -> User:
    if user.id == actor.id:
        raise Forbidden("Admins cannot disable themselves.")
    before = user.status
    user.status = status
    if status is UserStatus.disabled:
        revoke_all_refresh_tokens(user.id, session=session)
    session.flush()
    audit.record_by(
        actor,
        "user.status_change",
        session=session,
        object_type="user",
        object_id=user.id,
        detail={"from": before.value, "to": status.value},
    )
    return user


def refresh_expiry(delta: timedelta) -> datetime:
    return utcnow() + delta
