"""Stage 1 of natural language to workflow: a tiny NER model (ONNX) that tags mentions in a request."""

from .tagger import Mention, Tagger

__all__ = ["Mention", "Tagger"]
