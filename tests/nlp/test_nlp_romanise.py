"""A Cyrillic name and its Latin spelling: one pair per spelling convention."""

from __future__ import annotations

import pytest

from aqiqat.nlp.romanise import same_name


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("Николай Касьян", "Nikolay Kasyan", True),
        ("Тоқаев", "Tokayev", True),
        ("Тоқаев", "Toqaev", True),
        ("Асылов", "Asylov", True),
        ("Жанар Сапарова", "Zhanar Saparova", True),
        ("Айгерим Тлеубаева", "Aigerim Tleubayeva", True),
        ("Асылов", "Asanov", False),
        ("Николай Касьян", "Nikolay", False),
    ],
)
def test_same_name(a: str, b: str, same: bool) -> None:
    assert same_name(a, b) is same


