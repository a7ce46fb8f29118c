"""Words that signal events, actors, victims and outcomes (lemmas, as pymorphy3 gives them)."""

from __future__ import annotations

from aqiqat.domain.enums import ActorKind, EventType, Harm, Sex

TRIGGERS: dict[str, EventType] = {
    "расстрелять": EventType.SHOOTING, "расстреливать": EventType.SHOOTING, "расстрел": EventType.SHOOTING,
    "стрелять": EventType.SHOOTING, "обстрелять": EventType.SHOOTING, "обстреливать": EventType.SHOOTING,
    "стрельба": EventType.SHOOTING, "обстрел": EventType.SHOOTING, "выстрел": EventType.SHOOTING,
    "застрелить": EventType.KILLING, "убить": EventType.KILLING, "убивать": EventType.KILLING,
    "убийство": EventType.KILLING, "зарезать": EventType.KILLING,
    "поджигать": EventType.ARSON, "поджечь": EventType.ARSON, "поджог": EventType.ARSON, "сжечь": EventType.ARSON,
    "задержать": EventType.DETENTION, "задерживать": EventType.DETENTION, "задержание": EventType.DETENTION,
    "арестовать": EventType.DETENTION, "арест": EventType.DETENTION, "содержание": EventType.DETENTION,
    "пытка": EventType.TORTURE, "пытать": EventType.TORTURE, "избить": EventType.TORTURE,
    "избиение": EventType.TORTURE, "выбивать": EventType.TORTURE, "истязать": EventType.TORTURE,
    "подбросить": EventType.PLANTED_EVIDENCE, "подкинуть": EventType.PLANTED_EVIDENCE,
    "подбрасывать": EventType.PLANTED_EVIDENCE,
    "фабриковать": EventType.FABRICATED_CASE, "сфабриковать": EventType.FABRICATED_CASE,
    "фальсифицировать": EventType.FABRICATED_CASE,
    "обвинить": EventType.PROSECUTION, "обвинять": EventType.PROSECUTION, "осудить": EventType.PROSECUTION,
    "приговорить": EventType.PROSECUTION,
    "митинг": EventType.PROTEST, "протест": EventType.PROTEST, "протестовать": EventType.PROTEST,
    "демонстрация": EventType.PROTEST, "забастовка": EventType.PROTEST, "шествие": EventType.PROTEST,
    "беспорядок": EventType.RIOT, "беспорядки": EventType.RIOT, "погром": EventType.RIOT,
    "бунт": EventType.RIOT, "мародёрство": EventType.RIOT,
    "ранить": EventType.INJURY, "ранение": EventType.INJURY,
    "похитить": EventType.ENFORCED_DISAPPEARANCE, "исчезнуть": EventType.ENFORCED_DISAPPEARANCE,
    "угрожать": EventType.THREAT,
    "заявить": EventType.STATEMENT, "обратиться": EventType.STATEMENT, "заговорить": EventType.STATEMENT,
    "пообещать": EventType.STATEMENT, "заявление": EventType.STATEMENT,
}
# «открыть огонь», «вести огонь»: a verb whose object is one of these nouns is a shooting.
FIRE_VERBS = {"открыть", "открывать", "вести", "повести", "применить"}
FIRE_NOUNS = {"огонь", "оружие"}
# A trigger under one of these is a duty or a possibility, not an event: «мы должны открывать огонь».
MODALS = {"должный", "надо", "нужно", "необходимо", "следовать", "обязанный"}
# Nouns that name an event only as subject (Nom): «начались беспорядки», not «после протестов».
NOMINATIVE_ONLY = {EventType.PROTEST, EventType.RIOT}
ORDER_WORDS = {"приказ", "приказать", "распоряжение", "команда"}
SHUTDOWN_WORDS = {"интернет", "связь", "мобильный"}
SHUTDOWN_VERBS = {"отключить", "отключение", "заблокировать", "блокировка", "отключать"}
# Statements count only from someone named (a person or organisation as subject).
NEEDS_NAMED_SUBJECT = {EventType.STATEMENT}
# Harm the victims of each event type suffer, unless an outcome sentence says more.
HARM_OF: dict[EventType, Harm] = {
    EventType.KILLING: Harm.KILLED, EventType.INJURY: Harm.INJURED, EventType.DETENTION: Harm.DETAINED,
    EventType.TORTURE: Harm.TORTURED, EventType.ENFORCED_DISAPPEARANCE: Harm.DISAPPEARED,
    EventType.THREAT: Harm.THREATENED, EventType.ARSON: Harm.PROPERTY,
}
WITH_VICTIMS = {EventType.SHOOTING, EventType.KILLING, EventType.INJURY, EventType.DETENTION, EventType.TORTURE,
                EventType.ENFORCED_DISAPPEARANCE, EventType.PLANTED_EVIDENCE, EventType.FABRICATED_CASE,
                EventType.PROSECUTION, EventType.THREAT}
OUTCOMES: dict[str, Harm] = {
    "погибнуть": Harm.KILLED, "умереть": Harm.KILLED, "скончаться": Harm.KILLED, "погибший": Harm.KILLED,
    "убитый": Harm.KILLED, "убить": Harm.KILLED, "ранить": Harm.INJURED, "раненый": Harm.INJURED,
    "пострадать": Harm.INJURED, "задержать": Harm.DETAINED, "исчезнуть": Harm.DISAPPEARED,
}
ACTORS: dict[str, ActorKind] = {
    "военный": ActorKind.MILITARY, "солдат": ActorKind.MILITARY, "армия": ActorKind.MILITARY,
    "военнослужащий": ActorKind.MILITARY, "миротворец": ActorKind.MILITARY, "десантник": ActorKind.MILITARY,
    "силовик": ActorKind.STATE_SECURITY, "спецназ": ActorKind.POLICE, "спецназовец": ActorKind.POLICE,
    "полицейский": ActorKind.POLICE, "полиция": ActorKind.POLICE, "омон": ActorKind.POLICE,
    "омоновец": ActorKind.POLICE, "правоохранитель": ActorKind.POLICE, "орган": ActorKind.POLICE,
    "сотрудник": ActorKind.STATE_SECURITY, "снайпер": ActorKind.UNKNOWN, "нацгвардия": ActorKind.MILITARY,
    "власть": ActorKind.GOVERNMENT, "боевик": ActorKind.ARMED_GROUP, "террорист": ActorKind.ARMED_GROUP,
    "бандит": ActorKind.ARMED_GROUP, "протестующий": ActorKind.UNKNOWN, "демонстрант": ActorKind.UNKNOWN,
    "мародёр": ActorKind.UNKNOWN, "неизвестный": ActorKind.UNKNOWN, "погромщик": ActorKind.UNKNOWN,
}
# Unnamed people who can be victims: lemma -> sex
PEOPLE: dict[str, Sex] = {
    "мать": Sex.FEMALE, "отец": Sex.MALE, "дочь": Sex.FEMALE, "сын": Sex.MALE, "муж": Sex.MALE,
    "жена": Sex.FEMALE, "брат": Sex.MALE, "сестра": Sex.FEMALE, "мужчина": Sex.MALE, "женщина": Sex.FEMALE,
    "ребёнок": Sex.UNKNOWN, "ребенок": Sex.UNKNOWN, "девочка": Sex.FEMALE, "мальчик": Sex.MALE,
    "подросток": Sex.UNKNOWN, "девушка": Sex.FEMALE, "парень": Sex.MALE, "юноша": Sex.MALE,
    "старик": Sex.MALE, "пенсионер": Sex.MALE, "пенсионерка": Sex.FEMALE, "студент": Sex.MALE,
    "студентка": Sex.FEMALE, "человек": Sex.UNKNOWN, "житель": Sex.UNKNOWN, "гражданин": Sex.UNKNOWN,
    "гражданский": Sex.UNKNOWN, "водитель": Sex.MALE, "супруг": Sex.MALE, "супруга": Sex.FEMALE,
    "мусульманин": Sex.UNKNOWN, "активист": Sex.UNKNOWN, "журналист": Sex.UNKNOWN, "задержанный": Sex.UNKNOWN,
}
NUMBER_WORDS = {
    "один": 1, "одна": 1, "оба": 2, "обе": 2, "два": 2, "две": 2, "двое": 2, "три": 3, "трое": 3,
    "четыре": 4, "четверо": 4, "пять": 5, "пятеро": 5, "шесть": 6, "шестеро": 6, "семь": 7, "семеро": 7,
    "восемь": 8, "девять": 9, "десять": 10, "десятеро": 10,
}
SOURCE_MARKERS = ("по данным", "по словам", "по мнению", "по информации", "по сведениям", "как сообщает",
                  "как сообщил", "как сообщили", "согласно")
WITNESS_MARKERS = {"очевидец": "очевидцы", "соцсеть": "соцсети"}
# Deployment of armed forces (type other, subtype deployment): the forces, verbs that bring them in
# («ввели войска»), verbs of entering a town («в город вошли танки») and the public spaces they appear in.
FORCES = {"армия", "войско", "военный", "солдат", "военнослужащий", "бронетехника", "танк", "бтр",
          "нацгвардия", "миротворец", "десантник", "контингент", "спецназ", "спецназовец"}
INTRODUCE_VERBS = {"ввести", "вводить", "развернуть", "разворачивать", "стянуть", "стягивать", "перебросить",
                   "перебрасывать"}
ENTER_VERBS = {"войти", "входить", "въехать", "въезжать", "патрулировать", "оцепить", "занять"}
STREETS = {"улица", "площадь"}
TOWN_WORDS = STREETS | {"город", "столица", "центр", "район", "село", "посёлок", "поселок"}
DEPLOYMENT = "deployment"
# Every lemma that can make a sentence matter to events (triggers, «открыли огонь», «отключили», «случай»).
EVENT_WORDS = frozenset(TRIGGERS) | FIRE_VERBS | SHUTDOWN_VERBS | {"случай"} | FORCES | INTRODUCE_VERBS | \
    ENTER_VERBS
OUTCOME_WORDS = frozenset(OUTCOMES)
