"""Quote extraction and attribution: ``extract(text) -> Extraction``."""
from .model import Extraction, Quote, Speaker
from .pipeline import extract
from .serialize import to_prediction

__all__ = ["extract", "Quote", "Speaker", "Extraction", "to_prediction"]
