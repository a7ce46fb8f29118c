"""A small register written through the service layer for the exchange tests: places in a hierarchy,
actors, sourced events with victims and perpetrators, claims and an adopted figure, and a restricted
testimony whose witness must never reach a viewer."""

from __future__ import annotations

from dataclasses import dataclass

from aqiqat.api.access import Principal, local_admin
from aqiqat.api.ingest import IngestOptions, ingest_bytes
from aqiqat.api.records import add_involvement, create
from aqiqat.api.register import Register
from aqiqat.api.stats import adopt_figure
from aqiqat.domain.enums import Confidentiality, DocumentKind, SourceKind, UserRole
from aqiqat.domain.model import Span

ME = local_admin("exchanger")
VIEWER = Principal("partner", UserRole.VIEWER)
SECRET = "Асель Нурланова"
SECRET_SURNAME = "Нурланова"


@dataclass
class Sample:
    events: list[int]
    place: int
    witness: int
    victim: int
    police: int


def build(reg: Register) -> Sample:
    article = ingest_bytes(
        reg, ME, "7 января в Талдыкоргане военные обстреляли автомобиль. Погибли двое.".encode(), "report.txt",
        IngestOptions(source="Правозащитный центр", source_kind=SourceKind.NGO, kind=DocumentKind.ARTICLE,
                      confidentiality=Confidentiality.PUBLIC),
    )
    testimony = ingest_bytes(
        reg, ME, f"Я, {SECRET}, видела, как военные стреляли по машине.".encode(), "testimony.txt",
        IngestOptions(source="Свидетель А", source_kind=SourceKind.WITNESS, kind=DocumentKind.TESTIMONY,
                      confidentiality=Confidentiality.RESTRICTED),
    )
    assert article.document_id and testimony.document_id
    kz = create(reg, ME, "place", {"name": "Казахстан", "kind": "country", "country_code": "KZ",
                                   "confidentiality": "public"})
    region = create(reg, ME, "place", {"name": "Алматинская область", "kind": "region", "parent_id": kz["id"],
                                       "confidentiality": "public"})
    town = create(reg, ME, "place", {"name": "Талдыкорган", "kind": "city", "parent_id": region["id"],
                                     "latitude": 45.0156, "longitude": 78.3739, "confidentiality": "public"})
    police = create(reg, ME, "actor", {"name": "Полиция", "kind": "police", "confidentiality": "public"})
    army = create(reg, ME, "actor", {"name": "Вооружённые силы", "kind": "military", "confidentiality": "public"})
    shooting = create(
        reg, ME, "event",
        {"type": "shooting", "title": "Обстрел автомобиля в Талдыкоргане", "description": "Военные обстреляли машину.",
         "start_date": "2022-01-07", "date_precision": "day", "place_id": town["id"], "location_precision": "town",
         "killed_min": 2, "killed_max": 3, "grade": "fair", "confidentiality": "public"},
        evidence=[Span(article.document_id, 0, 55, "7 января в Талдыкоргане военные обстреляли автомобиль.")],
    )
    detention = create(
        reg, ME, "event",
        {"type": "detention", "title": "=Задержания на площади", "start_date": "2022-01-06", "end_date": "2022-01-08",
         "date_precision": "week", "place_id": region["id"], "location_precision": "region",
         "detained_min": 10, "detained_max": 40, "grade": "weak", "confidentiality": "internal"},
    )
    victim = create(reg, ME, "person", {"display_name": "Ерлан Сапаров", "surname": "Сапаров", "given_name": "Ерлан",
                                        "sex": "male", "age": 34, "affiliation": "civilian",
                                        "confidentiality": "public"})
    witness = create(reg, ME, "person", {"display_name": SECRET, "surname": SECRET_SURNAME},
                     evidence=[Span(testimony.document_id, 3, 17, SECRET)])
    add_involvement(reg, ME, shooting["id"], "victim", person_id=victim["id"], harm="killed")
    add_involvement(reg, ME, shooting["id"], "perpetrator", actor_id=army["id"], mode="direct")
    add_involvement(reg, ME, shooting["id"], "witness", person_id=witness["id"])
    add_involvement(reg, ME, detention["id"], "perpetrator", actor_id=police["id"], mode="direct")
    claim = create(reg, ME, "claim", {"kind": "figure", "text": "погибли двое", "subject": "killed",
                                      "event_id": shooting["id"], "value": 2, "claimant_label": "Правозащитный центр",
                                      "confidentiality": "public"})
    create(reg, ME, "claim", {"kind": "figure", "text": "погибли трое", "subject": "killed",
                              "event_id": shooting["id"], "value": 3, "claimant_actor_id": army["id"],
                              "confidentiality": "public"})
    adopt_figure(reg, ME, "killed", "analyst", value_min=2, value_max=2, claim_ids=[claim["id"]])
    return Sample([shooting["id"], detention["id"]], town["id"], witness["id"], victim["id"], police["id"])
