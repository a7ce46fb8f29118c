"""The service layer's core: an open register (database + file store) and its audited units of work."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import UTC, date, datetime, time
from typing import Any, TypeVar

from sqlalchemy import func, inspect, select, text
from sqlalchemy.exc import DataError
from sqlalchemy.orm import Mapper, Session
from sqlalchemy.orm.exc import StaleDataError

from aqiqat.api.access import Principal
from aqiqat.api.errors import Conflict, Invalid, NotInitialised
from aqiqat.api.sealing import SPECS, KeyHolder, clear_values, install, seal_audit_value
from aqiqat.config import Settings
from aqiqat.domain.enums import AuditAction
from aqiqat.ingest.filestore import FileStore
from aqiqat.security import audit_head
from aqiqat.security.audit_chain import GENESIS, ChainLink, canonical_json, link_hash
from aqiqat.security.file_modes import make_private, private_dir
from aqiqat.security.keys import ensure_keyring, ensure_signing_key
from aqiqat.security.sealed_files import SealedFileStore
from aqiqat.store.engine import make_engine, make_read_engine, make_sessions
from aqiqat.store.migrate import current_revision, head_revision, upgrade
from aqiqat.store.tables import AuditRow

T = TypeVar("T")


def utcnow() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def unstorable(exc: Exception) -> Invalid:
    """A value the database cannot hold (a NUL character in PostgreSQL text, a number beyond its integer
    columns) as a one-line 422 that never echoes the value."""
    problem = str(getattr(exc, "orig", exc))
    if "NUL" in problem or "0x00" in problem:
        return Invalid("text may not contain NUL (\\x00) characters")
    if isinstance(exc, OverflowError) or "out of range" in problem:
        return Invalid("a number is larger than the register can hold")
    return Invalid("a value is not valid for the database")


_LAST_AUDIT_SEQ = select(func.max(AuditRow.seq))


class Register:
    """One register: its database and its content-addressed files. Every change goes through `unit()`."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.engine = make_engine(settings.database_url)
        self.sessions = make_sessions(self.engine)
        self.read_engine = make_read_engine(self.engine)
        self.read_sessions = make_sessions(self.read_engine)
        self.files = FileStore(settings.files_dir)
        self.sealed_files = SealedFileStore(settings.data_dir / "sealed")
        self.keys = KeyHolder(settings.encryption_key_file, settings.key_environment)
        install(self.sessions, self.keys)
        install(self.read_sessions, self.keys)
        self._memo: dict[str, tuple[int, Any]] = {}
        self._snapshot: ContextVar[Session | None] = ContextVar(f"aqiqat_snapshot_{id(self)}", default=None)

    @classmethod
    def open(cls, settings: Settings) -> Register:
        """Open an initialised register; a clear error when there is none or it is out of date."""
        if (
            settings.is_sqlite
            and not (settings.data_dir / "aqiqat.sqlite").exists()
            and ("aqiqat.sqlite" in settings.database_url)
        ):
            raise NotInitialised(f"no register in {settings.data_dir}: run `aqiqat init` first")
        reg = cls(settings)
        rev = current_revision(reg.engine)
        if rev is None:
            reg.close()
            raise NotInitialised(f"the database at {reg.safe_url} has no register: run `aqiqat init` first")
        if rev != head_revision():
            reg.close()
            raise NotInitialised(
                f"the register is at schema {rev}, this Aqiqat needs {head_revision()}: run `aqiqat init`"
            )
        return reg

    @classmethod
    def initialise(cls, settings: Settings) -> Register:
        make_private(private_dir(settings.data_dir))  # also an older register made under a looser umask
        private_dir(settings.files_dir)
        reg = cls(settings)
        upgrade(reg.engine)
        ensure_keyring(settings.encryption_key_file, settings.key_environment)
        ensure_signing_key(settings.signing_key_file)
        if audit_head.read_head(settings.data_dir) is None:
            audit_head.reset_head(settings.data_dir, reg.chain_head())
        reg.lists_follow_their_files()
        return reg

    def lists_follow_their_files(self) -> int:
        """Raise each victims list kept below its file's level (a document raised under an older Aqiqat, when
        lists did not follow their files), with its rows and the people linked from them, audited as derived
        changes; how many lists were raised."""
        from aqiqat.api import levels
        from aqiqat.api.access import local_admin

        with self.reading() as s:
            behind = levels.lists_below_their_files(s)
        if behind:
            with self.unit(local_admin("aqiqat init")) as unit:
                levels.derive(unit.session, {("victim_list", i) for i in behind})
        return len(behind)

    def chain_head(self) -> audit_head.Head:
        """The audit chain's last entry as the database holds it now."""
        with self.reading() as s:
            last = s.execute(select(AuditRow.seq, AuditRow.hash).order_by(AuditRow.seq.desc()).limit(1)).first()
        return audit_head.Head(last[0], last[1]) if last else audit_head.Head(0, GENESIS)

    @property
    def safe_url(self) -> str:
        return self.engine.url.render_as_string(hide_password=True)

    def close(self) -> None:
        if self.settings.is_sqlite:  # let SQLite refresh the statistics its query planner uses
            try:
                with self.engine.connect() as conn:
                    conn.exec_driver_sql("PRAGMA optimize")
            except Exception:  # noqa: BLE001 - closing must not fail on a busy or read-only database
                pass
        self.engine.dispose()
        if self.read_engine is not self.engine:
            self.read_engine.dispose()

    def __enter__(self) -> Register:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def memo(self, s: Session, name: str, compute: Callable[[Session], T]) -> T:
        """`compute(s)`, kept until the register next changes. Every change writes an audit entry in its own
        transaction, so the last entry's number, read in the same snapshot, versions the whole register."""
        version = int(s.connection().scalar(_LAST_AUDIT_SEQ) or 0)  # plain SQL: no ORM step for one number
        hit = self._memo.get(name)
        if hit is not None and hit[0] == version:
            value: T = hit[1]
            return value
        value = compute(s)
        self._memo[name] = (version, value)
        return value

    @contextmanager
    def reading(self) -> Iterator[Session]:
        """A session for reading only: one consistent snapshot that never waits for or blocks a writer. Inside
        `snapshot()` it is the snapshot's session."""
        shared = self._snapshot.get()
        if shared is not None:
            yield shared
            return
        with self.read_sessions() as session:
            try:
                yield session
            except (DataError, OverflowError) as exc:
                raise unstorable(exc) from exc

    @contextmanager
    def snapshot(self) -> Iterator[None]:
        """Every `reading()` inside (in this thread of control) shares one read session: a page's several reads
        see one state of the register, and open one transaction instead of one each (some 170 us apiece). For
        pages that only read: a change made inside would not be seen by the reads after it."""
        if self._snapshot.get() is not None:
            yield
            return
        with self.reading() as session:
            token = self._snapshot.set(session)
            try:
                yield
            finally:
                self._snapshot.reset(token)

    @contextmanager
    def unit(self, principal: Principal) -> Iterator[Unit]:
        """One transaction: all of it, with its audit entries, or none of it."""
        session = self.sessions()
        unit = Unit(session, principal)
        try:
            with session.begin():
                yield unit
                unit.audit_derived_levels()
                if unit.last is not None:  # the head, outside the database: a cut-off tail shows
                    audit_head.record_pending(self.settings.data_dir, unit.last)
            if unit.last is not None:
                audit_head.record_committed(self.settings.data_dir, unit.last)
        except StaleDataError as exc:
            raise Conflict("the record was changed by someone else since you read it; reload and retry") from exc
        except (DataError, OverflowError) as exc:
            raise unstorable(exc) from exc
        finally:
            session.close()


class Unit:
    """A unit of work: the session and the audit log, written in the same transaction."""

    def __init__(self, session: Session, principal: Principal) -> None:
        self.session = session
        self.principal = principal
        self.last: audit_head.Head | None = None

    def audit(
        self,
        action: AuditAction,
        entity: str,
        entity_id: object,
        before: dict[str, Any] | None = None,
        after: dict[str, Any] | None = None,
        restricted: bool = False,
    ) -> AuditRow:
        """Write one audit entry. Before and after values of a restricted record (or of anything the caller
        says is `restricted`) are sealed: the entry keeps them as ciphertext with the SHA-256 of their clear
        form, so the chain is checked without the key and the values are checked with it."""
        s = self.session
        restricted = restricted or any(
            isinstance(v, dict) and v.get("confidentiality") == "restricted" for v in (before, after)
        )
        if s.get_bind().dialect.name == "postgresql":
            s.execute(text("LOCK TABLE audit_entries IN SHARE ROW EXCLUSIVE MODE"))
        last = s.execute(select(AuditRow.seq, AuditRow.hash).order_by(AuditRow.seq.desc()).limit(1)).first()
        seq, prev = (last[0] + 1, last[1]) if last else (1, GENESIS)
        link = ChainLink(
            seq=seq,
            at=utcnow(),
            user=self.principal.username,
            action=str(action),
            entity=entity,
            entity_id=str(entity_id),
            before=self._value(before, restricted),
            after=self._value(after, restricted),
            prev_hash=prev,
        )
        row = AuditRow(
            seq=link.seq,
            at=link.at,
            user=link.user,
            action=link.action,
            entity=link.entity,
            entity_id=link.entity_id,
            before=link.before,
            after=link.after,
            prev_hash=link.prev_hash,
            hash=link_hash(link),
        )
        s.add(row)
        s.flush()
        self.last = audit_head.Head(row.seq, row.hash)
        return row


    def audit_derived_levels(self) -> None:
        """An audit entry for every record whose level was derived anew in this unit (a restricted person
        makes their involvements restricted): the log holds every record's state as it is."""
        for _ in range(20):
            self.session.flush()
            changed = self.session.info.pop("derived_levels", {})
            if not changed:
                return
            for (entity, ident), row in sorted(changed.items(), key=lambda kv: (kv[0][0], kv[0][1])):
                self.audit(AuditAction.UPDATE, entity, ident, None, row_dict(row), restricted=True)

    def _value(self, value: dict[str, Any] | None, restricted: bool) -> str | None:
        if value is None:
            return None
        clear = canonical_json(value)
        if not restricted:
            return clear
        return canonical_json(seal_audit_value(self.session, clear))


_COLUMN_KEYS: dict[type[Any], tuple[str, ...]] = {}
_PLAIN = frozenset({str, int, float, bool})
_BYTES = (bytes, bytearray)
_DATES = (date, time)


def column_keys(cls: type[Any]) -> tuple[str, ...]:
    """The mapped column attributes of a row class (looked up once: the mapper's view of them is slow)."""
    keys = _COLUMN_KEYS.get(cls)
    if keys is None:
        mapper: Mapper[Any] = inspect(cls)
        keys = _COLUMN_KEYS[cls] = tuple(attr.key for attr in mapper.column_attrs)
    return keys


def row_dict(row: object, exclude: frozenset[str] = frozenset(), opened: bool = True) -> dict[str, Any]:
    """A row's column values as JSON-ready data (dates as ISO text, bytes left out).

    Loaded values are read from the instance's own dict (the ORM keeps them there; going through each
    attribute's descriptor costs more than the rest of a page of fifty); an attribute not loaded yet
    (deferred or expired) is read the ordinary way, which loads it. A sealed row's values are opened
    (`opened`): callers show a row only to readers cleared for its level."""
    out: dict[str, Any] = {}
    loaded = row.__dict__
    for key in column_keys(type(row)):
        if key in exclude:
            continue
        value = loaded[key] if key in loaded else getattr(row, key)
        if value is None or type(value) in _PLAIN:  # most cells: nothing to check
            out[key] = value
            continue
        if isinstance(value, _BYTES):
            continue
        if isinstance(value, _DATES):
            value = value.isoformat()
        out[key] = value
    spec = SPECS.get(type(row))
    if opened and spec is not None and (loaded[spec[0]] if spec[0] in loaded else getattr(row, spec[0])) is not None:
        for key, value in clear_values(row).items():  # a sealed row's values, opened: readers filter by level
            if key not in exclude:
                out[key] = value.isoformat() if isinstance(value, _DATES) else value
    return out


def columns_of(cls: type[Any], exclude: frozenset[str] = frozenset()) -> tuple[Any, ...]:
    """The mapped columns of a row class but `exclude`, in `row_dict`'s order: to read rows as plain columns."""
    return tuple(getattr(cls, key) for key in column_keys(cls) if key not in exclude)


def plain_dict(values: Any, cls: type[Any], exclude: frozenset[str] = frozenset()) -> dict[str, Any]:
    """`row_dict` of a row of `cls` read as plain columns (`columns_of(cls, exclude)`, a mapping by key): the same
    keys in the same order and the same values. Only for a row that is not sealed: its sealed values need the
    ORM row (`row_dict` opens them)."""
    out: dict[str, Any] = {}
    for key in column_keys(cls):
        if key in exclude:
            continue
        value = values[key]
        if value is None or type(value) in _PLAIN:
            out[key] = value
        elif isinstance(value, _BYTES):
            continue
        else:
            out[key] = value.isoformat() if isinstance(value, _DATES) else value
    return out


def row_value(row: object, key: str) -> Any:
    """One column of `row_dict(row)` (opened when the row is sealed), without building the whole dict: for a
    name or a title shown in a list of fifty."""
    loaded = row.__dict__
    spec = SPECS.get(type(row))
    if spec is not None and key in spec[1]:
        blob = loaded[spec[0]] if spec[0] in loaded else getattr(row, spec[0])
        if blob is not None:
            value = clear_values(row)[key]
            return value.isoformat() if isinstance(value, _DATES) else value
    value = loaded[key] if key in loaded else getattr(row, key)
    return value.isoformat() if isinstance(value, _DATES) else value
