"""marsad (مرصد): Arabic news to clean, structured, searchable knowledge — offline."""

__version__ = "0.1.0"

from marsad.api import analyze, analyze_file  # noqa: E402
from marsad.document import Article  # noqa: E402
from marsad.errors import InputError, MarsadError  # noqa: E402

__all__ = ["Article", "InputError", "MarsadError", "analyze", "analyze_file", "__version__"]
