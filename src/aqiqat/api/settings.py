from aqiqat.config import Settings

__all__ = ["Settings"]
