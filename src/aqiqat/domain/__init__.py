"""The domain model of Aqiqat: frozen dataclasses and enums, standard library only, no I/O."""
