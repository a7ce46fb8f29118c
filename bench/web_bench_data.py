"""A generated register for the workbench benchmark: 100,000 events, 200,000 people, 20,000 documents.

Written straight into the store's tables in bulk (the benchmark measures reads, not the audited writes),
with the same shapes the service layer writes: involvements, evidence passages, claims, suggestions, and
the full-text index (lemmas) of every document that is not restricted.
"""

from __future__ import annotations

import hashlib
import random
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import insert, text

from aqiqat.api.access import local_admin
from aqiqat.api.register import Register
from aqiqat.api.users import add_user
from aqiqat.nlp.search_lemmas import lemmatise
from aqiqat.store.tables import (
    ActorRow,
    ClaimRow,
    DocumentRow,
    EventRow,
    EvidenceRow,
    InvolvementRow,
    PersonRow,
    PlaceRow,
    SourceRow,
    SuggestionRow,
)

GIVEN = "Ерлан Нурлан Данияр Айдар Асель Айгерим Салтанат Марат Бауыржан Жанна Гульнара Арман Серик Дина".split()
SURNAMES = "Сапаров Жумабеков Касымов Хасенов Абишев Тлеубаев Нургалиев Ахметов Каменов Исмаилов Оспанов".split()
CITIES = ["Алматы", "Талдыкорган", "Шымкент", "Тараз", "Актобе", "Жанаозен", "Кызылорда", "Уральск"]
TYPES = ["shooting", "killing", "detention", "torture", "protest", "arson", "planted_evidence", "injury"]
GRADES = ["confirmed", "fair", "weak", "contested"]
LEVELS = ["public"] * 4 + ["internal"] * 5 + ["restricted"]
SENTENCES = [
    "{d} января в городе {c} военные открыли огонь по автомобилю, погибли {n} человек.",
    "По данным правозащитников, сотрудники полиции задержали {n} участников мирного митинга.",
    "Свидетель {p} рассказал, что задержанных избивали в отделении полиции.",
    "Власти заявили, что беспорядки организованы внешними силами, однако доказательств не привели.",
    "Родственники погибших требуют независимого расследования событий в городе {c}.",
    "В больницу доставлены раненые, среди них подростки и пожилые люди.",
    "Активисты сообщают о подброшенных уликах и давлении на семьи задержанных.",
]


def _now() -> datetime:
    return datetime(2023, 6, 1, 12, 0, 0)


def _chunks(rows: list[dict[str, Any]], size: int = 5000) -> Any:
    for i in range(0, len(rows), size):
        yield rows[i : i + size]


def _bulk(reg: Register, table: Any, rows: list[dict[str, Any]]) -> None:
    with reg.engine.begin() as conn:
        for chunk in _chunks(rows):
            conn.execute(insert(table), chunk)


def generate(reg: Register, events: int, people: int, documents: int, seed: int = 11) -> dict[str, Any]:
    rng = random.Random(seed)
    now = _now()
    versioned = {"version": 1, "created_at": now, "updated_at": now}
    _bulk(
        reg,
        SourceRow,
        [
            {"id": i, "name": f"Источник {i}", "kind": "ngo", "reliability": "unknown", "notes": ""}
            for i in range(1, 51)
        ],
    )
    _bulk(
        reg,
        PlaceRow,
        [
            {
                "id": i + 1,
                "name": c,
                "kind": "city",
                "variants": [],
                "latitude": 42 + i * 0.9,
                "longitude": 60 + i * 2.5,
                "gazetteer_id": f"bench:{i}",
                **versioned,
            }
            for i, c in enumerate(CITIES)
        ],
    )
    _bulk(
        reg,
        ActorRow,
        [
            {"id": i, "name": n, "kind": "military", "variants": [], **versioned}
            for i, n in enumerate(["военные", "полиция", "КНБ", "спецназ"], start=1)
        ],
    )
    docs = []
    for i in range(1, documents + 1):
        body = " ".join(
            rng.choice(SENTENCES).format(
                d=rng.randint(1, 31),
                c=rng.choice(CITIES),
                n=rng.randint(1, 40),
                p=f"{rng.choice(GIVEN)} {rng.choice(SURNAMES)}",
            )
            for _ in range(rng.randint(4, 9))
        )
        body = f"Сообщение № {i}. {body}"
        docs.append(
            {
                "id": i,
                "sha256": hashlib.sha256(body.encode()).hexdigest(),
                "media_type": "text/plain",
                "size": len(body.encode()),
                "kind": "article",
                "title": f"Сообщение № {i}: {body[15:70]}",
                "published_at": date(2022, 1, 1) + timedelta(days=rng.randint(0, 700)),
                "published_precision": "day",
                "language": "ru",
                "text": body,
                "file_sealed": False,
                "confidentiality": rng.choice(LEVELS),
                "consent_note": "",
                "original_name": f"doc{i}.txt",
                "meta": {},
                "source_id": rng.randint(1, 50),
                **versioned,
            }
        )
    _bulk(reg, DocumentRow, docs)
    with reg.engine.begin() as conn:
        for chunk in _chunks([d for d in docs if d["confidentiality"] != "restricted"], 2000):
            if conn.dialect.name == "postgresql":  # the same statement as store/search.py, in bulk
                conn.execute(
                    text(
                        "INSERT INTO document_search (document_id, tsv) VALUES (:id, "
                        "setweight(to_tsvector('russian', :title), 'A') || to_tsvector('russian', :body))"
                    ),
                    [{"id": d["id"], "title": d["title"], "body": d["text"]} for d in chunk],
                )
                continue
            conn.execute(
                text("INSERT INTO document_fts (rowid, title, body) VALUES (:id, :title, :body)"),
                [{"id": d["id"], "title": d["title"], "body": lemmatise(f"{d['title']}\n{d['text']}")} for d in chunk],
            )
    _bulk(
        reg,
        PersonRow,
        [
            {
                "id": i,
                "display_name": f"{rng.choice(GIVEN)} {rng.choice(SURNAMES)}",
                "surname": "",
                "given_name": "",
                "patronymic": "",
                "sex": "unknown",
                "affiliation": rng.choice(["civilian", "civilian", "unknown"]),
                "occupation": "",
                "contact": "",
                "notes": "",
                "confidentiality": rng.choice(LEVELS),
                "name_key": "",
                **versioned,
            }
            for i in range(1, people + 1)
        ],
    )
    evs, invs, evid = [], [], []
    for i in range(1, events + 1):
        start = date(2022, 1, 1) + timedelta(days=rng.randint(0, 700))
        killed = rng.choice([0, 0, 1, 2, 3, 5, 12])
        evs.append(
            {
                "id": i,
                "type": rng.choice(TYPES),
                "title": f"Событие {i} в городе {rng.choice(CITIES)}",
                "description": "",
                "start_date": start,
                "date_precision": "day",
                "date_text": "",
                "place_id": rng.randint(1, len(CITIES)),
                "location_precision": rng.choice(["exact", "town", "region"]),
                "killed_min": killed,
                "killed_max": killed + rng.choice([0, 0, 2]),
                "grade": rng.choice(GRADES),
                "confidentiality": rng.choice(LEVELS),
                **versioned,
            }
        )
        for _ in range(rng.randint(1, 3)):
            invs.append(
                {
                    "event_id": i,
                    "role": "victim",
                    "person_id": rng.randint(1, people),
                    "actor_id": None,
                    "harm": "killed",
                    "mode": None,
                    "count": 1,
                    "attributes": {},
                }
            )
        invs.append(
            {
                "event_id": i,
                "role": "perpetrator",
                "person_id": None,
                "actor_id": rng.randint(1, 4),
                "harm": None,
                "mode": "direct",
                "count": 1,
                "attributes": {},
            }
        )
        doc = docs[rng.randint(0, documents - 1)]
        evid.append(
            {
                "entity": "event",
                "entity_id": i,
                "document_id": doc["id"],
                "start": 0,
                "end": 60,
                "text": doc["text"][:60],
            }
        )
    _bulk(reg, EventRow, evs)
    _bulk(reg, InvolvementRow, invs)
    _bulk(reg, EvidenceRow, evid)
    _bulk(
        reg,
        ClaimRow,
        [
            {
                "kind": "figure",
                "text": f"погибли {n} человек",
                "claimant_label": f"Источник {rng.randint(1, 50)}",
                "subject": "погибшие",
                "event_id": rng.randint(1, events),
                "value": n,
                "qualifier": "exact",
                "claimed_on": date(2022, 1, 1) + timedelta(days=rng.randint(0, 700)),
                **versioned,
            }
            for n in (rng.randint(1, 300) for _ in range(20_000))
        ],
    )
    reviewed = [d for d in docs if d["confidentiality"] != "restricted"][:2000]
    sugs = []
    for d in reviewed:
        body = d["text"]
        for _ in range(15):
            a = rng.randint(0, max(0, len(body) - 30))
            kind = rng.choice(["person", "place", "date", "figure", "event", "quote"])
            sugs.append(
                {
                    "document_id": d["id"],
                    "kind": kind,
                    "payload": {"name": body[a : a + 12], "type": "killing"},
                    "spans": [
                        {"start": a, "end": a + (60 if kind in ("event", "quote") else 12), "text": body[a : a + 12]}
                    ],
                    "confidence": 0.8,
                    "extractor": "bench",
                    "extractor_version": "1",
                    "status": "pending",
                    "decision": {},
                    **versioned,
                }
            )
    _bulk(reg, SuggestionRow, sugs)
    add_user(reg, local_admin("bench"), "bench", "editor", "bench-password-1")
    with reg.engine.begin() as conn:
        conn.execute(text("ANALYZE"))
    return {"reviewed_docs": [d["id"] for d in reviewed], "events": events, "people": people, "documents": documents}
