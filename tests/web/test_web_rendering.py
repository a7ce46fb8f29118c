"""Pure pieces of the workbench: highlight segments, SVG chart geometry, catalogs, formatting."""

from __future__ import annotations

from datetime import date

from aqiqat.web.charts import day_bars, figure_chart, nice_max
from aqiqat.web.formatting import Formatter
from aqiqat.web.highlight import segments
from aqiqat.web.i18n import load_catalogs, negotiate
from aqiqat.web.labels import FIELDS, LABELS

TEXT = "Военные застрелили Ерлана в Талдыкоргане."


def test_segments_nest_short_spans_inside_sentences() -> None:
    sugs = [
        {"id": 1, "kind": "event", "status": "pending", "spans": [{"start": 0, "end": len(TEXT)}]},
        {"id": 2, "kind": "person", "status": "accepted", "spans": [{"start": 19, "end": 25}]},
        {"id": 3, "kind": "place", "status": "pending", "spans": [{"start": 28, "end": 40}, {"start": 500, "end": 9}]},
    ]
    segs = segments(TEXT, sugs)
    assert "".join(s.text for s in segs) == TEXT  # nothing lost, nothing repeated
    person = next(s for s in segs if s.text == "Ерлана")
    assert person.sids == "2 1"  # innermost first: a click opens the person
    assert person.classes == "hl k-event k-person"
    place = next(s for s in segs if s.text == "Талдыкоргане")
    assert place.sids == "3 1"
    done = segments(TEXT, [sugs[1]])
    assert next(s for s in done if s.marks).classes.endswith("s-done")
    assert segments("", sugs) == [] or all(s.text == "" for s in segments("", sugs))


def test_segments_without_suggestions_is_the_text() -> None:
    segs = segments(TEXT, [])
    assert len(segs) == 1 and segs[0].text == TEXT and not segs[0].marks


def test_day_bars_stack_the_uncertain_part_of_deaths() -> None:
    days = [date(2022, 1, 5), date(2022, 1, 6)]
    chart = day_bars(days, {"events": [1, 3], "killed_min": [2, 10], "killed_max": [1, 5]},
                     stacked_on={"killed_max": "killed_min"})
    low = [b for b in chart.bars if b.series == "killed_min"][1]
    high = [b for b in chart.bars if b.series == "killed_max"][1]
    assert high.x == low.x and abs((high.y + high.height) - low.y) < 1e-6
    assert chart.y_ticks[-1].label == str(int(nice_max(15)))
    assert nice_max(3) == 4 and nice_max(173) == 200 and nice_max(188) == 200 and nice_max(221) == 400


def test_figure_chart_places_claims_in_time_order_with_the_adopted_band() -> None:
    claims = [
        {"claimed_on": "2022-01-10", "value": 173, "claimant_label": "правозащитники"},
        {"claimed_on": "2022-01-20", "value_min": 188, "value_max": 221, "claimant_label": "СМИ"},
        {"claimed_on": None, "value": 5},
    ]
    chart = figure_chart(claims, (173, 173))
    assert len(chart.points) == 2
    assert chart.points[0].x < chart.points[1].x
    assert chart.points[1].y_high < chart.points[1].y_low  # a range is drawn as a bar
    assert chart.adopted is not None


def test_catalogs_translate_every_label_to_russian() -> None:
    ru = load_catalogs().get("ru")
    missing = [m for m in [*LABELS.values(), *FIELDS.values()] if ru.gettext(m) == m]
    assert not missing, missing
    assert ru.gettext("Documents") == "Документы"
    assert negotiate("en-US,en;q=0.8") == "en" and negotiate("kk-KZ") == "ru" and negotiate(None) == "ru"


def test_formatter_dates_numbers_and_plurals() -> None:
    cats = load_catalogs()
    ru, en = Formatter("ru", cats.get("ru")), Formatter("en", cats.get("en"))
    assert ru.date("2022-01-07") == "7 янв. 2022\u202fг." and en.date("2022-01-07") == "Jan 7, 2022"
    assert ru.number(10000) == "10\xa0000" and en.number(10000) == "10,000"
    assert ru.ngettext("%(num)s event", "%(num)s events", 3) == "3 события"
    assert ru.ngettext("%(num)s event", "%(num)s events", 5) == "5 событий"
    assert ru.range(173, 221) == "173–221" and en.range(None, 30000) == "≤ 30,000" and en.range(None, None) == ""
