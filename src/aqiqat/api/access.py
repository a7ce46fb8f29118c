"""Who is acting, and what they are cleared to see."""

from __future__ import annotations

from dataclasses import dataclass

from aqiqat.domain.enums import Confidentiality, UserRole

CLEARANCE = {
    UserRole.ADMIN: Confidentiality.RESTRICTED,
    UserRole.EDITOR: Confidentiality.RESTRICTED,
    UserRole.ANALYST: Confidentiality.INTERNAL,
    UserRole.VIEWER: Confidentiality.INTERNAL,
}
CAN_EDIT = {UserRole.ADMIN, UserRole.EDITOR, UserRole.ANALYST}


@dataclass(frozen=True, slots=True)
class Principal:
    username: str
    role: UserRole

    @property
    def clearance(self) -> Confidentiality:
        return CLEARANCE[self.role]

    def may_see(self, level: Confidentiality | str) -> bool:
        return Confidentiality(level).rank <= self.clearance.rank

    @property
    def may_edit(self) -> bool:
        return self.role in CAN_EDIT


def local_admin(username: str) -> Principal:
    """The person at the keyboard of a local CLI holds the keys, and so every clearance."""
    return Principal(username, UserRole.ADMIN)
