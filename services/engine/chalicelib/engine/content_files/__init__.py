"""The learning content file: read from disk, checked item by item, indexed as LearningContent."""

from chalicelib.engine.content_files.parser import load_content
from chalicelib.engine.content_files.reader import content_path, read_content

__all__ = ["content_path", "load_content", "read_content"]
