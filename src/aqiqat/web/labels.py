"""Human labels of the stored enum values, marked for translation (extracted by Babel through N_)."""

from __future__ import annotations


def N_(message: str) -> str:  # noqa: N802 - the gettext convention for "mark only"
    return message


LABELS: dict[str, str] = {
    # roles
    "admin": N_("Admin"),
    "editor": N_("Editor"),
    "analyst": N_("Analyst"),
    "viewer": N_("Viewer"),
    # suggestion kinds
    "person": N_("Person"),
    "place": N_("Place"),
    "organization": N_("Organisation"),
    "date": N_("Date"),
    "figure": N_("Figure"),
    "quote": N_("Quote"),
    "event": N_("Event"),
    "claim": N_("Claim"),
    # suggestion status
    "pending": N_("Pending"),
    "accepted": N_("Accepted"),
    "edited": N_("Edited"),
    "rejected": N_("Rejected"),
    # event types
    "protest": N_("Protest"),
    "riot": N_("Riot"),
    "arson": N_("Arson"),
    "shooting": N_("Shooting"),
    "killing": N_("Killing"),
    "injury": N_("Injury"),
    "detention": N_("Detention"),
    "torture": N_("Torture"),
    "enforced_disappearance": N_("Enforced disappearance"),
    "planted_evidence": N_("Planted evidence"),
    "fabricated_case": N_("Fabricated case"),
    "prosecution": N_("Prosecution"),
    "order_to_shoot": N_("Order to shoot"),
    "internet_shutdown": N_("Internet shutdown"),
    "property_destruction": N_("Property destruction"),
    "threat": N_("Threat"),
    "statement": N_("Statement"),
    "other": N_("Other"),
    # grades
    "confirmed": N_("Confirmed"),
    "fair": N_("Fair"),
    "weak": N_("Weak"),
    "contested": N_("Contested"),
    "discounted": N_("Discounted"),
    # confidentiality
    "public": N_("Public"),
    "internal": N_("Internal"),
    "restricted": N_("Restricted"),
    # document kinds
    "article": N_("Article"),
    "testimony": N_("Testimony"),
    "post": N_("Post"),
    "list": N_("List"),
    "photo": N_("Photo"),
    "video": N_("Video"),
    # involvement roles and harms
    "victim": N_("Victim"),
    "perpetrator": N_("Perpetrator"),
    "witness": N_("Witness"),
    "killed": N_("Killed"),
    "injured": N_("Injured"),
    "detained": N_("Detained"),
    "tortured": N_("Tortured"),
    "disappeared": N_("Disappeared"),
    "threatened": N_("Threatened"),
    "property": N_("Property"),
    "direct": N_("Direct"),
    "ordered": N_("Ordered"),
    "complicit": N_("Complicit"),
    "alleged": N_("Alleged"),
    # precision
    "day": N_("Day"),
    "week": N_("Week"),
    "month": N_("Month"),
    "year": N_("Year"),
    "unknown": N_("Unknown"),
    "exact": N_("Exact"),
    "town": N_("Town"),
    "district": N_("District"),
    "region": N_("Region"),
    "country": N_("Country"),
    # affiliation, sex
    "civilian": N_("Civilian"),
    "security_forces": N_("Security forces"),
    "female": N_("Female"),
    "male": N_("Male"),
    # qualifiers
    "about": N_("about"),
    "more_than": N_("more than"),
    "at_least": N_("at least"),
    "less_than": N_("less than"),
    "at_most": N_("at most"),
    "range": N_("range"),
    # adoption rules, stances
    "most_conservative": N_("Most conservative"),
    "majority": N_("Majority"),
    "rule:analyst": N_("Analyst's choice"),
    "supports": N_("supports"),
    "disputes": N_("disputes"),
    # audit actions
    "create": N_("create"),
    "update": N_("update"),
    "decide": N_("decide"),
    "merge": N_("merge"),
    "ingest": N_("ingest"),
    "extract": N_("extract"),
}
