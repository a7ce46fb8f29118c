"""The words of the reports in English and Russian; values of the register's enums included."""

from __future__ import annotations

EN: dict[str, str] = {
    "generated": "Generated", "prepared_for": "Prepared for {user} (cleared for {level})",
    "incident": "Incident report", "person": "Person report", "memorial": "Memorial list",
    "figures": "Figures report", "what": "What happened", "type": "Type", "date": "Date",
    "date_text": "Date as written", "place": "Place", "location_precision": "Location precision",
    "date_precision": "Date precision", "grade": "Verification grade", "killed": "Killed", "injured": "Injured",
    "detained": "Detained", "map": "Map", "timeline": "Timeline of the period", "day": "Day", "events": "Events",
    "victims": "Victims", "perpetrators": "Perpetrators", "witnesses": "Witnesses", "name": "Name",
    "harm": "Harm", "mode": "Role", "sources": "Sources", "claims": "Claimed figures",
    "claimant": "Claimant", "claim": "Claim", "value": "Value", "claimed_on": "Claimed on",
    "adopted": "Adopted", "rule": "Rule", "quotes": "Quotes", "speaker": "Speaker", "quote": "Quote",
    "evidence": "Evidence", "document": "Document", "source": "Source", "published": "Published", "subject": "Subject",
    "retrieved": "Captured", "timestamp": "Timestamp (RFC 3161)", "method": "Method",
    "none": "None recorded.", "withheld": "withheld (above your clearance)",
    "map_in_pdf": "The map is in the PDF edition of this report.", "no_map": "No place with coordinates.",
    "age": "Age", "status": "Civilian or security forces", "circumstances": "Circumstances",
    "by_type": "By type", "by_place": "By place", "by_grade": "By grade", "group": "Group",
    "estimate": "Estimate of the total (multiple systems estimation)", "no_estimate": "No estimate: {reason}",
    "period": "Period", "count": "Count", "role": "Role", "details": "Details", "affiliation": "Affiliation",
    "sex": "Sex", "occupation": "Occupation", "birth_year": "Year of birth", "all_lists": "all people killed",
    "list": "List", "model": "Model", "all_dates": "all dates",
    "memorial_sub": "{n} people, by {by}", "interval": "Interval", "observed": "Observed",
    "method_text": (
        "Every fact in this report rests on a passage of a document or a row of a list, named in the evidence "
        "section with its SHA-256, so that a reader can check it against the original. Figures are shown as "
        "claimed, each with its claimant and date; the adopted value names the rule that chose it (most "
        "conservative, majority, or an analyst's decision). Dates and places carry their precision; counts "
        "carry a minimum and a maximum. Verification grades: confirmed, fair (two or more independent sources), "
        "weak, contested, discounted. This report shows only what its reader is cleared to see: restricted "
        "people appear as 'Witness N', restricted documents are withheld. Its SHA-256 is in the register's "
        "audit log."),
}
RU: dict[str, str] = {
    "generated": "Сформирован", "prepared_for": "Подготовлен для {user} (допуск: {level})",
    "incident": "Отчёт об инциденте", "person": "Справка о человеке", "memorial": "Список погибших",
    "figures": "Отчёт о цифрах", "what": "Что произошло", "type": "Тип", "date": "Дата",
    "date_text": "Дата в источнике", "place": "Место", "location_precision": "Точность места",
    "date_precision": "Точность даты", "grade": "Степень проверки", "killed": "Погибли", "injured": "Ранены",
    "detained": "Задержаны", "map": "Карта", "timeline": "Хронология периода", "day": "День", "events": "События",
    "victims": "Пострадавшие", "perpetrators": "Виновные", "witnesses": "Свидетели", "name": "Имя",
    "harm": "Вред", "mode": "Роль", "sources": "Источники", "claims": "Заявленные цифры",
    "claimant": "Кто заявил", "claim": "Заявление", "value": "Значение", "claimed_on": "Дата заявления",
    "adopted": "Принято", "rule": "Правило", "quotes": "Цитаты", "speaker": "Кто сказал", "quote": "Цитата",
    "evidence": "Доказательства", "document": "Документ", "source": "Источник", "published": "Опубл.",
    "retrieved": "Сохранён", "subject": "Предмет", "timestamp": "Метка времени (RFC 3161)", "method": "Методология",
    "none": "Не зафиксировано.", "withheld": "скрыто (выше вашего допуска)",
    "map_in_pdf": "Карта — в PDF-версии отчёта.", "no_map": "Нет мест с координатами.",
    "age": "Возраст", "status": "Гражданский или силовик", "circumstances": "Обстоятельства",
    "by_type": "По типу", "by_place": "По месту", "by_grade": "По степени проверки", "group": "Группа",
    "estimate": "Оценка общего числа (оценка по нескольким спискам)", "no_estimate": "Оценки нет: {reason}",
    "period": "Период", "count": "Число", "role": "Роль", "details": "Сведения", "affiliation": "Принадлежность",
    "sex": "Пол", "occupation": "Род занятий", "birth_year": "Год рождения", "all_lists": "все погибшие",
    "list": "Список", "model": "Модель", "all_dates": "все даты",
    "memorial_sub": "{n} чел., по графе «{by}»", "interval": "Интервал", "observed": "Наблюдалось",
    "method_text": (
        "Каждый факт в отчёте опирается на фрагмент документа или строку списка; они перечислены в разделе "
        "доказательств с SHA-256, чтобы читатель мог сверить их с оригиналом. Цифры приводятся так, как их "
        "заявили, с указанием кто и когда; принятое значение называет правило выбора (самое осторожное, "
        "большинство или решение аналитика). Даты и места указаны с их точностью, числа — с минимумом и "
        "максимумом. Степени проверки: подтверждено, достаточно (два и более независимых источника), слабо, "
        "оспаривается, отклонено. Отчёт показывает только то, что читателю разрешено видеть: закрытые лица "
        "обозначены как «Witness N», закрытые документы скрыты. SHA-256 отчёта записан в журнал аудита."),
}
VALUES_RU: dict[str, str] = {
    "protest": "протест", "riot": "беспорядки", "arson": "поджог", "shooting": "стрельба", "killing": "убийство",
    "injury": "ранение", "detention": "задержание", "torture": "пытки", "enforced_disappearance":
    "насильственное исчезновение", "planted_evidence": "подброшенные улики", "fabricated_case":
    "сфабрикованное дело", "prosecution": "преследование", "order_to_shoot": "приказ стрелять",
    "internet_shutdown": "отключение интернета", "property_destruction": "уничтожение имущества",
    "threat": "угроза", "statement": "заявление", "other": "другое", "confirmed": "подтверждено",
    "fair": "достаточно", "weak": "слабо", "contested": "оспаривается", "discounted": "отклонено",
    "day": "день", "week": "неделя", "month": "месяц", "year": "год", "unknown": "неизвестно",
    "exact": "точно", "town": "город", "district": "район", "region": "область", "country": "страна",
    "killed": "погиб", "injured": "ранен", "detained": "задержан", "tortured": "пытки",
    "disappeared": "исчез", "threatened": "угрозы", "property": "имущество", "direct": "непосредственно",
    "ordered": "отдал приказ", "complicit": "соучастие", "alleged": "предположительно",
    "civilian": "гражданский", "security_forces": "силовые структуры", "male": "мужской", "female": "женский",
    "victim": "пострадавший", "perpetrator": "виновный", "witness": "свидетель",
    "most_conservative": "самое осторожное", "majority": "большинство", "analyst": "решение аналитика",
    "public": "открыто", "internal": "для внутреннего пользования", "restricted": "закрыто",
    "about": "около", "more_than": "более", "at_least": "не менее", "less_than": "менее", "at_most": "не более",
    "range": "диапазон", "supports": "поддерживает", "disputes": "оспаривает",
}


def labels(language: str) -> dict[str, str]:
    return RU if language == "ru" else EN


def value(language: str, v: object) -> str:
    """An enum value in the report's language (English keeps the value, underscores as spaces)."""
    if v is None:
        return ""
    text = str(v)
    return VALUES_RU.get(text, text.replace("_", " ")) if language == "ru" else text.replace("_", " ")
