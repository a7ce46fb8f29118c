"""Enumerations of the domain model (values are the strings stored and exported)."""

from __future__ import annotations

from enum import StrEnum


class SourceKind(StrEnum):
    MEDIA = "media"
    NGO = "ngo"
    OFFICIAL = "official"
    WITNESS = "witness"
    SOCIAL_MEDIA = "social_media"
    LIST = "list"
    OTHER = "other"


class Reliability(StrEnum):
    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"
    UNKNOWN = "unknown"


class DocumentKind(StrEnum):
    ARTICLE = "article"
    TESTIMONY = "testimony"
    STATEMENT = "statement"
    POST = "post"
    LIST = "list"
    PHOTO = "photo"
    VIDEO = "video"
    WEBPAGE = "webpage"  # a captured web page (WACZ)
    OTHER = "other"


class Confidentiality(StrEnum):
    """Ordered from least to most protected."""

    PUBLIC = "public"
    INTERNAL = "internal"
    RESTRICTED = "restricted"

    @property
    def rank(self) -> int:
        return _CONF_RANK[self]


_CONF_RANK = {Confidentiality.PUBLIC: 0, Confidentiality.INTERNAL: 1, Confidentiality.RESTRICTED: 2}


class DatePrecision(StrEnum):
    DAY = "day"
    WEEK = "week"
    MONTH = "month"
    YEAR = "year"
    UNKNOWN = "unknown"


class LocationPrecision(StrEnum):
    EXACT = "exact"
    TOWN = "town"
    DISTRICT = "district"
    REGION = "region"
    COUNTRY = "country"
    UNKNOWN = "unknown"


class PlaceKind(StrEnum):
    COUNTRY = "country"
    REGION = "region"
    CITY = "city"
    DISTRICT = "district"
    SITE = "site"


class ActorKind(StrEnum):
    STATE_SECURITY = "state_security"
    MILITARY = "military"
    POLICE = "police"
    ARMED_GROUP = "armed_group"
    GOVERNMENT = "government"
    CIVIL_SOCIETY = "civil_society"
    MEDIA = "media"
    UNKNOWN = "unknown"


class Affiliation(StrEnum):
    CIVILIAN = "civilian"
    SECURITY_FORCES = "security_forces"
    UNKNOWN = "unknown"


class Sex(StrEnum):
    FEMALE = "female"
    MALE = "male"
    UNKNOWN = "unknown"


class EventType(StrEnum):
    PROTEST = "protest"
    RIOT = "riot"
    ARSON = "arson"
    SHOOTING = "shooting"
    KILLING = "killing"
    INJURY = "injury"
    DETENTION = "detention"
    TORTURE = "torture"
    ENFORCED_DISAPPEARANCE = "enforced_disappearance"
    PLANTED_EVIDENCE = "planted_evidence"
    FABRICATED_CASE = "fabricated_case"
    PROSECUTION = "prosecution"
    ORDER_TO_SHOOT = "order_to_shoot"
    INTERNET_SHUTDOWN = "internet_shutdown"
    PROPERTY_DESTRUCTION = "property_destruction"
    THREAT = "threat"
    STATEMENT = "statement"
    OTHER = "other"


class VerificationGrade(StrEnum):
    CONFIRMED = "confirmed"
    FAIR = "fair"
    WEAK = "weak"
    CONTESTED = "contested"
    DISCOUNTED = "discounted"


class InvolvementRole(StrEnum):
    VICTIM = "victim"
    PERPETRATOR = "perpetrator"
    WITNESS = "witness"


class Harm(StrEnum):
    KILLED = "killed"
    INJURED = "injured"
    DETAINED = "detained"
    TORTURED = "tortured"
    DISAPPEARED = "disappeared"
    THREATENED = "threatened"
    PROPERTY = "property"


class PerpetratorMode(StrEnum):
    DIRECT = "direct"
    ORDERED = "ordered"
    COMPLICIT = "complicit"
    ALLEGED = "alleged"


class ClaimKind(StrEnum):
    FIGURE = "figure"
    ATTRIBUTION = "attribution"
    DENIAL = "denial"
    OTHER = "other"


class Qualifier(StrEnum):
    EXACT = "exact"
    ABOUT = "about"
    MORE_THAN = "more_than"
    AT_LEAST = "at_least"
    LESS_THAN = "less_than"
    AT_MOST = "at_most"
    RANGE = "range"


class Stance(StrEnum):
    SUPPORTS = "supports"
    DISPUTES = "disputes"


class AdoptionRule(StrEnum):
    MOST_CONSERVATIVE = "most_conservative"
    MAJORITY = "majority"
    ANALYST = "analyst"


class SuggestionKind(StrEnum):
    PERSON = "person"
    PLACE = "place"
    ORGANIZATION = "organization"
    DATE = "date"
    FIGURE = "figure"
    QUOTE = "quote"
    EVENT = "event"
    CLAIM = "claim"


class SuggestionStatus(StrEnum):
    PENDING = "pending"
    ACCEPTED = "accepted"
    EDITED = "edited"
    REJECTED = "rejected"


class UserRole(StrEnum):
    ADMIN = "admin"
    EDITOR = "editor"
    ANALYST = "analyst"
    VIEWER = "viewer"


class AuditAction(StrEnum):
    CREATE = "create"
    UPDATE = "update"
    DECIDE = "decide"
    MERGE = "merge"
    SPLIT = "split"
    IMPORT = "import"
    EXPORT = "export"
    INGEST = "ingest"
    EXTRACT = "extract"
    LOGIN = "login"
    BACKUP = "backup"
    RESTORE = "restore"
    KEY_ROTATE = "key_rotate"
    DECLASSIFY = "declassify"
    REMOVE = "remove"
