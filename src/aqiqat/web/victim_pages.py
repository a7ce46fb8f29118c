"""The victims-register pages' labels (list fields, compared fields, judgements; marked for translation) and
a render() that gives templates the helpers to show them."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse

from aqiqat.web.formatting import Formatter
from aqiqat.web.labels import N_
from aqiqat.web.pages import page_formatter, render

# fields of a list entry (the column map's keys) and the fields the linkage model compares
VICTIM_FIELDS: dict[str, str] = {
    "name": N_("Name"),
    "surname": N_("Surname"),
    "given_name": N_("Given name"),
    "patronymic": N_("Patronymic"),
    "age": N_("Age"),
    "birth_year": N_("Birth year"),
    "sex": N_("Sex"),
    "date": N_("Date"),
    "event_date": N_("Date"),
    "place": N_("Place"),
    "cause": N_("Cause"),
    "notes": N_("Notes"),
    "list": N_("List"),
    "competing": N_("Rivals"),  # another entry of the same list fits too
}

JUDGEMENTS: dict[str, str] = {
    "pending": N_("Pending"),
    "positive": N_("Same person"),
    "negative": N_("Different people"),
    "unsure": N_("Unsure"),
}

FLAG_REASONS: dict[str, str] = {  # why a list cell was not read (ingest.victim_lists.FLAG_REASONS)
    "age_not_a_number": N_("the age is not a number"),
    "age_out_of_range": N_("the age is outside 0–120"),
    "birth_year_not_a_year": N_("the birth year is not a year"),
    "birth_year_in_future": N_("the birth year is in the future"),
    "birth_year_too_old": N_("the birth year is more than 120 years ago"),
    "date_unreadable": N_("the date cannot be read"),
}

GROUPINGS: dict[str, str] = {
    "type": N_("Type"),
    "place": N_("Place"),
    "day": N_("Day"),
    "month": N_("Month"),
    "grade": N_("Grade"),
}


LEVEL_LABELS: dict[str, str] = {  # the linkage model's comparison levels, as a pair's field weights name them
    "another entry of that list matches too": N_("another entry of that list matches too"),
    "different": N_("different"),
    "different as stated": N_("different as stated"),
    "different lists (or documents)": N_("different lists (or documents)"),
    "different, one read from a name": N_("different, one read from a name"),
    "different, read from a name in another case": N_("different, read from a name in another case"),
    "equal": N_("equal"),
    "given_name key equal": N_("given_name key equal"),
    "surname key equal": N_("surname key equal"),
    "missing": N_("missing"),
    "names in another order, one typo": N_("names in another order, one typo"),
    "no rival": N_("no rival"),
    "one list": N_("one list"),
    "one typo": N_("one typo"),
    "same day": N_("same day"),
    "same month": N_("same month"),
    "same name in another case": N_("same name in another case"),
    "same name in another order": N_("same name in another order"),
    "same place": N_("same place"),
    "same region: a town in it, or the region alone": N_("same region: a town in it, or the region alone"),
    "same years": N_("same years"),
    "the father's name is the other's surname": N_("the father's name is the other's surname"),
    "the other year a stated age allows": N_("the other year a stated age allows"),
    "within 1 day": N_("within 1 day"),
    "within 3 days": N_("within 3 days"),
    "within 1 years": N_("within 1 years"),
    "within 2 years": N_("within 2 years"),
    "Jaro-Winkler >= 0.80": N_("Jaro-Winkler >= 0.80"),
    "Jaro-Winkler >= 0.88": N_("Jaro-Winkler >= 0.88"),
    "Jaro-Winkler >= 0.90": N_("Jaro-Winkler >= 0.90"),
    "Jaro-Winkler >= 0.92": N_("Jaro-Winkler >= 0.92"),
}


def victim_helpers(fmt: Formatter) -> dict[str, Callable[[str], str]]:
    """Template helpers: a field's and a judgement's label in the reader's language."""
    return {
        "victim_field": lambda key: fmt.gettext(VICTIM_FIELDS.get(str(key), str(key))),
        "judgement_label": lambda key: fmt.gettext(JUDGEMENTS.get(str(key), str(key))),
        "grouping_label": lambda key: fmt.gettext(GROUPINGS.get(str(key), str(key))),
        "flag_reason": lambda key: fmt.gettext(FLAG_REASONS.get(str(key), str(key))),
        "level_label": lambda key: fmt.gettext(LEVEL_LABELS.get(str(key), str(key))),
    }


def render_victims(request: Request, name: str, context: dict[str, Any], status_code: int = 200) -> HTMLResponse:
    """``pages.render`` with the helpers above."""
    return render(request, name, {**victim_helpers(page_formatter(request)), **context}, status_code)
